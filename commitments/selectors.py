"""Reads for pages and the API. Selectors own select_related/prefetch_related
and aggregate in SQL, so a page's query count does not grow with the record.

Definitions used on every page (the methodology page states them):
- overdue: the deadline has passed and the status is not final;
- kept rate: kept pledges as a share of all pledges tracked (partially kept
  is shown on its own, never counted as kept); broken and in-progress shares
  likewise.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from commitments.models import (
    Category,
    Citation,
    Measurement,
    Owner,
    Pledge,
    StatusUpdate,
    Target,
)
from commitments.search import pledge_search
from commitments.statuses import FINAL_STATUSES, STATUS_INFO, Status
from commitments.timeline import latest_reports

PAGE_SIZE = 25
UPCOMING_DAYS = 90
# The shares shown beside the chart, in this order.
HEADLINE_STATUSES = (Status.KEPT, Status.BROKEN, Status.IN_PROGRESS)


def today() -> date:
    return timezone.localdate()


def overdue_q(on: date) -> Q:
    """Deadline passed, status not final: computed at read time so it is never
    a day behind the stored flag."""
    return Q(deadline__lt=on) & ~Q(status__in=FINAL_STATUSES)


# --- Status counts --------------------------------------------------------------


@dataclass(frozen=True)
class StatusCounts:
    """Counts per status for a set of pledges, and the rates derived from them."""

    total: int
    by_status: dict[str, int]
    overdue: int = 0
    disagreements: int = 0

    def rate(self, status: str) -> float | None:
        """Share of all pledges with this status (None when there are none)."""
        if not self.total:
            return None
        return self.by_status.get(status, 0) / self.total

    @property
    def kept_rate(self) -> float | None:
        return self.rate(Status.KEPT)

    @property
    def broken_rate(self) -> float | None:
        return self.rate(Status.BROKEN)

    @property
    def in_progress_rate(self) -> float | None:
        return self.rate(Status.IN_PROGRESS)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row per status in taxonomy order, for tables and charts."""
        return [
            {
                "code": code,
                "count": self.by_status.get(code, 0),
                "rate": self.rate(code),
            }
            for code in STATUS_INFO
        ]


def _status_aggregates(on: date) -> dict[str, Any]:
    """Aggregate expressions giving a count per status, overdue and disagreement
    counts in a single query."""
    aggregates: dict[str, Any] = {
        f"n_{code}": Count("id", filter=Q(status=code)) for code in STATUS_INFO
    }
    aggregates["n_total"] = Count("id")
    aggregates["n_overdue"] = Count("id", filter=overdue_q(on))
    aggregates["n_disagreements"] = Count("id", filter=Q(has_disagreement=True))
    return aggregates


def _counts_from_row(row: dict[str, Any], prefix: str = "n_") -> StatusCounts:
    return StatusCounts(
        total=row[f"{prefix}total"] or 0,
        by_status={code: row[f"{prefix}{code}"] or 0 for code in STATUS_INFO},
        overdue=row.get(f"{prefix}overdue") or 0,
        disagreements=row.get(f"{prefix}disagreements") or 0,
    )


def status_counts(
    queryset: QuerySet[Pledge], *, on: date | None = None
) -> StatusCounts:
    row = queryset.order_by().aggregate(**_status_aggregates(on or today()))
    return _counts_from_row(row)


# --- Home -----------------------------------------------------------------------


@dataclass
class Breakdown:
    """A category's or owner's counts, for the breakdown bars."""

    obj: Any
    counts: StatusCounts


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


