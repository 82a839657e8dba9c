"""Full-text search over pledges' titles, wording and summaries.

On PostgreSQL: full-text search with the 'simple' configuration (no English
stemming that would mangle Korean), each word as a prefix (주택:* finds
주택을, 주택이: Korean particles are suffixes). Korean compounds hide words
inside tokens (공공주택 holds 주택), so the phrase is also matched as a
substring of the fields. Both use the expressions the model's indexes are
declared on (`commitments.search_index`): a GIN index on the document and a
trigram index on the text (a phrase with three letters in a row narrows
through it; a shorter one is checked on the fields row by row). Elsewhere (SQLite): every
word must appear in one of the fields.
"""

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.lookups import IContains

from commitments.models import Pledge
from commitments.search_index import (
    SEARCH_CONFIG,
    SEARCH_FIELDS,
    search_document,
    search_text,
)

MAX_QUERY_CHARS = 200
# pg_trgm can narrow a LIKE through its index only with a trigram in the
# pattern, that is three word characters in a row.
TRIGRAM_SEARCHABLE = re.compile(r"\w{3}")
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


def _fulltext_ids(words: list[str]) -> QuerySet[Pledge, Mapping[str, Any]]:
    tsquery = " & ".join(f"{word}:*" for word in words)
    match = SearchQuery(tsquery, config=SEARCH_CONFIG, search_type="raw")
    return (
        Pledge.objects.alias(document=search_document())
        .filter(document=match)
        .values("pk")
    )


def _substring_ids(text: str) -> QuerySet[Pledge, Mapping[str, Any]]:
    """Pledges with the phrase as a substring of a field: UPPER(text) LIKE
    UPPER('%phrase%'), the expression the trigram index holds."""
    return Pledge.objects.filter(IContains(search_text(), text)).values("pk")


# The caller's queryset class (PledgeQuerySet with its methods) comes back.
_Pledges = TypeVar("_Pledges", bound=QuerySet[Pledge])


def pledge_search(queryset: _Pledges, q: str) -> _Pledges:
    q = normalise_query(q)
    words = query_words(q)
    if not q:
        return queryset
    if connection.vendor != "postgresql" or not words:
        condition = Q()
        for word in words or [q]:
            condition &= _contains_any_field(word)
        return queryset.filter(condition)
    if not TRIGRAM_SEARCHABLE.search(q):
        # No three letters in a row, no trigram to look up (주택 is two): a
        # scan of the fields themselves, without UPPER() for Hangul, is
        # cheaper than scanning the upper-cased text.
        return queryset.filter(Q(pk__in=_fulltext_ids(words)) | _contains_any_field(q))
    # Each match runs as its own indexed subquery (hashed once per query): an
    # OR of the two inside one scan could use neither index.
    return queryset.filter(Q(pk__in=_fulltext_ids(words)) | Q(pk__in=_substring_ids(q)))
