"""Full-text search over pledges: PostgreSQL full-text search when on
PostgreSQL, a simpler substring match elsewhere (SQLite)."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from commitments.models import Pledge

SEARCH_FIELDS = ("title", "title_en", "summary", "original_wording")


def _substring_match(q: str) -> Q:
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": q})
    return condition


def pledge_search(queryset: QuerySet[Pledge], q: str) -> QuerySet[Pledge]:
    q = " ".join(q.split())[:200]
    if not q:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(_substring_match(q))
    # The 'simple' configuration: no English stemming that would mangle Korean.
    # Korean words carry particles (서울시는), so a word search alone misses
    # "서울시"; the substring match catches those.
    vector = SearchVector(*SEARCH_FIELDS, config="simple")
    query = SearchQuery(q, config="simple", search_type="websearch")
    return queryset.annotate(search=vector).filter(
        Q(search=query) | _substring_match(q)
    )
