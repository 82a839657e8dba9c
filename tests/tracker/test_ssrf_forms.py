"""The SSRF guard refuses every address form an attacker would try, and no
connection is made for any of them: not to a real listener on the loopback
address (which records every connection it accepts), and not anywhere else
(a Python audit hook records every socket.connect the process makes).

The same forms sent to the newsroom API get a JSON 4xx.
"""

import json
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

# --- Instruments -------------------------------------------------------------
from tracker.safe_http.client import fetch
from tracker.safe_http.errors import FetchError

_connects: list[object] | None = None


def _service_ports() -> set[int]:
    """The app's own backing services (Redis for the cache and rate limits,
    PostgreSQL): connections to them are not the fetcher's."""
    from django.conf import settings

    ports = set()
    if settings.REDIS_URL:
        ports.add(urlsplit(settings.REDIS_URL).port or 6379)
    if settings.DATABASES["default"].get("PORT"):
        ports.add(int(settings.DATABASES["default"]["PORT"]))
    return ports


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect" and _connects is not None:
        address = args[1]
        if isinstance(address, tuple) and address[1] in _service_ports():
            return
        _connects.append(address)


# Audit hooks cannot be removed; this one records only inside `connects()`.
sys.addaudithook(_audit)


@contextmanager
def connects() -> Iterator[list[object]]:
    """Every address this process tries to connect a socket to, meanwhile."""
    global _connects
    _connects = []
    try:
        yield _connects
    finally:
        _connects = None


@dataclass
class Listener:
    """TCP listeners on 127.0.0.1 and [::1] that record each connection and
    answer it with a small HTML page."""

    port4: int = 0
    port6: int = 0
    accepted: list[tuple] = field(default_factory=list)
    sockets: list[socket.socket] = field(default_factory=list)

    def serve(self, server: socket.socket) -> None:
        while True:
            try:
                conn, peer = server.accept()
            except OSError:
                return
            self.accepted.append(peer)
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    body = b"<html><body><p>listener</p></body></html>"
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                        % (len(body), body)
                    )
                except OSError:
                    pass

    def start(self) -> None:
        for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
            server = socket.socket(family, socket.SOCK_STREAM)
            server.bind((host, 0))
            server.listen(16)
            self.sockets.append(server)
            if family == socket.AF_INET:
                self.port4 = server.getsockname()[1]
            else:
                self.port6 = server.getsockname()[1]
            threading.Thread(target=self.serve, args=(server,), daemon=True).start()

    def stop(self) -> None:
        for server in self.sockets:
            server.close()


@pytest.fixture
def listener(settings) -> Iterator[Listener]:
    settings.INGEST_ALLOWED_HOSTS = []
    settings.INGEST_CONNECT_TIMEOUT = 2
    settings.INGEST_READ_TIMEOUT = 2
    server = Listener()
    server.start()
    yield server
    server.stop()


# --- The 18 forms ----------------------------------------------------------------
# "{p}" is the IPv4 listener's port, "{p6}" the IPv6 one's: the loopback forms
# aim at a live listener, so a guard that let one through would be seen.
FORMS = [
    ("loopback", "http://127.0.0.1:{p}/", "blocked_address"),
    ("localhost by name", "http://localhost:{p}/", "blocked_address"),
    ("decimal IPv4", "http://2130706433:{p}/", "blocked_address"),
    ("octal IPv4", "http://0177.0.0.1:{p}/", "blocked_address"),
    ("hex IPv4", "http://0x7f.0.0.1:{p}/", "blocked_address"),
    ("IPv6 loopback", "http://[::1]:{p6}/", "blocked_address"),
    ("IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]:{p}/", "blocked_address"),
    ("unspecified 0.0.0.0", "http://0.0.0.0:{p}/", "blocked_address"),
    ("link-local", "http://169.254.10.20/", "blocked_address"),
    ("cloud metadata", "http://169.254.169.254/latest/meta-data/", "blocked_address"),
    ("private 10/8", "http://10.0.0.1/", "blocked_address"),
    ("private 172.16/12", "http://172.31.255.254/", "blocked_address"),
    ("private 192.168/16", "http://192.168.0.1:8080/admin", "blocked_address"),
    ("carrier-grade NAT 100.64/10", "http://100.64.0.1/", "blocked_address"),
    ("credentials in the URL", "http://user:secret@127.0.0.1:{p}/", "invalid_url"),
    ("file scheme", "file:///etc/passwd", "invalid_url"),
    ("gopher scheme", "gopher://127.0.0.1:{p}/_GET%20/", "invalid_url"),
    ("ftp scheme", "ftp://127.0.0.1:{p}/", "invalid_url"),
]


def aimed(url: str, listener: Listener) -> str:
    return url.format(p=listener.port4, p6=listener.port6)


def test_there_are_eighteen_forms():
    assert len({name for name, _, _ in FORMS}) == 18


@pytest.mark.parametrize("name,url,code", FORMS, ids=[name for name, _, _ in FORMS])
def test_every_address_form_is_refused_without_a_connection(listener, name, url, code):
    with connects() as attempted, pytest.raises(FetchError) as caught:
        fetch(aimed(url, listener))
    assert caught.value.code == code
    assert attempted == []
    assert listener.accepted == []


@pytest.mark.parametrize(
    "host,url",
    [("127.0.0.1", "http://127.0.0.1:{p}/"), ("::1", "http://[::1]:{p6}/")],
)
def test_the_instruments_see_a_connection_when_the_guard_allows_one(
    listener, settings, host, url
):
    """The control: allowlisted, the same fetch reaches the listener, and both
    the listener and the audit hook record it. A refusal above is therefore a
    refusal, not a blind instrument."""
    settings.INGEST_ALLOWED_HOSTS = [host]
    with connects() as attempted:
        result = fetch(aimed(url, listener))
    assert result.status == 200
    assert len(attempted) == 1
    assert len(listener.accepted) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name,url,code", FORMS, ids=[name for name, _, _ in FORMS])
def test_every_address_form_sent_to_the_newsroom_api_is_a_json_4xx(
    client, journalist, listener, name, url, code
):
    client.force_login(journalist)
    with connects() as attempted:
        response = client.post(
            "/api/v1/newsroom/sources",
            json.dumps({"url": aimed(url, listener)}),
            content_type="application/json",
        )
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code
    assert attempted == []
    assert listener.accepted == []