def grouped_counts(
    queryset: QuerySet[Pledge], key: str | None, on: date
) -> dict[Any, StatusCounts]:
    """Status counts per value of `key` (e.g. "owner_id", "categories"), from
    one GROUP BY key, status query: a few hundred rows, whatever the record's
    size. With key None, a single entry under None."""
    fields = [key, "status"] if key else ["status"]
    rows = (
        queryset.order_by()
        .values(*fields)
        .annotate(
            n=Count("id"),
            n_overdue=Count("id", filter=overdue_q(on)),
            n_disagreements=Count("id", filter=Q(has_disagreement=True)),
        )
    )
    found: dict[Any, dict[str, Any]] = {}
    for row in rows:
        group = row[key] if key else None
        acc = found.setdefault(
            group,
            {"by_status": dict.fromkeys(STATUS_INFO, 0), "overdue": 0, "dis": 0},
        )
        if row["status"] in acc["by_status"]:
            acc["by_status"][row["status"]] += row["n"]
        acc["overdue"] += row["n_overdue"]
        acc["dis"] += row["n_disagreements"]
    return {
        group: StatusCounts(
            total=sum(acc["by_status"].values()),
            by_status=acc["by_status"],
            overdue=acc["overdue"],
            disagreements=acc["dis"],
        )
        for group, acc in found.items()
    }


def _breakdowns(
    counts: dict[Any, StatusCounts], objects: dict[Any, Any]
) -> list[Breakdown]:
    return [
        Breakdown(obj=objects[pk], counts=c)
        for pk, c in counts.items()
        if pk in objects and c.total
    ]


def dashboard_summary(*, on: date | None = None, limit: int = 8) -> DashboardSummary:
    """Everything the home page shows, in a fixed number of queries (nine)."""
    on = on or today()
    pledges = Pledge.objects.all()
    total = grouped_counts(pledges, None, on).get(None) or StatusCounts(
        total=0, by_status=dict.fromkeys(STATUS_INFO, 0)
    )
    last_update = pledges.order_by().aggregate(last=Max("last_update_at"))["last"]
    recent = list(
        Pledge.objects.select_related("owner")
        .filter(last_update_at__isnull=False)
        .order_by("-last_update_at", "-id")[:limit]
    )
    upcoming_qs = Pledge.objects.filter(
        deadline__gte=on, deadline__lte=on + timedelta(days=UPCOMING_DAYS)
    ).exclude(status__in=FINAL_STATUSES)
    upcoming = list(
        upcoming_qs.select_related("owner").order_by("deadline", "id")[:limit]
    )
    upcoming_total = upcoming_qs.count()
    by_category = grouped_counts(pledges, "categories", on)
    categories = _breakdowns(
        by_category, {c.pk: c for c in Category.objects.order_by("name")}
    )
    categories.sort(key=lambda b: b.obj.name)
    by_owner = grouped_counts(pledges, "owner_id", on)
    top = sorted(by_owner, key=lambda pk: -by_owner[pk].total)[:15]
    owners = _breakdowns({pk: by_owner[pk] for pk in top}, Owner.objects.in_bulk(top))
    owners.sort(key=lambda b: (-b.counts.total, b.obj.name))
    return DashboardSummary(
        as_of=on,
        last_update_at=last_update,
        counts=total,
        recent=recent,
        upcoming=upcoming,
        upcoming_total=upcoming_total,
        categories=categories,
        owners=owners,
    )


# --- Pledge list ----------------------------------------------------------------

# Missing dates sort last in both directions, on SQLite and PostgreSQL alike.
SORTS: dict[str, tuple[Any, ...]] = {
    "updated": (F("last_update_at").desc(nulls_last=True), "-id"),
    "deadline": (F("deadline").asc(nulls_last=True), "id"),
    "-deadline": (F("deadline").desc(nulls_last=True), "-id"),
    "title": ("title", "id"),
    "made": (F("made_on").desc(nulls_last=True), "-id"),
}
DEFAULT_SORT = "updated"
TRUE_VALUES = ("1", "true", "yes", "on")


