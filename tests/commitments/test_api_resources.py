"""The other public endpoints: owners, categories, the change feed,
measurements, stats, the status taxonomy, and the docs."""

import pytest

from commitments.api import schemas
from commitments.statuses import STATUS_INFO
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import OwnerFactory, PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]


def test_owners_list_and_detail_with_pledge_counts(client):
    city = OwnerFactory(slug="seoul-city", name="서울특별시", name_en="Seoul")
    mayor = OwnerFactory(slug="seoul-mayor", parent=city, aliases=["서울시장"])
    PledgeFactory.create_batch(2, owner=mayor)
    body = client.get("/api/v1/owners").json()
    schemas.OwnerPageOut.model_validate(body)
    by_slug = {o["slug"]: o for o in body["items"]}
    assert by_slug["seoul-mayor"]["pledge_count"] == 2
    assert by_slug["seoul-mayor"]["parent"] == "seoul-city"
    assert by_slug["seoul-mayor"]["aliases"] == ["서울시장"]
    detail = client.get("/api/v1/owners/seoul-city").json()
    schemas.OwnerOut.model_validate(detail)
    assert detail["name"] == "서울특별시"
    assert client.get("/api/v1/owners/nobody").status_code == 404


def test_categories_list_and_detail(client, journalist):
    pledge = full_pledge(journalist)
    category = pledge.categories.get()
    body = client.get("/api/v1/categories").json()
    schemas.CategoryListOut.model_validate(body)
    assert body["items"][0]["pledge_count"] == 1
    detail = client.get(f"/api/v1/categories/{category.slug}").json()
    assert detail["slug"] == category.slug
    assert client.get("/api/v1/categories/none").status_code == 404


def test_the_change_feed_lists_status_updates_oldest_first(client, journalist):
    first = full_pledge(journalist)
    second = full_pledge(journalist)
    body = client.get("/api/v1/status-updates").json()
    schemas.StatusUpdatePageOut.model_validate(body)
    assert [u["pledge"]["slug"] for u in body["items"]] == [first.slug, second.slug]
    item = body["items"][0]
    assert item["previous_status"]["code"] == "not_rated"
    assert item["status"]["label_ko"] == "추진 중"
    only = client.get("/api/v1/status-updates", {"pledge": second.slug}).json()
    assert [u["pledge"]["slug"] for u in only["items"]] == [second.slug]
    by_uuid = client.get(
        "/api/v1/status-updates", {"pledge": str(second.public_id)}
    ).json()
    assert by_uuid == only
    assert (
        client.get("/api/v1/status-updates", {"kind": "official"}).json()["items"] == []
    )


def test_measurements_are_listed_with_their_target(client, journalist):
    pledge = full_pledge(journalist)
    body = client.get("/api/v1/measurements", {"pledge": pledge.slug}).json()
    schemas.MeasurementPageOut.model_validate(body)
    (item,) = body["items"]
    assert item["value"] == "250"
    assert item["target"]["metric"] == "Homes built"
    assert item["pledge"]["id"] == str(pledge.public_id)


def test_stats_count_per_status_owner_and_category(client, journalist):
    pledge = full_pledge(journalist)
    PledgeFactory(status="kept", owner=pledge.owner)
    body = client.get("/api/v1/stats").json()
    schemas.StatsOut.model_validate(body)
    assert body["total"] == 2
    assert body["by_status"] == {"in_progress": 1, "kept": 1}
    (owner,) = body["by_owner"]
    assert owner["total"] == 2
    assert owner["by_status"] == {"in_progress": 1, "kept": 1}
    (category,) = body["by_category"]
    assert category["by_status"] == {"in_progress": 1}


def test_the_taxonomy_has_both_languages_and_definitions(client):
    body = client.get("/api/v1/statuses").json()
    schemas.StatusListOut.model_validate(body)
    assert [s["code"] for s in body["items"]] == list(STATUS_INFO)
    kept = next(s for s in body["items"] if s["code"] == "kept")
    assert kept["label_ko"] == "이행 완료"
    assert kept["final"] is True
    assert kept["definition_en"]


def test_openapi_schema_lists_every_public_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/v1/pledges",
        "/api/v1/pledges/{pledge_id}",
        "/api/v1/owners",
        "/api/v1/categories",
        "/api/v1/status-updates",
        "/api/v1/measurements",
        "/api/v1/stats",
        "/api/v1/statuses",
        "/api/v1/export/pledges.csv",
        "/api/v1/export/pledges.json",
    ]:
        assert "get" in schema["paths"][path], path
    responses = schema["paths"]["/api/v1/pledges"]["get"]["responses"]
    assert {"200", "400", "404", "422", "429"} <= set(responses)


def test_the_docs_page_serves_swagger_from_our_own_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" in csp.split("style-src", 1)[1].split(";", 1)[0]
    # Other pages keep the strict policy.
    other = client.get("/api/v1/statuses")
    assert "'unsafe-inline'" not in other.get("Content-Security-Policy", "")
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
