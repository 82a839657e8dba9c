"""Rate limits for the API, on ninja's throttles: per client IP when no valid
API key is sent, per API key when one is. Beyond the limit ninja raises
`Throttled`, which `config/api.py` answers as a 429 with Retry-After.

ninja gives the rate syntax (`SimpleRateThrottle.parse_rate`), the client's
address behind trusted proxies (`BaseThrottle.get_ident`, `NINJA_NUM_PROXIES`)
and the cache-key scheme. The counting is ours, on purpose: ninja keeps a list
of timestamps that each request reads and writes back, so two workers serving
one client at once lose a request from the count, and a 1,200/min key would
send 1,200 floats to Redis on every request. Here a fixed window is one
counter incremented atomically by the cache (Redis INCR), exact across workers
and constant in size. On Redis that is one round trip per request
(`_count`): through Django's cache API it took three, a third of what a
pledge's read costs.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from typing import cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle

logger = logging.getLogger(__name__)

# Marks a request whose key was looked up, so both throttles share one query.
_NOT_LOOKED_UP = object()


def valid_api_key_digest(request: HttpRequest) -> str | None:
    """The hash of the request's valid (unrevoked) bearer key, or None.

    An invented or revoked key gives None, so it counts against the IP:
    inventing keys does not buy a fresh allowance."""
    cached = getattr(request, "_throttle_key_digest", _NOT_LOOKED_UP)
    if cached is not _NOT_LOOKED_UP:
        return cast("str | None", cached)
    digest: str | None = None
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        from tracker.apikeys.services import hash_key
        from tracker.models import ApiKey

        candidate = hash_key(token.strip())
        if ApiKey.objects.filter(key_hash=candidate, revoked_at__isnull=True).exists():
            digest = candidate
    # A passing attribute on this request (read back above), not an HttpRequest field.
    request._throttle_key_digest = digest  # type: ignore[attr-defined]
    return digest


def _count(counter: str, *, ttl: int) -> int:
    """Adds one to `counter` (created at 0 to live `ttl` seconds) and returns
    it. On Redis both commands go in one pipeline, one round trip: the cache
    API's `add` and `incr` are three (its `incr` asks whether the key exists
    first). Other caches (local memory, the embedded default) go through the
    cache API."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        key = backend.make_and_validate_key(counter)
        # (`_cache` is the backend's client wrapper; it hands out redis-py
        # clients on its connection pool.)
        client = backend._cache.get_client(key, write=True)
        pipeline = client.pipeline(transaction=False)
        pipeline.set(key, 0, ex=ttl, nx=True)
        pipeline.incr(key)
        _created, count = pipeline.execute()
        return int(count)
    backend.add(counter, 0, timeout=ttl)
    return backend.incr(counter)


class CountedRateThrottle(SimpleRateThrottle):
    """A ninja rate throttle whose rate is a Django setting read per request
    (so an override applies at once) and whose count is a cache counter."""

    rate_setting = ""

    def __init__(self) -> None:
        # No super().__init__(): it would freeze the rate at import time.
        # One instance serves every thread of a worker: ninja asks `wait()`
        # right after `allow_request()` in the same thread, so keep it per thread.
        self._local = threading.local()

    def get_rate(self) -> str:
        return str(getattr(settings, self.rate_setting))

    def get_ident(self, request: HttpRequest) -> str:
        # Hashed: client addresses are not stored in the cache in the clear,
        # and whatever a proxy forwards makes a valid cache key.
        address = super().get_ident(request) or "unknown"
        return hashlib.sha256(address.encode()).hexdigest()[:32]

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        key = self.get_cache_key(request)
        if key is None:
            return True
        limit, period = self.parse_rate(self.get_rate())
        if limit is None or not period:
            return True
        now = time.time()
        window = int(now // period)
        try:
            count = _count(f"{key}:{period}:{window}", ttl=period + 5)
        except Exception:
            # The cache (Redis) is down: serve rather than refuse everyone.
            logger.warning("rate limit cache unavailable", exc_info=True)
            return True
        if count > limit:
            self._local.wait = max(1, int((window + 1) * period - now) + 1)
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


class ClientIpRateThrottle(CountedRateThrottle):
    """Requests without a valid API key: per client IP, `API_RATE_LIMIT_ANON`.

    Unlike ninja's AnonRateThrottle it does not look at `request.auth`: a
    signed-in newsroom session is still counted per IP."""

    scope = "anon"
    rate_setting = "API_RATE_LIMIT_ANON"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if valid_api_key_digest(request) is not None:
            return None
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class ApiKeyRateThrottle(CountedRateThrottle):
    """Requests with a valid API key: per key, `API_RATE_LIMIT_KEY`. Like
    ninja's AuthRateThrottle, but keyed by the bearer key on public endpoints
    too, which have no `auth` that would set `request.auth`."""

    scope = "key"
    rate_setting = "API_RATE_LIMIT_KEY"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        digest = valid_api_key_digest(request)
        if digest is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": digest[:32]}


def api_throttles() -> list[BaseThrottle]:
    return [ClientIpRateThrottle(), ApiKeyRateThrottle()]
