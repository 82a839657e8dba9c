"""Browser check of the editors' new pages (pledge edit, owners, categories,
spreadsheet import): an editor uses them in Chromium under the strict CSP,
and no page is wider than a 390 px phone screen, in Korean or English."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from commitments.models import Pledge
from commitments.roles import EDITORS, JOURNALISTS
from tests.factories import (
    CategoryFactory,
    EditorFactory,
    OwnerFactory,
    PledgeFactory,
    TargetFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery"
# Screenshots for a person to look at; off unless asked for.
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


@pytest.fixture
def editor_page(browser, live_server, settings):
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    for name in (EDITORS, JOURNALISTS):
        Group.objects.get_or_create(name=name)
    editor = EditorFactory(username="edit-e2e")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    yield page, errors, context, live_server.url
    context.close()


def _set_language(context, base: str, code: str) -> None:
    host = base.split("://", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": code, "domain": host, "path": "/"}]
    )


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_new_editor_pages_fit_a_phone_in_both_languages(editor_page):
    page, errors, context, base = editor_page
    owner = OwnerFactory(
        slug="seoul",
        name="서울특별시",
        name_en="Seoul Metropolitan Government",
        aliases=["서울시", "the Seoul Metropolitan Government of Korea"],
    )
    pledge = PledgeFactory(
        owner=owner,
        title="공공주택 10만 호를 2030년까지 공급하고 청년 임대주택 비율을 높인다",
        title_en="Supply 100,000 public homes by 2030 and raise the share for young tenants",
    )
    TargetFactory(pledge=pledge, metric="공공주택 공급 물량 (누적, 착공 기준)")
    CategoryFactory(slug="housing", name="주거", name_en="Housing")
    urls = {
        "edit": reverse("pledge-edit", args=[pledge.slug]),
        "owners": reverse("directory-owners"),
        "owner": reverse("directory-owner", args=["seoul"]),
        "owner-new": reverse("directory-owner-new"),
        "categories": reverse("directory-categories"),
        "import": reverse("spreadsheet-import"),
    }
    for code in ("ko", "en"):
        _set_language(context, base, code)
        for name, url in urls.items():
            page.goto(base + url)
            for details in page.locator("details").all():
                details.evaluate("el => el.open = true")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{SHOTS}/{name}-{code}.png", full_page=True)
            assert _width(page) <= 390, f"{name} ({code}) is {_width(page)} px wide"
    assert errors == []


def test_an_editor_imports_a_spreadsheet_in_the_browser(editor_page):
    page, errors, context, base = editor_page
    _set_language(context, base, "ko")
    content = (
        "제목,주체,기한,목표,상태,출처\n"
        "지하철 9호선 4단계 연장 개통,서울특별시,2028,연장: 4.1 km,in_progress,"
        "https://news.example.org/subway\n"
        "잘못된 행,서울특별시,2028-13,,,\n"
    ).encode("cp949")
    page.goto(base + reverse("spreadsheet-import"))
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "공약.csv", "mimeType": "text/csv", "buffer": content}],
    )
    with page.expect_navigation():
        page.click("form.desk-form button[type=submit]")
    assert "지하철 9호선 4단계 연장 개통" in page.content()
    assert "존재하지 않는 날짜" in page.content()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/preview-ko.png", full_page=True)
    assert _width(page) <= 390
    assert not Pledge.objects.exists()
    with page.expect_navigation():
        page.click("form[action$='/import/confirm/'] button[type=submit]")
    assert list(Pledge.objects.values_list("title", flat=True)) == [
        "지하철 9호선 4단계 연장 개통"
    ]
    assert errors == []


def test_an_editor_edits_a_title_in_the_browser(editor_page):
    page, errors, context, base = editor_page
    _set_language(context, base, "en")
    pledge = PledgeFactory(title="Bus lanes on 5 roads")
    page.goto(base + reverse("desk-pledge", args=[pledge.slug]))
    page.click("text=Edit the published pledge")
    page.fill("input[name=title]", "Bus lanes on 50 roads")
    page.fill("input[name=reason]", "The count was misread at review.")
    with page.expect_navigation():
        page.click("form.desk-form button[type=submit] >> nth=0")
    assert "Edit saved." in page.content()
    assert Pledge.objects.get(pk=pledge.pk).title == "Bus lanes on 50 roads"
    page.goto(base + reverse("corrections-log"))
    assert "The count was misread at review." in page.content()
    assert errors == []
