"""The search indexes, declared on the model instead of raw SQL.

Drops the raw full-text index of 0003 and creates the model's declared ones:
a GIN index over the same `to_tsvector('simple', …)` document, and a trigram
GIN index (pg_trgm) for the Korean substring search. PostgreSQL only: on
other databases the extension and the indexes are skipped, the state is the
same everywhere.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.text
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import commitments.search_index

# The raw index of 0003, as it was (migrations must not change later).
RAW_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS commitments_pledge_search_gin "
    "ON commitments_pledge USING gin ("
    "to_tsvector('simple'::regconfig, "
    "coalesce(title, '') || ' ' || coalesce(title_en, '') || ' ' || "
    "coalesce(summary, '') || ' ' || coalesce(original_wording, '')))"
)
DROP_RAW_INDEX_SQL = "DROP INDEX IF EXISTS commitments_pledge_search_gin"


def drop_raw_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_RAW_INDEX_SQL)


def restore_raw_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RAW_INDEX_SQL)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_issue6_search_index")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(drop_raw_index, restore_raw_index, elidable=False),
        migrations.AddIndex(
            model_name="pledge",
            index=commitments.search_index.PostgresOnlyGinIndex(
                django.contrib.postgres.search.SearchVector(
                    "title", "title_en", "summary", "original_wording", config="simple"
                ),
                name="pledge_search_document_gin",
            ),
        ),
        migrations.AddIndex(
            model_name="pledge",
            index=commitments.search_index.PostgresOnlyGinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper(
                        django.db.models.functions.text.Concat(
                            models.F("title"),
                            models.Value("\n"),
                            models.F("title_en"),
                            models.Value("\n"),
                            models.F("summary"),
                            models.Value("\n"),
                            models.F("original_wording"),
                            output_field=models.TextField(),
                        )
                    ),
                    name="gin_trgm_ops",
                ),
                name="pledge_search_text_trgm",
            ),
        ),
    ]
