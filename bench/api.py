"""Read API benchmark (prints figures; not a test).

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/api.py \
        [--port 18710] [--workers 2] [--concurrency 2] [--seconds 10] [--rounds 3]

Serves the app with gunicorn (`--workers` sync workers) on 127.0.0.1:`--port`
and loads it from this separate process: `GET /api/v1/pledges?limit=50` and
`GET /api/v1/statuses` (no database work: the floor) in alternating rounds,
side by side in one run. Reports throughput and latency percentiles for each.
Build the record first, e.g.:

    manage.py generate_synthetic --pledges 10000 --updates 50000 --measurements 20000
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = {
    "statuses (floor)": "/api/v1/statuses",
    "pledges?limit=50": "/api/v1/pledges?limit=50",
}


def get(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "bench-only-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    env.update(
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        # The benchmark is one client hammering the API: lift the rate limit.
        API_RATE_LIMIT_ANON="100000000/min",
        LOG_LEVEL="WARNING",
    )
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(port, "/api/v1/statuses")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not come up")


def load(port: int, path: str, seconds: float, concurrency: int) -> tuple[list, int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            status, _size = get(port, path)
            mine.append(time.perf_counter() - started)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=18710)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--no-response-cache",
        action="store_true",
        help="API_RESPONSE_CACHE_SECONDS=0: every request builds its page",
    )
    args = ap.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL to the PostgreSQL database to measure", file=sys.stderr)
        return 2
    if args.no_response_cache:
        os.environ["API_RESPONSE_CACHE_SECONDS"] = "0"
    server = start_server(args.port, args.workers)
    try:
        status, size = get(args.port, ENDPOINTS["pledges?limit=50"])
        print(f"pledges?limit=50: HTTP {status}, {size:,} bytes per page")
        for path in ENDPOINTS.values():  # warm-up: connections, caches
            load(args.port, path, 2, args.concurrency)
        results: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
        elapsed: dict[str, float] = dict.fromkeys(ENDPOINTS, 0.0)
        failures: dict[str, int] = dict.fromkeys(ENDPOINTS, 0)
        for _ in range(args.rounds):
            for name, path in ENDPOINTS.items():
                latencies, errors = load(
                    args.port, path, args.seconds, args.concurrency
                )
                results[name] += latencies
                elapsed[name] += args.seconds
                failures[name] += errors
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"gunicorn {args.workers} sync workers, {args.concurrency} client threads, "
        f"{args.rounds} alternating rounds of {args.seconds:g} s per endpoint, "
        f"response cache {'off' if args.no_response_cache else 'on'}"
    )
    print(
        f"{'endpoint':<20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} errors"
    )
    rates = {}
    for name, latencies in results.items():
        rates[name] = len(latencies) / elapsed[name]
        print(
            f"{name:<20} {rates[name]:8.1f} {statistics.median(latencies) * 1000:8.1f} "
            f"{percentile(latencies, 95) * 1000:8.1f} "
            f"{percentile(latencies, 99) * 1000:8.1f} {failures[name]}"
        )
    ratio = rates["pledges?limit=50"] / rates["statuses (floor)"]
    p50 = statistics.median(results["pledges?limit=50"]) * 1000
    print(
        f"pledges / floor throughput: {ratio:.2f} (goal >= 0.5); p50 {p50:.1f} ms (goal <= 25)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
