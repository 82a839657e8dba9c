"""Helpers for tests that need PostgreSQL, Redis or a Celery worker.

They skip when the service is absent, unless REQUIRE_SERVICES=1 (set by CI),
which turns the skip into a failure: a CI run must not pass by skipping.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") not in ("", "0", "false")


def unavailable(reason: str) -> None:
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


def redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 6379), 1
        ):
            return True
    except OSError:
        return False


def require_redis() -> str:
    if not settings.REDIS_URL:
        unavailable("REDIS_URL is not set (Celery runs in-process)")
    if not redis_reachable(settings.REDIS_URL):
        unavailable(f"Redis at {settings.REDIS_URL} is not reachable")
    return settings.REDIS_URL


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        unavailable("DATABASE_URL does not point at PostgreSQL")


def database_url_for_subprocess() -> str:
    """The URL of the database the tests are using, for a worker subprocess."""
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    user = conf.get("USER") or "postgres"
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    host = conf.get("HOST") or "127.0.0.1"
    port = conf.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{conf['NAME']}"


def worker_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url_for_subprocess(),
        REDIS_URL=settings.REDIS_URL,
        SECRET_KEY=settings.SECRET_KEY,
        DEBUG="0",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def start_worker(
    name: str,
    *,
    queues: str = "celery",
    log: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen:
    """Start a real Celery worker subprocess and wait until it answers a ping.
    `env` adds variables to the worker's environment (e.g. a test delay)."""
    from config.celery import app

    log = log or ROOT / "var" / f"worker-{name}.log"
    log.parent.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{name}@%h",
            "-Q",
            queues,
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=worker_env(**(env or {})),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"worker exited early; see {log}:\n{log.read_text()[-3000:]}"
            )
        replies = app.control.ping(
            timeout=0.5, destination=[f"{name}@{socket.gethostname()}"]
        )
        if replies:
            return process
    process.terminate()
    raise RuntimeError(f"worker did not answer a ping within 60 s; see {log}")


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
