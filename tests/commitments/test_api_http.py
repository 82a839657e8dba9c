"""HTTP behaviour of the public API: caching, CORS, rate limits, error bodies."""

import pytest
from django.test import override_settings

from config import throttling
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]

GETS = [
    "/api/v1/pledges",
    "/api/v1/owners",
    "/api/v1/categories",
    "/api/v1/status-updates",
    "/api/v1/measurements",
    "/api/v1/stats",
    "/api/v1/statuses",
    "/api/v1/export/pledges.csv",
    "/api/v1/export/pledges.json",
    "/api/v1/export/dumps",
]


@pytest.mark.parametrize("url", GETS)
def test_every_get_has_etag_last_modified_and_cache_control(client, journalist, url):
    full_pledge(journalist)
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"].endswith("GMT")
    assert "max-age=" in response["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert not (b"".join(again.streaming_content) if again.streaming else again.content)


def test_a_changed_record_gets_a_new_etag(client):
    pledge = PledgeFactory()
    first = client.get(f"/api/v1/pledges/{pledge.slug}")
    pledge.title = "새 제목"
    pledge.save()
    second = client.get(
        f"/api/v1/pledges/{pledge.slug}", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_if_modified_since_gives_a_304(client):
    pledge = PledgeFactory()
    first = client.get(f"/api/v1/pledges/{pledge.slug}")
    again = client.get(
        f"/api/v1/pledges/{pledge.slug}",
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert again.status_code == 304


def test_cors_is_open_for_gets_on_the_public_api_and_feeds(client):
    response = client.get("/api/v1/statuses", HTTP_ORIGIN="https://civic.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    feed = client.get("/feeds/en/updates/", HTTP_ORIGIN="https://civic.example")
    assert feed["Access-Control-Allow-Origin"] == "*"


def test_a_cors_preflight_allows_only_safe_methods(client):
    response = client.options(
        "/api/v1/pledges",
        HTTP_ORIGIN="https://civic.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="If-None-Match",
    )
    # django-cors-headers answers a preflight itself, with an empty 200.
    assert response.status_code == 200
    assert not response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in response["Access-Control-Allow-Methods"]
    assert "if-none-match" in response["Access-Control-Allow-Headers"].lower()
    assert response["Access-Control-Max-Age"] == "86400"
    # No credentials: cookies are never sent cross-origin.
    assert "Access-Control-Allow-Credentials" not in response


def test_the_newsroom_api_and_pages_get_no_cors_headers(client):
    response = client.get("/api/v1/newsroom/sources", HTTP_ORIGIN="https://x.example")
    assert "Access-Control-Allow-Origin" not in response
    page = client.get("/", HTTP_ORIGIN="https://x.example")
    assert "Access-Control-Allow-Origin" not in page


def test_a_preflight_to_the_newsroom_api_is_not_answered(client):
    response = client.options(
        "/api/v1/newsroom/sources",
        HTTP_ORIGIN="https://x.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response


def test_rate_limit_gives_429_with_retry_after_then_recovers(
    client, settings, monkeypatch
):
    settings.API_RATE_LIMIT_ANON = "3/min"
    now = [1_800_000_000.0]
    monkeypatch.setattr(throttling.time, "time", lambda: now[0])
    for _ in range(3):
        assert client.get("/api/v1/statuses").status_code == 200
    limited = client.get("/api/v1/statuses")
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert set(limited.json()) == {"code", "message", "details"}
    wait = int(limited["Retry-After"])
    assert 1 <= wait <= 61
    # Another client (IP) is not affected.
    assert client.get("/api/v1/statuses", REMOTE_ADDR="203.0.113.9").status_code == 200
    now[0] += wait
    assert client.get("/api/v1/statuses").status_code == 200


def test_a_valid_api_key_has_its_own_larger_allowance(
    client, settings, journalist, monkeypatch
):
    from tracker.apikeys.services import api_key_create

    settings.API_RATE_LIMIT_ANON = "1/min"
    settings.API_RATE_LIMIT_KEY = "5/min"
    monkeypatch.setattr(throttling.time, "time", lambda: 1_800_000_000.0)
    _key, raw = api_key_create(user=journalist, name="app")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/statuses").status_code == 200
    assert client.get("/api/v1/statuses").status_code == 429
    for _ in range(5):
        assert client.get("/api/v1/statuses", **auth).status_code == 200
    assert client.get("/api/v1/statuses", **auth).status_code == 429
    # An invented key counts against the IP, not a fresh bucket.
    fake = {"HTTP_AUTHORIZATION": "Bearer pt_invented"}
    assert client.get("/api/v1/statuses", **fake).status_code == 429


def test_the_429_body_and_header_agree_on_the_wait(client, settings, monkeypatch):
    settings.API_RATE_LIMIT_ANON = "1/hour"
    monkeypatch.setattr(throttling.time, "time", lambda: 1_800_000_000.0)
    assert client.get("/api/v1/statuses").status_code == 200
    limited = client.get("/api/v1/statuses")
    assert limited.status_code == 429
    body = limited.json()
    assert body["details"]["retry_after"] == int(limited["Retry-After"])
    assert 1 <= int(limited["Retry-After"]) <= 3601
    assert str(body["details"]["retry_after"]) in body["message"]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(
    client, settings, monkeypatch
):
    settings.API_RATE_LIMIT_ANON = "1/min"
    settings.NINJA_NUM_PROXIES = 1
    monkeypatch.setattr(throttling.time, "time", lambda: 1_800_000_000.0)
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.get("/api/v1/statuses", **first).status_code == 200
    assert client.get("/api/v1/statuses", **first).status_code == 429
    assert client.get("/api/v1/statuses", **second).status_code == 200


def test_without_trusted_proxies_a_forged_forwarded_for_buys_nothing(
    client, settings, monkeypatch
):
    settings.API_RATE_LIMIT_ANON = "1/min"
    settings.NINJA_NUM_PROXIES = 0
    monkeypatch.setattr(throttling.time, "time", lambda: 1_800_000_000.0)
    assert client.get("/api/v1/statuses").status_code == 200
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.get("/api/v1/statuses", **forged).status_code == 429


def test_the_api_keeps_serving_when_the_rate_limit_cache_is_down(client, settings):
    settings.API_RATE_LIMIT_ANON = "1/min"
    # A real Redis client pointed at a port where nothing listens; restored
    # before the fixtures' teardown clears the cache.
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:18299/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        for _ in range(3):
            assert client.get("/api/v1/statuses").status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/pledges?cursor=garbage", 400, "invalid_cursor"),
        ("/api/v1/pledges/nope", 404, "not_found"),
        ("/api/v1/owners/nope", 404, "not_found"),
        ("/api/v1/no-such-endpoint", 404, "not_found"),
        ("/api/v1/pledges?limit=abc", 422, "invalid_input"),
        ("/api/v1/pledges?deadline_from=2025-13-45", 422, "invalid_input"),
        ("/api/v1/pledges?updated_since=yesterday", 422, "invalid_input"),
        ("/api/v1/status-updates?kind=rumour", 422, "invalid_input"),
        ("/api/v1/export/dumps/settings.py", 404, "not_found"),
        ("/api/v1/export/dumps/pledges-2020-01-01.csv", 404, "not_found"),
    ],
)
def test_bad_input_gets_a_json_error_body(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    assert isinstance(body["details"], dict)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/pledges?q=%00",
        "/api/v1/pledges?owner=a%00b",
        "/api/v1/pledges/a%00b",
        "/api/v1/status-updates?pledge=%00",
        "/api/v1/measurements?pledge=x%00",
        "/api/v1/pledges?cursor=%00",
        "/feeds/ko/pledges/a%00b/",
        "/feeds/xx/updates/",
    ],
)
def test_nul_bytes_and_nonsense_never_give_a_500(client, url):
    assert client.get(url).status_code < 500
