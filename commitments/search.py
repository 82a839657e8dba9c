"""Full-text search over pledges' titles, wording and summaries.

On PostgreSQL: full-text search with the 'simple' configuration (no English
stemming that would mangle Korean), each word as a prefix (주택:* finds
주택을, 주택이: Korean particles are suffixes). Korean compounds hide words
inside tokens (공공주택 holds 주택), so the phrase is also matched as a
substring of the fields. Both use the expressions the model's indexes are
declared on (`commitments.search_index`): a GIN index on the document, a
trigram index on the text (for a phrase with three letters in a row) and a
bigram index on it (for a shorter one such as 주택). The two matches are
gathered by a UNION of indexed subqueries, so no query of the list (nor its
COUNT) scans the pledges; only a phrase with no two letters in a row is
checked row by row. Elsewhere (SQLite): every word must appear in one of the
fields.

Latin words and numbers match at word starts only: "AI" finds "AI policy"
but not "trAIn" (the substring match is for Korean compounds). Numbers match
with or without thousands separators: "36000" and "36,000" find each other.
Both are a regular expression over the upper-cased search text, the
expression the trigram index holds (pg_trgm serves `~` too); SQLite runs the
same pattern through Django's REGEXP function.
"""

import re
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.db.models.lookups import IContains, Regex

from commitments.models import Pledge
from commitments.search_index import (
    SEARCH_CONFIG,
    SEARCH_FIELDS,
    phrase_bigrams,
    search_document,
    search_text,
    search_text_bigrams,
)

MAX_QUERY_CHARS = 200
# pg_trgm can narrow a LIKE through its index only with a trigram in the
# pattern, that is three word characters in a row; the bigram index needs two.
TRIGRAM_SEARCHABLE = re.compile(r"\w{3}")
BIGRAM_SEARCHABLE = re.compile(r"\w{2}")
SINGLE_PAIR = re.compile(r"\S{2}")
MAX_WORDS = 8
# A comma between digits is a thousands separator: dropped from the query,
# optional in the text.
DIGIT_SEPARATOR = re.compile(r"(?<=\d),(?=\d)")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def normalise_query(q: str) -> str:
    return " ".join(q.split())[:MAX_QUERY_CHARS]


def query_words(q: str) -> list[str]:
    """Words made only of letters and digits: safe to place in a tsquery."""
    words = re.findall(r"\w+", q)
    return list(dict.fromkeys(w.lower() for w in words))[:MAX_WORDS]


def needs_pattern(text: str) -> bool:
    """A phrase that starts with a Latin letter or digit, or holds a number,
    matches through `word_start_pattern` rather than as a plain substring."""
    return bool(LATIN_OR_DIGIT.match(text)) or any(ch.isdigit() for ch in text)


def word_start_pattern(text: str) -> str:
    """A regular expression (in the common ground of PostgreSQL's and
    Python's) for the upper-cased phrase: at a word start when it begins with
    a Latin letter or digit, its numbers with or without commas, and a number
    never part of a longer one (36000 does not find 360,000 or 136,000)."""
    parts: list[str] = []
    for token in re.split(r"(\d+)", text.upper()):
        if token.isdigit():
            parts.append(",?".join(token) + "(?!,?[0-9])")
        elif token:
            parts.append(re.escape(token))
    start = "(?<![A-Z0-9])(?<![0-9],)" if LATIN_OR_DIGIT.match(text) else ""
    return start + "".join(parts)


def _pattern(base: QuerySet[Pledge], text: str) -> QuerySet[Pledge]:
    return base.filter(Regex(Upper(search_text()), word_start_pattern(text))).order_by()


def _pattern_ids(text: str) -> "QuerySet[Pledge, Any]":
    return _pattern(Pledge.objects.all(), text).values("pk")


def _contains_any_field(text: str) -> Q:
    # Hangul has no case: a query without cased letters needs no UPPER() on
    # every row, which makes the scan over 10,000 pledges about twice as fast.
    lookup = "icontains" if text.lower() != text.upper() else "contains"
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__{lookup}": text})
    return condition


def _fulltext(base: QuerySet[Pledge], words: list[str]) -> QuerySet[Pledge]:
    tsquery = " & ".join(f"{word}:*" for word in words)
    match = SearchQuery(tsquery, config=SEARCH_CONFIG, search_type="raw")
    return base.alias(document=search_document()).filter(document=match).order_by()


def _substring(base: QuerySet[Pledge], text: str) -> QuerySet[Pledge]:
    """Pledges with the phrase as a substring of a field: UPPER(text) LIKE
    UPPER('%phrase%'), the expression the trigram index holds."""
    return base.filter(IContains(search_text(), text)).order_by()


def _bigrams(base: QuerySet[Pledge], text: str) -> QuerySet[Pledge]:
    """Pledges holding every character pair of the phrase (the bigram index),
    then the substring test on those rows only. A phrase that is one pair
    (주택) is in the text exactly when the pair is: no test to repeat."""
    found = base.alias(pairs=search_text_bigrams()).filter(
        pairs__contains=phrase_bigrams(text)
    )
    if not SINGLE_PAIR.fullmatch(text):
        found = found.filter(IContains(search_text(), text))
    return found.order_by()


def search_union(
    base: QuerySet[Pledge], q: str, columns: list[str]
) -> QuerySet[Pledge] | None:
    """The pledges of `base` matching `q`, as one UNION of indexed subqueries
    giving `columns` (order and slice it like any query set), or None where no
    index can serve the search (SQLite, a one-letter phrase)."""
    q = DIGIT_SEPARATOR.sub("", normalise_query(q))
    words = query_words(q)
    if not q or not words or connection.vendor != "postgresql":
        return None
    if needs_pattern(q):
        if not TRIGRAM_SEARCHABLE.search(q):
            return None
        # The word-start pattern, narrowed through the same trigram index.
        substring = _pattern(base, q)
    elif TRIGRAM_SEARCHABLE.search(q):
        substring = _substring(base, q)
    elif BIGRAM_SEARCHABLE.search(q):
        # No three letters in a row (주택 is two): the bigram index.
        substring = _bigrams(base, q)
    else:
        return None
    # An OR of the two matches inside one scan could use neither index, and
    # an OR of two IN tests makes the planner read every pledge to test each.
    return _fulltext(base, words).values(*columns).union(substring.values(*columns))


# The caller's queryset class (PledgeQuerySet with its methods) comes back.
_Pledges = TypeVar("_Pledges", bound=QuerySet[Pledge])


def pledge_search(queryset: _Pledges, q: str) -> _Pledges:
    q = DIGIT_SEPARATOR.sub("", normalise_query(q))
    words = query_words(q)
    if not q:
        return queryset
    if connection.vendor != "postgresql" or not words:
        condition = Q()
        for word in words or [q]:
            if needs_pattern(word):
                condition &= Q(pk__in=_pattern_ids(word))
            else:
                condition &= _contains_any_field(word)
        return queryset.filter(condition)
    union = search_union(Pledge.objects.all(), q, ["pk"])
    if union is not None:
        return queryset.filter(pk__in=union)
    # No two letters in a row ("AI" is a pattern, "집" one letter): nothing
    # any index narrows, so the fields are tested row by row.
    matches = _fulltext(Pledge.objects.all(), words).values("pk")
    if needs_pattern(q):
        return queryset.filter(Q(pk__in=matches) | Q(pk__in=_pattern_ids(q)))
    return queryset.filter(Q(pk__in=matches) | _contains_any_field(q))
