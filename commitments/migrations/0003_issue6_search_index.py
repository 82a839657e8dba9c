"""A GIN index for pledge full-text search (PostgreSQL only).

The indexed expression is `commitments.search.SEARCH_VECTOR_SQL`, copied here
as it was when this migration was written (migrations must not change later).
"""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS commitments_pledge_search_gin "
    "ON commitments_pledge USING gin ("
    "to_tsvector('simple'::regconfig, "
    "coalesce(title, '') || ' ' || coalesce(title_en, '') || ' ' || "
    "coalesce(summary, '') || ' ' || coalesce(original_wording, '')))"
)
DROP_SQL = "DROP INDEX IF EXISTS commitments_pledge_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0002_roles")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
