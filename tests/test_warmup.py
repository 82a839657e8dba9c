"""The web warm-up (config/warmup.py) that preload_app runs in the gunicorn
master: it does a first request's one-off work and leaves no database
connection open for the forked workers to share."""

import pytest
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
