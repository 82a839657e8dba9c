"""Reads for the journalists' desk: what needs attention comes first."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from commitments.models import (
    Measurement,
    Pledge,
    StatusUpdate,
    Target,
    overdue_condition,
)
from commitments.roles import User
from commitments.services import today_local
from commitments.statuses import FINAL_STATUSES, Status
from tracker.models import Follow

# Deadlines closer than this put a pledge on the attention list.
DEADLINE_SOON_DAYS = 90

FLAG_CHOICES = ("attention", "followed", "overdue", "stale", "soon", "disagreement")


@dataclass(frozen=True)
class DeskFilters:
    q: str = ""
    status: str = ""
    flag: str = ""
    owner: str = ""  # owner slug


def _soon_q() -> Q:
    today = today_local()
    return (
        Q(deadline__gte=today)
        & Q(deadline__lte=today + timedelta(days=DEADLINE_SOON_DAYS))
        & ~Q(status__in=FINAL_STATUSES)
    )


def desk_pledges(*, user: User, filters: DeskFilters | None = None) -> QuerySet[Pledge]:
    """Pledges for the desk: followed first, then those needing attention
    (overdue, stale, deadline within 90 days, official report disagreeing with
    our verdict), then the rest; nearest deadline first within each group.

    Each row carries `followed`, `overdue_now`, `deadline_soon` and
    `needs_attention`.
    """
    filters = filters or DeskFilters()
    user_id = user.pk if user.is_authenticated else None
    # A visitor's None matches no follow; the stubs refuse None for a non-null key.
    followed = Exists(Follow.objects.filter(user_id=user_id, pledge=OuterRef("pk")))  # type: ignore[misc]
    soon = _soon_q()
    # Computed, not the stored flag: right on the day a deadline passes.
    overdue = overdue_condition(today_local())
    attention = overdue | Q(is_stale=True) | Q(has_disagreement=True) | soon
    queryset = (
        Pledge.objects.select_related("owner")
        .annotate(
            followed=followed,
            overdue_now=Case(
                When(overdue, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            deadline_soon=Case(
                When(soon, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            needs_attention=Case(
                When(attention, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            last_touched=Coalesce("last_update_at", "created_at"),
        )
        .order_by(
            F("followed").desc(),
            F("needs_attention").desc(),
            F("deadline").asc(nulls_last=True),
            "-last_touched",
            "-id",
        )
    )
    if filters.q.strip():
        term = filters.q.strip()
        queryset = queryset.filter(
            Q(title__icontains=term)
            | Q(title_en__icontains=term)
            | Q(slug__icontains=term)
            | Q(owner__name__icontains=term)
        )
    if filters.status in Status.values:
        queryset = queryset.filter(status=filters.status)
    if filters.owner:
        # Sub-owners included, as on the public owner page and in the API.
        queryset = queryset.owned_by(filters.owner)
    flag_filters = {
        "attention": attention,
        "followed": Q(followed=True),
        "overdue": overdue,
        "stale": Q(is_stale=True),
        "soon": soon,
        "disagreement": Q(has_disagreement=True),
    }
    if filters.flag in flag_filters:
        queryset = queryset.filter(flag_filters[filters.flag])
    return queryset


def attention_count() -> int:
    """Pledges needing attention (overdue, stale, deadline soon, official
    report disagreeing): the count in the newsroom's navigation bar."""
    attention = (
        Q(is_overdue=True) | Q(is_stale=True) | Q(has_disagreement=True) | _soon_q()
    )
    return Pledge.objects.filter(attention).count()


def user_follows(*, user: User, pledge: Pledge) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, pledge=pledge).exists()


# --- The pledge page's editor tools --------------------------------------------


def correctable_status_updates(*, pledge: Pledge) -> list[StatusUpdate]:
    """Updates an editor may correct: those no later correction replaced."""
    return list(
        StatusUpdate.objects.filter(pledge=pledge)
        .exclude(corrections__isnull=False)
        .select_related("author")
        .order_by("-created_at", "-id")[:50]
    )


def correctable_measurements(*, pledge: Pledge) -> list[Measurement]:
    return list(
        Measurement.objects.filter(target__pledge=pledge)
        .exclude(corrections__isnull=False)
        .select_related("target")
        .order_by("-as_of", "-id")[:50]
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    user: str
    what: str  # "pledge" or the target's metric
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[FieldChange]


def pledge_field_history(*, pledge: Pledge, limit: int = 100) -> list[HistoryRow]:
    """Field-level edit history of the pledge and its targets (simple-history),
    newest first. Each version is diffed against the one before it."""
    rows: list[HistoryRow] = []
    pledge_versions = list(
        pledge.history.select_related("history_user").order_by("history_date")[:500]
    )
    target_versions = list(
        Target.history.filter(pledge_id=pledge.pk)
        .select_related("history_user")
        .order_by("history_date")[:500]
    )
    for versions, label in ((pledge_versions, None), (target_versions, "target")):
        previous: dict[int, Any] = {}
        for version in versions:
            before = previous.get(version.id)
            changes: list[FieldChange] = []
            if before is not None:
                delta = version.diff_against(before)
                changes = [FieldChange(c.field, c.old, c.new) for c in delta.changes]
            previous[version.id] = version
            if before is not None and not changes:
                continue
            user = version.history_user
            rows.append(
                HistoryRow(
                    at=version.history_date,
                    user=user.get_username() if user else "",
                    what="pledge" if label is None else version.metric,
                    kind=version.history_type,
                    changes=changes,
                )
            )
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]
