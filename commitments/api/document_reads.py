"""The two reads most API traffic makes, in plain SQL: a page of pledges, or
one pledge, with each pledge's stored document joined in
(`commitments.api.pledge_documents` serves or rebuilds the bodies).

Composed by the ORM, each cost more to build than to run: ~0.4 ms of query
compiling and ~0.6 ms of row handling for a page of 50, against ~0.5 ms in
PostgreSQL. Filters still come from the ORM (`selectors.pledge_filter`): its
WHERE clause goes into the page's query (`_filter_sql`); the sync horizon is
a condition of the page's own query rather than a query of its own.

On PostgreSQL the pages, filtered or not, and the detail run as prepared
statements with binary results (`_prepared_cursor`): Django's cursor binds parameters
on the client and has every query parsed and planned again, and loads
timestamps from text; for a page of 50 that was ~0.5 ms of a ~2.5 ms request.
`API_PREPARED_READS=0` turns this off (a pooler in transaction mode, such as
PgBouncer's, cannot keep a connection's prepared statements).
"""

from __future__ import annotations

import contextlib
import functools
import select
from datetime import UTC
from types import SimpleNamespace
from typing import Any, cast
from uuid import UUID

import psycopg
from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from commitments.api.pagination import (
    Page,
    decode_cursor,
    encode_cursor,
    horizon_condition,
)
from commitments.models import Pledge, PledgeDocument
from commitments.statuses import FINAL_STATUSES

KEYS = ("id", "public_id", "slug", "updated_at", "fresh", "body")
# The pledge table under its own quoted name, not an alias: a filter's WHERE
# clause compiled by the ORM names its columns that way (`_filter_sql`).
P = f'"{Pledge._meta.db_table}"'
# Statuses no pledge is overdue in (`Pledge.is_overdue_on`), as SQL literals:
# codes of our own taxonomy, letters and underscores.
_FINAL = ", ".join(f"'{code}'" for code in sorted(FINAL_STATUSES))
# What a stored body was built from: each document column with the pledge
# column it copies (and `overdue`, computed against the day).
BUILT_FROM = (
    ("pledge_updated_at", "updated_at"),
    ("pledge_owner_id", "owner_id"),
    ("pledge_status", "status"),
    ("pledge_official_status", "official_status"),
    ("pledge_is_stale", "is_stale"),
    ("pledge_has_disagreement", "has_disagreement"),
)


def _fresh_sql(vendor: str) -> str:
    """Whether the stored body may be served: each column it was built from
    equals the pledge row's, and so does whether the pledge is overdue on the
    day given as the one parameter. Plain column comparisons: nothing is
    formatted per row."""
    today = "%s::date" if vendor == "postgresql" else "%s"
    same = [f"d.{built} = {P}.{now}" for built, now in BUILT_FROM]
    same.append(
        f"d.overdue = ({P}.deadline IS NOT NULL AND {P}.deadline < {today}"
        f" AND {P}.status NOT IN ({_FINAL}))"
    )
    # No document, or a null column: not fresh.
    return f"COALESCE({' AND '.join(same)}, FALSE)"


@functools.cache
def _select_sql(vendor: str) -> str:
    # The same text for every read (composed once per process).
    body = (
        "convert_to(d.body, 'UTF8')"
        if vendor == "postgresql"
        else "CAST(d.body AS BLOB)"
    )
    return (
        f"SELECT {P}.id, {P}.public_id, {P}.slug, {P}.updated_at, {_fresh_sql(vendor)},"
        f" {body} FROM {P}"
        f" LEFT JOIN {PledgeDocument._meta.db_table} d ON d.pledge_id = {P}.id"
    )


def _select() -> tuple[str, list[Any]]:
    """The rows' columns, and the parameter they take (today). The body
    comes as UTF-8 bytes, as it is sent."""
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    return _select_sql(connection.vendor), [today]


class _PreparedCursor(psycopg.Cursor):
    """Binds on the server, prepares each query text once per connection and
    asks for results in binary."""

    # Whether Django logs this connection's queries (tests, DEBUG).
    log_sql = False

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        result = super().execute(query, params, prepare=True, binary=True)
        if self.log_sql:
            # Django's query log reads the SQL off `_query`, which only its
            # own client-binding cursors set: without this it logs None.
            text = psycopg.ClientCursor(self.connection).mogrify(query, params)
            # (Django reads only `.query`; psycopg types it as its own query.)
            self._query = cast(Any, SimpleNamespace(query=text.encode()))
        return result


def _readable(fileno: int) -> bool:
    poller = select.poll()
    poller.register(fileno, select.POLLIN)
    return bool(poller.poll(0))


def _check_health(db: Any) -> None:
    """What Django's own cursors do first on a connection a new request
    reuses (CONN_HEALTH_CHECKS), which a cursor made here would skip: after
    the database restarted, or ended the session, the first read of each
    thread would fail with a 500. Django checks with a `SELECT 1` round trip,
    a tenth of a detail read; here the socket is asked first: an idle
    connection has nothing to read unless the server ended it (or sent a
    notice), and only then is Django's check made. (`db` is typed Any:
    Django's stubs leave out the health-check attributes.)"""
    if db.connection is None or not db.health_check_enabled or db.health_check_done:
        return
    if _readable(db.connection.fileno()):
        db.close_if_health_check_failed()
    else:
        db.health_check_done = True


