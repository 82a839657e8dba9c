"""In Chromium: on the demo record, the seed's two pledges are on the home's
first screen at 1280 and 390 px, the home's search box finds a pledge, and the
home and the feeds index do not scroll sideways on a phone."""

import io
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from commitments.roles import EDITORS, JOURNALISTS
from tests.e2e.test_public_pages import new_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server, settings):
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    for name in (EDITORS, JOURNALISTS):
        Group.objects.get_or_create(name=name)
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_the_demo_pledges_are_on_the_first_screen(browser, demo, width, height):
    page, errors = new_page(browser, "ko", demo)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(demo + "/")
    rows = page.locator(".tracked .pledge-row")
    assert rows.count() == 2
    for i in range(2):
        box = rows.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (width, i)
    titles = page.locator(".tracked .pledge-row-title").all_inner_texts()
    assert set(titles) == {"AI 테크시티 조성", "AI 인재 연 1만명 배출"}
    for path in ("/", "/feeds/"):
        page.goto(demo + path)
        sideways = page.evaluate(
            "document.documentElement.scrollWidth - "
            "document.documentElement.clientWidth"
        )
        assert sideways <= 0, (path, width, sideways)
    screenshot(page, f"feeds-{width}")
    assert errors == []
    page.context.close()


def test_the_home_search_box_opens_the_list(browser, demo):
    page, errors = new_page(browser, "ko", demo)
    page.goto(demo + "/")
    page.fill("#home-q", "테크시티")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/pledges/?q=*")
    assert unquote(page.url).endswith("/pledges/?q=테크시티")
    assert page.locator("#pledge-results h3").all_inner_texts() == ["AI 테크시티 조성"]
    assert errors == []
    page.context.close()
