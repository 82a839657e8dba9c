"""The list's paginator: its COUNT never costs more than a few pages' worth.

Django's paginator counts every matching row before showing a page, which
repeats the whole search (or a filter's scan) on every request. Here the
count stops at `COUNT_CAP` (a `LIMIT` inside the COUNT, so the database stops
early too); beyond that the page says "more than 1,000" and offers the pages
up to it, and a narrower filter shows the rest. The whole record's count is
already known exactly (the cached home totals), so the unfiltered list is
always exact.
"""

from collections.abc import Callable
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int | None = None,
        known_count: int | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap
        self.known_count = known_count
        self.capped = False

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        # Only the key in the LIMITed subquery: an index can answer it alone.
        queryset: Any = self.object_list  # always a query set here
        found = queryset.order_by().values("pk")[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)


def matched_page(
    ids: list[int],
    rows_for: Callable[[list[int]], Any],
    *,
    per_page: int,
    number: Any,
    cap: int | None = None,
) -> Page:
    """A page of a search: the search runs once, for the ids of its first
    `cap` + 1 matches in the list's order (`ids`); their number is the count,
    and the page's rows are read by id (`rows_for`, which keeps the order). A
    COUNT beside the page query would run the whole search a second time."""
    cap = COUNT_CAP if cap is None else cap
    paginator = CappedPaginator(ids[:cap], per_page, known_count=min(len(ids), cap))
    paginator.capped = len(ids) > cap
    page = paginator.get_page(number)
    page.object_list = list(rows_for(list(page.object_list)))
    return page
