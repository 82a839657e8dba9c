"""The API's reads: one query set per list, with every related row it needs
fetched in a fixed number of queries whatever the page size."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import (
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from commitments.models import (
    Category,
    Citation,
    Measurement,
    Owner,
    Pledge,
    PledgeQuerySet,
    StatusUpdate,
    Target,
    overdue_condition,
)
from commitments.models.record import OwnerIn, owner_subtree_sql
from commitments.search import pledge_search


def _latest_updates() -> QuerySet[StatusUpdate]:
    """The newest update of each pledge (the prefetch adds `pledge IN (...)`)."""
    if connection.vendor == "postgresql":
        # DISTINCT ON walks each pledge's few updates through the pledge
        # index: ~1 ms for a page, where a correlated subquery took ~80 ms.
        return StatusUpdate.objects.order_by(
            "pledge_id", "-created_at", "-id"
        ).distinct("pledge_id")
    newest = StatusUpdate.objects.filter(pledge=OuterRef("pledge")).order_by(
        "-created_at", "-id"
    )
    return StatusUpdate.objects.filter(pk=Subquery(newest.values("pk")[:1]))


def pledges_with_relations(queryset: QuerySet[Pledge]) -> QuerySet[Pledge]:
    """Everything a pledge's representation shows, in six queries per page."""
    return queryset.select_related("owner").prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("slug")),
        Prefetch(
            "targets",
            queryset=Target.objects.order_by("position", "id").prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("id"))
            ),
        ),
        Prefetch(
            "citations",
            # Not the article bodies: a citation shows where, not the whole text
            # (real articles run to tens of kilobytes each).
            queryset=Citation.objects.select_related("source")
            .defer("source__body")
            .order_by("created_at", "id"),
        ),
        Prefetch(
            "status_updates", queryset=_latest_updates(), to_attr="latest_updates"
        ),
    )


def pledge_filter(
    *,
    status: str | None = None,
    owner: str | None = None,
    category: str | None = None,
    deadline_from: date | None = None,
    deadline_to: date | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    updated_since: datetime | None = None,
) -> QuerySet[Pledge]:
    queryset: PledgeQuerySet = Pledge.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    if owner:
        # Sub-owners included, as on the owner's page.
        queryset = queryset.owned_by(owner)
    if category:
        # A subquery, not a join: a pledge in two categories is listed once.
        queryset = queryset.filter(
            pk__in=Pledge.categories.through.objects.filter(
                category__slug=category
            ).values("pledge_id")
        )
    if deadline_from:
        queryset = queryset.filter(deadline__gte=deadline_from)
    if deadline_to:
        queryset = queryset.filter(deadline__lte=deadline_to)
    if overdue is not None:
        # Computed, not the stored flag: right on the day a deadline passes.
        overdue_now = overdue_condition(timezone.localdate())
        queryset = (
            queryset.filter(overdue_now) if overdue else queryset.exclude(overdue_now)
        )
    if updated_since:
        queryset = queryset.filter(updated_at__gte=updated_since)
    if q:
        queryset = pledge_search(queryset, q)
        if queryset.query.annotations:
            # The search annotation must not turn the keyset query into a
            # GROUP BY; keep only matching ids.
            queryset = Pledge.objects.filter(pk__in=queryset.values("pk"))
    return queryset


PLEDGE_COLUMNS = (
    "id",
    "public_id",
    "slug",
    "title",
    "title_en",
    "summary",
    "original_wording",
    "status",
    "official_status",
    "owner_id",
    "owner__slug",
    "owner__name",
    "owner__name_en",
    "made_on",
    "deadline",
    "deadline_precision",
    "is_stale",
    "has_disagreement",
    "created_at",
    "updated_at",
)


def pledge_values(queryset: QuerySet[Pledge]) -> QuerySet[Pledge, dict[str, Any]]:
    """The columns a pledge's representation shows, as dicts
    (`commitments.api.pledge_rows` writes the bodies from them and a few bulk
    queries); keyset pages need `id` and `updated_at`, among them."""
    return queryset.values(*PLEDGE_COLUMNS)


