"""The web warm-up (config/warmup.py) that preload_app runs in the gunicorn
master: it does a first request's one-off work and leaves no database
connection open for the forked workers to share; and each worker's own
warm-up before it serves."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.template import engines

from config import warmup


@pytest.mark.django_db(transaction=True)
def test_warm_up_renders_the_pages_and_closes_the_database(settings):
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    seen: list[tuple[str, int]] = []
    original = warmup._requests

    def spy() -> None:
        from django.test import Client

        real_get = Client.get

        def get(self, path, *args, **kwargs):  # type: ignore[no-untyped-def]
            response = real_get(self, path, *args, **kwargs)
            seen.append((path, response.status_code))
            return response

        Client.get = get
        try:
            original()
        finally:
            Client.get = real_get

    warmup._requests = spy
    try:
        warmup.warm_up()
    finally:
        warmup._requests = original
    # Every warm-up request went all the way through (a 200, not a redirect
    # to https or a 400 for the host).
    assert {path for path, _ in seen} == set(warmup.WARM_PATHS)
    assert all(status == 200 for _, status in seen), seen
    assert all(c.connection is None for c in connections.all())
    loader = engines["django"].engine.template_loaders[0]
    if hasattr(loader, "get_template_cache"):  # the cached loader (DEBUG off)
        assert "commitments/home.html" in loader.get_template_cache


def test_warm_up_survives_a_database_it_cannot_use():
    """No database access allowed here: the requests fail, the server starts."""
    assert warmup.warm_up() >= 0


@pytest.mark.django_db(transaction=True)
def test_a_worker_warms_each_thread_of_its_pool_through_its_own_application(
    settings,
):
    """gunicorn's `post_worker_init` hands over the worker's WSGI application
    and thread pool: every thread serves the warm-up paths once (Django's
    database connections are per thread), each request all the way to a 200."""
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    handler = WSGIHandler()
    seen: list[tuple[int, str, str]] = []

    def application(environ, start_response):  # type: ignore[no-untyped-def]
        def recording(status, headers, *rest):  # type: ignore[no-untyped-def]
            seen.append((threading.get_ident(), environ["PATH_INFO"], status))
            return start_response(status, headers, *rest)

        return handler(environ, recording)

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert warmup.warm_worker(application, pool, 4) >= 0
    assert len({ident for ident, _, _ in seen}) == 4
    for ident in {ident for ident, _, _ in seen}:
        paths = [path for i, path, _ in seen if i == ident]
        assert paths == [p.partition("?")[0] for p in warmup.WARM_PATHS]
    assert all(status.startswith("200") for _, _, status in seen), seen


def test_gunicorn_warms_each_worker_before_it_serves():
    from pathlib import Path

    text = (
        Path(__file__).resolve().parent.parent / "config/gunicorn.conf.py"
    ).read_text()
    assert "def post_worker_init(" in text and "warm_worker(" in text
