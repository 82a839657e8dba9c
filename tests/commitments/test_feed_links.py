"""Every public page advertises the site's feed, and its own feed where it has
one; /feeds/ lists every feed with its address, and each address answers."""

import re

import pytest

from tests.commitments.api_support import full_pledge

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"'
)


def alternates(client, url: str, **headers) -> list[str]:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return ALTERNATE.findall(response.content.decode())


def test_every_public_page_links_the_site_feed_and_its_own(client, journalist):
    pledge = full_pledge(journalist)
    owner, category = pledge.owner, pledge.categories.get()
    for url in ("/", "/pledges/", "/methodology/", "/corrections/", "/feeds/"):
        assert alternates(client, url) == ["/feeds/en/updates/"], url
    assert alternates(client, f"/pledges/{pledge.slug}/") == [
        "/feeds/en/updates/",
        f"/feeds/en/pledges/{pledge.slug}/",
    ]
    assert alternates(client, f"/owners/{owner.slug}/")[1] == (
        f"/feeds/en/owners/{owner.slug}/"
    )
    assert alternates(client, f"/categories/{category.slug}/")[1] == (
        f"/feeds/en/categories/{category.slug}/"
    )
    # In Korean, the Korean feeds.
    korean = alternates(client, f"/pledges/{pledge.slug}/", HTTP_ACCEPT_LANGUAGE="ko")
    assert korean == ["/feeds/ko/updates/", f"/feeds/ko/pledges/{pledge.slug}/"]
    for href in korean + alternates(client, f"/owners/{owner.slug}/"):
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith("application/atom+xml")


def test_the_feeds_index_lists_every_feed_with_its_address(client, journalist):
    pledge = full_pledge(journalist)
    owner, category = pledge.owner, pledge.categories.get()
    html = client.get("/feeds/").content.decode()
    listed = set(re.findall(r'<a href="(http://testserver/feeds/[^"]+)"', html))
    assert {
        "http://testserver/feeds/ko/updates/",
        "http://testserver/feeds/en/updates/",
        f"http://testserver/feeds/ko/owners/{owner.slug}/",
        f"http://testserver/feeds/en/categories/{category.slug}/",
    } <= listed
    assert "/feeds/&lt;ko|en&gt;/pledges/&lt;slug&gt;/" in html
    for href in listed:
        assert client.get(href).status_code == 200, href
    assert 'href="/feeds/"' in client.get("/").content.decode()  # the footer
