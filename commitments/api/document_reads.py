"""The two reads most API traffic makes, in plain SQL: a page of pledges, or
one pledge, with each pledge's stored document joined in
(`commitments.api.pledge_documents` serves or rebuilds the bodies).

Composed by the ORM, each cost more to build than to run: ~0.4 ms of query
compiling and ~0.6 ms of row handling for a page of 50, against ~0.5 ms in
PostgreSQL. Filters still come from the ORM (`selectors.pledge_filter`), as a
subquery of ids, only when a request gives one; the sync horizon is a
condition of the page's own query rather than a query of its own.
"""

from __future__ import annotations

import contextlib
from datetime import UTC
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from commitments.api.pagination import (
    Page,
    decode_cursor,
    encode_cursor,
    horizon_condition,
)
from commitments.api.selectors import DOCUMENT_COLUMNS
from commitments.models import Pledge, PledgeDocument

# The same rows `selectors.pledge_document_values` gives, under its keys: the
# pledge's columns, then the document's two.
KEYS = DOCUMENT_COLUMNS
PLEDGE_COLUMNS = tuple(key for key in KEYS if not key.startswith("api_document__"))
SELECT = (
    "SELECT "
    + ", ".join(f"p.{Pledge._meta.get_field(c).column}" for c in PLEDGE_COLUMNS)  # type: ignore[union-attr]
    + ", d.fingerprint, d.body"
    + f" FROM {Pledge._meta.db_table} p"
    + f" LEFT JOIN {PledgeDocument._meta.db_table} d ON d.pledge_id = p.id"
)
# SQLite hands these back as text or integers; PostgreSQL typed already
# (`to_python` leaves a typed value as it is).
CONVERTED = ("public_id", "updated_at", "deadline", "is_stale", "has_disagreement")


def _rows(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [dict(zip(KEYS, values, strict=True)) for values in cursor.fetchall()]
    if connection.vendor != "postgresql":
        fields: list[Any] = [Pledge._meta.get_field(name) for name in CONVERTED]
        for row in found:
            for field in fields:
                row[field.name] = field.to_python(row[field.name])
            # Stored in UTC without a zone, as Django writes it.
            row["updated_at"] = row["updated_at"].replace(tzinfo=UTC)
    return found


def document_row(key: str) -> dict[str, Any]:
    """A pledge by slug or public UUID, as a row for `pledge_documents`."""
    conditions, params = ["p.slug = %s"], [key]
    with contextlib.suppress(ValueError):
        uuid = Pledge._meta.get_field("public_id").get_db_prep_value(
            UUID(key), connection
        )
        conditions.append("p.public_id = %s")
        params.append(uuid)
    # A slug and a UUID are each unique, and never the same text.
    found = _rows(f"{SELECT} WHERE {' OR '.join(conditions)} LIMIT 1", params)
    if not found:
        raise Http404("No pledge with that id or slug.")
    return found[0]


def document_rows_after(last_id: int, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` pledges after id `last_id`, in id order (the exports)."""
    return _rows(f"{SELECT} WHERE p.id > %s ORDER BY p.id LIMIT %s", [last_id, limit])


def document_page(
    filtered: QuerySet[Pledge] | None, *, cursor: str | None, limit: int
) -> Page:
    """One page in the sync order `(updated_at, id)` after `cursor` (the
    contract of `pagination.keyset_page`), of `filtered` or of every pledge."""
    after = decode_cursor(cursor) if cursor else None
    horizon, params = horizon_condition("p.updated_at")
    conditions = [horizon]
    if after is not None:
        conditions.append("(p.updated_at > %s OR (p.updated_at = %s AND p.id > %s))")
        at = connection.ops.adapt_datetimefield_value(after.at)
        params += [at, at, after.pk]
    if filtered is not None and filtered.query.where:
        try:
            ids_sql, ids_params = (
                filtered.order_by().values("pk").query.sql_with_params()
            )
        except EmptyResultSet:  # a filter no pledge can match (an unknown owner)
            return Page(rows=[], next_cursor=cursor or None, has_more=False)
        conditions.append(f"p.id IN ({ids_sql})")
        params += list(ids_params)
    rows = _rows(
        f"{SELECT} WHERE {' AND '.join(conditions)}"
        " ORDER BY p.updated_at, p.id LIMIT %s",
        [*params, limit + 1],
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        next_cursor: str | None = encode_cursor(rows[-1]["updated_at"], rows[-1]["id"])
    else:
        next_cursor = cursor or None
    return Page(rows=rows, next_cursor=next_cursor, has_more=has_more)
