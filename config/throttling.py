"""Rate limits for the API: per client IP when anonymous, per API key when a
valid key is sent. A fixed window counted in the cache (Redis when configured,
so every worker shares the counts); beyond the limit, 429 with Retry-After."""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip()]


def client_ip(request: HttpRequest) -> str:
    proxies = settings.API_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key_bucket(request: HttpRequest) -> str | None:
    """The bucket of a valid API key, or None (then the IP's bucket applies,
    so inventing keys does not buy a fresh allowance)."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    from tracker.apikeys.services import hash_key
    from tracker.models import ApiKey

    digest = hash_key(token.strip())
    if ApiKey.objects.filter(key_hash=digest, revoked_at__isnull=True).exists():
        return "key:" + digest[:32]
    return None


class ApiRateThrottle(BaseThrottle):
    def __init__(self) -> None:
        # One instance serves every thread of a worker: keep the wait per thread.
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        bucket = _key_bucket(request)
        if bucket is None:
            ip = client_ip(request)
            bucket = "ip:" + hashlib.sha256(ip.encode()).hexdigest()[:32]
            rate = settings.API_RATE_LIMIT_ANON
        else:
            rate = settings.API_RATE_LIMIT_KEY
        limit, period = parse_rate(rate)
        now = time.time()
        window = int(now // period)
        key = f"api-rate:{bucket}:{period}:{window}"
        try:
            cache.add(key, 0, timeout=period + 5)
            count = cache.incr(key)
        except Exception:
            logger.warning("rate limit cache unavailable", exc_info=True)
            return True
        if count > limit:
            self._local.wait = max(1, int((window + 1) * period - now) + 1)
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
