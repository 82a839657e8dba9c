"""The pledge search's indexed expressions, declared once: `Pledge.Meta.indexes`
builds the indexes from them (so `makemigrations` owns the indexes) and
`commitments.search` queries with the very same expressions, as PostgreSQL
uses an expression index only for an identical expression.

- `search_document()`: the full-text document, `to_tsvector('simple', …)` over
  the titles, summary and wording (served by a GIN index);
- `search_text()`: the same fields joined by newlines, for the Korean
  substring match (a trigram GIN index over its upper-cased form, which is
  what `icontains` compares).

Both indexes exist on PostgreSQL only: `PostgresOnlyGinIndex` creates nothing
elsewhere, so SQLite (tests, development) migrates the same migrations.
"""

from typing import Any

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db.models import F, TextField, Value
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
