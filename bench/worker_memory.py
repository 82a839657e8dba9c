"""Memory of a Celery extraction worker at concurrency 2, and its throughput.

    REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/worker_memory.py

Starts `celery -A config worker --pool=prefork --concurrency=2` twice: with
the Kiwi model loaded in the parent before the fork (EXTRACTION_PRELOAD_MODEL
=1, the default) and without (=0, every child loads its own). Each time it
sends one probe task per child (bench/probes/extraction_task.py: the dev
corpus extracted N times), waits, then sums the proportional set size (PSS,
from /proc/<pid>/smaps_rollup) of the parent and its children: shared pages
are counted once in total, unlike RSS. Articles per second are measured
inside each child.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"
)


def rollup(pid: int) -> dict[str, int]:
    """kB figures from /proc/<pid>/smaps_rollup (Rss, Pss, Shared_Clean, ...)."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        out[name.rstrip(":")] = int(value)
    return out


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()]


def run(preload: bool, rounds: int, concurrency: int) -> dict[str, float]:
    import django

    django.setup()
    from config.celery import app

    name = f"h15amem-{uuid.uuid4().hex[:6]}"
    queue = name
    env = {
        **os.environ,
        "EXTRACTION_PRELOAD_MODEL": "1" if preload else "0",
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }
    log = ROOT / "var" / f"{name}.log"
    log.parent.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "-I",
            "bench.probes.extraction_task",
            "-n",
            f"{name}@%h",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        started = time.monotonic()
        while not app.control.ping(
            timeout=0.5, destination=[f"{name}@{socket.gethostname()}"]
        ):
            if proc.poll() is not None or time.monotonic() - started > 300:
                raise RuntimeError(f"worker did not start; see {log}")
        ready_s = time.monotonic() - started
        results = [
            app.send_task("bench.extract_corpus", args=[rounds], queue=queue)
            for _ in range(concurrency)
        ]
        reports = [r.get(timeout=600) for r in results]
        pids = [proc.pid, *children(proc.pid)]
        memory = {pid: rollup(pid) for pid in pids}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            for pid in children(proc.pid):
                os.kill(pid, 9)
            proc.kill()
            proc.wait()
    pss = sum(m["Pss"] for m in memory.values()) / 1024
    rss = sum(m["Rss"] for m in memory.values()) / 1024
    rates = [r["articles"] / r["seconds"] for r in reports]
    cpu_rates = [r["articles"] / r["cpu_seconds"] for r in reports]
    return {
        "ready_s": ready_s,
        "pss_mib": pss,
        "rss_mib": rss,
        "processes": len(pids),
        "distinct_children": len({r["pid"] for r in reports}),
        "first_s": max(r["first_s"] for r in reports),
        "rate": sum(rates) / len(rates),
        "cpu_rate": sum(cpu_rates) / len(cpu_rates),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5, help="corpus passes per child")
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL (a real broker: the pool must run tasks).")
    print(
        f"celery prefork, concurrency {args.concurrency}, {args.rounds} corpus"
        " passes per child; load average before:"
        f" {os.getloadavg()[0]:.1f}"
    )
    print(
        "| model | total PSS MiB | total RSS MiB | processes | ready s"
        " | first extract s | articles/s per child (wall) | per CPU-second |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for preload in (True, False):
        r = run(preload, args.rounds, args.concurrency)
        label = "loaded in the parent" if preload else "loaded by each child"
        print(
            f"| {label} | {r['pss_mib']:.0f} | {r['rss_mib']:.0f} |"
            f" {r['processes']:.0f} | {r['ready_s']:.1f} | {r['first_s']:.2f} |"
            f" {r['rate']:.1f} | {r['cpu_rate']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
