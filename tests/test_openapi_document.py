"""The OpenAPI document says what the API does: how the newsroom operations
authenticate, every error status an operation answers (with the one error
body config/api.py makes), and the formats of cursors and date-times, which
the API accepts in full."""

import json
from datetime import UTC, datetime

import pytest

from commitments.api.pagination import encode_cursor
from config.api import api
from tests.factories import PledgeFactory

pytestmark = pytest.mark.django_db

# As clients read it: JSON, where status codes are strings.
DOCUMENT = json.loads(json.dumps(api.get_openapi_schema()))
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
]
NEWSROOM = [op for op in OPERATIONS if "/newsroom/" in op[1]]
PUBLIC = [op for op in OPERATIONS if "/newsroom/" not in op[1]]
LISTS = ["/api/v1/pledges", "/api/v1/owners", "/api/v1/status-updates"]
LISTS += ["/api/v1/measurements"]


def _ids(ops: list) -> list[str]:
    return [f"{method} {path}" for method, path, _ in ops]


def _parameter(path: str, name: str) -> dict:
    parameters = DOCUMENT["paths"][path]["get"]["parameters"]
    schema = next(p for p in parameters if p["name"] == name)["schema"]
    # Optional parameters are "this or null".
    return next(s for s in schema["anyOf"] if s.get("type") == "string")


def test_the_document_declares_bearer_keys_and_the_session():
    schemes = DOCUMENT["components"]["securitySchemes"]
    assert schemes["ApiKeyAuth"]["type"] == "http"
    assert schemes["ApiKeyAuth"]["scheme"] == "bearer"
    assert "Authorization: Bearer" in schemes["ApiKeyAuth"]["description"]
    assert schemes["NewsroomSessionAuth"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": schemes["NewsroomSessionAuth"]["description"],
    }


@pytest.mark.parametrize("op", NEWSROOM, ids=_ids(NEWSROOM))
def test_a_newsroom_operation_takes_a_key_or_a_session(op):
    _method, _path, operation = op
    assert operation["security"] == [{"ApiKeyAuth": []}, {"NewsroomSessionAuth": []}]


@pytest.mark.parametrize("op", PUBLIC, ids=_ids(PUBLIC))
def test_a_public_operation_needs_no_credentials(op):
    assert "security" not in op[2]


@pytest.mark.parametrize("op", NEWSROOM, ids=_ids(NEWSROOM))
def test_a_newsroom_operation_documents_its_errors(op):
    method, _path, operation = op
    statuses = set(operation["responses"])
    expected = {"400", "401", "403", "404", "429", "500"}
    if method == "POST":
        expected |= {"409", "413", "422"}
    assert expected <= statuses


@pytest.mark.parametrize("op", PUBLIC, ids=_ids(PUBLIC))
def test_a_public_operation_documents_its_errors_and_304(op):
    responses = op[2]["responses"]
    assert {"304", "400", "404", "422", "429", "500"} <= set(responses)
    assert "content" not in responses["304"]


@pytest.mark.parametrize("op", OPERATIONS, ids=_ids(OPERATIONS))
def test_every_error_is_the_one_error_body_with_its_codes(op):
    for status, response in op[2]["responses"].items():
        if int(status) < 400:
            continue
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorOut"}, status
        # Named by its codes, not only "Bad Request".
        assert "`" in response["description"], status
    assert "Retry-After" in op[2]["responses"]["429"]["headers"]


def test_the_error_body_is_what_the_handlers_return(client):
    schema = DOCUMENT["components"]["schemas"]["ErrorOut"]
    assert set(schema["required"]) == {"code", "message", "details"}
    assert schema["properties"]["details"]["type"] == "object"
    body = client.get("/api/v1/pledges", {"cursor": "nope"}).json()
    assert set(body) == {"code", "message", "details"}


@pytest.mark.parametrize("path", LISTS)
def test_a_cursor_is_declared_opaque(path):
    cursor = _parameter(path, "cursor")
    assert cursor["format"] == "cursor"
    # No `pattern`: a string that matched one would still be refused.
    assert "pattern" not in cursor
    assert cursor["maxLength"] == 500


