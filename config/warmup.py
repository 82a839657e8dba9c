"""Warm a web process up before it serves: the first request after a worker
starts used to take 420-720 ms, paying for what every later request finds
ready (URL patterns, API routers and their schemas, compiled templates, the
translation catalogues).

Called from `config/wsgi.py` when the application is loaded: in the gunicorn
master with `preload_app` (config/gunicorn.conf.py), so the workers fork with
all of it in shared memory. Besides loading things it sends a few requests
through the whole stack in-process (middleware, views, the first render of
each template, the database driver's type set-up), then closes the database
connections: a connection left open in the master would be shared by every
forked worker. The requests use query strings no reader sends, so no cached
response is made that a reader's first request could be served from.
"""

from __future__ import annotations

import logging
import time
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


WARM_PATHS = ["/?warm-up=1", "/pledges/?warm-up=1", "/api/v1/pledges?limit=1&warm-up=1"]


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
