"""Reads for the readers' reports inbox."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from commitments.models import ReaderReport

STATES = tuple(ReaderReport.State.values)


def inbox(*, state: str = "open", page: int | str | None = 1) -> Page:
    """A page of reports in one state (open by default), oldest open first
    so nothing waits forever; closed ones newest first."""
    if state not in STATES:
        state = ReaderReport.State.OPEN
    queryset: QuerySet[ReaderReport] = ReaderReport.objects.filter(
        state=state
    ).select_related("pledge", "resolved_by")
    if state == ReaderReport.State.OPEN:
        queryset = queryset.order_by("created_at", "id")
    else:
        queryset = queryset.order_by("-resolved_at", "-id")
    return Paginator(queryset, 30).get_page(page)


def open_count() -> int:
    return ReaderReport.objects.filter(state=ReaderReport.State.OPEN).count()
