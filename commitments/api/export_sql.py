"""The exports' SQL: columns as the text the exports write, made by the
database (Python loads timestamptz values through a slow loader, and UUIDs
into objects that are only turned back into text); a chunk's reads in one
transaction; id lists cut to a size every database takes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Func, TextField


class IsoTimestamp(Func):
    """A timestamp as the UTC text `caching.iso_datetime` writes
    ("2025-01-02T03:04:05Z", microseconds only when there are some)."""

    output_field = TextField()

    def __init__(self, name: str) -> None:
        super().__init__(F(name))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return Func.as_sql(
            self,
            compiler,
            connection,
            template="replace(to_char(%(expressions)s AT TIME ZONE 'UTC',"
            " 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '') || 'Z'",
            **extra,
        )

    def as_sql(  # type: ignore[override]  # SQLite's form takes no template
        self, compiler: Any, connection: Any, **extra: Any
    ) -> Any:
        # SQLite stores UTC text already: 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
        return Func.as_sql(
            self,
            compiler,
            connection,
            template="replace(replace(CAST(%(expressions)s AS text), ' ', 'T'),"
            " '.000000', '') || 'Z'",
            **extra,
        )


class UuidText(Func):
    """A UUID column as its canonical text (what `str(uuid)` gives)."""

    output_field = TextField()

    def __init__(self, name: str) -> None:
        super().__init__(F(name))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return Func.as_sql(
            self, compiler, connection, template="%(expressions)s::text", **extra
        )

    def as_sql(  # type: ignore[override]  # SQLite's form takes no template
        self, compiler: Any, connection: Any, **extra: Any
    ) -> Any:
        # SQLite keeps the 32 hex digits without dashes.
        sql, params = compiler.compile(self.source_expressions[0])
        parts = ("1, 8", "9, 4", "13, 4", "17, 4", "21, 12")
        return (
            "lower(" + " || '-' || ".join(f"substr({sql}, {p})" for p in parts) + ")",
            params * len(parts),
        )


@contextmanager
def one_chunk() -> Iterator[None]:
    """A chunk's reads in one transaction, so its relations are read from the
    page's snapshot, and without parallel workers: each read is a small index
    range, and starting two workers per query cost PostgreSQL more than they
    saved (the measurement export's chunk took twice as long)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


# Ids per `IN (...)` list: well under SQLite's limit on query parameters.
IN_BATCH = 5000


def batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), IN_BATCH):
        yield ids[start : start + IN_BATCH]
