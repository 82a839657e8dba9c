"""The read API serves each pledge's stored body (`PledgeDocument`) while it
matches the pledge, and never after a write to anything the body shows."""

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import services
from commitments.api import selectors
from commitments.api.caching import dumps
from commitments.api.pledge_rows import pledge_bodies
from commitments.api.representations import Links
from commitments.models import Citation, Pledge, PledgeDocument
from commitments.services.pledges import CitationInput
from commitments.tasks import api_documents_refresh_task
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import CategoryFactory, OwnerFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    # What is measured here is the stored bodies, not the response cache in
    # front of them (which a write's version stamp clears on its own).
    settings.API_RESPONSE_CACHE_SECONDS = 0


LINKS = Links(origin="http://testserver", api_root="http://testserver/api/v1")


def fresh(pledge: Pledge) -> dict:
    """The body built from the record now, bypassing every stored document."""
    rows = list(selectors.pledge_values(Pledge.objects.filter(pk=pledge.pk)))
    return json.loads(dumps(pledge_bodies(rows, LINKS)[0]))


def served(client, pledge: Pledge) -> dict:
    response = client.get(f"/api/v1/pledges/{pledge.public_id}")
    assert response.status_code == 200
    return response.json()


def listed(client, pledge: Pledge) -> dict:
    items = client.get("/api/v1/pledges", {"limit": 200}).json()["items"]
    return next(item for item in items if item["id"] == str(pledge.public_id))


def same(client, pledge: Pledge) -> None:
    expected = fresh(pledge)
    # Compared as JSON values: a stored body puts its links last.
    assert served(client, pledge) == expected
    assert listed(client, pledge) == expected


def test_a_read_stores_the_body_and_the_next_read_serves_it(client, journalist):
    pledge = full_pledge(journalist)
    assert not PledgeDocument.objects.exists()
    same(client, pledge)
    document = PledgeDocument.objects.get(pledge=pledge)
    # What is stored is what is served: plant a marker in the stored body and
    # the next read carries it (what it was built from still matches).
    document.body = document.body[:-1] + ',"marker":1}'
    document.save()
    assert served(client, pledge)["marker"] == 1


def test_a_warm_list_page_is_its_own_query_whatever_its_size(client, journalist):
    for _ in range(12):
        full_pledge(journalist)

    def queries(limit: int) -> int:
        client.get("/api/v1/pledges", {"limit": limit})  # builds what is missing
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/pledges", {"limit": limit})
        assert len(response.json()["items"]) == min(limit, 12)
        return len(captured.captured_queries)

    # The page with its documents joined in, the sync horizon one of its
    # conditions.
    assert queries(2) == queries(12) == 1


def test_a_warm_detail_is_one_query(client, journalist):
    pledge = full_pledge(journalist)
    served(client, pledge)
    with CaptureQueriesContext(connection) as captured:
        served(client, pledge)
    assert len(captured.captured_queries) == 1


def test_every_write_a_body_shows_is_served_at_once(client, journalist, editor):
    pledge = full_pledge(journalist)
    target = pledge.targets.get()
    same(client, pledge)

    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status="in_progress",
        note="Work began.",
        evidence_url="https://example.org/began",
    )
    same(client, pledge)

    services.measurement_record(
        actor=journalist,
        target=target,
        value=600,
        as_of=date(2025, 6, 1),
        evidence_url="https://example.org/m2",
    )
    assert served(client, pledge)["targets"][0]["progress"]["current"] == "600"
    same(client, pledge)

    services.pledge_target_change(
        actor=editor,
        target=target,
        reason="The ministry restated the goal.",
        metric=target.metric,
        value=Decimal("2000"),
        unit=target.unit,
    )
    same(client, pledge)

    source = SourceFactory(body="예산 5조원을 투입한다")
    services.citation_add(
        actor=editor,
        pledge=pledge,
        citation=CitationInput(source=source, quote="예산 5조원을 투입한다"),
    )
    same(client, pledge)

    # What the pledge row doesn't hold: the owner's and a category's names.
    owner = pledge.owner
    services.owner_save(actor=editor, owner=owner, name="새 이름", name_en="New name")
    assert served(client, pledge)["owner"]["name_en"] == "New name"
    same(client, pledge)
    category = pledge.categories.get()
    services.category_save(
        actor=editor, category=category, name="주거", name_en="Homes"
    )
    assert served(client, pledge)["categories"][0]["name_en"] == "Homes"
    same(client, pledge)

    services.pledge_edit(
        actor=editor,
        pledge=Pledge.objects.get(pk=pledge.pk),
        reason="Clearer title.",
        title="새 제목",
        owner=OwnerFactory(),
        categories=[CategoryFactory()],
    )
    assert served(client, pledge)["title"] == "새 제목"
    same(client, pledge)


