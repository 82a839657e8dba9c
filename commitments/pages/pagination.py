"""The list's paginator: its COUNT never costs more than a few pages' worth.

Django's paginator counts every matching row before showing a page, which
repeats the whole search (or a filter's scan) on every request. Here the
count stops at `COUNT_CAP` (a `LIMIT` inside the COUNT, so the database stops
early too); beyond that the page says "more than 1,000" and offers the pages
up to it, and a narrower filter shows the rest. The whole record's count is
already known exactly (the cached home totals), so the unfiltered list is
always exact.
"""

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int = COUNT_CAP,
        known_count: int | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap
        self.known_count = known_count
        self.capped = False

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        found = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)
