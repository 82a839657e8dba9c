"""Shared by bench/pages.py and bench/api.py: serve one or more records (one
gunicorn each, on its own port) and time requests interleaved across them,
each request right after one for the static floor from the same server.

A record is `--record NAME=DATABASE_URL` (repeatable; without any, the one
in $DATABASE_URL). Interleaving matters on a shared machine: load from other
work hits every record and the floor alike, so the ratios stay comparable
even when the absolute milliseconds do not.
"""

from __future__ import annotations

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FLOOR = "/static/css/site.css"


@dataclass
class Record:
    name: str
    database_url: str
    port: int
    paths: dict[str, str] = field(default_factory=dict)
    count: str = "?"
    process: subprocess.Popen | None = None

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        env = dict(os.environ)
        env.setdefault(
            "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuv"
        )
        env.update(
            DATABASE_URL=self.database_url,
            DEBUG="0",
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_LEVEL="WARNING",
            # One client timing requests: lift the API's rate limit.
            API_RATE_LIMIT_ANON="100000000/min",
            **extra,
        )
        return env


def parse_records(values: list[str], base_port: int) -> list[Record]:
    pairs = [v.split("=", 1) for v in values] or [
        ["record", os.environ.get("DATABASE_URL", "")]
    ]
    records = []
    for i, (name, url) in enumerate(pairs):
        if not url.startswith("postgres"):
            raise SystemExit(f"{name}: a PostgreSQL DATABASE_URL is needed")
        records.append(Record(name=name, database_url=url, port=base_port + i))
    return records


def manage(record: Record, *args: str, extra: dict[str, str]) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=record.env(extra),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def get(port: int, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Accept-Language": "ko"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return time.perf_counter() - start, response.status


# How each record's server runs: "deployed" is config/gunicorn.conf.py as
# docker-compose.yml starts it (threaded workers, the app preloaded and warmed
# up in the master); "sync" one plain sync worker, as the benches ran before
# 2026-12-07 (kept to compare with the older tables).
SERVERS = ("deployed", "sync")


def server_label(server: str, workers: int) -> str:
    if server == "sync":
        return f"gunicorn, {workers} sync worker each, DEBUG off"
    return (
        f"gunicorn from config/gunicorn.conf.py ({workers} gthread worker each,"
        " preloaded), DEBUG off"
    )


def start(record: Record, *, workers: int, server: str, extra: dict[str, str]) -> None:
    gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
    command = [gunicorn, "config.wsgi:application", f"--bind=127.0.0.1:{record.port}"]
    if server == "sync":
        command += [f"--workers={workers}", "--worker-class=sync"]
    else:
        command += ["-c", "config/gunicorn.conf.py"]
        extra = {**extra, "WEB_CONCURRENCY": str(workers), "GUNICORN_ACCESSLOG": ""}
    record.process = subprocess.Popen(
        [*command, "--log-level=warning"],
        cwd=ROOT,
        env=record.env(extra),
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if record.process.poll() is not None:
            raise RuntimeError(f"{record.name}: gunicorn exited early")
        try:
            get(record.port, FLOOR)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{record.name}: gunicorn did not start")


def stop(records: list[Record]) -> None:
    for record in records:
        if record.process is not None:
            record.process.terminate()
            record.process.wait(timeout=30)


Timings = dict[str, dict[str, tuple[list[float], list[float]]]]


def interleaved(
    records: list[Record], names: list[str], *, requests: int, warmup: int
) -> Timings:
    """For each round, each page, each record: the floor, then the page.
    Returns {page: {record: (page ms list, floor ms list)}}."""
    found: Timings = {n: {r.name: ([], []) for r in records} for n in names}
    for round_no in range(warmup + requests):
        for name in names:
            for record in records:
                floor_s, _ = get(record.port, FLOOR)
                page_s, status = get(record.port, record.paths[name])
                if status != 200:
                    raise RuntimeError(f"{record.name} {record.paths[name]}: {status}")
                if round_no >= warmup:
                    found[name][record.name][0].append(page_s * 1000)
                    found[name][record.name][1].append(floor_s * 1000)
    return found


def table(records: list[Record], found: Timings, label: str) -> str:
    heads = [label]
    for r in records:
        heads += [f"{r.name} median ms", f"{r.name} ÷ floor"]
    for before, after in zip(records, records[1:], strict=False):
        heads.append(f"{after.name} ÷ {before.name}")
    lines = ["| " + " | ".join(heads) + " |", "|---" + "|---:" * (len(heads) - 1) + "|"]
    for name, per_record in found.items():
        cells = [name]
        medians = []
        for r in records:
            pages, floors = per_record[r.name]
            page, floor = statistics.median(pages), statistics.median(floors)
            medians.append(page)
            cells += [f"{page:.1f}", f"{page / floor:.1f}×"]
        cells += [f"{b / a:.2f}×" for a, b in zip(medians, medians[1:], strict=False)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(
    records: list[Record],
    *,
    sample: Callable[[Record], None],
    names: list[str],
    requests: int,
    warmup: int,
    workers: int,
    server: str,
    extra: dict[str, str],
) -> Timings:
    manage(records[0], "collectstatic", "--noinput", "-v0", extra=extra)
    for record in records:
        manage(record, "migrate", "--noinput", "-v0", extra=extra)
        sample(record)
    try:
        for record in records:
            start(record, workers=workers, server=server, extra=extra)
        return interleaved(records, names, requests=requests, warmup=warmup)
    finally:
        stop(records)
