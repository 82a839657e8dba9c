"""Reads for the public corrections log: every correction, newest first, with
how long after the original it came. Newsroom edits that changed what readers
read (wording, owner, deadline, targets) are listed too, dated from the
pledge's publication."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator

from commitments.models import Measurement, Pledge, PledgeEdit, StatusUpdate


@dataclass(frozen=True)
class CorrectionRow:
    kind: str  # "status", "measurement" or "edit"
    at: datetime
    original_at: datetime
    delay: timedelta
    pledge: Pledge
    correction: Any
    original: Any

    @property
    def delay_days(self) -> int:
        return self.delay.days


def corrections_log(*, page: int | str | None = 1, per_page: int = 50) -> Page:
    """A page of corrections. Three queries whatever the page size, plus a count.

    Both kinds are merged in Python after a bounded fetch per kind, since a log
    that outgrows a few thousand corrections would be a different problem.
    """
    status_rows = (
        StatusUpdate.objects.filter(corrects__isnull=False)
        .select_related("pledge", "corrects")
        .order_by("-created_at", "-id")[:5000]
    )
    measurement_rows = (
        Measurement.objects.filter(corrects__isnull=False)
        .select_related("target__pledge", "corrects")
        .order_by("-created_at", "-id")[:5000]
    )
    edit_rows = (
        PledgeEdit.objects.filter(is_public=True)
        .select_related("pledge")
        .order_by("-created_at", "-id")[:5000]
    )
    rows = (
        [
            CorrectionRow(
                "edit",
                row.created_at,
                row.pledge.created_at,
                row.created_at - row.pledge.created_at,
                row.pledge,
                row,
                row.pledge,
            )
            for row in edit_rows
        ]
        + [
            CorrectionRow(
                "status",
                row.created_at,
                row.corrects.created_at,
                row.created_at - row.corrects.created_at,
                row.pledge,
                row,
                row.corrects,
            )
            for row in status_rows
            # Always true by the query; the check tells the type checker.
            if row.corrects is not None
        ]
        + [
            CorrectionRow(
                "measurement",
                row.created_at,
                row.corrects.created_at,
                row.created_at - row.corrects.created_at,
                row.target.pledge,
                row,
                row.corrects,
            )
            for row in measurement_rows
            if row.corrects is not None
        ]
    )
    rows.sort(key=lambda r: (r.at, r.correction.pk), reverse=True)
    return Paginator(rows, per_page).get_page(page)
