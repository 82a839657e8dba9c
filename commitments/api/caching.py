"""HTTP caching for the read API: ETag, Last-Modified, 304, Cache-Control.

Every GET answers with a strong ETag (a hash of the body) or, for streamed
exports, a weak one derived from what the body is made of; a conditional
request that matches gets a 304 with no body.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

# What an empty list reports as Last-Modified: a fixed date keeps the header
# (and the ETag) stable across workers and restarts.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def iso_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def decimal_text(value: Decimal) -> str:
    # Exact decimals as strings: a float would turn 0.1 into 0.1000000000000000055.
    return format(value.normalize(), "f")


def dumps(data: Any) -> bytes:
    return json.dumps(
        data, default=_default, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def dumps_items(items: list[Any]) -> bytes:
    """The inside of a JSON array of `items` (no brackets), for the exports.

    The same JSON as `dumps` (UTF-8, no spaces; decimals and the like through
    the same `_default`), written by orjson, several times faster on the
    millions of values an export writes. orjson writes dates itself, as
    `isoformat()` does, and UTC datetimes with a `Z` as `iso_datetime` does
    (the exports bring timestamps as text already). The one difference in
    the text: floats under 1e-4 are written positionally (0.00001, not
    1e-05), the same number to any JSON reader.
    """
    return orjson.dumps(items, default=_default, option=orjson.OPT_UTC_Z)[1:-1]


def set_cache_headers(
    response: HttpResponseBase, *, etag: str, last_modified: datetime
) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(
        response, public=True, max_age=settings.API_CACHE_MAX_AGE, must_revalidate=True
    )


def conditional(
    request: HttpRequest, *, etag: str, last_modified: datetime
) -> HttpResponse | None:
    """A 304 (with the cache headers) when the client's copy is current."""
    response = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified.timestamp())
    )
    if response is not None:
        set_cache_headers(response, etag=etag, last_modified=last_modified)
    return response


def body_etag(body: bytes) -> str:
    """A strong ETag from the body's bytes. SHA-256 (128 bits of it): the
    CPU's SHA instructions hash a page of 50 pledges in about two thirds of
    BLAKE2b's time."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def json_response(
    request: HttpRequest,
    data: Any,
    *,
    last_modified: datetime | None = None,
    status: int = 200,
) -> HttpResponse:
    # A body may come already encoded (`commitments.api.pledge_documents`).
    body = data if isinstance(data, bytes) else dumps(data)
    etag = body_etag(body)
    modified = last_modified or EPOCH
    not_modified = conditional(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(body, status=status, content_type="application/json")
    set_cache_headers(response, etag=etag, last_modified=modified)
    return response


def latest(values: Iterable[datetime | None]) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def cached_stream(
    request: HttpRequest,
    *,
    version: str,
    last_modified: datetime | None,
    make_response: Callable[[], HttpResponseBase],
) -> HttpResponseBase:
    """Conditional GET for a streamed body: the ETag is derived from `version`
    (what the body is made of), since the body itself is never held whole."""
    etag = 'W/"' + hashlib.blake2b(version.encode(), digest_size=16).hexdigest() + '"'
    modified = last_modified or EPOCH
    not_modified = conditional(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        return not_modified
    response = make_response()
    set_cache_headers(response, etag=etag, last_modified=modified)
    return response


# --- Server-side response cache ---------------------------------------------

_VERSION_SQL = (
    "SELECT (SELECT max(updated_at) FROM {pledge}), (SELECT max(id) FROM {update}),"
    " (SELECT max(id) FROM {measurement}), (SELECT max(id) FROM {citation}),"
    " (SELECT max(id) FROM {target})"
)


# The last few bodies this process served, so a hit costs no transfer from
# Redis (a page of 50 pledges is ~100 kB). Same keys and lifetime as the
# shared cache; entries expire by time, and the version in the key makes a
# write miss them at once.
_local: OrderedDict[str, tuple[bytes, str, datetime, float]] = OrderedDict()
_local_lock = threading.Lock()
_LOCAL_ENTRIES = 32


def _remember(key: str, hit: tuple[bytes, str, datetime, float]) -> None:
    with _local_lock:
        _local[key] = hit
        _local.move_to_end(key)
        while len(_local) > _LOCAL_ENTRIES:
            _local.popitem(last=False)


def clear_local() -> None:
    with _local_lock:
        _local.clear()


def record_version() -> str:
    """A stamp that changes with every write a representation shows: each of
    these is an index-only max(), one round trip in all."""
    from commitments.models import Citation, Measurement, Pledge, StatusUpdate, Target

    sql = _VERSION_SQL.format(
        pledge=Pledge._meta.db_table,
        update=StatusUpdate._meta.db_table,
        measurement=Measurement._meta.db_table,
        citation=Citation._meta.db_table,
        target=Target._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return "|".join(str(v) for v in cursor.fetchone())


def cached_json(
    request: HttpRequest, build: Callable[[], tuple[Any, datetime | None]]
) -> HttpResponse:
    """`json_response` for the body `build()` returns, kept in the shared cache
    for API_RESPONSE_CACHE_SECONDS under the request and the record's version.

    A write changes the version, so a changed record is never served from the
    cache; the short lifetime bounds what no stamp sees (an owner renamed, a
    row settling into a sync page), like the public max-age already does.
    """
    lifetime = settings.API_RESPONSE_CACHE_SECONDS
    if lifetime <= 0:
        data, modified = build()
        return json_response(request, data, last_modified=modified)
    key = (
        "api-response:"
        + hashlib.blake2b(
            "\n".join(
                [
                    request.scheme or "",
                    request.get_host(),
                    request.path,
                    "&".join(sorted(f"{k}={v}" for k, v in request.GET.lists())),
                    record_version(),
                    # Overdue is computed against today: a new day is a new
                    # answer even when nothing was written.
                    timezone.localdate().isoformat(),
                ]
            ).encode(),
            digest_size=20,
        ).hexdigest()
    )
    now = time.monotonic()
    hit = _local.get(key)
    if hit is not None and hit[3] < now:
        hit = None
    if hit is None:
        try:
            shared = cache.get(key)
        except Exception:  # a cache outage only costs speed
            shared = None
        if shared is not None:
            # Expiry times are per process (monotonic clock): restart it here.
            hit = (*shared, now + lifetime)
            _remember(key, hit)
    if hit is None:
        data, modified = build()
        body = data if isinstance(data, bytes) else dumps(data)
        etag = body_etag(body)
        hit = (body, etag, modified or EPOCH, now + lifetime)
        _remember(key, hit)
        # A cache outage only costs speed.
        with contextlib.suppress(Exception):
            cache.set(key, hit[:3], lifetime)
    body, etag, modified, _expires = hit
    not_modified = conditional(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(body, content_type="application/json")
    set_cache_headers(response, etag=etag, last_modified=modified)
    return response
