"""The pledge list's filters: URL parameters cleaned into `PledgeFilters`,
and the query set they select. The home, owner and category pages build
their lists from the same filters."""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from commitments.indexes import recently_updated
from commitments.models import Category, Owner, Pledge, PledgeQuerySet
from commitments.pages.counts import today
from commitments.search import pledge_search, search_union
from commitments.statuses import STATUS_INFO

# Missing dates sort last in both directions, on SQLite and PostgreSQL alike.
SORTS: dict[str, tuple[Any, ...]] = {
    # Served by the index declared from the same expressions.
    "updated": recently_updated(),
    "deadline": (F("deadline").asc(nulls_last=True), "id"),
    "-deadline": (F("deadline").desc(nulls_last=True), "-id"),
    "title": ("title", "id"),
    "made": (F("made_on").desc(nulls_last=True), "-id"),
}
# The columns each sort reads, for a search's UNION to carry (no join back).
SORT_COLUMNS: dict[str, list[str]] = {
    "updated": ["id", "last_update_at"],
    "deadline": ["id", "deadline"],
    "-deadline": ["id", "deadline"],
    "title": ["id", "title"],
    "made": ["id", "made_on"],
}
DEFAULT_SORT = "updated"


def sort_order(sort: str) -> tuple[Any, ...]:
    """The ORDER BY for a sort name. By title, English readers get the title
    they see: the English one where it exists, else the Korean one."""
    if sort == "title" and (get_language() or "ko").startswith("en"):
        displayed = Coalesce(NullIf(F("title_en"), Value("")), F("title"))
        return (displayed.asc(), "id")
    return SORTS[sort]


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


def matching_query(filters: PledgeFilters) -> Any:
    """Rows with the "id" of every pledge the filters select, in the list's
    order: for a search, one query whose matches come from the search indexes
    and are ordered without a join back to every pledge."""
    order = sort_order(filters.sort)
    if order != SORTS[filters.sort]:
        # English titles sort by an expression a UNION can't order by: the
        # search runs as a filter (its indexed subqueries) instead.
        return filtered_pledges(filters).order_by(*order).values("id")
    unsearched = replace(filters, q="")
    union = search_union(
        filtered_pledges(unsearched), filters.q, SORT_COLUMNS[filters.sort]
    )
    if union is None:
        return filtered_pledges(filters).order_by(*order).values("id")
    return union.order_by(*order)


def matching_ids(filters: PledgeFilters, limit: int) -> list[int]:
    return [row["id"] for row in matching_query(filters)[:limit]]


def filtered_pledges(
    filters: PledgeFilters, *, on: date | None = None
) -> QuerySet[Pledge]:
    queryset: PledgeQuerySet = Pledge.objects.all()
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.owner:
        queryset = queryset.owned_by(filters.owner)
    if filters.category:
        queryset = queryset.filter(categories=filters.category)
    if filters.year:
        queryset = queryset.filter(deadline__year=filters.year)
    if filters.overdue:
        queryset = queryset.overdue(on or today())
    if filters.disagreement:
        queryset = queryset.filter(has_disagreement=True)
    if filters.q:
        queryset = pledge_search(queryset, filters.q)
    return queryset
