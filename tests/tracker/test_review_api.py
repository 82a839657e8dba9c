"""The newsroom API: ingest, job status, decisions; JSON errors with codes."""

import json

import pytest

from commitments.models import Pledge, Source
from tests.factories import OwnerFactory, PledgeFactory
from tests.tracker.fixtures.server import fixture_server
from tracker.apikeys.services import api_key_create, api_key_revoke
from tracker.extraction_runs import runner
from tracker.models import Candidate

pytestmark = pytest.mark.django_db

API = "/api/v1/newsroom"
ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)


def post(client, url, data, **headers):  # type: ignore[no-untyped-def]
    return client.post(
        url, json.dumps(data), content_type="application/json", headers=headers
    )


@pytest.fixture
def seoul():
    return OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def extracted(editor_client, seoul) -> Source:
    response = post(editor_client, f"{API}/sources", {"text": ARTICLE})
    assert response.status_code == 202
    source = Source.objects.get(public_id=response.json()["id"])
    runner.job_run(source_id=source.pk)
    return source


def test_posting_text_returns_202_with_a_status_url(client, journalist, seoul):
    client.force_login(journalist)
    response = post(
        client,
        f"{API}/sources",
        {"text": ARTICLE, "title": "청년 주거", "published_on": "2025-03-05"},
    )
    assert response.status_code == 202
    body = response.json()
    assert body["created"] is True
    assert body["state"] == "queued"
    source = Source.objects.get(public_id=body["id"])
    assert body["status_url"] == f"{API}/sources/{source.public_id}"
    runner.job_run(source_id=source.pk)
    status = client.get(body["status_url"]).json()
    assert status["job"]["state"] == "ready"
    assert len(status["candidates"]) == 2
    first = status["candidates"][0]
    assert {"id", "quote", "quote_start", "score", "cues", "targets", "state"} <= set(
        first
    )
    # The same article again: the existing source, not a new one.
    again = post(client, f"{API}/sources", {"text": ARTICLE}).json()
    assert (again["id"], again["created"]) == (body["id"], False)


