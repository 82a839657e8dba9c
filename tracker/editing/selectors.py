"""Reads for the pledge edit page."""

from django.db.models import QuerySet

from commitments.models import Pledge, PledgeEdit


def pledge_edits(*, pledge: Pledge, limit: int = 50) -> QuerySet[PledgeEdit]:
    """The pledge's edits, newest first, with who made them."""
    return PledgeEdit.objects.filter(pledge=pledge).select_related("author")[:limit]
