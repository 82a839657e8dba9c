"""The pledge search's indexed expressions, declared once: `Pledge.Meta.indexes`
builds the indexes from them (so `makemigrations` owns the indexes) and
`commitments.search` queries with the very same expressions, as PostgreSQL
uses an expression index only for an identical expression.

- `search_document()`: the full-text document, `to_tsvector('simple', …)` over
  the titles, summary and wording (served by a GIN index);
- `search_text()`: the same fields joined by newlines, for the Korean
  substring match (a trigram GIN index over its upper-cased form, which is
  what `icontains` compares);
- `search_text_bigrams()`: the pairs of adjacent characters of that upper-cased
  text, for a phrase with no three letters in a row (주택 is two, and pg_trgm
  can narrow nothing with it): a GIN index over the array finds the rows that
  hold every pair of the phrase, and the substring test runs on those alone.
  The pairs come from `commitments_bigrams()`, an immutable SQL function that
  migration 0008 creates (`BIGRAMS_FUNCTION_SQL`).

Both indexes exist on PostgreSQL only: `PostgresOnlyGinIndex` creates nothing
elsewhere, so SQLite (tests, development) migrates the same migrations.
"""

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat, Upper

SEARCH_FIELDS = ("title", "title_en", "summary", "original_wording")
# No stemming: English stemmers would mangle Korean words.
SEARCH_CONFIG = "simple"
# A normalised query has no newline, so no substring match spans two fields.
FIELD_SEPARATOR = "\n"
# What a schema change runs instead of an index's SQL away from PostgreSQL.
NOTHING_TO_DO = "SELECT 1"


def search_document() -> SearchVector:
    return SearchVector(*SEARCH_FIELDS, config=SEARCH_CONFIG)


def search_text() -> Concat:
    parts: list[Any] = []
    for name in SEARCH_FIELDS:
        parts += [F(name), Value(FIELD_SEPARATOR)]
    return Concat(*parts[:-1], output_field=TextField())


def search_text_trigrams() -> OpClass:
    # `icontains` compares UPPER(text): the index holds exactly that.
    return OpClass(Upper(search_text()), name="gin_trgm_ops")


BIGRAMS_FUNCTION = "commitments_bigrams"
# Distinct pairs of adjacent characters, leaving out pairs with white space
# (a phrase's words are matched pair by pair, the substring test does the rest).
BIGRAMS_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {BIGRAMS_FUNCTION}(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT pair), '{{}}')
  FROM (SELECT substr(t, i, 2) AS pair FROM generate_series(1, length(t) - 1) AS i) AS s
  WHERE pair !~ '[[:space:]]'
$$
"""
DROP_BIGRAMS_FUNCTION_SQL = f"DROP FUNCTION IF EXISTS {BIGRAMS_FUNCTION}(text)"


class Bigrams(Func):
    function = BIGRAMS_FUNCTION
    output_field = ArrayField(TextField())


def search_text_bigrams() -> Bigrams:
    return Bigrams(Upper(search_text()))


def phrase_bigrams(phrase: str) -> Bigrams:
    # Upper-cased by the database, like the indexed text, so both agree on
    # every letter (Python's and PostgreSQL's upper() differ on a few).
    return Bigrams(Upper(Value(phrase, output_field=TextField())))


class PostgresOnlyGinIndex(GinIndex):
    """A GIN index on PostgreSQL; nothing at all on other databases."""

    def create_sql(
        self, model: Any, schema_editor: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return NOTHING_TO_DO
        return super().create_sql(model, schema_editor, *args, **kwargs)

    def remove_sql(
        self, model: Any, schema_editor: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return NOTHING_TO_DO
        return super().remove_sql(model, schema_editor, *args, **kwargs)
