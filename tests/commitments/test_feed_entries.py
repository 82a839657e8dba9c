"""The feeds carry every kind of change, merged by date, with stable ids and
escaped text: new pledges, verdicts, official reports, measurements,
corrections, public edits and amendments."""

from datetime import date

import feedparser
import pytest

from commitments import services
from commitments.atom.entries import entries
from commitments.models import Measurement, StatusUpdate
from tests.commitments.api_support import full_pledge
from tests.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed, response.content.decode()


@pytest.fixture
def record(journalist, editor):
    pledge = full_pledge(journalist, title_en="Build 1,000 homes")
    update = StatusUpdate.objects.get(pledge=pledge)
    services.status_update_correct(
        actor=editor,
        update=update,
        status="kept",
        reason="잘못 입력했다.",
        note="준공했다.",
    )
    services.measurement_correct(
        actor=editor,
        measurement=Measurement.objects.get(target__pledge=pledge),
        value=300,
        reason="통계 정정",
    )
    services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 6, 1),
        reason="부지 확보 지연",
        wording_after="주택 800호를 공급",
    )
    pledge.refresh_from_db()
    services.pledge_edit(
        actor=editor,
        pledge=pledge,
        reason="오타 수정",
        title=pledge.title + " (수정)",
        title_en=pledge.title_en,
        owner=pledge.owner,
        categories=list(pledge.categories.all()),
    )
    pledge.refresh_from_db()
    return pledge


def test_every_kind_of_change_is_an_entry_newest_first(client, record):
    parsed, _ = feed(client, f"/feeds/en/pledges/{record.slug}/")
    kinds = [e.tags[0].term for e in parsed.entries]
    assert kinds == [
        "edit",
        "amendment",
        "measurement_correction",
        "status_correction",
        "status",
        "measurement",
        "pledge",
    ]
    titles = [e.title for e in parsed.entries]
    assert titles[1] == "Build 1,000 homes: amended by its owner (2024-06-01)"
    assert titles[2].startswith("(correction) Build 1,000 homes: ")
    assert "300" in titles[2] and "(as of 2025-01-01)" in titles[2]
    assert titles[3] == "(correction) Build 1,000 homes: In progress → Kept"
    assert titles[-1] == "New pledge: Build 1,000 homes"
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    # Links land on the entry in the pledge page's history.
    correction = StatusUpdate.objects.get(pledge=record, corrects__isnull=False)
    assert parsed.entries[3].link.endswith(
        f"/pledges/{record.slug}/#correction-{correction.public_id}"
    )


def test_korean_feed_says_the_same_in_korean(client, record):
    parsed, _ = feed(client, f"/feeds/ko/pledges/{record.slug}/")
    titles = [e.title for e in parsed.entries]
    assert titles[-1] == f"새 공약: {record.title}"
    assert titles[1] == f"{record.title}: 공약 변경 (2024-06-01)"


def test_entry_ids_are_stable_and_unique(client, record):
    first, _ = feed(client, "/feeds/en/updates/")
    again, _ = feed(client, "/feeds/ko/updates/")
    ids = [e.id for e in first.entries]
    assert len(set(ids)) == len(ids) == 7
    # The same change has the same id in either language and on every request.
    assert ids == [e.id for e in again.entries]
    assert all(i.startswith("urn:uuid:") for i in ids)


def test_untrusted_text_is_escaped(client, journalist):
    pledge = PledgeFactory(
        title="<b>공약</b>",
        title_en="",
        summary='<script>alert("x")</script> & <img src=x onerror=y>',
    )
    parsed, raw = feed(client, f"/feeds/en/pledges/{pledge.slug}/")
    entry = parsed.entries[0]
    assert entry.title == "New pledge: <b>공약</b>"  # text, shown as typed
    # The HTML summary carries the markup as text, escaped twice on the wire.
    assert "&lt;script&gt;" in entry.summary
    assert "<script" not in entry.summary
    assert "<script" not in raw and "&amp;lt;script&amp;gt;" in raw


def test_scoped_streams_take_a_fixed_number_of_queries(
    journalist, django_assert_num_queries
):
    for _ in range(3):
        full_pledge(journalist)
    with django_assert_num_queries(5):
        assert len(entries(language="en")) == 9
    for _ in range(5):
        full_pledge(journalist)
    with django_assert_num_queries(5):
        assert len(entries(language="en", limit=50)) == 24
