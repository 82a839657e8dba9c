"""Full-text search over pledges' titles, wording and summaries.

On PostgreSQL: full-text search with the 'simple' configuration (no English
stemming that would mangle Korean), each word as a prefix (주택:* finds
주택을, 주택이: Korean particles are suffixes), served by the GIN index that
migration 0003 creates on exactly `SEARCH_VECTOR_SQL`. Korean compounds hide
words inside tokens (공공주택 holds 주택), so the phrase is also matched as a
substring. Elsewhere (SQLite): every word must appear in one of the fields.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from commitments.models import Pledge

SEARCH_FIELDS = ("title", "title_en", "summary", "original_wording")
# Must stay identical to the indexed expression in the migration, or PostgreSQL
# will not use the index.
SEARCH_VECTOR_SQL = (
    "to_tsvector('simple'::regconfig, "
    "coalesce(title, '') || ' ' || coalesce(title_en, '') || ' ' || "
    "coalesce(summary, '') || ' ' || coalesce(original_wording, ''))"
)
MAX_QUERY_CHARS = 200
MAX_WORDS = 8


def normalise_query(q: str) -> str:
    return " ".join(q.split())[:MAX_QUERY_CHARS]


def query_words(q: str) -> list[str]:
    """Words made only of letters and digits: safe to place in a tsquery."""
    words = re.findall(r"\w+", q)
    return list(dict.fromkeys(w.lower() for w in words))[:MAX_WORDS]


def _contains_any_field(text: str) -> Q:
    # Hangul has no case: a query without cased letters needs no UPPER() on
    # every row, which makes the scan over 10,000 pledges about twice as fast.
    lookup = "icontains" if text.lower() != text.upper() else "contains"
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__{lookup}": text})
    return condition


def _fulltext_ids(words: list[str]) -> QuerySet[Pledge]:
    tsquery = " & ".join(f"{word}:*" for word in words)
    match = RawSQL(
        f"{SEARCH_VECTOR_SQL} @@ to_tsquery('simple'::regconfig, %s)",
        [tsquery],
        output_field=BooleanField(),
    )
    return Pledge.objects.filter(match).values("pk")


def pledge_search(queryset: QuerySet[Pledge], q: str) -> QuerySet[Pledge]:
    q = normalise_query(q)
    words = query_words(q)
    if not q:
        return queryset
    if connection.vendor != "postgresql" or not words:
        condition = Q()
        for word in words or [q]:
            condition &= _contains_any_field(word)
        return queryset.filter(condition)
    # The full-text match runs as an indexed subquery (hashed once per query),
    # so the substring test is the only per-row work.
    return queryset.filter(Q(pk__in=_fulltext_ids(words)) | _contains_any_field(q))
