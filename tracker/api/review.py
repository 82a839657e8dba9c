"""Newsroom API: ingest sources, read extraction jobs, decide candidates."""

from ninja import Router

router = Router()
