"""An editor's first hour, in Chromium under the strict CSP, with two articles
written here (one Korean, one English), never the demo seed:

paste an article with header lines → extraction → publish a candidate as
proposed on the first try → publish another picking an existing owner →
merge a third into a tracked pledge without duplicating its targets → edit
the published title → a journalist posts a verdict that the public page
shows with its byline.

The editor works in Korean, the journalist in English; the public page is
read in both. Screenshots of every step at 1280 and 390 px go to
SCREENSHOT_DIR when it is set (they are for people to look at)."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from commitments.models import Owner, Pledge, Source, StatusUpdate, Target
from commitments.roles import EDITORS, JOURNALISTS
from commitments.statuses import Status
from tests.factories import (
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    OwnerFactory,
    PledgeFactory,
    TargetFactory,
)
from tracker.extraction_runs import runner
from tracker.models import Candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
SHOTS = os.environ.get("SCREENSHOT_DIR", "")
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"

KO_ARTICLE = (
    "URL: https://news.example.org/rail-2030\n"
    "DATE: 2026-03-02\n"
    "TITLE: 국토부, 광역급행철도 6개 노선 새로 연다\n"
    "국토교통부는 2일 '광역교통 2030' 계획을 발표했다. "
    "박상우 국토교통부 장관은 2030년까지 광역급행철도 노선 6개를 새로 "
    "개통하겠다고 밝혔다. "
    "국토교통부는 또 2028년까지 전기버스 3만 대를 보급하겠다고 덧붙였다.\n"
)
EN_ARTICLE = (
    "URL: https://news.example.org/homes-again\n"
    "DATE: 2026-03-09\n"
    "TITLE: Ministry restates its housing goal\n"
    "The Ministry of Land said on Monday it will build 20,000 public homes by "
    "2030, the minister told reporters.\n"
)


def _shots(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The step at 1280 and at 390 px: screenshots, and no page wider than a
    phone at 390."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=f"{SHOTS}/first-hour-{name}-{width}.png", full_page=True
            )
        extra = page.evaluate(OVERFLOW)
        assert extra <= 0, f"{name} overflows {width} px by {extra} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(browser, base: str, user, lang: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    host = base.split("://", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": lang, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    return context, page, errors


def _paste(page, base: str, text: str) -> Source:  # type: ignore[no-untyped-def]
    page.goto(base + "/newsroom/submit/")
    page.fill("textarea[name=text]", text)
    with page.expect_navigation():
        page.click(".submit-form button[type=submit]")
    url = text.splitlines()[0].removeprefix("URL: ")
    source = Source.objects.get(url=url)
    # The worker's part, run here in-process; the page then shows its result.
    runner.job_run(source_id=source.pk)
    page.reload()
    return source


def _candidate(page, title: str):  # type: ignore[no-untyped-def]
    return page.locator("li.candidate", has_text=title)


@pytest.fixture
def newsroom(live_server, settings):  # type: ignore[no-untyped-def]
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    for name in (EDITORS, JOURNALISTS):
        Group.objects.get_or_create(name=name)
    molit = OwnerFactory(
        slug="molit",
        name="국토교통부",
        name_en="Ministry of Land, Infrastructure and Transport",
        aliases=["국토교통부", "국토부", "Ministry of Land"],
    )
    OwnerFactory(slug="government", name="대한민국 정부", name_en="Government")
    CategoryFactory(slug="transport", name="교통", name_en="Transport")
    tracked = PledgeFactory(
        owner=molit,
        slug="public-homes",
        title="공공주택 2만 호 공급",
        title_en="Build 20,000 public homes",
        original_wording="2030년까지 공공주택 2만 호를 공급",
    )
    TargetFactory(
        pledge=tracked, metric="공공주택", value=Decimal("20000"), unit="public homes"
    )
    return {
        "base": live_server.url,
        "editor": EditorFactory(username="first-hour-editor"),
        # The byline is the account's name, never this login name.
        "journalist": JournalistFactory(
            username="jkim-login", first_name="민아", last_name="김"
        ),
        "tracked": tracked,
    }


def test_an_editors_first_hour(browser, newsroom):
    base, tracked = newsroom["base"], newsroom["tracked"]
    owners_before = set(Owner.objects.values_list("slug", flat=True))
    context, page, errors = _sign_in(browser, base, newsroom["editor"], "ko")
    assert page.url.rstrip("/").endswith("/newsroom")
    _shots(page, "01-home")

    # 1. Paste with header lines: the source is titled, linked and dated.
    source = _paste(page, base, KO_ARTICLE)
    assert page.locator("h1").inner_text() == "국토부, 광역급행철도 6개 노선 새로 연다"
    assert page.locator('a[href="https://news.example.org/rail-2030"]').count() >= 1
    assert source.published_on.isoformat() == "2026-03-02"
    assert source.body.startswith("국토교통부는")
    assert _candidate(page, "전기버스 3만 대 보급").count() == 1
    assert _candidate(page, "광역급행철도 노선 6개 개통").count() == 1
    _shots(page, "02-extracted")

    # 2. Publish a candidate exactly as proposed: it works the first time.
    _candidate(page, "전기버스 3만 대 보급").locator("a[data-key=a]").click()
    page.wait_for_load_state()
    _shots(page, "03-accept-as-proposed")
    with page.expect_navigation():
        page.click(".accept-form > button[type=submit]")
    assert "공개됨: 전기버스 3만 대 보급" in page.locator(".messages").inner_text()
    buses = Pledge.objects.get(title="전기버스 3만 대 보급")
    assert buses.owner.slug == "molit"
    assert [(t.value, t.unit) for t in buses.targets.all()] == [(Decimal(30000), "대")]

    # 3. Publish another, picking an existing owner over the proposed one.
    _candidate(page, "광역급행철도 노선 6개 개통").locator("a[data-key=a]").click()
    page.wait_for_load_state()
    page.select_option("select[name=owner]", label="대한민국 정부 (Government)")
    page.check("input[name=categories] >> nth=0")
    _shots(page, "04-accept-picking-owner")
    with page.expect_navigation():
        page.click(".accept-form > button[type=submit]")
    assert "공개됨" in page.locator(".messages").inner_text()
    rail = Pledge.objects.get(title="광역급행철도 노선 6개 개통")
    assert rail.owner.slug == "government"
    assert list(rail.categories.values_list("slug", flat=True)) == ["transport"]
    # No owner was made up on the way (the prefilled name did not win).
    assert set(Owner.objects.values_list("slug", flat=True)) == owners_before
    _shots(page, "05-both-published")

    # 4. The English article restates a tracked pledge: merge it, found by its
    # English title, and its target (already there) is not added again.
    _paste(page, base, EN_ARTICLE)
    assert page.locator("h1").inner_text() == "Ministry restates its housing goal"
    homes = _candidate(page, "20,000 public homes")
    homes.locator("a[data-key=m]").click()
    page.wait_for_load_state()
    page.fill("#merge-q", "public homes")
    found = page.locator("#merge-results a", has_text="공공주택 2만 호 공급")
    found.wait_for()
    found.click()
    page.wait_for_load_state()
    assert page.locator(".target-existing").count() == 1
    _shots(page, "06-merge-preview")
    with page.expect_navigation():
        page.click(".merge-confirm button[type=submit]")
    assert "병합됨: 공공주택 2만 호 공급" in page.locator(".messages").inner_text()
    assert Target.objects.filter(pledge=tracked).count() == 1
    assert tracked.citations.count() == 1
    assert Candidate.objects.get(source__url__endswith="/homes-again").pledge == tracked

    # 5. Edit the published title, with a reason; the public page reads it.
    page.goto(f"{base}/newsroom/desk/pledges/{rail.slug}/")
    with page.expect_navigation():
        page.click("#newsroom-tools a[href$='/edit/']")
    page.fill("input[name=title]", "광역급행철도(GTX) 6개 노선 개통")
    page.fill("input[name=reason]", "노선 이름을 기사대로 고쳤다.")
    _shots(page, "07-edit-title")
    with page.expect_navigation():
        page.click("form.desk-form button[type=submit] >> nth=0")
    assert "수정 내용을 저장했습니다." in page.content()
    rail.refresh_from_db()
    assert rail.title == "광역급행철도(GTX) 6개 노선 개통"
    context.close()
    assert errors == []

    # 6. A journalist posts a verdict; the public page signs it with her name.
    context, page, errors = _sign_in(browser, base, newsroom["journalist"], "en")
    page.goto(f"{base}/newsroom/desk/pledges/{rail.slug}/")
    page.check("input[name=status][value=in_progress]")
    page.fill("textarea[name=note]", "Two of the six lines broke ground in March.")
    page.fill("input[name=evidence_url]", "https://news.example.org/gtx-works")
    _shots(page, "08-verdict-form")
    with page.expect_navigation():
        page.click("#newsroom-tools form[hx-post$='/updates/'] button[type=submit]")
    verdict = StatusUpdate.objects.get(pledge=rail)
    assert (verdict.status, verdict.author) == (
        Status.IN_PROGRESS,
        newsroom["journalist"],
    )
    # Pages show dates in the site's time zone (Seoul), not UTC.
    day = timezone.localdate(verdict.created_at).isoformat()
    context.close()
    assert errors == []

    for lang, signed in (
        ("ko", f"{day} 김민아 평가"),
        ("en", f"Rated by 김민아 on {day}"),
    ):
        reader = browser.new_context(viewport={"width": 1280, "height": 900})
        host = base.split("://", 1)[1].split(":")[0]
        reader.add_cookies(
            [{"name": "django_language", "value": lang, "domain": host, "path": "/"}]
        )
        public = reader.new_page()
        public.goto(f"{base}/pledges/{rail.slug}/")
        text = public.locator("main").inner_text()
        assert "광역급행철도(GTX) 6개 노선 개통" in text
        assert signed in text
        assert "Two of the six lines broke ground in March." in text
        assert "jkim-login" not in public.content()
        _shots(public, f"09-public-{lang}")
        reader.close()
