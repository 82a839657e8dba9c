"""A pledge page shows each quote once (original wording, history, coverage)
and dates its history by the event, with the entry date second."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import Citation
from commitments.timeline import pledge_timeline
from tests.factories import PledgeFactory, SourceFactory, TargetFactory

pytestmark = pytest.mark.django_db

WORDING = "임기 내 공공주택 3만 호를 공급하겠습니다."


@pytest.fixture
def pledge(journalist):
    pledge = PledgeFactory(original_wording=WORDING)
    first = SourceFactory(published_on=date(2023, 3, 1))
    second = SourceFactory(published_on=date(2023, 4, 2))
    third = SourceFactory(published_on=None)
    Citation.objects.create(pledge=pledge, source=first, quote=WORDING)
    # The same words from a second outlet, spaced differently.
    Citation.objects.create(pledge=pledge, source=second, quote="  " + WORDING)
    Citation.objects.create(pledge=pledge, source=third, quote="다른 인용문입니다.")
    target = TargetFactory(pledge=pledge, metric="공급 호수")
    services.measurement_record(
        actor=journalist,
        target=target,
        value=5,
        as_of=date(2024, 1, 5),
        evidence_url="https://news.example.org/m",
    )
    return pledge


def test_each_quote_shows_once(client, pledge):
    html = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    # what readers see: the link-preview tags in <head> may describe the
    # pledge by its wording, the page body says it once
    html = html.split("</head>", 1)[1]
    assert html.count(WORDING) == 1
    assert html.count("다른 인용문입니다.") == 1
    assert "Quoted in the wording above." in html


def test_history_is_dated_by_the_event_with_the_entry_date_second(client, pledge):
    entries = pledge_timeline(pledge=pledge)
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    assert by_kind["measurement"][0].happened_on == date(2024, 1, 5)
    published = sorted(e.happened_on for e in by_kind["citation"])
    today = timezone.localdate()
    # A source without a publication date is dated by its entry.
    assert published == [date(2023, 3, 1), date(2023, 4, 2), today]
    # Newest event first: the undated source (entered today), then the
    # measurement of January 2024, then the sources of 2023.
    order = [e.happened_on for e in entries]
    assert order == sorted(order, reverse=True)

    html = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    recorded = today.isoformat()
    assert re.search(
        rf'<time datetime="2024-01-05">2024-01-05</time>\s*'
        rf'<span class="timeline-entered">\(recorded {recorded}\)</span>',
        html,
    )
    assert '<time datetime="2023-03-01">2023-03-01</time>' in html


def test_an_entry_made_the_same_day_shows_one_date(journalist):
    pledge = PledgeFactory()
    target = TargetFactory(pledge=pledge)
    today = timezone.localdate()
    services.measurement_record(
        actor=journalist,
        target=target,
        value=1,
        as_of=today,
        evidence_url="https://news.example.org/m",
    )
    (entry,) = pledge_timeline(pledge=pledge)
    assert not entry.entered_later
