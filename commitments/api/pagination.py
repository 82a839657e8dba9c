"""Cursor (keyset) pagination in a stable order, safe to sync from.

Lists are ordered by `(changed_at, id)` ascending, where `changed_at` is the
row's `updated_at` (pledges) or `created_at` (append-only rows). A cursor is the
key of the last row served; the next page is every row with a larger key.

Why a client syncing with `updated_since` + cursors never misses or repeats an
item while the record changes:

* An edit sets `updated_at` to "now", which is later than any key already
  served, so the edited row moves to *after* every cursor a client holds: it is
  served again (its new version) and never skipped.
* The danger is a write whose timestamp was taken before it committed: a row
  stamped 12:00:00.100 that commits after a row stamped 12:00:00.200 was served
  would land behind the cursor and be missed. So a page never goes past the
  *horizon*: now minus a short settle time (`API_SYNC_SETTLE_SECONDS`), and, on
  PostgreSQL, no later than the start of the oldest transaction still open on
  this database (a row it writes is stamped after it began). Rows newer than
  the horizon are served by the next request, once nothing can commit behind
  them.
* Within a page the key is unique (`id` breaks ties), so no row is served twice
  for the same version and none falls between two pages.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from commitments.errors import DomainError


class InvalidCursor(DomainError):
    code = "invalid_cursor"
    http_status = 400


def _signer() -> signing.Signer:
    return signing.Signer(salt="api-cursor")


@dataclass(frozen=True)
class Cursor:
    at: datetime
    pk: int


def encode_cursor(at: datetime, pk: int) -> str:
    # Opaque to clients; the signature makes a forged or garbled cursor a 400
    # instead of a query on arbitrary values.
    raw = json.dumps([at.isoformat(), pk], separators=(",", ":")).encode()
    return _signer().sign(base64.urlsafe_b64encode(raw).decode())


def decode_cursor(value: str) -> Cursor:
    try:
        payload = _signer().unsign(value)
        at_text, pk = json.loads(base64.urlsafe_b64decode(payload.encode()))
        at = datetime.fromisoformat(at_text)
        if timezone.is_naive(at) or not isinstance(pk, int):
            raise ValueError("bad cursor")
    except (signing.BadSignature, ValueError, TypeError, binascii.Error) as exc:
        raise InvalidCursor(
            "This cursor is not valid; start again without one.", field="cursor"
        ) from exc
    return Cursor(at=at, pk=pk)


# When the oldest transaction still open on this database began: other
# sessions' only, since our own (a test's wrapping transaction) cannot commit
# behind us.
OLDEST_OPEN_TRANSACTION_SQL = (
    "SELECT min(xact_start) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
    "AND xact_start IS NOT NULL AND state <> 'idle'"
)


def horizon_condition(column: str) -> tuple[str, list]:
    """`sync_horizon` as a SQL condition on `column`, evaluated by the page's
    own query (one round trip instead of two)."""
    settled = connection.ops.adapt_datetimefield_value(
        timezone.now() - timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)
    )
    if connection.vendor != "postgresql":
        return f"{column} < %s", [settled]
    margin = settings.API_SYNC_CLOCK_MARGIN_SECONDS
    # LEAST ignores a NULL: no transaction open, the settle time alone.
    return (
        f"{column} < LEAST(%s, ({OLDEST_OPEN_TRANSACTION_SQL})"
        " - %s * interval '1 second')",
        [settled, margin],
    )


def sync_horizon() -> datetime:
    """The newest change time a page may include (see the module docstring)."""
    horizon = timezone.now() - timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(OLDEST_OPEN_TRANSACTION_SQL)
            oldest = cursor.fetchone()[0]
        if oldest is not None:
            margin = timedelta(seconds=settings.API_SYNC_CLOCK_MARGIN_SECONDS)
            horizon = min(horizon, oldest - margin)
    return horizon


@dataclass
class Page:
    rows: list
    # Where to continue from: the last row served (or the cursor given, when
    # nothing new is visible). A syncing client stores it and polls with it.
    next_cursor: str | None
    # More rows are visible now: ask again at once with `next_cursor`.
    has_more: bool


def keyset_page(
    queryset: QuerySet,
    *,
    field: str,
    cursor: str | None,
    limit: int,
) -> Page:
    """One page of `queryset` in `(field, id)` order after `cursor`."""
    after = decode_cursor(cursor) if cursor else None
    queryset = queryset.filter(**{f"{field}__lt": sync_horizon()})
    if after is not None:
        queryset = queryset.filter(
            Q(**{f"{field}__gt": after.at}) | Q(**{field: after.at, "pk__gt": after.pk})
        )
    rows = list(queryset.order_by(field, "pk")[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        last = rows[-1]
        # Rows are model instances or `.values()` dicts (with "id").
        if isinstance(last, dict):
            next_cursor: str | None = encode_cursor(last[field], last["id"])
        else:
            next_cursor = encode_cursor(getattr(last, field), last.pk)
    else:
        next_cursor = cursor or None
    return Page(rows=rows, next_cursor=next_cursor, has_more=has_more)
