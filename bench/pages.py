"""Page latency of the public dashboards, next to a static file served by the
same server (the floor).

    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py [--generate]
        [--pledges 10000 --updates 50000 --measurements 20000]
        [--port 18600] [--requests 40]

Starts gunicorn (one sync worker, DEBUG off, like production) on 127.0.0.1,
requests each page sequentially after a warm-up and prints the median and p90
latency per page and the ratio to the static floor, as a Markdown table.
With --generate it first tops the record up to --pledges with
`manage.py generate_synthetic`. Only loopback traffic; bounded request count.
"""

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def django_env(port: int) -> dict[str, str]:
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
        LOG_LEVEL="WARNING",
    )
    return env


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def shell(code: str, env: dict[str, str]) -> str:
    return manage("shell", "-c", code, env=env).strip()


def sample_paths(env: dict[str, str]) -> dict[str, str]:
    """Real slugs from the database: the busiest pledge, a parent owner."""
    code = (
        "from django.db.models import Count\n"
        "from commitments.models import Pledge, Owner, Category\n"
        "p = Pledge.objects.filter(targets__measurements__isnull=False)"
        ".annotate(n=Count('status_updates', distinct=True)).order_by('-n', 'id').first()\n"
        "o = Owner.objects.filter(children__isnull=False).order_by('id').first()\n"
        "c = Category.objects.order_by('id').first()\n"
        "print(p.slug, o.slug, c.slug, p.deadline.year, Pledge.objects.count())"
    )
    pledge, owner, category, year, count = shell(code, env).split()[-5:]
    return {
        "count": count,
        "static floor (/static/css/site.css)": "/static/css/site.css",
        "home": "/",
        "list": "/pledges/",
        "list ?status": "/pledges/?status=in_progress",
        "list ?owner (with sub-owners)": f"/pledges/?owner={quote(owner)}",
        "list ?category": f"/pledges/?category={quote(category)}",
        "list ?year": f"/pledges/?year={year}",
        "list ?overdue": "/pledges/?overdue=1",
        "list ?disagreement": "/pledges/?disagreement=1",
        "list ?q= (full-text)": "/pledges/?q=" + quote("주택"),
        "list, all filters + sort + page 2": (
            f"/pledges/?status=in_progress&category={quote(category)}&year={year}"
            "&sort=deadline&page=2"
        ),
        "pledge page (most updates)": f"/pledges/{quote(pledge)}/",
        "owner scorecard": f"/owners/{quote(owner)}/",
        "embed card": f"/embed/pledges/{quote(pledge)}/",
    }


def timed_get(port: int, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Accept-Language": "ko"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return time.perf_counter() - start, response.status


def wait_for(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            timed_get(port, "/static/css/site.css")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--pledges", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=50_000)
    parser.add_argument("--measurements", type=int, default=20_000)
    args = parser.parse_args()
    env = django_env(args.port)
    manage("migrate", "--noinput", env=env)
    if args.generate:
        have = int(
            shell(
                "from commitments.models import Pledge; print(Pledge.objects.count())",
                env,
            ).split()[-1]
        )
        if have < args.pledges:
            missing = args.pledges - have
            share = missing / args.pledges
            print(
                manage(
                    "generate_synthetic",
                    f"--pledges={missing}",
                    f"--updates={int(args.updates * share)}",
                    f"--measurements={int(args.measurements * share)}",
                    env=env,
                ).strip()
            )
    # The manifest storage needs collected static files (as in production).
    manage("collectstatic", "--noinput", "-v0", env=env)
    paths = sample_paths(env)
    count = paths.pop("count")
    gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
    proc = subprocess.Popen(
        [
            gunicorn,
            "config.wsgi:application",
            f"--bind=127.0.0.1:{args.port}",
            "--workers=1",
            "--worker-class=sync",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(args.port, proc)
        rows = []
        for name, path in paths.items():
            for _ in range(args.warmup):
                timed_get(args.port, path)
            times = []
            for _ in range(args.requests):
                elapsed, status = timed_get(args.port, path)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}")
                times.append(elapsed * 1000)
            times.sort()
            rows.append(
                (name, statistics.median(times), times[int(len(times) * 0.9) - 1])
            )
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    floor = rows[0][1]
    print(
        f"\n{count} pledges; {args.requests} sequential requests per page, "
        f"after {args.warmup} warm-up; gunicorn, 1 sync worker, DEBUG off.\n"
    )
    print("| page | median ms | p90 ms | median / floor |")
    print("|---|---:|---:|---:|")
    for name, median, p90 in rows:
        print(f"| {name} | {median:.1f} | {p90:.1f} | {median / floor:.1f}× |")


if __name__ == "__main__":
    main()
