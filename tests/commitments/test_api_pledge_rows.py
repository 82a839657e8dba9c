"""The API builds pledge bodies from `.values()` rows and a few bulk queries
(`commitments.api.pledge_rows`) instead of prefetched model instances: the
bodies must be the very ones the model-based writer gives, and the queries a
fixed number whatever the page size."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.api import selectors
from commitments.api.caching import dumps
from commitments.api.pledge_rows import pledge_bodies
from commitments.api.representations import Links, PledgeWriter
from commitments.models import Pledge
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]

LINKS = Links(origin="http://testserver", api_root="http://testserver/api/v1")


def test_row_bodies_are_the_model_writers_bodies_on_a_synthetic_record(journalist):
    call_command(
        "generate_synthetic",
        pledges=80,
        updates=400,
        measurements=300,
        seed=11,
        stdout=io.StringIO(),
    )
    full_pledge(journalist)  # categories, targets, measurements, citations
    ordered = Pledge.objects.order_by("id")
    expected = [
        PledgeWriter(LINKS)(p) for p in selectors.pledges_with_relations(ordered)
    ]
    found = pledge_bodies(list(selectors.pledge_values(ordered)), LINKS)
    assert len(found) == len(expected) > 80
    # Byte for byte, as the API serialises them.
    assert [dumps(b) for b in found] == [dumps(b) for b in expected]
    assert any(b["targets"] for b in found) and any(b["citations"] for b in found)
    assert any(b["latest_update"] for b in found)


def test_row_bodies_take_five_queries_whatever_the_number_of_pledges(journalist):
    for _ in range(6):
        full_pledge(journalist)

    def queries(limit: int) -> int:
        rows = list(selectors.pledge_values(Pledge.objects.order_by("id"))[:limit])
        with CaptureQueriesContext(connection) as captured:
            pledge_bodies(rows, LINKS)
        return len(captured.captured_queries)

    # Categories, targets, measurements, citations, latest updates.
    assert queries(1) == queries(6) == 5


def test_the_detail_is_the_list_item(client, journalist):
    pledge = full_pledge(journalist)
    listed = client.get("/api/v1/pledges").json()["items"][0]
    detail = client.get(f"/api/v1/pledges/{pledge.public_id}").json()
    assert detail == listed
    assert client.get(f"/api/v1/pledges/{pledge.slug}").json() == listed


def test_the_api_list_takes_as_many_queries_on_a_larger_record(client, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 0

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/pledges", {"limit": 50})
        assert response.status_code == 200
        assert len(response.json()["items"]) == 50
        return len(captured.captured_queries)

    for seed, pledges in ((21, 60), (22, 120)):
        call_command(
            "generate_synthetic",
            pledges=pledges,
            updates=pledges * 4,
            measurements=pledges * 2,
            seed=seed,
            stdout=io.StringIO(),
        )
        # Synthetic rows are stamped now: let them settle behind the horizon.
        Pledge.objects.update(updated_at=timezone.now() - timedelta(minutes=5))
        if seed == 21:
            small = queries()
    assert queries() == small
