"""The computed overdue, stale and disagreement flags."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from commitments import record_generation
from commitments.models import (
    Pledge,
)
from commitments.services.common import today_local
from commitments.statuses import FINAL_STATUSES, Status

# --- Computed flags ----------------------------------------------------------


def pledge_flags_compute(pledge: Pledge, *, today: date) -> dict[str, bool]:
    """The overdue, stale and disagreement flags, derived from the pledge's state."""
    final = pledge.status in FINAL_STATUSES
    overdue = pledge.is_overdue_on(today)
    last = pledge.last_update_at or pledge.created_at
    stale_before = today - timedelta(days=settings.STALE_AFTER_DAYS)
    stale = bool(not final and last and timezone.localtime(last).date() < stale_before)
    disagreement = bool(
        pledge.official_status
        and pledge.status != Status.NOT_RATED
        and pledge.official_status != pledge.status
    )
    return {"is_overdue": overdue, "is_stale": stale, "has_disagreement": disagreement}


def pledge_flags_refresh(*, pledge: Pledge) -> None:
    """Recompute and save the stored flags (and any field the caller changed)."""
    for name, value in pledge_flags_compute(pledge, today=today_local()).items():
        setattr(pledge, name, value)
    pledge.save()


def pledge_flags_recompute_all(*, today: date | None = None) -> int:
    """Recompute every open pledge's flags in bulk; returns how many changed.

    Runs daily: deadlines pass and updates age without anyone touching a pledge.
    """
    today = today or today_local()
    changed: list[Pledge] = []
    fields = ["is_overdue", "is_stale", "has_disagreement"]
    queryset = Pledge.objects.filter(
        ~Q(status__in=FINAL_STATUSES) | Q(is_overdue=True) | Q(is_stale=True)
    ).only(
        "id",
        "status",
        "official_status",
        "deadline",
        "last_update_at",
        "created_at",
        *fields,
    )
    for pledge in queryset.iterator(chunk_size=2000):
        flags = pledge_flags_compute(pledge, today=today)
        if any(getattr(pledge, k) != v for k, v in flags.items()):
            for k, v in flags.items():
                setattr(pledge, k, v)
            changed.append(pledge)
    # bulk_update skips auto_now and history: flags are derived, not edits.
    Pledge.objects.bulk_update(changed, fields, batch_size=1000)
    # bulk_update sends no signals: the cached summaries count these flags.
    record_generation.bump()
    return len(changed)
