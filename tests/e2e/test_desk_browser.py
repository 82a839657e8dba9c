"""Browser test of the desk: a journalist logs in through the real
form, posts a verdict with the htmx form under the strict CSP, and a stale
form comes back in place with the error and the input kept. Playwright drives
Debian's Chromium against pytest-django's live server."""

import pytest
from django.contrib.auth.models import Group

from commitments import services
from commitments.models import Pledge, StatusUpdate
from commitments.roles import EDITORS, JOURNALISTS
from commitments.statuses import Status
from tests.factories import JournalistFactory, PledgeFactory, TargetFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery"
URL = "https://news.example.org/report"


@pytest.fixture
def signed_in(browser, live_server, settings):
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    # An earlier transactional test may have flushed the role groups.
    for name in (EDITORS, JOURNALISTS):
        Group.objects.get_or_create(name=name)
    journalist = JournalistFactory(username="desk-e2e")
    context = browser.new_context()
    host = live_server.url.split("://", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", journalist.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    yield page, errors, journalist, live_server.url
    context.close()


def test_a_journalist_posts_a_verdict_with_the_htmx_form(signed_in):
    page, errors, _journalist, base = signed_in
    pledge = PledgeFactory(title="Bus lanes")
    TargetFactory(pledge=pledge)
    page.goto(f"{base}/newsroom/desk/pledges/{pledge.slug}/")
    assert page.locator("#newsroom-tools").is_visible()
    page.check("input[name=status][value=in_progress]")
    page.fill("textarea[name=note]", "Construction started in March.")
    page.fill("input[name=evidence_url]", URL)
    with page.expect_navigation():
        page.click("#newsroom-tools form[hx-post$='/updates/'] button[type=submit]")
    assert "Construction started in March." in page.content()
    assert Pledge.objects.get(pk=pledge.pk).status == Status.IN_PROGRESS
    assert errors == []


def test_a_stale_form_comes_back_in_place_with_the_input_kept(signed_in):
    page, errors, journalist, base = signed_in
    pledge = PledgeFactory(title="Night buses")
    page.goto(f"{base}/newsroom/desk/pledges/{pledge.slug}/")
    # Someone else posts while the form is open.
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.STALLED,
        note="Other desk",
        evidence_url=URL,
    )
    page.check("input[name=status][value=kept]")
    page.fill("textarea[name=note]", "My careful note")
    page.fill("input[name=evidence_url]", URL)
    page.click("#newsroom-tools form[hx-post$='/updates/'] button[type=submit]")
    page.wait_for_selector("text=changed since you opened the form")
    assert page.input_value("textarea[name=note]") == "My careful note"
    assert StatusUpdate.objects.filter(pledge=pledge).count() == 1
    assert Pledge.objects.get(pk=pledge.pk).status == Status.STALLED
    # A 409 answered in place is expected; nothing else may fail (CSP included).
    assert [e for e in errors if "409" not in e] == []
