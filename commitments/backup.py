"""Backups of the record: a PostgreSQL dump in pg_dump's custom format, a
restore into a fresh database, and a checksum that proves the two hold the same
record (used by `manage.py restore_drill` and its test; see docs/operations.md).

The checksum of a table is its row count and the md5 of every row's text form
(all columns), in primary-key order, read with the session in UTC so that
timestamps print the same on any server.
"""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models

from commitments.models import (
    AuditEvent,
    Citation,
    Measurement,
    Owner,
    Pledge,
    Source,
    StatusUpdate,
    Target,
)

# The record an operator must get back: the four the public sees change, then
# what they hang on, then the audit trail.
CHECKED_MODELS: tuple[type[models.Model], ...] = (
    Pledge,
    StatusUpdate,
    Measurement,
    Citation,
    Target,
    Source,
    Owner,
    AuditEvent,
)


@dataclass(frozen=True)
class TableSum:
    table: str
    rows: int
    md5: str


def checksum_sql(table: str) -> str:
    # Table names come from our models' _meta, never from input.
    return (
        f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t.id)), '') "
        f'FROM "{table}" AS t'
    )


def record_checksums(cursor: Any) -> list[TableSum]:
    """Counts and checksums of the record's tables, through a DB-API cursor
    (Django's or psycopg's) on a PostgreSQL database."""
    cursor.execute("SET TIME ZONE 'UTC'")
    sums = []
    for model in CHECKED_MODELS:
        table = model._meta.db_table
        cursor.execute(checksum_sql(table))
        rows, digest = cursor.fetchone()
        sums.append(TableSum(table=table, rows=int(rows), md5=str(digest)))
    return sums


def pg_env(conf: dict[str, Any]) -> dict[str, str]:
    """The environment pg_dump, pg_restore and createdb need for a Django
    database's settings (libpq's PG* variables; no password on argv)."""
    env = dict(os.environ)
    env["PGHOST"] = str(conf.get("HOST") or "127.0.0.1")
    env["PGPORT"] = str(conf.get("PORT") or 5432)
    env["PGUSER"] = str(conf.get("USER") or "postgres")
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return env


def pg_dump(conf: dict[str, Any], database: str, path: Path) -> None:
    """Dump `database` in the custom format (compressed; pg_restore can restore
    it whole, in parallel, or table by table)."""
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", database],
        env=pg_env(conf),
        check=True,
        capture_output=True,
    )


def pg_restore_fresh(conf: dict[str, Any], path: Path, database: str) -> None:
    """Create `database` (it must not exist) and restore the dump into it;
    any error stops the restore and raises."""
    env = pg_env(conf)
    subprocess.run(
        ["createdb", "--template=template0", "--encoding=UTF8", database],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "pg_restore",
            "--exit-on-error",
            "--no-owner",
            "--single-transaction",
            f"--dbname={database}",
            str(path),
        ],
        env=env,
        check=True,
        capture_output=True,
    )


def drop_database(conf: dict[str, Any], database: str) -> None:
    subprocess.run(
        ["dropdb", "--if-exists", database],
        env=pg_env(conf),
        check=True,
        capture_output=True,
    )


def checksums_of(conf: dict[str, Any], database: str) -> list[TableSum]:
    """Checksums of another database on the same server (e.g. the restored one)."""
    import psycopg

    env = pg_env(conf)
    with (
        psycopg.connect(
            host=env["PGHOST"],
            port=env["PGPORT"],
            user=env["PGUSER"],
            password=env.get("PGPASSWORD") or None,
            dbname=database,
        ) as conn,
        conn.cursor() as cursor,
    ):
        return record_checksums(cursor)
