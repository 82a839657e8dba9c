"""Browser tests share pytest-django's session-wide live server, whose
middleware reads SECURE_SSL_REDIRECT once, when the server starts, before any
per-test settings fixture runs. The live server speaks plain HTTP, so the
redirect is turned off here, at collection, before it can start. (Every test
already runs with it off: see the autouse fixture in tests/conftest.py.)"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.services import unavailable

settings.SECURE_SSL_REDIRECT = False

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, never a downloaded browser; without the background
# networking flags it keeps trying hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    # Playwright's sync API keeps an event loop alive in this thread; Django
    # would then refuse ORM calls from the test body. Only for this module.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