def _prepared_cursor() -> Any:
    """A Django cursor (so query logging and execute wrappers still see the
    query) around a `_PreparedCursor` on the same connection."""
    # This thread's connection, looked up once (each `connection.x` is a
    # lookup through a thread-local proxy).
    db = connections[DEFAULT_DB_ALIAS]
    _check_health(db)
    db.ensure_connection()
    db.validate_thread_sharing()
    # (The stubs type the wrapped cursor as Django's own wrapper.)
    raw: Any = _PreparedCursor(db.connection)
    if db.queries_logged:
        raw.log_sql = True
        return db.make_debug_cursor(raw)
    return db.make_cursor(raw)


def _cursor(*, prepared: bool) -> Any:
    if prepared and connection.vendor == "postgresql" and settings.API_PREPARED_READS:
        return _prepared_cursor()
    return connection.cursor()


def _rows(
    where: str, params: list[Any], *, prepared: bool = True
) -> list[dict[str, Any]]:
    """Rows under `KEYS` for the rest of a query (`WHERE ...`). `prepared`:
    a query text that repeats (its filters are parameters), not one that
    embeds an ORM subquery."""
    select, select_params = _select()
    with _cursor(prepared=prepared) as cursor:
        cursor.execute(f"{select} {where}", [*select_params, *params])
        found = [dict(zip(KEYS, values, strict=True)) for values in cursor.fetchall()]
    if connection.vendor != "postgresql":
        # SQLite hands back text; PostgreSQL typed values already.
        public_id: Any = Pledge._meta.get_field("public_id")
        updated_at: Any = Pledge._meta.get_field("updated_at")
        for row in found:
            row["public_id"] = public_id.to_python(row["public_id"])
            # Stored in UTC without a zone, as Django writes it.
            row["updated_at"] = updated_at.to_python(row["updated_at"]).replace(
                tzinfo=UTC
            )
    return found


def document_row(key: str) -> dict[str, Any]:
    """A pledge by slug or public UUID, as a row for `pledge_documents`."""
    conditions, params = [f"{P}.slug = %s"], [key]
    with contextlib.suppress(ValueError):
        uuid = Pledge._meta.get_field("public_id").get_db_prep_value(
            UUID(key), connection
        )
        conditions.append(f"{P}.public_id = %s")
        params.append(uuid)
    # A slug and a UUID are each unique, and never the same text.
    found = _rows(f"WHERE {' OR '.join(conditions)} LIMIT 1", params)
    if not found:
        raise Http404("No pledge with that id or slug.")
    return found[0]


def document_rows_after(last_id: int, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` pledges after id `last_id`, in id order (the exports)."""
    return _rows(f"WHERE {P}.id > %s ORDER BY {P}.id LIMIT %s", [last_id, limit])


def _filter_sql(filtered: QuerySet[Pledge]) -> tuple[str, list[Any], bool] | None:
    """A filter as a condition on the page's own pledge rows, its parameters,
    and whether the query may be prepared; None when it keeps every pledge.

    Every filter the list offers needs no join (a category and a search are
    subqueries of ids), so the ORM's WHERE clause goes into the page's query
    as it compiled it, naming the table as the page does (`P`): one index
    scan filtered as it goes. Its text depends only on which filters are
    given (values are parameters), so it is prepared like the unfiltered
    page. A filter with a join would need the ORM's FROM clause too: that
    one is an id subquery, not prepared.
    """
    query = filtered.query
    # (A join the ORM set up and no longer uses stays in the map, unreferenced.)
    joined = [alias for alias in query.alias_map if query.alias_refcount.get(alias)]
    if joined in ([], [query.base_table]):
        compiler = query.get_compiler(connection=connection)
        try:
            sql, params = compiler.compile(query.where)
        except FullResultSet:
            return None
        return sql, list(params), True
    ids_sql, ids_params = filtered.order_by().values("pk").query.sql_with_params()
    return f"{P}.id IN ({ids_sql})", list(ids_params), False


def document_page(
    filtered: QuerySet[Pledge] | None, *, cursor: str | None, limit: int
) -> Page:
    """One page in the sync order `(updated_at, id)` after `cursor` (the
    contract of `pagination.keyset_page`), of `filtered` or of every pledge."""
    after = decode_cursor(cursor) if cursor else None
    horizon, params = horizon_condition(f"{P}.updated_at")
    conditions = [horizon]
    prepared = True
    filtered_out = False
    if after is not None:
        conditions.append(
            f"({P}.updated_at > %s OR ({P}.updated_at = %s AND {P}.id > %s))"
        )
        at = connection.ops.adapt_datetimefield_value(after.at)
        params += [at, at, after.pk]
    if filtered is not None and filtered.query.where:
        try:
            found = _filter_sql(filtered)
        except EmptyResultSet:  # a filter no pledge can match (an unknown owner)
            return Page(rows=[], next_cursor=cursor or None, has_more=False)
        if found is not None:
            condition, condition_params, prepared = found
            conditions.append(condition)
            params += condition_params
            filtered_out = True
    where = " AND ".join(conditions)
    order = f"ORDER BY {P}.updated_at, {P}.id LIMIT %s"
    if filtered_out:
        # The page's ids first, from the sync-order index alone where it
        # holds what the filter reads (owner, status, deadline:
        # `pledge_sync_covering_idx`), then the page's rows: the pledges the
        # filter passes over are not read (an owner's first page passed ~1,000
        # of them at 10k).
        where = f"{P}.id IN (SELECT {P}.id FROM {P} WHERE {where} {order})"
        params = [*params, limit + 1]
    rows = _rows(f"WHERE {where} {order}", [*params, limit + 1], prepared=prepared)
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        next_cursor: str | None = encode_cursor(rows[-1]["updated_at"], rows[-1]["id"])
    else:
        next_cursor = cursor or None
    return Page(rows=rows, next_cursor=next_cursor, has_more=has_more)
