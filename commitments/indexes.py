"""B-tree indexes the pages' sorts need (those with NULLS LAST on PostgreSQL only).

The list's default sort is `last_update_at DESC NULLS LAST, id DESC`: only an
index declared in exactly that order serves it (a plain index read backwards
gives NULLS FIRST, and the planner then sorts the whole table). SQLite has no
NULLS LAST in CREATE INDEX, so there these indexes create nothing, like the
search indexes (`commitments.search_index.PostgresOnlyGinIndex`).
"""

from typing import Any

from django.db import models
from django.db.models import DateTimeField, F, Q
from django.db.models.functions import Coalesce

from commitments.search_index import NOTHING_TO_DO
from commitments.statuses import FINAL_STATUSES


class PostgresOnlyIndex(models.Index):
    """A B-tree index on PostgreSQL; nothing at all on other databases."""

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


def recently_updated() -> tuple[Any, ...]:
    """The "recently updated" order, shared by the sort and its indexes."""
    return (F("last_update_at").desc(nulls_last=True), F("id").desc())


def touched_at() -> Coalesce:
    """When a pledge last changed for readers: its latest verdict, else its
    publication (the home's tracked pledges, newest first)."""
    return Coalesce("last_update_at", "created_at", output_field=DateTimeField())


def recently_touched() -> tuple[Any, ...]:
    return (touched_at().desc(), F("id").desc())


def open_condition() -> Q:
    """Not final. In a fixed order: a frozenset's order changes from process to
    process, and the planner matches a partial index's condition only to the
    very same list."""
    return ~Q(status__in=sorted(FINAL_STATUSES))


def pledge_sort_indexes() -> list[models.Index]:
    return [
        # The default sort, the home's "recently updated" and its MAX().
        PostgresOnlyIndex(*recently_updated(), name="pledge_recent_idx"),
        # A status filter keeps that order without sorting the status's rows.
        PostgresOnlyIndex(
            F("status"), *recently_updated(), name="pledge_status_recent_idx"
        ),
        # The home's tracked pledges (the expression is `touched_at`'s: with
        # no index on it, the home sorted every pledge on every view).
        models.Index(*recently_touched(), name="pledge_touched_idx"),
        # The "deadline" sort and the deadline-year filter, ties by id.
        models.Index(fields=["deadline", "id"], name="pledge_deadline_id_idx"),
        # A status with a deadline year (or the deadline sort): one range of
        # the index, not two bitmaps over tens of thousands of rows each
        # intersected (the list's COUNT with status, category and year took
        # 14 ms at 100k pledges, 5 with this).
        models.Index(
            fields=["status", "deadline", "id"], name="pledge_status_deadline_idx"
        ),
        # Open pledges by deadline: the overdue filter and the home's upcoming
        # deadlines (the condition is `overdue_condition`'s, word for word, so
        # the planner can prove the index covers the query).
        models.Index(
            fields=["deadline", "id"],
            condition=open_condition(),
            name="pledge_open_deadline_idx",
        ),
    ]
