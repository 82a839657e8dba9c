"""HEAD answers every GET route as GET does, with no body: walked over every
URL pattern the site has (Django's admin aside), as a reader and as an editor."""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.commitments.api_support import full_pledge

pytestmark = pytest.mark.django_db

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            # The admin is Django's, with its own dozens of model URLs.
            if route != "admin/":
                yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def fill(route: str, values: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        converter, name = match["converter"], match["name"]
        if converter in ("uuid", "uuidstr"):
            return values.get(name, "00000000-0000-0000-0000-000000000000")
        if converter == "int":
            return values.get(name, "1")
        return values.get(name, "x")

    return "/" + PARAMETER.sub(value, route)


def urls(values: dict[str, str]) -> list[str]:
    return sorted({fill(r, values) for r in routes(get_resolver().url_patterns)})


def compare(client: Client, url: str) -> tuple[int, int]:
    got = client.get(url)
    head = client.head(url)
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert head.status_code == got.status_code, (url, head.status_code)
    assert body == b"", url
    if not got.streaming and "Content-Length" in head:
        assert int(head["Content-Length"]) == len(got.content), url
    return got.status_code, head.status_code


@pytest.fixture
def values(journalist) -> dict[str, str]:
    pledge = full_pledge(journalist)
    return {
        "slug": pledge.slug,
        "pledge_id": str(pledge.public_id),
        "language": "en",
        "kind": "csv",
        "name": "pledges-2000-01-01.csv",
        "rest": "nope",
    }


def test_head_answers_like_get_on_every_route_for_a_reader(client, values):
    statuses = {url: compare(client, url)[0] for url in urls(values)}
    # The walk reached the public surfaces and they answered, not 405.
    for url in (
        "/",
        "/pledges/",
        f"/pledges/{values['slug']}/",
        "/api/v1/pledges",
        f"/api/v1/pledges/{values['pledge_id']}",
        "/api/v1/export/pledges.csv",
        "/feeds/en/updates/",
        f"/badge/pledges/{values['slug']}.svg",
    ):
        assert statuses[url] == 200, url


def test_head_answers_like_get_on_every_route_for_an_editor(client, editor, values):
    client.force_login(editor)
    statuses = {url: compare(client, url)[0] for url in urls(values)}
    assert statuses["/newsroom/desk/"] == 200
    assert statuses[f"/newsroom/desk/pledges/{values['slug']}/"] == 200


def test_head_is_not_get_for_what_takes_no_get(client, db):
    """A POST-only route refuses HEAD as it refuses GET."""
    assert client.get("/accounts/logout/").status_code == 405
    assert client.head("/accounts/logout/").status_code == 405
    response = client.head("/api/v1/newsroom/sources")
    assert response.status_code == client.get("/api/v1/newsroom/sources").status_code
    assert response.content == b""