def test_an_api_key_authenticates_and_a_revoked_one_does_not(client, journalist):
    key, raw = api_key_create(user=journalist, name="script")
    response = post(
        client, f"{API}/sources", {"text": ARTICLE}, Authorization=f"Bearer {raw}"
    )
    assert response.status_code == 202
    api_key_revoke(user=journalist, key_id=key.pk)
    response = post(
        client, f"{API}/sources", {"text": ARTICLE}, Authorization=f"Bearer {raw}"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_posting_a_url_fetches_it(editor_client, settings):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with fixture_server() as site:
        response = post(
            editor_client, f"{API}/sources", {"url": f"{site.base}/article.html"}
        )
    assert response.status_code == 202
    assert "공공주택 8만호" in Source.objects.get(public_id=response.json()["id"]).body


@pytest.mark.parametrize(
    "payload,code",
    [
        ({}, "empty_text"),
        ({"text": "   "}, "empty_text"),
        ({"text": "\x00\x01\x02binary"}, "binary_content"),
        ({"url": "ftp://example.com/x"}, "invalid_url"),
        ({"url": "http://10.0.0.1/"}, "blocked_address"),
        ({"url": "http://no-such-host.invalid/"}, "unreachable"),
        ({"text": ARTICLE, "published_on": "yesterday"}, "invalid_input"),
        ({"text": ARTICLE, "language": "fr"}, "invalid_language"),
    ],
)
def test_bad_input_is_a_4xx_with_a_stable_code(editor_client, payload, code):
    response = post(editor_client, f"{API}/sources", payload)
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code
    assert Source.objects.count() == 0


def test_unknown_ids_are_404s(editor_client):
    missing = "00000000-0000-0000-0000-000000000000"
    response = editor_client.get(f"{API}/sources/{missing}")
    assert (response.status_code, response.json()["code"]) == (404, "source_not_found")
    response = post(
        editor_client, f"{API}/candidates/{missing}/reject", {"reason": "opinion"}
    )
    assert (response.status_code, response.json()["code"]) == (
        404,
        "candidate_not_found",
    )
    assert editor_client.get(f"{API}/sources/12").status_code == 404


def test_accept_publishes_and_a_double_accept_is_a_409(editor_client, extracted):
    candidate = Candidate.objects.filter(source=extracted).order_by("quote_start")[0]
    url = f"{API}/candidates/{candidate.public_id}/accept"
    response = post(editor_client, url, {"title_en": "50,000 youth homes"})
    assert response.status_code == 201
    body = response.json()
    pledge = Pledge.objects.get(public_id=body["id"])
    assert body["url"] == f"/pledges/{pledge.slug}/"
    assert pledge.title_en == "50,000 youth homes"
    assert pledge.targets.count() == 1
    assert body["candidate"]["state"] == "accepted"
    again = post(editor_client, url, {})
    assert again.status_code == 409
    assert again.json()["code"] == "already_decided"
    assert Pledge.objects.count() == 1


def test_accept_with_edited_targets_and_a_new_owner(editor_client, extracted):
    candidate = Candidate.objects.filter(source=extracted).order_by("quote_start")[0]
    response = post(
        editor_client,
        f"{API}/candidates/{candidate.public_id}/accept",
        {
            "title": "청년 주택 공급",
            "new_owner_name": "서울주택도시공사",
            "targets": [
                {"metric": "청년 주택", "value": 50000, "unit": "호"},
                {"metric": "역세권", "value": "20000", "unit": "호", "component_of": 0},
            ],
            "deadline": "2030-12-31",
            "deadline_precision": "year",
        },
    )
    assert response.status_code == 201, response.json()
    pledge = Pledge.objects.get(public_id=response.json()["id"])
    assert pledge.owner.name == "서울주택도시공사"
    assert [t.component_of_id is not None for t in pledge.targets.all()] == [
        False,
        True,
    ]


def test_accept_with_an_invalid_target_is_a_422_and_changes_nothing(
    editor_client, extracted
):
    candidate = Candidate.objects.filter(source=extracted)[0]
    response = post(
        editor_client,
        f"{API}/candidates/{candidate.public_id}/accept",
        {"targets": [{"metric": "x", "value": "lots"}]},
    )
    assert response.status_code == 422
    assert response.json()["details"]["field"] == "targets.0.value"
    candidate.refresh_from_db()
    assert candidate.state == "pending"
    assert Pledge.objects.count() == 0


def test_merge_into_an_existing_pledge(editor_client, extracted, seoul):
    existing = PledgeFactory(owner=seoul)
    candidate = Candidate.objects.filter(source=extracted).order_by("quote_start")[1]
    response = post(
        editor_client,
        f"{API}/candidates/{candidate.public_id}/merge",
        {"pledge": existing.slug, "targets": candidate.targets},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["candidate"]["state"] == "merged"
    assert existing.citations.count() == 1
    missing = post(
        editor_client,
        f"{API}/candidates/{candidate.public_id}/merge",
        {"pledge": "no-such-pledge"},
    )
    assert missing.status_code == 404


def test_reject_needs_a_known_reason_and_reopen_undoes_it(editor_client, extracted):
    candidate = Candidate.objects.filter(source=extracted)[0]
    url = f"{API}/candidates/{candidate.public_id}"
    bad = post(editor_client, f"{url}/reject", {"reason": "boring"})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_reason")
    missing = post(editor_client, f"{url}/reject", {})
    assert missing.status_code == 422
    ok = post(editor_client, f"{url}/reject", {"reason": "opinion"})
    assert ok.json()["state"] == "rejected"
    assert post(editor_client, f"{url}/reopen", {}).json()["state"] == "pending"


def test_a_request_without_credentials_gets_401_even_with_csrf_checks_on(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/newsroom/sources", data="{}", content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_a_signed_in_browser_without_the_csrf_token_is_refused(db, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        "/api/v1/newsroom/sources",
        data='{"text": "서울시는 주택을 공급하겠다."}',
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_body_over_the_upload_limit_is_a_413_not_a_500(db, editor, settings):
    from django.test import Client

    from tracker.apikeys.services import api_key_create

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _, raw = api_key_create(user=editor, name="big")
    response = Client().post(
        "/api/v1/newsroom/sources",
        data='{"text": "' + "가" * 2000 + '"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
