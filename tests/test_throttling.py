"""The API's rate-limit counter (`config.throttling`): exact when many
requests of one client arrive at once, and on Redis one round trip per
request with the window's expiry set. The Redis tests use the real server
(REDIS_URL); they skip without it and fail under REQUIRE_SERVICES=1."""

import threading
import uuid

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from config import throttling
from tests.services import require_redis


def _throttle_and_request(settings, rate: str):
    settings.API_RATE_LIMIT_ANON = rate
    # A client address of its own: no other test's count.
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}-{uuid.uuid4().hex[:8]}"
    request = RequestFactory().get("/api/v1/statuses", REMOTE_ADDR=address)
    return throttling.ClientIpRateThrottle(), request


def test_requests_arriving_together_are_counted_exactly(settings):
    throttle, request = _throttle_and_request(settings, "100/hour")
    allowed: list[bool] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(25):
            ok = throttle.allow_request(request)
            with lock:
                allowed.append(ok)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 200
    assert allowed.count(True) == 100


def test_on_redis_a_request_costs_one_round_trip_and_the_window_expires(
    settings, monkeypatch
):
    require_redis()
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        pytest.fail("REDIS_URL is set but the cache is not Redis")
    throttle, request = _throttle_and_request(settings, "3/min")

    sent: list[int] = []
    real_send = redis.connection.Connection.send_packed_command

    def counting_send(self, command, check_health=True):
        sent.append(1)
        return real_send(self, command, check_health)

    monkeypatch.setattr(
        redis.connection.Connection, "send_packed_command", counting_send
    )
    results = []
    for _ in range(4):
        sent.clear()
        results.append(throttle.allow_request(request))
        assert len(sent) == 1, "one round trip per request"
    monkeypatch.undo()

    assert results == [True, True, True, False]
    assert 1 <= throttle.wait() <= 61
    # The window's counter expires by itself (60 s and a margin).
    client = backend._cache.get_client(write=False)
    keys = client.keys(f"*{throttle.get_ident(request)}*")
    assert len(keys) == 1
    assert int(client.get(keys[0])) == 4
    assert 0 < client.ttl(keys[0]) <= 65