def test_date_time_parameters_are_declared_as_such():
    assert _parameter("/api/v1/pledges", "updated_since")["format"] == "date-time"
    assert _parameter("/api/v1/status-updates", "since")["format"] == "date-time"
    assert _parameter("/api/v1/measurements", "since")["format"] == "date-time"
    assert _parameter("/api/v1/pledges", "deadline_from")["format"] == "date"


@pytest.mark.parametrize(
    "value",
    [
        "2020-01-01t00:00:00z",  # RFC 3339 allows lower case
        "2020-01-01T00:00:00z",
        "2016-12-31T23:59:60Z",  # a leap second
        "2016-12-31T23:59:60.5+00:00",
        "0001-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59-23:59",
        "2020-01-01T00:00:00.123456789Z",
    ],
)
@pytest.mark.parametrize("name", ["updated_since", "since"])
def test_every_rfc_3339_date_time_is_accepted(client, value, name):
    path = "/api/v1/pledges" if name == "updated_since" else "/api/v1/status-updates"
    response = client.get(path, {name: value})
    assert response.status_code == 200, response.content


def test_a_leap_second_is_read_as_the_second_before_it(client, settings):
    settings.API_SYNC_SETTLE_SECONDS = 0
    before = PledgeFactory()
    after = PledgeFactory()
    type(before).objects.filter(pk=before.pk).update(
        updated_at=datetime(2016, 12, 31, 23, 59, 58, tzinfo=UTC)
    )
    type(after).objects.filter(pk=after.pk).update(
        updated_at=datetime(2017, 1, 1, tzinfo=UTC)
    )
    body = client.get(
        "/api/v1/pledges", {"updated_since": "2016-12-31t23:59:60z"}
    ).json()
    assert [item["slug"] for item in body["items"]] == [after.slug]


@pytest.mark.parametrize("path", LISTS)
def test_any_cursor_the_server_could_mint_is_accepted(client, path):
    for at, pk in [
        (datetime(1, 1, 1, tzinfo=UTC), 0),
        (datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), 2**63 - 1),
    ]:
        response = client.get(path, {"cursor": encode_cursor(at, pk)})
        assert response.status_code == 200, response.content


@pytest.mark.parametrize("path", LISTS)
def test_an_empty_cursor_starts_from_the_beginning(client, path):
    assert client.get(path, {"cursor": ""}).status_code == 200


def test_the_source_body_says_what_the_service_checks():
    # The service refuses a blank article (`empty_text`) and other languages
    # (`invalid_language`); tests/tracker/test_review_api.py shows it does.
    schema = DOCUMENT["components"]["schemas"]["SourceIn"]
    assert schema["properties"]["language"]["enum"] == ["", "ko", "en"]
    assert [branch["required"] for branch in schema["anyOf"]] == [["text"], ["url"]]
    for branch in schema["anyOf"]:
        (field,) = branch["required"]
        assert branch["properties"][field]["pattern"] == r"\S"


@pytest.mark.parametrize("value", [0, 0.0, 1700000000, True])
def test_a_date_in_a_body_is_a_date_string_not_a_timestamp(client, editor, value):
    # The document says `format: date` strings; pydantic alone would take a
    # number as a Unix timestamp (0.0: 1970-01-01) and store it.
    from commitments.models import Source

    client.force_login(editor)
    response = client.post(
        "/api/v1/newsroom/sources",
        json.dumps(
            {
                "text": "서울시는 2030년까지 나무 300만 그루를 심겠다.",
                "published_on": value,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    assert Source.objects.count() == 0


def test_a_date_string_in_a_body_is_still_a_date(client, editor):
    client.force_login(editor)
    response = client.post(
        "/api/v1/newsroom/sources",
        json.dumps(
            {
                "text": "서울시는 2030년까지 나무 300만 그루를 심겠다.",
                "published_on": "2026-01-31",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
