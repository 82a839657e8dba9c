"""The fetcher refuses internal addresses, directly or through a redirect,
unless the host is allowlisted (tests only)."""

import ipaddress
import socket

import pytest

from tests.tracker.fixtures.server import fixture_server
from tracker.safe_http.client import fetch
from tracker.safe_http.errors import FetchError
from tracker.safe_http.guard import address_refused


@pytest.fixture
def site(settings):
    settings.INGEST_ALLOWED_HOSTS = []
    with fixture_server() as server:
        yield server


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://192.168.1.1:8080/admin",
        "http://localhost/",
    ],
)
def test_the_guard_refuses_internal_addresses(settings, url):
    settings.INGEST_ALLOWED_HOSTS = []
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.code == "blocked_address"


def test_a_hostname_that_resolves_to_a_private_address_is_refused(
    settings, monkeypatch
):
    settings.INGEST_ALLOWED_HOSTS = []
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "intranet.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.20.30.40", 80))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(FetchError) as caught:
        fetch("http://intranet.example.com/")
    assert caught.value.code == "blocked_address"


def test_a_name_with_one_public_and_one_private_answer_is_refused(
    settings, monkeypatch
):
    settings.INGEST_ALLOWED_HOSTS = []

    def fake(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(FetchError) as caught:
        fetch("http://mixed.example.com/")
    assert caught.value.code == "blocked_address"


def test_the_loopback_fixture_server_is_refused_when_not_allowlisted(site):
    with pytest.raises(FetchError) as caught:
        fetch(f"{site.base}/article.html")
    assert caught.value.code == "blocked_address"
    assert site.seen == []


def test_a_redirect_to_a_private_address_is_refused(settings, site):
    # The first hop is allowlisted; the redirect target is not.
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with pytest.raises(FetchError) as caught:
        fetch(f"{site.base}/redirect-private")
    assert caught.value.code == "blocked_address"


def test_a_redirect_to_localhost_is_refused(settings, site):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with pytest.raises(FetchError) as caught:
        fetch(f"{site.base}/redirect-localhost")
    assert caught.value.code == "blocked_address"
    assert [r["path"] for r in site.seen] == ["/redirect-localhost"]


def test_the_connection_goes_to_the_checked_address_with_the_original_host(
    settings, site, monkeypatch
):
    """The name is resolved once and the socket connects to that checked IP
    (a DNS answer that changes later cannot redirect the connection)."""
    settings.INGEST_ALLOWED_HOSTS = ["news.fixture.test"]
    port = site.server_address[1]
    calls = []
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(host)
        if host == "news.fixture.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    result = fetch(f"http://news.fixture.test:{port}/article.html")
    assert result.status == 200
    assert site.seen[0]["headers"]["Host"] == f"news.fixture.test:{port}"
    # Resolved by the guard only; urllib3 was given the IP itself.
    assert calls.count("news.fixture.test") == 1


def test_too_many_redirects_are_refused(settings, site):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with pytest.raises(FetchError) as caught:
        fetch(f"{site.base}/loop0")
    assert caught.value.code == "too_many_redirects"
    assert len(site.seen) == settings.INGEST_MAX_REDIRECTS + 1


@pytest.mark.parametrize(
    "address,refused",
    [
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("100.64.0.1", True),  # carrier-grade NAT
        ("fe80::1", True),
        ("fc00::1", True),
        ("ff02::1", True),
        ("240.0.0.1", True),
        ("2002:0a00:0001::", True),  # 6to4 wrapping 10.0.0.1
    ],
)
def test_address_classification(address, refused):
    assert address_refused(ipaddress.ip_address(address)) is refused


def test_non_http_schemes_are_refused():
    for url in ("file:///etc/passwd", "ftp://example.com/", "gopher://x/"):
        with pytest.raises(FetchError) as caught:
            fetch(url)
        assert caught.value.code == "invalid_url"