@dataclass
class PledgeFilters:
    """Cleaned list filters. Values that make no sense are dropped and named in
    `ignored`, so the page can say so instead of failing."""

    statuses: list[str] = field(default_factory=list)
    owner: Owner | None = None
    category: Category | None = None
    year: int | None = None
    overdue: bool = False
    disagreement: bool = False
    q: str = ""
    sort: str = DEFAULT_SORT
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(
            self.statuses
            or self.owner
            or self.category
            or self.year
            or self.overdue
            or self.disagreement
            or self.q
        )

    def querydict(self) -> dict[str, Any]:
        """The cleaned filters as URL parameters (for links that keep them)."""
        params: dict[str, Any] = {}
        if self.statuses:
            params["status"] = self.statuses
        if self.owner:
            params["owner"] = self.owner.slug
        if self.category:
            params["category"] = self.category.slug
        if self.year:
            params["year"] = self.year
        if self.overdue:
            params["overdue"] = "1"
        if self.disagreement:
            params["disagreement"] = "1"
        if self.q:
            params["q"] = self.q
        if self.sort != DEFAULT_SORT:
            params["sort"] = self.sort
        return params


def parse_filters(params: Any) -> PledgeFilters:
    """Read filters from a QueryDict (or a dict of lists). Two queries at most
    (owner and category lookups)."""

    def values(name: str) -> list[str]:
        if hasattr(params, "getlist"):
            found = params.getlist(name)
        else:
            value = params.get(name, [])
            found = value if isinstance(value, list) else [value]
        # PostgreSQL rejects NUL characters in text: drop them, never a 500.
        cleaned = (str(v).replace("\x00", "") for v in found)
        return [v for v in cleaned if v != ""]

    def first(name: str) -> str:
        found = values(name)
        return str(found[0]).strip() if found else ""

    filters = PledgeFilters()
    for status in values("status"):
        if status in STATUS_INFO and status not in filters.statuses:
            filters.statuses.append(status)
        else:
            filters.ignored.append("status")
    if slug := first("owner"):
        filters.owner = Owner.objects.filter(slug=slug[:120]).first()
        if filters.owner is None:
            filters.ignored.append("owner")
    if slug := first("category"):
        filters.category = Category.objects.filter(slug=slug[:120]).first()
        if filters.category is None:
            filters.ignored.append("category")
    if year := first("year"):
        if year.isdigit() and 1900 <= int(year) <= 2200:
            filters.year = int(year)
        else:
            filters.ignored.append("year")
    for name in ("overdue", "disagreement"):
        if flag := first(name):
            if flag.lower() in TRUE_VALUES:
                setattr(filters, name, True)
            elif flag.lower() not in ("0", "false", "no", "off"):
                filters.ignored.append(name)
    filters.q = " ".join(first("q").split())[:200]
    if sort := first("sort"):
        if sort in SORTS:
            filters.sort = sort
        else:
            filters.ignored.append("sort")
    filters.ignored = list(dict.fromkeys(filters.ignored))
    return filters


def owner_subtree_ids(owner: Owner) -> list[int]:
    """The owner and every owner below it (city → departments), in one query."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Owner.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: list[int] = []
    stack = [owner.pk]
    while stack:
        pk = stack.pop()
        if pk in found:  # a bad parent loop must not hang the page
            continue
        found.append(pk)
        stack.extend(children.get(pk, []))
    return found


def filtered_pledges(
    filters: PledgeFilters, *, on: date | None = None
) -> QuerySet[Pledge]:
    queryset = Pledge.objects.all()
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.owner:
        queryset = queryset.filter(owner_id__in=owner_subtree_ids(filters.owner))
    if filters.category:
        queryset = queryset.filter(categories=filters.category)
    if filters.year:
        queryset = queryset.filter(deadline__year=filters.year)
    if filters.overdue:
        queryset = queryset.filter(overdue_q(on or today()))
    if filters.disagreement:
        queryset = queryset.filter(has_disagreement=True)
    if filters.q:
        queryset = pledge_search(queryset, filters.q)
    return queryset


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
    queryset = (
        filtered_pledges(filters)
        .select_related("owner")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("position", "id")),
        )
        .order_by(*SORTS[filters.sort])
    )
    if limit:
        return queryset[:limit]
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page)


def deadline_years() -> list[int]:
    return [
        d.year
        for d in Pledge.objects.filter(deadline__isnull=False).dates("deadline", "year")
    ]


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
        row["owner_id"]: _counts_from_row(row)
        for row in Pledge.objects.filter(owner_id__in=ids)
        .order_by()
        .values("owner_id")
        .annotate(**_status_aggregates(on))
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
