"""The first request after a web worker starts, against a warm one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_h15a \
        .venv/bin/python bench/cold_start.py

Runs `collectstatic`, starts gunicorn from config/gunicorn.conf.py (one worker, DEBUG off) on
127.0.0.1, twice: as configured (preload_app and config/warmup.py) and with
both off (GUNICORN_PRELOAD=0 WEB_WARMUP=0, what the project ran before).
For each page it kills the worker, waits for the master's fresh one to go
idle (its CPU time stops moving) and times its first request, `--starts`
times (the median is reported: one first request is one sample), then the
median of `--warm` more. Each request carries a new dummy query parameter, so none
is served from the API's response cache: first and warm do the same work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES = ["/", "/pledges/", "/api/v1/pledges?limit=50", "/methodology/"]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def worker_of(master: int) -> int | None:
    path = Path(f"/proc/{master}/task/{master}/children")
    pids = path.read_text().split() if path.exists() else []
    return int(pids[0]) if pids else None


def fresh_idle_worker(master: int, old: int | None, timeout: float = 180) -> int:
    """Wait for a worker other than `old` whose CPU time has stopped moving."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = worker_of(master)
        if pid and pid != old:
            try:
                before = cpu_ticks(pid)
                time.sleep(1.0)
                if cpu_ticks(pid) == before:
                    return pid
            except FileNotFoundError:
                pass
        else:
            time.sleep(0.2)
    raise RuntimeError("no idle worker")


def timed(port: int, path: str, n: int) -> float:
    # A query parameter no view reads, new each time: every request does the
    # whole work, none is answered from the response cache.
    url = f"http://127.0.0.1:{port}{path}{'&' if '?' in path else '?'}bench={n}"
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        r.read()
        assert r.status == 200, (path, r.status)
    return time.perf_counter() - started


def run(
    port: int, warm_up: bool, warm: int, starts: int
) -> list[tuple[str, float, float]]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_PRELOAD": "1" if warm_up else "0",
        "WEB_WARMUP": "1" if warm_up else "0",
        "SECRET_KEY": os.environ.get(
            "SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"
        ),
    }
    # The pages link hashed static names: the manifest must exist.
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
    log = ROOT / "var" / f"bench-cold-{port}.log"
    log.parent.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [gunicorn, "config.wsgi:application", "-c", "config/gunicorn.conf.py"]
        + ["--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    out = []
    try:
        worker = None
        n = 0
        for path in PAGES:
            # One first request is one sample: take the median over several
            # fresh workers.
            firsts = []
            for _ in range(starts):
                if worker:
                    os.kill(worker, signal.SIGKILL)  # the master starts a new one
                worker = fresh_idle_worker(proc.pid, worker)
                n += 1
                firsts.append(timed(port, path, n))
            warm_times = []
            for _ in range(warm):
                n += 1
                warm_times.append(timed(port, path, n))
            out.append((path, statistics.median(firsts), statistics.median(warm_times)))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=18730)
    ap.add_argument("--warm", type=int, default=15)
    ap.add_argument("--starts", type=int, default=3, help="fresh workers per page")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(
        f"| set-up | page | first ms (median of {args.starts} workers) |"
        " warm median ms | first / warm |"
    )
    print("|---|---|---:|---:|---:|")
    for warm_up in (True, False):
        label = "preload + warm-up" if warm_up else "neither (before)"
        for path, first, warm in run(args.port, warm_up, args.warm, args.starts):
            print(
                f"| {label} | `{path}` | {first * 1000:.0f} | {warm * 1000:.0f} |"
                f" {first / warm:.2f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main()
