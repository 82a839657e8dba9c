"""Large exports through a real gunicorn process started from the project's
config file (config/gunicorn.conf.py): a slow reader gets the whole file,
however long past the worker timeout it takes; other requests are answered
meanwhile; and a download cut short ends in an error the client sees, never
in a file that merely looks shorter."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from commitments.models import Pledge
from tests.services import ROOT, worker_env

pytestmark = pytest.mark.django_db(transaction=True)
PORTS = range(18740, 18760)
# Short, so that the download outlives it several times over.
TIMEOUT_SECONDS = 2
PLEDGES = 3000


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {PORTS}")


def worker_pids(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.fixture
def server(db) -> Iterator[tuple[int, subprocess.Popen]]:
    call_command("generate_synthetic", pledges=PLEDGES, updates=PLEDGES, seed=7)
    port = free_port()
    log = ROOT / "var" / f"gunicorn-export-{port}.log"
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    env = worker_env(
        SECURE_SSL_REDIRECT="0",
        WEB_CONCURRENCY="1",  # one worker: a blocked worker would block all
        GUNICORN_TIMEOUT=str(TIMEOUT_SECONDS),
        GUNICORN_ACCESSLOG="",
        # The run's other tests share the Redis the rate limits count in:
        # this test is about streaming, not about the limits.
        API_RATE_LIMIT_ANON="1000000/min",
        API_RATE_LIMIT_KEY="1000000/min",
    )
    process = subprocess.Popen(
        [
            gunicorn or "gunicorn",
            "config.wsgi:application",
            "-c",
            "config/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited: {log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
    yield port, process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class SmallWindowConnection(http.client.HTTPConnection):
    """A client with a small receive buffer, set before connecting (the TCP
    window is agreed then): the server can only send as fast as we read,
    instead of dropping the whole body into the kernel's buffers."""

    def connect(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(self.timeout)
        sock.connect((self.host, self.port))
        self.sock = sock


def open_download(port: int, path: str, *, kept: bool) -> http.client.HTTPResponse:
    """`kept`: the export's file is kept already, and sent with its length;
    otherwise the export streams live, in chunks. Either way a body cut
    short is an error the client sees (a missing last chunk, or fewer bytes
    than the length said)."""
    connection = SmallWindowConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200
    if kept:
        assert int(response.getheader("Content-Length")) > 0
    else:
        assert response.getheader("Transfer-Encoding") == "chunked"
    return response


def slow_read(response: http.client.HTTPResponse, seconds: float) -> bytes:
    """Read the whole body, spread over at least `seconds`."""
    parts = []
    started = time.monotonic()
    while chunk := response.read1(32 * 1024):
        parts.append(chunk)
        time.sleep(0.01)
    assert time.monotonic() - started >= seconds, "the read was not slow enough"
    return b"".join(parts)


def wait_for_worker(master: int) -> None:
    """Until the master has started a new worker after one was killed."""
    deadline = time.monotonic() + 60
    while not worker_pids(master):
        assert time.monotonic() < deadline, "no new worker"
        time.sleep(0.2)


def quick_get(port: int, path: str) -> tuple[int, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    status = connection.getresponse().status
    connection.close()
    return status, time.monotonic() - started


def test_large_exports_through_gunicorn_arrive_whole_or_fail_loudly(server):
    """One server and one record for the three checks: starting them is most
    of the cost."""
    port, master = server
    last = Pledge.objects.order_by("-id").values_list("public_id", flat=True)[0]

    # A slow JSON download outlives the worker timeout several times over...
    response = open_download(port, "/api/v1/export/pledges.json", kept=False)
    first = response.read1(64 * 1024)
    # ...and while it is under way, the same (only) worker answers others.
    status, took = quick_get(port, "/api/v1/statuses")
    assert status == 200 and took < TIMEOUT_SECONDS
    body = first + slow_read(response, seconds=3 * TIMEOUT_SECONDS)
    # Larger than the server's largest socket send buffer (4 MB on Linux),
    # so the worker is still writing long after its timeout.
    assert len(body) > 5_000_000
    data = json.loads(body)
    assert data["complete"] is True
    assert data["count"] == PLEDGES == len(data["items"])
    assert data["items"][-1]["id"] == str(last)

    # The next download is the file the first one kept: as slow, as whole,
    # and the same bytes.
    response = open_download(port, "/api/v1/export/pledges.json", kept=True)
    first = response.read1(64 * 1024)
    status, took = quick_get(port, "/api/v1/statuses")
    assert status == 200 and took < TIMEOUT_SECONDS
    assert first + slow_read(response, seconds=3 * TIMEOUT_SECONDS) == body

    # The CSV ends with the last pledge and then its completeness line.
    response = open_download(port, "/api/v1/export/pledges.csv", kept=False)
    lines = slow_read(response, seconds=0).decode("utf-8-sig").splitlines()
    assert lines[-1].startswith(f"# complete: {PLEDGES} pledges; licence: ")
    assert lines[-2].startswith(f"{last},")

    # A worker that dies mid-download leaves the client with an error, not a
    # shorter file: for a kept file, fewer bytes than its length...
    response = open_download(port, "/api/v1/export/pledges.json", kept=True)
    response.read1(16 * 1024)
    for pid in worker_pids(master.pid):
        os.kill(pid, signal.SIGKILL)
    # (`read1` returns what arrived without comparing it to the length;
    # `read` does, as curl and requests do.)
    with pytest.raises((http.client.IncompleteRead, ConnectionError)):
        response.read()
    # ...and for a live stream, a chunked body without its last chunk (a
    # write first, so that no kept file matches the record).
    Pledge.objects.order_by("id").first().save()
    wait_for_worker(master.pid)
    response = open_download(port, "/api/v1/export/pledges.json", kept=False)
    response.read1(16 * 1024)
    for pid in worker_pids(master.pid):
        os.kill(pid, signal.SIGKILL)
    with pytest.raises((http.client.IncompleteRead, ConnectionError)):
        while response.read1(64 * 1024):
            pass
