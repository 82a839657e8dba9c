"""The home's first screen shows the pledges we track (most recently published
or updated, with status and progress) and a search box; list rows carry a
progress bar where a pledge has targets."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import services
from commitments.models import Pledge
from tests.commitments.api_support import full_pledge
from tests.factories import PledgeFactory, TargetFactory

pytestmark = pytest.mark.django_db


def tracked_section(html: str) -> str:
    match = re.search(r'<section class="tracked".*?</section>', html, re.S)
    assert match, "no tracked pledges section"
    return match.group(0)


def test_the_demo_pledges_are_on_the_home_with_a_search_box(client):
    call_command("load_demo")
    html = client.get("/").content.decode()
    section = tracked_section(html)
    for pledge in Pledge.objects.all():
        assert f'href="/pledges/{pledge.slug}/"' in section
        assert pledge.title_en in section
    assert "Not yet rated" in section  # the status
    # Before the figures and charts: on the first screen.
    assert html.index('class="tracked"') < html.index('class="headline"')
    form = re.search(r'<form class="home-search" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == "/pledges/"
    assert '<input type="search" id="home-q" name="q"' in html


def test_the_home_search_box_searches_the_list(client):
    PledgeFactory(title_en="Free school meals", title="무상 급식")
    PledgeFactory(title_en="More buses", title="버스 증차")
    html = client.get("/pledges/", {"q": "급식"}).content.decode()
    assert "Free school meals" in html and "More buses" not in html


def test_recently_published_or_updated_come_first(client, journalist):
    old = PledgeFactory(title_en="Old but rated")
    Pledge.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    newest = PledgeFactory(title_en="Just published")
    services.status_update_post(
        actor=journalist,
        pledge=old,
        status="in_progress",
        note="착공",
        evidence_url="https://example.org/e",
    )
    section = tracked_section(client.get("/").content.decode())
    assert section.index("Old but rated") < section.index("Just published")
    assert newest.title_en in section


def test_rows_carry_the_lead_targets_progress(client, journalist):
    measured = full_pledge(journalist, title_en="Measured pledge")  # 250 of 1,000
    unmeasured = PledgeFactory(title_en="Counted later")
    TargetFactory(pledge=unmeasured, metric="Buses", value=Decimal("50"), unit="대")
    TargetFactory(pledge=unmeasured, metric="Stops", value=Decimal("9"))
    PledgeFactory(title_en="No targets at all")
    for url in ("/", "/pledges/", f"/categories/{measured.categories.get().slug}/"):
        html = client.get(url).content.decode()
        rows = dict(
            re.findall(
                r'<li class="pledge-row">.*?>([^<]+)</a></h3>(.*?)</li>', html, re.S
            )
        )
        row = rows["Measured pledge"]
        assert '<svg class="progress-bar"' in row, url
        assert ">25%<" in row and "250 of 1,000 호 as of 2025-01-01" in row, url
        if url == f"/categories/{measured.categories.get().slug}/":
            continue
        assert "progress-bar" not in rows["Counted later"], url
        assert "Buses: No measurement yet." in rows["Counted later"], url
        assert "and 1 more target" in rows["Counted later"], url
        assert "row-progress" not in rows["No targets at all"], url


def test_the_home_takes_the_same_queries_for_3_and_30_pledges(
    client, journalist, django_assert_num_queries
):
    def make(n: int) -> None:
        for _ in range(n):
            pledge = full_pledge(journalist)
            TargetFactory(pledge=pledge, value=Decimal("10"), deadline=date(2031, 1, 1))

    make(3)
    client.get("/")  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get("/").status_code == 200
    # Counted now: the next request clears the connection's query log.
    warm = len(small.captured_queries)
    make(27)
    client.get("/")  # the writes moved the record on: recount its summaries once
    with django_assert_num_queries(warm):
        html = client.get("/").content.decode()
    assert html.count('<svg class="progress-bar"') >= 6
