"""The public pledge API: list, detail, filters, cursor pages, query count."""

from datetime import UTC, date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.api.schemas import PledgeOut, PledgePageOut
from commitments.models import Pledge
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]


def get_all(client, url: str) -> list[dict]:
    items, seen_cursor = [], None
    while True:
        response = client.get(url, {"cursor": seen_cursor} if seen_cursor else {})
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        if not body["has_more"]:
            return items
        seen_cursor = body["next_cursor"]


def test_a_pledge_carries_everything_a_civic_app_needs(client, journalist):
    pledge = full_pledge(journalist)
    response = client.get("/api/v1/pledges")
    assert response.status_code == 200
    body = PledgePageOut.model_validate(response.json())
    item = body.items[0]
    assert item.id == pledge.public_id
    assert item.slug == pledge.slug
    assert (item.title, item.title_en) == (pledge.title, pledge.title_en)
    assert item.status.code == "in_progress"
    assert (item.status.label_ko, item.status.label_en) == ("추진 중", "In progress")
    assert item.owner.slug == pledge.owner.slug
    assert [c.slug for c in item.categories] == [pledge.categories.get().slug]
    target = item.targets[0]
    assert target.value == "1000"
    assert target.progress.current == "250"
    assert target.progress.percent == 25
    assert target.progress.on_pace is not None
    assert item.citations[0].quote == "주택 1000호를 공급"
    assert item.citations[0].url.startswith("https://")
    assert item.latest_update is not None
    assert item.latest_update.status.code == "in_progress"
    assert item.made_on == date(2024, 1, 1)
    assert item.html_url.endswith(f"/pledges/{pledge.slug}/")
    assert item.api_url.endswith(f"/api/v1/pledges/{pledge.public_id}")
    assert item.updated_at == pledge.updated_at


def test_a_pledge_is_found_by_uuid_or_slug(client, journalist):
    pledge = full_pledge(journalist)
    by_uuid = client.get(f"/api/v1/pledges/{pledge.public_id}")
    by_slug = client.get(f"/api/v1/pledges/{pledge.slug}")
    assert by_uuid.status_code == by_slug.status_code == 200
    assert by_uuid.json() == by_slug.json()
    PledgeOut.model_validate(by_uuid.json())


def test_an_unknown_pledge_is_a_json_404(client):
    response = client.get("/api/v1/pledges/no-such-pledge")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_filters_narrow_the_list(client):
    today = timezone.localdate()
    housing = CategoryFactory(slug="housing")
    seoul = OwnerFactory(slug="seoul")
    kept = PledgeFactory(owner=seoul, status="kept", deadline=today - timedelta(1))
    late = PledgeFactory(
        status="in_progress", deadline=today - timedelta(30), is_overdue=True
    )
    future = PledgeFactory(
        title="청년 주택 공급", deadline=today + timedelta(365), status="not_started"
    )
    future.categories.add(housing)

    def slugs(**params) -> set[str]:
        response = client.get("/api/v1/pledges", params)
        assert response.status_code == 200, response.content
        return {p["slug"] for p in response.json()["items"]}

    assert slugs(status="kept") == {kept.slug}
    assert slugs(owner="seoul") == {kept.slug}
    assert slugs(category="housing") == {future.slug}
    assert slugs(overdue="true") == {late.slug}
    assert slugs(overdue="false") == {kept.slug, future.slug}
    assert slugs(deadline_from=today.isoformat()) == {future.slug}
    assert slugs(deadline_to=(today - timedelta(2)).isoformat()) == {late.slug}
    assert slugs(q="청년") == {future.slug}
    now = timezone.now()
    Pledge.objects.update(updated_at=now - timedelta(hours=1))
    Pledge.objects.filter(pk=late.pk).update(updated_at=now - timedelta(minutes=1))
    since = now - timedelta(minutes=10)
    assert slugs(updated_since=since.isoformat()) == {late.slug}
    # A naive time is read as UTC.
    naive = since.astimezone(UTC).replace(tzinfo=None)
    assert slugs(updated_since=naive.isoformat()) == {late.slug}


def test_an_unknown_status_is_a_422_with_the_error_body(client):
    response = client.get("/api/v1/pledges", {"status": "maybe"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert set(body) == {"code", "message", "details"}


def test_cursor_pages_cover_every_pledge_once_in_a_stable_order(client):
    pledges = PledgeFactory.create_batch(23)
    items = get_all(client, "/api/v1/pledges?limit=5")
    assert [i["id"] for i in items] == [
        str(p.public_id)
        for p in Pledge.objects.order_by("updated_at", "id")
        if p in pledges
    ]
    assert len({i["id"] for i in items}) == 23


def test_an_edited_pledge_moves_after_the_cursor(client):
    first, second, third = PledgeFactory.create_batch(3)
    page = client.get("/api/v1/pledges", {"limit": 2}).json()
    assert [i["slug"] for i in page["items"]] == [first.slug, second.slug]
    first.title = "고친 제목"
    first.save()
    rest = client.get(
        "/api/v1/pledges", {"limit": 10, "cursor": page["next_cursor"]}
    ).json()
    assert [i["slug"] for i in rest["items"]] == [third.slug, first.slug]
    assert rest["items"][1]["title"] == "고친 제목"
    assert rest["has_more"] is False
    # Polling from the last cursor returns nothing new, and keeps the cursor.
    again = client.get("/api/v1/pledges", {"cursor": rest["next_cursor"]}).json()
    assert again["items"] == []
    assert again["next_cursor"] == rest["next_cursor"]


def test_a_garbled_cursor_is_a_400(client):
    response = client.get("/api/v1/pledges", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


def test_limit_is_bounded(client):
    assert client.get("/api/v1/pledges", {"limit": 0}).status_code == 422
    assert client.get("/api/v1/pledges", {"limit": 201}).status_code == 422


def test_rows_changed_within_the_settle_time_wait_for_the_next_request(
    client, settings
):
    settings.API_SYNC_SETTLE_SECONDS = 60
    PledgeFactory()
    assert client.get("/api/v1/pledges").json()["items"] == []
    Pledge.objects.update(updated_at=timezone.now() - timedelta(minutes=2))
    assert len(client.get("/api/v1/pledges").json()["items"]) == 1


def test_the_number_of_queries_does_not_grow_with_the_page_size(client, journalist):
    for _ in range(12):
        full_pledge(journalist)

    def queries(limit: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/pledges", {"limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == min(limit, 12)
        return len(captured.captured_queries)

    assert queries(2) == queries(12)
    assert queries(12) <= 8


@pytest.mark.parametrize("value", ["0.0", "397", "2030-1-1", "tomorrow"])
def test_deadline_filters_accept_only_iso_dates(client, value):
    response = client.get("/api/v1/pledges", {"deadline_from": value})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_an_iso_deadline_filter_is_accepted(client):
    assert (
        client.get("/api/v1/pledges", {"deadline_to": "2030-12-31"}).status_code == 200
    )
