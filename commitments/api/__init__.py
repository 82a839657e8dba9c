"""The public read API (/api/v1/): pledges, owners, categories, feeds of changes."""

from ninja import Router

router = Router(tags=["public"])
