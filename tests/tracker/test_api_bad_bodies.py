"""Bad request bodies to every newsroom write get a JSON 4xx with a code and
change nothing: malformed JSON, binary bytes, EUC-KR bytes, an empty body,
JSON of the wrong shape or types, and a 6 MB body at the default size limit."""

import json

import pytest

from commitments.models import Measurement, Pledge, Source, StatusUpdate
from tests.factories import OwnerFactory, PledgeFactory, TargetFactory
from tracker.apikeys.services import api_key_create
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate

pytestmark = pytest.mark.django_db

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
)
KOREAN_JSON = (
    '{"text": "서울시는 2030년까지 주택 8만호를 공급하겠다.", "status": "kept"}'
)
BODIES = {
    "malformed JSON": b'{"text": "unterminated',
    "trailing garbage": b'{"text": "x"} }',
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00",
    "EUC-KR bytes": KOREAN_JSON.encode("euc-kr"),
    "UTF-16 bytes": KOREAN_JSON.encode("utf-16"),
    "empty": b"",
    "whitespace": b"   \n",
    "JSON null": b"null",
    "a list": b'[{"text": "x"}]',
    "a string": b'"just a string"',
    "a number": b"42",
    "wrong types": json.dumps(
        {
            "text": 5,
            "url": ["http://x"],
            "status": {"a": 1},
            "note": 3.5,
            "value": [],
            "as_of": True,
            "target": {"id": 1},
            "reason": None,
            "pledge": 12,
            "title": 5,
            "owner": ["seoul"],
            "categories": "housing",
            "targets": {"metric": 1},
            "deadline": True,
            "published_on": [2025],
        }
    ).encode(),
    "NaN": b'{"value": NaN, "text": NaN}',
    "deep nesting": b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}",
}


@pytest.fixture
def world(editor):
    owner = OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    source, _ = source_ingest_text(actor=editor, body=ARTICLE, language="ko")
    runner.job_run(source_id=source.pk)
    candidate = Candidate.objects.filter(source=source).first()
    assert candidate is not None
    pledge = PledgeFactory(owner=owner)
    TargetFactory(pledge=pledge)
    _key, raw = api_key_create(user=editor, name="script")
    return {
        "bearer": {"Authorization": f"Bearer {raw}"},
        "urls": [
            "/api/v1/newsroom/sources",
            f"/api/v1/newsroom/pledges/{pledge.slug}/updates",
            f"/api/v1/newsroom/pledges/{pledge.slug}/measurements",
            f"/api/v1/newsroom/candidates/{candidate.public_id}/accept",
            f"/api/v1/newsroom/candidates/{candidate.public_id}/merge",
            f"/api/v1/newsroom/candidates/{candidate.public_id}/reject",
        ],
    }


def snapshot() -> tuple:
    return (
        Source.objects.count(),
        Pledge.objects.count(),
        StatusUpdate.objects.count(),
        Measurement.objects.count(),
        sorted(Candidate.objects.values_list("state", flat=True)),
    )


def assert_json_4xx(response) -> dict:  # type: ignore[no-untyped-def]
    assert 400 <= response.status_code < 500, (response.status_code, response.content)
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"]
    return body


@pytest.mark.parametrize("kind", list(BODIES))
def test_a_bad_body_to_any_newsroom_write_is_a_json_4xx_and_writes_nothing(
    client, world, kind
):
    before = snapshot()
    for url in world["urls"]:
        response = client.post(
            url, BODIES[kind], content_type="application/json", headers=world["bearer"]
        )
        assert_json_4xx(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream"],
)
def test_a_body_of_another_content_type_is_a_json_4xx(client, world, content_type):
    before = snapshot()
    response = client.post(
        world["urls"][0],
        KOREAN_JSON.encode(),
        content_type=content_type,
        headers=world["bearer"],
    )
    assert_json_4xx(response)
    assert snapshot() == before


def test_a_6_mb_body_is_a_413_at_the_default_limit(client, world):
    before = snapshot()
    text = "서울시는 주택을 공급하겠다. " * (6 * 1024 * 1024 // 38)
    payload = json.dumps({"text": text}, ensure_ascii=False).encode()
    assert len(payload) > 6 * 1024 * 1024
    for url in world["urls"]:
        response = client.post(
            url, payload, content_type="application/json", headers=world["bearer"]
        )
        assert response.status_code == 413
        assert assert_json_4xx(response)["code"] == "too_large"
    assert snapshot() == before