def owners_with_counts() -> QuerySet[Owner]:
    return Owner.objects.select_related("parent").annotate(
        pledge_count=Count("pledges", distinct=True)
    )


def owner_get(slug: str) -> Owner:
    owner = owners_with_counts().filter(slug=slug).first()
    if owner is None:
        raise Http404("No owner with that slug.")
    return owner


def categories_with_counts() -> QuerySet[Category]:
    return Category.objects.annotate(pledge_count=Count("pledges", distinct=True))


def category_get(slug: str) -> Category:
    category = categories_with_counts().filter(slug=slug).first()
    if category is None:
        raise Http404("No category with that slug.")
    return category


def status_updates_filter(
    *,
    pledge: str | None = None,
    owner: str | None = None,
    kind: str | None = None,
    since: datetime | None = None,
) -> QuerySet[StatusUpdate]:
    queryset = (
        StatusUpdate.objects.select_related("pledge", "evidence_source")
        .defer("evidence_source__body")  # only its URL is shown
        .annotate(corrects_public_id=F("corrects__public_id"))
    )
    if pledge:
        queryset = queryset.filter(_pledge_key(pledge, prefix="pledge__"))
    if owner:
        # The subtree walked inside the query, as the pledge filter does.
        queryset = queryset.filter(
            OwnerIn(F("pledge__owner_id"), owner_subtree_sql(owner))
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    if since:
        queryset = queryset.filter(created_at__gte=since)
    return queryset


def measurements_filter(
    *, pledge: str | None = None, since: datetime | None = None
) -> QuerySet[Measurement]:
    queryset = Measurement.objects.select_related("target", "target__pledge").annotate(
        corrects_public_id=F("corrects__public_id")
    )
    if pledge:
        queryset = queryset.filter(_pledge_key(pledge, prefix="target__pledge__"))
    if since:
        queryset = queryset.filter(created_at__gte=since)
    return queryset


def _pledge_key(key: str, *, prefix: str) -> Q:

    condition = Q(**{f"{prefix}slug": key})
    with contextlib.suppress(ValueError):
        condition |= Q(**{f"{prefix}public_id": UUID(key)})
    return condition


def stats() -> dict:
    """Counts per status, owner and category, aggregated in SQL (four queries)."""
    totals = Pledge.objects.aggregate(
        total=Count("id"),
        overdue=Count("id", filter=overdue_condition(timezone.localdate())),
        disagreement=Count("id", filter=Q(has_disagreement=True)),
        stale=Count("id", filter=Q(is_stale=True)),
        updated_at=Max("updated_at"),
    )
    by_status = dict(
        Pledge.objects.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    by_owner = (
        Pledge.objects.order_by()
        .values("owner__slug", "owner__name", "owner__name_en", "status")
        .annotate(n=Count("id"))
    )
    by_category = (
        Pledge.categories.through.objects.order_by()
        .values(
            "category__slug",
            "category__name",
            "category__name_en",
            "pledge__status",
        )
        .annotate(n=Count("pledge_id"))
    )
    return {
        **totals,
        "by_status": by_status,
        "by_owner": _rows(by_owner, "owner__", "status"),
        "by_category": _rows(by_category, "category__", "pledge__status"),
    }


def _rows(values: QuerySet, prefix: str, status_key: str) -> list[dict]:
    rows: dict[str, dict] = {}
    for row in values:
        slug = row[f"{prefix}slug"]
        entry = rows.setdefault(
            slug,
            {
                "slug": slug,
                "name": row[f"{prefix}name"],
                "name_en": row[f"{prefix}name_en"],
                "total": 0,
                "by_status": {},
            },
        )
        entry["total"] += row["n"]
        entry["by_status"][row[status_key]] = row["n"]
    return sorted(rows.values(), key=lambda r: r["slug"])
