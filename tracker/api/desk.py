"""Newsroom API: status updates and measurements on pledges."""

from ninja import Router

router = Router()
