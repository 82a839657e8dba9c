"""Reads for the public pages. Selectors own select_related/prefetch_related
and aggregate in SQL, so a page's query count does not grow with the record.
Counts are in `commitments.pages.counts`, the list's filters in
`commitments.pages.filters`."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from commitments import summary_cache
from commitments.indexes import open_condition
from commitments.models import (
    Category,
    Citation,
    Measurement,
    Owner,
    Pledge,
    StatusUpdate,
    Target,
)
from commitments.pages import pagination
from commitments.pages.counts import (
    Breakdown,
    StatusCounts,
    counts_from_row,
    grouped_counts,
    status_aggregates,
    today,
)
from commitments.pages.filters import (
    SORTS,
    PledgeFilters,
    filtered_pledges,
    matching_ids,
    sort_order,
)
from commitments.pages.pagination import CappedPaginator, matched_page
from commitments.statuses import STATUS_INFO
from commitments.timeline import latest_reports

PAGE_SIZE = 25
UPCOMING_DAYS = 90


# --- Home -----------------------------------------------------------------------


@dataclass
class DashboardSummary:
    as_of: date
    last_update_at: Any
    counts: StatusCounts
    recent: list[Pledge]
    upcoming: list[Pledge]
    upcoming_total: int
    categories: list[Breakdown]
    owners: list[Breakdown]


def _breakdowns(
    counts: dict[Any, StatusCounts], objects: dict[Any, Any]
) -> list[Breakdown]:
    return [
        Breakdown(obj=objects[pk], counts=c)
        for pk, c in counts.items()
        if pk in objects and c.total
    ]


@dataclass(frozen=True)
class RecordTotals:
    """What the home counts over the whole record: cached per generation."""

    counts: StatusCounts
    upcoming_total: int
    categories: list[Breakdown]
    owners: list[Breakdown]


def _record_totals(on: date) -> RecordTotals:
    pledges = Pledge.objects.all()
    total = grouped_counts(pledges, None, on).get(None) or StatusCounts(
        total=0, by_status=dict.fromkeys(STATUS_INFO, 0)
    )
    by_category = grouped_counts(pledges, "categories", on)
    categories = _breakdowns(
        by_category, {c.pk: c for c in Category.objects.order_by("name")}
    )
    categories.sort(key=lambda b: b.obj.name)
    by_owner = grouped_counts(pledges, "owner_id", on)
    top = sorted(by_owner, key=lambda pk: -by_owner[pk].total)[:15]
    owners = _breakdowns({pk: by_owner[pk] for pk in top}, Owner.objects.in_bulk(top))
    owners.sort(key=lambda b: (-b.counts.total, b.obj.name))
    return RecordTotals(
        counts=total,
        upcoming_total=_upcoming(on).count(),
        categories=categories,
        owners=owners,
    )


def record_totals(on: date | None = None) -> RecordTotals:
    """The whole record's counts. Each is a scan of every pledge, so they are
    cached under the record's generation, which every write moves on
    (`commitments.summary_cache`): never stale after a write."""
    on = on or today()
    return summary_cache.cached(f"record-totals:{on}", lambda: _record_totals(on))


def _upcoming(on: date) -> Any:
    # The open-deadline partial index serves it (the same condition).
    return Pledge.objects.filter(
        open_condition(),
        deadline__gte=on,
        deadline__lte=on + timedelta(days=UPCOMING_DAYS),
    )


def dashboard_summary(*, on: date | None = None, limit: int = 8) -> DashboardSummary:
    """Everything the home page shows: the record's counts (cached, see
    `record_totals`) and three indexed reads, the newest and the next few."""
    on = on or today()
    totals = record_totals(on)
    # MAX() of the column the "recently updated" index leads with: one probe.
    last_update = (
        Pledge.objects.filter(last_update_at__isnull=False)
        .order_by(*SORTS["updated"])
        .values_list("last_update_at", flat=True)
        .first()
    )
    recent = list(
        Pledge.objects.select_related("owner")
        .filter(last_update_at__isnull=False)
        .order_by(*SORTS["updated"])[:limit]
    )
    upcoming = list(
        _upcoming(on).select_related("owner").order_by("deadline", "id")[:limit]
    )
    return DashboardSummary(
        as_of=on,
        last_update_at=last_update,
        counts=totals.counts,
        recent=recent,
        upcoming=upcoming,
        upcoming_total=totals.upcoming_total,
        categories=totals.categories,
        owners=totals.owners,
    )


# --- Pledge list ----------------------------------------------------------------


def pledge_list(
    filters: PledgeFilters | None = None,
    *,
    page: Any = 1,
    per_page: int = PAGE_SIZE,
    limit: int | None = None,
) -> Any:
    """A page of pledges matching `filters`; a page past the end is the last
    page and nonsense is the first. With `limit`, a plain queryset slice
    (for callers that want the newest few)."""
    filters = filters or PledgeFilters()
    order = sort_order(filters.sort)

    def shown(queryset: Any) -> Any:
        return (
            queryset.select_related("owner")
            .prefetch_related(
                Prefetch("targets", queryset=Target.objects.order_by("position", "id"))
            )
            .order_by(*order)
        )

    queryset = shown(filtered_pledges(filters))
    if limit:
        return queryset[:limit]
    if filters.q:
        return matched_page(
            search_ids(filters),
            lambda ids: shown(Pledge.objects.filter(pk__in=ids)),
            per_page=per_page,
            number=page,
        )
    # The unfiltered list's count is the record's total, already cached.
    known = None if filters.active else record_totals().counts.total
    paginator = CappedPaginator(queryset, per_page, known_count=known)
    return paginator.get_page(page)


def search_ids(filters: PledgeFilters) -> list[int]:
    """The first 1,001 ids a search (with its filters and sort) selects. The
    search reads every match through its indexes (~8,000 rows for a common
    word at 100,000 pledges), so the ids are cached under the record's
    generation like the home's counts: a write shows in the next search."""
    params = filters.querydict()
    params.pop("page", None)
    key = hashlib.blake2b(
        json.dumps(params, sort_keys=True, ensure_ascii=False).encode(),
        digest_size=16,
    ).hexdigest()
    return summary_cache.cached(
        f"search-ids:{key}", lambda: matching_ids(filters, pagination.COUNT_CAP + 1)
    )


