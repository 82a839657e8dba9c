"""Export throughput and memory through a real gunicorn, on one record or
several side by side.

    .venv/bin/python bench/exports.py \
        postgres://postgres@127.0.0.1:5432/tracker_h15a \
        postgres://postgres@127.0.0.1:5432/tracker_h15a_big

For each database URL (fill them first with `manage.py generate_synthetic`,
e.g. 10k pledges / 50k updates / 20k measurements, and 100k / 500k / 200k)
it starts gunicorn from config/gunicorn.conf.py (one worker, DEBUG off) on
127.0.0.1, downloads each export in full over HTTP `--runs` times in each of
two ways, and reports rows per second (the row count read from the export's
own completeness mark), megabytes, and the worker's memory: resident size
before and its peak (VmHWM) after all downloads of that record. Flat memory
means the peak does not grow with the record.

- live: the first download after the record changed (the bench moves the
  record's generation on before each, as a write does), which streams the
  export from the database and keeps it as a file;
- kept: a download of the kept file (`commitments/api/export_files.py`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
EXPORTS = [
    "/api/v1/export/pledges.csv",
    "/api/v1/export/pledges.json",
    "/api/v1/export/measurements.csv",
    "/api/v1/export/measurements.json",
]
CSV_MARK = re.compile(rb"# complete: (\d+) ")
EXPORT_DIR = ROOT / "var" / "bench-exports"


def status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def start(url: str, port: int) -> tuple[subprocess.Popen, int]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESSLOG": "",
        # Its own folder for the kept files, emptied by each run.
        "EXPORT_DIR": str(EXPORT_DIR),
        "SECRET_KEY": os.environ.get(
            "SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"
        ),
    }
    gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
    log = ROOT / "var" / f"bench-exports-{port}.log"
    log.parent.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [
            gunicorn,
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
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {log}")
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text()
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                if children.split():
                    return proc, int(children.split()[0])
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def record_changes(url: str) -> None:
    """What a write does to the export files: the generation moves on."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE commitments_record_generation SET value = value + 1")


def download(port: int, path: str) -> tuple[float, int, int]:
    """Seconds, bytes and rows of one full download."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200, (path, response.status)
    body = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    if path.endswith(".json"):
        data = json.loads(body)
        assert data["complete"] is True and data["count"] == len(data["items"])
        rows = data["count"]
    else:
        match = CSV_MARK.search(body[-300:])
        assert match, "no completeness line"
        rows = int(match.group(1))
    return seconds, len(body), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("urls", nargs="+", help="database URLs, one per record")
    ap.add_argument("--port", type=int, default=18720)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(
        "| record | export | rows | MB | live median s | live rows/s |"
        " kept median s | kept rows/s | worker RSS before MiB | worker peak MiB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, url in enumerate(args.urls):
        shutil.rmtree(EXPORT_DIR, ignore_errors=True)
        proc, worker = start(url, args.port + n)
        try:
            # A first request: the connection to the database, and so on.
            http.client.HTTPConnection("127.0.0.1", args.port + n).request(
                "GET", "/api/v1/statuses"
            )
            time.sleep(1)
            before = status_kb(worker, "VmRSS") / 1024
            results = []
            for path in EXPORTS:
                live, kept = [], []
                for _ in range(args.runs):
                    record_changes(url)
                    live.append(download(args.port + n, path))
                    kept.append(download(args.port + n, path))
                    # The same bytes either way.
                    assert live[-1][1:] == kept[-1][1:], path
                results.append((path, live, kept))
            peak = status_kb(worker, "VmHWM") / 1024
            label = url.rsplit("/", 1)[-1]
            for path, live, kept in results:
                live_s = statistics.median(r[0] for r in live)
                kept_s = statistics.median(r[0] for r in kept)
                _, size, rows = live[0]
                print(
                    f"| {label} | `{path.rsplit('/', 1)[-1]}` | {rows:,} |"
                    f" {size / 1e6:.1f} | {live_s:.2f} | {rows / live_s:,.0f} |"
                    f" {kept_s:.3f} | {rows / kept_s:,.0f} |"
                    f" {before:.0f} | {peak:.0f} |",
                    flush=True,
                )
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
