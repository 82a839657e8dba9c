"""The public dashboards: pages in both languages, constant query counts,
escaping of article text, framing rules and bad input."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from commitments.models import Citation, Measurement, Pledge, StatusUpdate
from tests.factories import (
    CategoryFactory,
    OwnerFactory,
    PledgeFactory,
    SourceFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def get(client, url: str, lang: str = "ko"):
    client.cookies["django_language"] = lang
    return client.get(url)


@pytest.fixture
def measured_pledge(db):
    """A pledge with a dated cumulative target, measurements, updates, citations."""
    author = UserFactory()
    city = OwnerFactory(slug="seoul", name="서울특별시", name_en="Seoul")
    dept = OwnerFactory(
        slug="seoul-housing", name="주택정책실", name_en="Housing", parent=city
    )
    category = CategoryFactory(slug="housing", name="주택", name_en="Housing")
    pledge = PledgeFactory(
        slug="homes",
        title="공공주택 10만호 공급",
        title_en="Supply 100,000 public homes",
        owner=dept,
        made_on=date(2024, 1, 1),
        deadline=date(2028, 12, 31),
        status="in_progress",
        official_status="kept",
        has_disagreement=True,
        last_update_at=timezone.now(),
        summary="주택 공급 계획",
    )
    pledge.categories.add(category)
    target = TargetFactory(
        pledge=pledge,
        metric="Homes built",
        value=Decimal(100000),
        baseline_value=Decimal(0),
        baseline_date=date(2024, 1, 1),
        deadline=date(2028, 12, 31),
        period="cumulative",
    )
    for day, value in [(date(2024, 12, 31), 15000), (date(2025, 12, 31), 30000)]:
        Measurement.objects.create(
            target=target,
            value=Decimal(value),
            as_of=day,
            evidence_url="https://example.org/m",
            author=author,
        )
    for kind, status in [("newsroom", "in_progress"), ("official", "kept")]:
        StatusUpdate.objects.create(
            pledge=pledge,
            status=status,
            previous_status="not_rated",
            kind=kind,
            note=f"{kind} note",
            evidence_url="https://example.org/e",
            author=author,
        )
    for outlet in ("연합뉴스", "KBS"):
        source = SourceFactory(publisher=outlet, title=f"{outlet} 기사")
        Citation.objects.create(pledge=pledge, source=source, quote="10만호를 공급")
    return pledge


def public_urls(pledge: Pledge) -> list[str]:
    return [
        "/",
        "/pledges/",
        f"/pledges/{pledge.slug}/",
        f"/owners/{pledge.owner.slug}/",
        f"/owners/{pledge.owner.parent.slug}/",
        f"/categories/{pledge.categories.first().slug}/",
        "/methodology/",
        f"/embed/pledges/{pledge.slug}/",
    ]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_public_page_loads_in_both_languages(client, measured_pledge, lang):
    for url in public_urls(measured_pledge):
        response = get(client, url, lang)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html, url


def test_pages_use_no_inline_script_or_style(client, measured_pledge):
    for url in public_urls(measured_pledge):
        html = get(client, url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url


def test_home_shows_counts_shares_overdue_and_as_of_date(client, measured_pledge):
    PledgeFactory(status="kept", deadline=date(2020, 1, 1))
    PledgeFactory(status="stalled", deadline=date(2020, 1, 1))
    html = get(client, "/", "en").content.decode()
    assert "As of" in html
    assert "Pledges by status" in html and "<svg" in html and "<table" in html
    assert "33.3%" in html  # kept: one of three
    assert 'href="/pledges/?overdue=1">1</a>' in html
    assert "Supply 100,000 public homes" in html  # recently updated
    assert "Housing" in html  # category and owner breakdowns


def test_english_titles_are_shown_where_they_exist(client, measured_pledge):
    PledgeFactory(slug="plain", title="한국어만 있는 공약", title_en="")
    html = get(client, "/pledges/", "en").content.decode()
    assert "Supply 100,000 public homes" in html
    assert "한국어만 있는 공약" in html
    korean = get(client, "/pledges/", "ko").content.decode()
    assert "공공주택 10만호 공급" in korean


def test_pledge_page_shows_verdict_official_report_progress_chart_and_sources(
    client, measured_pledge
):
    response = get(client, "/pledges/homes/", "en")
    html = response.content.decode()
    assert "Our verdict" in html and "Official self-report" in html
    assert "Concrete steps" in html  # the status definition
    assert "Disagreement" in html
    assert "30%" in html  # 30,000 of 100,000
    assert "measurement-chart" in html and "straight path" in html
    assert "연합뉴스" in html and "KBS" in html
    assert "Last checked" in html
    assert "twitter.com/intent/tweet" in html
    assert "/embed/pledges/homes/" in html
    assert "newsroom note" in html  # the timeline partial
    for name in ("pledge", "timeline", "progress"):
        assert name in response.context


def test_owner_scorecard_includes_sub_owners(client, measured_pledge):
    html = get(client, "/owners/seoul/", "en").content.decode()
    assert "Sub-owners" in html and "Housing" in html
    assert "Kept rate" in html


def test_list_filters_and_search_narrow_the_results(client, measured_pledge):
    PledgeFactory(
        slug="roads", title="도로 확장", status="kept", original_wording="도로"
    )
    html = get(client, "/pledges/?status=kept").content.decode()
    assert "도로 확장" in html and "공공주택 10만호 공급" not in html
    html = get(client, "/pledges/?q=공공주택").content.decode()
    assert "공공주택 10만호 공급" in html and "도로 확장" not in html
    html = get(client, "/pledges/?disagreement=1").content.decode()
    assert "공공주택 10만호 공급" in html and "도로 확장" not in html
    html = get(client, "/pledges/?owner=seoul").content.decode()  # includes depts
    assert "공공주택 10만호 공급" in html and "도로 확장" not in html


def test_nonsense_filter_values_are_ignored_with_a_notice(client, measured_pledge):
    response = get(
        client,
        "/pledges/?status=maybe&year=soon&sort=%00&owner=%3Cx%3E%00&q=%00주택"
        "&category=%00&page=%00",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ignored" in html or "무시" in html
    assert "공공주택 10만호 공급" in html


def test_a_page_number_past_the_end_shows_the_last_page(client, db):
    for i in range(30):
        PledgeFactory(
            title=f"공약 번호 {i:02d}",
            title_en="",
            deadline=date(2030, 1, 1) + timedelta(i),
        )
    response = get(client, "/pledges/?sort=deadline&page=999", "en")
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assert "공약 번호 29" in response.content.decode()
    assert get(client, "/pledges/?page=-3").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/pledges/no-such-pledge/",
        "/owners/no-such-owner/",
        "/categories/no-such-category/",
        "/embed/pledges/no-such-pledge/",
        "/nowhere/",
        "/pledges/%00/",
        "/owners/%00x/",
        "/categories/%00/",
    ],
)
def test_unknown_addresses_get_a_friendly_404(client, db, url):
    response = get(client, url, "en")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


def test_unknown_badge_is_a_404_svg(client, db):
    response = client.get("/badge/pledges/nope.svg")
    assert response.status_code == 404
    assert client.get("/badge/pledges/%00.svg").status_code == 404
    assert response["Content-Type"].startswith("image/svg+xml")


def test_badge_shows_the_status_in_the_requested_language(client, measured_pledge):
    response = client.get("/badge/pledges/homes.svg?lang=en")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "In progress" in response.content.decode()
    assert "추진 중" in client.get("/badge/pledges/homes.svg?lang=ko").content.decode()


def test_only_the_embed_may_be_framed(client, measured_pledge):
    embed = client.get("/embed/pledges/homes/")
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "script-src 'self'" in embed.headers["Content-Security-Policy"]
    for url in ("/", "/pledges/", "/pledges/homes/", "/methodology/"):
        response = client.get(url)
        assert response.headers["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_language_switcher_sets_english(client, measured_pledge):
    html = client.get("/").content.decode()
    assert 'name="language" value="en"' in html
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/methodology/"}
    )
    assert response.status_code == 302 and response["Location"] == "/methodology/"
    html = client.get("/methodology/").content.decode()
    assert '<html lang="en">' in html and "Status definitions" in html


def test_script_and_html_in_article_text_render_as_text_everywhere(client, db):
    owner = OwnerFactory(slug="evil-owner", name=EVIL, name_en=EVIL)
    category = CategoryFactory(slug="evil-cat", name=EVIL, name_en=EVIL)
    pledge = PledgeFactory(
        slug="evil",
        title=EVIL,
        title_en=EVIL,
        summary=EVIL,
        original_wording=EVIL,
        owner=owner,
        last_update_at=timezone.now(),
        deadline=timezone.localdate() + timedelta(days=10),
    )
    pledge.categories.add(category)
    TargetFactory(pledge=pledge, metric=EVIL, unit="<b>u</b>")
    source = SourceFactory(title=EVIL, publisher=EVIL, url="javascript:alert(1)")
    Citation.objects.create(pledge=pledge, source=source, quote=EVIL)
    urls = [
        "/",
        "/pledges/",
        "/pledges/?q=%3Cscript%3E",
        "/pledges/evil/",
        "/owners/evil-owner/",
        "/categories/evil-cat/",
        "/embed/pledges/evil/",
        "/badge/pledges/evil.svg",
    ]
    for lang in ("ko", "en"):
        for url in urls:
            response = get(client, url, lang)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "<script>alert" not in html, url
            assert "<img src=x" not in html, url
            assert 'href="javascript:' not in html, url
            if "badge" not in url:
                assert "&lt;script&gt;" in html or "/badge/" in url, url


# --- Query counts: constant whatever the size of the record ---------------------

PAGES_AND_LIMITS = [
    # The home's tracked pledges with their progress: three more. First after
    # a write, so its summaries are counted afresh (a repeat reads them cached).
    ("/", 13),
    ("/pledges/", 8),
    ("/pledges/?status=in_progress", 8),
    ("/pledges/?owner={owner}", 10),
    ("/pledges/?category={category}", 9),
    ("/pledges/?year={year}", 8),
    ("/pledges/?overdue=1", 8),
    ("/pledges/?disagreement=1", 8),
    ("/pledges/?q=공공주택", 8),
    ("/pledges/?sort=deadline&page=2", 8),
    (
        "/pledges/?status=kept&owner={owner}&category={category}&year={year}"
        "&overdue=1&disagreement=1&q=공급&sort=title",
        10,
    ),
    ("/pledges/{pledge}/", 14),
    ("/owners/{owner}/", 6),
    ("/categories/{category}/", 7),
    ("/embed/pledges/{pledge}/", 8),
]


def _fill(url: str) -> str:
    from commitments.models import Category, Owner

    pledge = (
        Pledge.objects.filter(targets__measurements__isnull=False)
        .order_by("-id")
        .first()
    )
    owner = Owner.objects.filter(children__isnull=False).order_by("id").first()
    category = Category.objects.order_by("id").first()
    return url.format(
        pledge=pledge.slug,
        owner=owner.slug,
        category=category.slug,
        year=pledge.deadline.year,
    )


def test_pages_take_a_constant_number_of_queries(client, django_assert_max_num_queries):
    """Measured on a synthetic record, then again on one three times larger:
    the counts must not grow (on PostgreSQL in the services run of CI)."""
    call_command(
        "generate_synthetic",
        pledges=120,
        updates=600,
        measurements=300,
        seed=7,
        stdout=io.StringIO(),
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts() -> dict[str, int]:
        found = {}
        for template, limit in PAGES_AND_LIMITS:
            url = _fill(template)
            with (
                django_assert_max_num_queries(limit),
                CaptureQueriesContext(connection) as ctx,
            ):
                response = client.get(url)
            assert response.status_code == 200, url
            found[template] = len(ctx.captured_queries)
        return found

    small = counts()
    call_command(
        "generate_synthetic",
        pledges=240,
        updates=1200,
        measurements=600,
        seed=8,
        stdout=io.StringIO(),
    )
    assert counts() == small


def test_korean_is_the_default_language(client, db, settings):
    settings.LANGUAGE_CODE = "ko"  # the production default (tests run in English)
    html = client.get("/").content.decode()
    assert '<html lang="ko">' in html
    assert "공약은 지켜지고 있을까?" in html
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Are the pledges being kept?" in html


def test_the_500_page_renders_without_a_request(db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and "오류" in html
    assert "<script" not in html