def test_writes_outside_the_services_are_seen_too(client, journalist):
    pledge = full_pledge(journalist)
    same(client, pledge)
    # The admin or a shell: a source retitled, a citation's quote changed, a
    # category added from the category's side, flags set in bulk.
    citation = Citation.objects.get(pledge=pledge)
    citation.source.title = "Retitled"
    citation.source.save()
    assert served(client, pledge)["citations"][0]["title"] == "Retitled"
    citation.quote = "주택 1000호"
    citation.save()
    same(client, pledge)
    CategoryFactory().pledges.add(pledge)
    assert len(served(client, pledge)["categories"]) == 2
    Pledge.objects.filter(pk=pledge.pk).update(is_stale=True)
    assert served(client, pledge)["is_stale"] is True
    same(client, pledge)


def test_an_owner_merge_moves_the_bodies(client, journalist, editor):
    pledge = full_pledge(journalist)
    same(client, pledge)
    survivor = OwnerFactory(name="살아남는 기관")
    services.owner_merge(actor=editor, duplicate=pledge.owner, survivor=survivor)
    assert served(client, pledge)["owner"]["slug"] == survivor.slug
    same(client, pledge)


def test_a_new_day_rebuilds_what_is_computed_against_today(
    client, journalist, monkeypatch
):
    pledge = full_pledge(journalist, deadline=timezone.localdate() + timedelta(days=1))
    assert served(client, pledge)["is_overdue"] is False
    later = timezone.now() + timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert served(client, pledge)["is_overdue"] is True


def test_a_body_built_before_a_write_is_not_served_after_it(client, journalist):
    """A reader racing a write stores what it built with the version it read;
    the write moved the version, so that body is never served."""
    pledge = full_pledge(journalist)
    served(client, pledge)
    before = PledgeDocument.objects.get(pledge=pledge)
    owner = pledge.owner
    owner.name = "경합 뒤 이름"
    owner.save()
    # The racing reader's late write of the old body with the old version.
    PledgeDocument.objects.filter(pledge=pledge).update(
        pledge_updated_at=before.pledge_updated_at, body=before.body
    )
    assert served(client, pledge)["owner"]["name"] == "경합 뒤 이름"


def test_the_refresh_builds_only_what_is_missing_or_outdated(client, journalist):
    from django.core.management import call_command

    first, second = full_pledge(journalist), full_pledge(journalist)
    out = io.StringIO()
    call_command("refresh_api_documents", stdout=out)
    assert "Built 2 " in out.getvalue()
    assert api_documents_refresh_task() == 0
    Pledge.objects.filter(pk=second.pk).update(is_stale=True)
    assert api_documents_refresh_task() == 1
    with CaptureQueriesContext(connection) as captured:
        served(client, first)
        served(client, second)
    assert len(captured.captured_queries) == 2  # nothing left to build
    same(client, second)


def test_links_stay_valid_json_whatever_the_slug(client, journalist):
    # SlugField's validation is a form's; a row written another way may hold
    # anything, and the spliced links must still be one valid JSON string.
    pledge = full_pledge(journalist)
    Pledge.objects.filter(pk=pledge.pk).update(slug='odd"slug\\')
    body = served(client, pledge)
    assert body["html_url"].endswith('/odd"slug\\/')
    assert body == fresh(Pledge.objects.get(pk=pledge.pk))
