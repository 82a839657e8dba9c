"""The owner filter means one thing everywhere: the owner and every owner
below it (mayor → city → department). The pages, the desk, the API's pledge
and status-update lists and the owner's Atom feed all include sub-owners."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments import services
from commitments.models import Owner
from commitments.models.record import owner_subtree_sql
from commitments.statuses import Status
from tests.commitments.api_support import api_settings  # noqa: F401
from tests.factories import OwnerFactory, PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]


@pytest.fixture
def tree(journalist):
    city = OwnerFactory(slug="city")
    housing = OwnerFactory(slug="city-housing", parent=city)
    rentals = OwnerFactory(slug="city-rentals", parent=housing)
    elsewhere = OwnerFactory(slug="elsewhere")
    pledges = {
        "city-own": PledgeFactory(slug="city-own", title="City own", owner=city),
        "dept": PledgeFactory(slug="dept", title="Dept pledge", owner=housing),
        "team": PledgeFactory(slug="team", title="Team pledge", owner=rentals),
        "other": PledgeFactory(slug="other", title="Other pledge", owner=elsewhere),
    }
    for pledge in pledges.values():
        services.status_update_post(
            actor=journalist,
            pledge=pledge,
            status=Status.IN_PROGRESS,
            note=f"Work on {pledge.slug}.",
            evidence_url="https://example.org/evidence",
        )
    return pledges


CITY_TREE = {"city-own", "dept", "team"}


def test_the_subtree_is_the_owner_and_everyone_below_it(tree):
    def slugs(root: Owner | str) -> set[str]:
        subtree = Owner.objects.filter(pk__in=owner_subtree_sql(root))
        return set(subtree.values_list("slug", flat=True))

    assert slugs("city") == {"city", "city-housing", "city-rentals"}
    assert slugs(Owner.objects.get(slug="city-housing")) == {
        "city-housing",
        "city-rentals",
    }
    assert slugs("nobody") == set()


def test_the_pledge_list_page_includes_sub_owners(client, tree):
    response = client.get(reverse("pledge-list"), {"owner": "city"})
    assert {p.slug for p in response.context["page"].object_list} == CITY_TREE


def test_the_api_pledge_list_includes_sub_owners(client, tree):
    response = client.get("/api/v1/pledges", {"owner": "city"})
    assert response.status_code == 200, response.content
    assert {p["slug"] for p in response.json()["items"]} == CITY_TREE
    department = client.get("/api/v1/pledges", {"owner": "city-housing"})
    assert {p["slug"] for p in department.json()["items"]} == {"dept", "team"}
    unknown = client.get("/api/v1/pledges", {"owner": "nobody"})
    assert unknown.status_code == 200
    assert unknown.json()["items"] == []


def test_the_api_status_updates_include_sub_owners(client, tree):
    response = client.get("/api/v1/status-updates", {"owner": "city"})
    assert response.status_code == 200, response.content
    assert {u["pledge"]["slug"] for u in response.json()["items"]} == CITY_TREE


def test_the_owner_filter_costs_no_query_of_its_own(client, tree, settings):
    # The subtree is walked inside the list's own query, for the pledges
    # and for the status updates alike (each request builds its answer).
    settings.API_RESPONSE_CACHE_SECONDS = 0
    for path in ("/api/v1/pledges", "/api/v1/status-updates"):
        client.get(path)  # bodies built and stored: both reads are warm
        with CaptureQueriesContext(connection) as unfiltered:
            assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as filtered:
            assert client.get(path, {"owner": "city"}).status_code == 200
        assert len(filtered) == len(unfiltered), path


def test_the_desk_includes_sub_owners(client, journalist, tree):
    client.force_login(journalist)
    response = client.get(reverse("desk"), {"owner": "city"})
    assert {p.slug for p in response.context["page"].object_list} == CITY_TREE


def test_the_owner_feed_includes_sub_owners(client, tree):
    response = client.get("/feeds/ko/owners/city/")
    assert response.status_code == 200
    titles = " ".join(e.title for e in feedparser.parse(response.content).entries)
    assert "Dept pledge" in titles and "Team pledge" in titles
    assert "City own" in titles and "Other pledge" not in titles
