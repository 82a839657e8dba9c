"""Reliability figures: concurrent load on the home page, and what still
answers when Redis is unreachable.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker \
    REDIS_URL=redis://127.0.0.1:6379/3 \
        .venv/bin/python bench/reliability.py [--port 18110] [--clients 50]
        [--seconds 30] [--workers 3] [--down-port 18149]

1. Load: gunicorn (sync workers, DEBUG off, like docker-compose's `web`)
   against DATABASE_URL and REDIS_URL; --clients threads request `/` in a loop
   for --seconds, each with a 30 s timeout. Counts responses by status,
   connection errors and timeouts, and prints throughput and latency.
2. Redis down: the same app restarted with REDIS_URL pointing at a loopback
   port nothing listens on. Public pages, the API and the feeds must answer
   200; /healthz must answer 503.

Only loopback traffic, bounded in time and clients. Needs a record in the
database (e.g. `manage.py generate_synthetic`); exits non-zero if any figure
misses its mark.
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def django_env(redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuv"
    )
    env.update(
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        # The load is one client IP: keep the API's per-IP limit out of the way.
        API_RATE_LIMIT_ANON="1000000/min",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def get(port: int, path: str, timeout: float = 30) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Language": "ko"})
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    finally:
        conn.close()


class Server:
    def __init__(self, port: int, workers: int, env: dict[str, str]):
        self.port = port
        gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
        self.proc = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--worker-class=sync",
                "--timeout=30",
                "--backlog=256",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited early")
            try:
                get(port, "/static/css/site.css", timeout=5)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def load(port: int, path: str, clients: int, seconds: float) -> dict:
    statuses: Counter[str] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < stop_at:
            try:
                status, elapsed = get(port, path)
                key = str(status)
            except TimeoutError:
                key, elapsed = "timeout", 30.0
            except OSError as exc:
                key, elapsed = f"connection error ({exc.__class__.__name__})", 0.0
            with lock:
                statuses[key] += 1
                if key == "200":
                    latencies.append(elapsed * 1000)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    latencies.sort()
    total = sum(statuses.values())
    return {
        "requests": total,
        "errors": total - statuses["200"],
        "statuses": dict(statuses),
        "wall": wall,
        "rps": total / wall,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p99": latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0,
        "max": latencies[-1] if latencies else 0.0,
    }


def sample(env: dict[str, str]) -> tuple[str, str, int]:
    out = manage(
        "shell",
        "-c",
        "from commitments.models import Pledge, Owner\n"
        "p = Pledge.objects.order_by('id').first()\n"
        "o = Owner.objects.order_by('id').first()\n"
        "print(p.slug, o.slug, Pledge.objects.count())",
        env=env,
    )
    pledge, owner, count = out.split()[-3:]
    return pledge, owner, int(count)


def port_is_closed(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) != 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=18110)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--down-port", type=int, default=18149, help="a loopback port with no Redis"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database.", file=sys.stderr)
        return 2
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 300:
        print("--clients 1..200 and --seconds 1..300 only.", file=sys.stderr)
        return 2
    redis_url = os.environ.get("REDIS_URL", "")
    env = django_env(redis_url)
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    pledge, owner, count = sample(env)
    ok = True

    # --- 1. Load --------------------------------------------------------------
    server = Server(args.port, args.workers, env)
    try:
        for _ in range(5):
            get(args.port, "/")
        figures = load(args.port, "/", args.clients, args.seconds)
    finally:
        server.stop()
    print(
        f"\n## Load: {args.clients} clients for {args.seconds:.0f} s on /\n\n"
        f"{count} pledges; gunicorn, {args.workers} sync workers, DEBUG off; "
        f"REDIS_URL {'set' if redis_url else 'unset'}.\n"
    )
    print("| figure | value |\n|---|---:|")
    print(f"| requests | {figures['requests']} |")
    print(f"| errors (not 200, connection errors, timeouts) | {figures['errors']} |")
    print(f"| throughput | {figures['rps']:.1f} req/s |")
    print(
        f"| latency p50 / p99 / max | {figures['p50']:.0f} / {figures['p99']:.0f}"
        f" / {figures['max']:.0f} ms |"
    )
    print(f"| statuses | {figures['statuses']} |")
    ok &= figures["errors"] == 0 and figures["requests"] > 0

    # --- 2. Redis unreachable ---------------------------------------------------
    if not port_is_closed(args.down_port):
        print(f"Port {args.down_port} is in use; pick another --down-port.")
        return 2
    down_env = django_env(f"redis://127.0.0.1:{args.down_port}/0")
    checks = [
        ("home", "/", 200),
        ("pledge list", "/pledges/", 200),
        ("pledge list, filtered", "/pledges/?status=in_progress", 200),
        ("pledge page", f"/pledges/{quote(pledge)}/", 200),
        ("owner page", f"/owners/{quote(owner)}/", 200),
        ("embed", f"/embed/pledges/{quote(pledge)}/", 200),
        ("API: pledges", "/api/v1/pledges", 200),
        ("API: one pledge", f"/api/v1/pledges/{quote(pledge)}", 200),
        ("API: stats", "/api/v1/stats", 200),
        ("feed: updates", "/feeds/ko/updates/", 200),
        ("feed: one pledge", f"/feeds/en/pledges/{quote(pledge)}/", 200),
        ("/healthz", "/healthz", 503),
    ]
    server = Server(args.port, 1, down_env)
    rows = []
    try:
        for name, path, expected in checks:
            try:
                status, elapsed = get(args.port, path)
            except OSError as exc:
                status, elapsed = 0, 0.0
                print(f"{path}: {exc!r}")
            rows.append((name, path, expected, status, elapsed * 1000))
    finally:
        server.stop()
    print(f"\n## Redis unreachable (REDIS_URL=redis://127.0.0.1:{args.down_port}/0)\n")
    print("| what | path | expected | got | ms |\n|---|---|---:|---:|---:|")
    for name, path, expected, status, ms in rows:
        mark = "" if status == expected else " **MISS**"
        print(f"| {name} | `{path}` | {expected} | {status}{mark} | {ms:.0f} |")
        ok &= status == expected
    print(f"\n{'all figures hold' if ok else 'SOME FIGURES MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