def deadline_years() -> list[int]:
    """The years that have a deadline: a scan of every pledge, so cached like
    the home's counts (a write that adds a year moves the generation on)."""

    def compute() -> list[int]:
        return [
            d.year
            for d in Pledge.objects.filter(deadline__isnull=False).dates(
                "deadline", "year"
            )
        ]

    return summary_cache.cached("deadline-years", compute)


def filter_choices() -> dict[str, Any]:
    """Owners, categories and years for the filter form (three queries)."""
    return {
        "owners": list(Owner.objects.only("slug", "name", "name_en").order_by("name")),
        "categories": list(Category.objects.order_by("name")),
        "years": deadline_years(),
    }


# --- Pledge page ----------------------------------------------------------------


def check_slug(slug: str) -> str:
    """A slug from a URL: one PostgreSQL cannot even compare is simply absent."""
    if "\x00" in slug or len(slug) > 200:
        raise Http404("No such address.")
    return slug


def pledge_detail(*, slug: str) -> Pledge:
    check_slug(slug)
    queryset = Pledge.objects.select_related("owner", "owner__parent").prefetch_related(
        "categories",
        "co_owners",
        Prefetch(
            "targets",
            queryset=Target.objects.order_by("position", "id").prefetch_related(
                Prefetch(
                    "measurements", queryset=Measurement.objects.order_by("as_of", "id")
                )
            ),
        ),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("source").order_by(
                "source__published_on", "id"
            ),
        ),
        Prefetch(
            "status_updates",
            queryset=StatusUpdate.objects.select_related("author", "evidence_source"),
        ),
    )
    try:
        return queryset.get(slug=slug)
    except Pledge.DoesNotExist as exc:
        raise Http404("No pledge with that address.") from exc


def latest_updates(pledge: Pledge) -> dict[str, StatusUpdate | None]:
    """The effective latest newsroom verdict and official self-report, from the
    prefetched updates (no query). Corrections replace what they correct, in
    place: see `commitments.timeline.latest_reports`."""
    return latest_reports(pledge.status_updates.all())


# --- Owners and categories --------------------------------------------------------


@dataclass
class OwnerScorecard:
    owner: Owner
    ancestors: list[Owner]
    counts: StatusCounts  # the owner and everyone below it
    own_counts: StatusCounts  # the owner's own pledges only
    children: list[Breakdown]  # each direct sub-owner with its whole subtree
    recent: list[Pledge]


def owner_scorecard(
    *, slug: str, on: date | None = None, limit: int = 10
) -> OwnerScorecard:
    """An owner's record including sub-owners (mayor → city → department), in
    a fixed number of queries: the owner tree is small and read once."""
    check_slug(slug)
    on = on or today()
    owners = {o.pk: o for o in Owner.objects.all()}
    owner = next((o for o in owners.values() if o.slug == slug), None)
    if owner is None:
        raise Http404("No owner with that address.")
    children: dict[int | None, list[Owner]] = {}
    for o in owners.values():
        children.setdefault(o.parent_id, []).append(o)

    def subtree(root: Owner) -> list[int]:
        found: list[int] = []
        stack = [root.pk]
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.append(pk)
                stack.extend(c.pk for c in children.get(pk, []))
        return found

    ids = subtree(owner)
    # One grouped query: counts per status for every owner in the subtree.
    per_owner = {
        row["owner_id"]: counts_from_row(row)
        for row in Pledge.objects.filter(owner_id__in=ids)
        .order_by()
        .values("owner_id")
        .annotate(**status_aggregates(on))
    }

    def rollup(pks: list[int]) -> StatusCounts:
        parts = [per_owner[pk] for pk in pks if pk in per_owner]
        by_status = {
            code: sum(p.by_status[code] for p in parts) for code in STATUS_INFO
        }
        return StatusCounts(
            total=sum(p.total for p in parts),
            by_status=by_status,
            overdue=sum(p.overdue for p in parts),
            disagreements=sum(p.disagreements for p in parts),
        )

    ancestors: list[Owner] = []
    cursor = owners.get(owner.parent_id) if owner.parent_id else None
    while cursor is not None and cursor not in ancestors and cursor != owner:
        ancestors.insert(0, cursor)
        cursor = owners.get(cursor.parent_id) if cursor.parent_id else None
    child_rows = [
        Breakdown(obj=child, counts=rollup(subtree(child)))
        for child in sorted(children.get(owner.pk, []), key=lambda o: o.name)
    ]
    recent = list(
        Pledge.objects.filter(owner_id__in=ids)
        .select_related("owner")
        .order_by(*SORTS["updated"])[:limit]
    )
    return OwnerScorecard(
        owner=owner,
        ancestors=ancestors,
        counts=rollup(ids),
        own_counts=per_owner.get(owner.pk, rollup([])),
        children=child_rows,
        recent=recent,
    )


def category_detail(*, slug: str) -> Category:
    check_slug(slug)
    try:
        return Category.objects.get(slug=slug)
    except Category.DoesNotExist as exc:
        raise Http404("No category with that address.") from exc
