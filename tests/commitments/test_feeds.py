"""Atom feeds of the record's changes, parsed by feedparser, in both languages."""

import feedparser
import pytest

from tests.commitments.api_support import full_pledge

pytestmark = pytest.mark.django_db


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_feed_is_valid_atom(client, journalist, language):
    pledge = full_pledge(journalist)
    other = full_pledge(journalist)
    category = pledge.categories.get()
    # Each pledge: its publication, a measurement and a verdict.
    urls = {
        f"/feeds/{language}/updates/": 6,
        f"/feeds/{language}/pledges/{pledge.slug}/": 3,
        f"/feeds/{language}/owners/{pledge.owner.slug}/": 3,
        f"/feeds/{language}/categories/{category.slug}/": 3,
    }
    for url, count in urls.items():
        feed = parse(client, url)
        assert feed.version == "atom10"
        assert len(feed.entries) == count, url
        entry = feed.entries[0]
        assert entry.id.startswith("urn:uuid:")
        assert entry.published_parsed
        assert "/pledges/" in entry.link
    assert other.slug in parse(client, f"/feeds/{language}/updates/").entries[0].link


def test_feeds_speak_the_language_of_their_url(client, journalist):
    pledge = full_pledge(journalist)
    ko = parse(client, "/feeds/ko/updates/")
    en = parse(client, "/feeds/en/updates/")
    assert ko.feed.language == "ko"
    assert en.feed.language == "en"
    assert ko.entries[0].title == f"{pledge.title}: 평가 전 → 추진 중"
    assert en.entries[0].title == f"{pledge.title_en}: Not yet rated → In progress"
    assert en.entries[0].summary == "착공했다."


def test_unknown_feeds_are_404(client, db):
    assert client.get("/feeds/fr/updates/").status_code == 404
    assert client.get("/feeds/en/pledges/nope/").status_code == 404
    assert client.get("/feeds/en/owners/nope/").status_code == 404
    assert client.get("/feeds/en/categories/nope/").status_code == 404
