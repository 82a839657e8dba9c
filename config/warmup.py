"""Warm a web process up before it serves: the first request after a worker
starts used to take 420-720 ms, paying for what every later request finds
ready (URL patterns, API routers and their schemas, compiled templates, the
translation catalogues).

Called from `config/wsgi.py` when the application is loaded: in the gunicorn
master with `preload_app` (config/gunicorn.conf.py), so the workers fork with
all of it in shared memory; each worker then runs `warm_worker` before it
serves. Besides loading things it sends a few requests
through the whole stack in-process (middleware, views, the first render of
each template, the database driver's type set-up), then closes the database
connections: a connection left open in the master would be shared by every
forked worker. The requests use query strings no reader sends, so no cached
response is made that a reader's first request could be served from.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from django.urls import get_resolver, reverse
from django.utils import translation

log = logging.getLogger(__name__)


def _template_names() -> list[str]:
    """Every template of the project's own apps and config/templates."""
    names = []
    roots = [Path(settings.BASE_DIR) / "config" / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates"
        for app in ("commitments", "tracker")
    ]
    for root in roots:
        if root.is_dir():
            names += [str(p.relative_to(root)) for p in sorted(root.rglob("*.html"))]
    return names


WARM_PATHS = [
    "/?warm-up=1",
    "/pledges/?warm-up=1",
    "/api/v1/pledges?limit=1&warm-up=1",
    # A plain content page: the base template and context processors alone.
    "/methodology/?warm-up=1",
]


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def _requests() -> None:
    from django.test import Client

    client = Client(HTTP_HOST=_host())
    try:
        for path in WARM_PATHS:
            for language in ("ko", "en"):
                client.get(path, secure=True, HTTP_ACCEPT_LANGUAGE=language)
    except Exception:  # a database not migrated yet must not stop the server
        log.warning("warm-up requests failed; serving cold", exc_info=True)
    finally:
        connections.close_all()


def warm_up() -> float:
    """Do the one-off work of a first request; returns the seconds it took."""
    started = time.perf_counter()
    resolver = get_resolver()
    # Imports every view module and builds the API's routers.
    resolver.url_patterns  # noqa: B018
    reverse("home")
    engine = engines["django"]
    for name in _template_names():
        try:
            engine.get_template(name)  # the cached loader keeps it compiled
        except (TemplateDoesNotExist, TemplateSyntaxError):
            log.warning("warm-up could not load template %s", name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Pledges")
    _requests()
    elapsed = time.perf_counter() - started
    log.info("web process warmed up in %.0f ms", elapsed * 1000)
    return elapsed


def _environ(path: str, language: str) -> dict:
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": _host(),
        "SERVER_PORT": "443",
        "HTTP_HOST": _host(),
        "HTTP_ACCEPT_LANGUAGE": language,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def _warm_requests(
    application: Callable[..., Iterable[bytes]], languages: tuple
) -> None:
    for path in WARM_PATHS:
        for language in languages:
            body = application(_environ(path, language), lambda *args: None)
            try:
                for _chunk in body:
                    pass
            finally:
                close = getattr(body, "close", None)
                if close is not None:
                    close()


def warm_worker(
    application: Callable[..., Iterable[bytes]],
    pool: Executor | None = None,
    threads: int = 1,
) -> float:
    """In a freshly forked worker, before it serves (gunicorn's
    `post_worker_init`): the same few requests once more, through the
    worker's own application object as the server calls it, and on each of
    the `threads` threads of its `pool` (Django's database connections are
    per thread). They open each thread's database connection (kept:
    `CONN_MAX_AGE`) and its prepared statements, and touch after the fork
    what a first request touches (each first write to a page shared with the
    master copies it). With warm API requests at a few milliseconds, those
    alone made a worker's first one 4-8 times a warm one."""
    started = time.perf_counter()
    try:
        if pool is None:
            _warm_requests(application, ("ko", "en"))
        else:
            # Every task waits for the others, so each runs on a thread of
            # its own: the pool starts a new thread while none is idle.
            barrier = threading.Barrier(threads)

            def task() -> None:
                barrier.wait(timeout=30)
                _warm_requests(application, ("ko",))

            for future in [pool.submit(task) for _ in range(threads)]:
                future.result()
    except Exception:  # a database not migrated yet must not stop the server
        log.warning("worker warm-up requests failed; serving cold", exc_info=True)
    elapsed = time.perf_counter() - started
    log.info("web worker warmed up in %.0f ms", elapsed * 1000)
    return elapsed
