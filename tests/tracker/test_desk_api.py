"""The newsroom API for the desk: POST /api/v1/newsroom/pledges/{id}/updates
and .../measurements, with a session or a Bearer API key; JSON errors with
stable codes for every kind of bad input."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments import services
from commitments.models import Measurement, Pledge, StatusUpdate
from commitments.statuses import Status
from tests.factories import PledgeFactory, SourceFactory, TargetFactory
from tracker.apikeys.services import api_key_create

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/report"


def updates_url(key: str) -> str:
    return f"/api/v1/newsroom/pledges/{key}/updates"


def measurements_url(key: str) -> str:
    return f"/api/v1/newsroom/pledges/{key}/measurements"


@pytest.fixture
def bearer(journalist):
    _key, raw = api_key_create(user=journalist, name="script")
    return {"Authorization": f"Bearer {raw}"}


def post(client, url, body, headers=None):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_a_journalist_posts_a_verdict_with_an_api_key(client, bearer, journalist):
    pledge = PledgeFactory()
    response = post(
        client,
        updates_url(str(pledge.public_id)),
        {"status": "in_progress", "note": "Budget passed.", "evidence_url": URL},
        bearer,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "in_progress"
    assert body["previous_status"] == "not_rated"
    assert body["pledge_status"] == "in_progress"
    update = StatusUpdate.objects.get()
    assert update.author == journalist
    assert str(update.public_id) == body["id"]


def test_the_pledge_can_be_addressed_by_slug_and_a_session_works(client, journalist):
    pledge = PledgeFactory(slug="bus-lanes")
    client.force_login(journalist)
    response = post(
        client,
        updates_url("bus-lanes"),
        {
            "status": "kept",
            "kind": "official",
            "note": "City report",
            "evidence_source": str(SourceFactory().public_id),
        },
    )
    assert response.status_code == 201, response.content
    pledge.refresh_from_db()
    assert pledge.official_status == Status.KEPT
    assert pledge.status == Status.NOT_RATED


def test_an_official_report_that_disagrees_is_flagged(client, bearer):
    pledge = PledgeFactory()
    post(
        client,
        updates_url(pledge.slug),
        {"status": "stalled", "note": "n", "evidence_url": URL},
        bearer,
    )
    response = post(
        client,
        updates_url(pledge.slug),
        {"status": "kept", "kind": "official", "note": "n", "evidence_url": URL},
        bearer,
    )
    assert response.json()["has_disagreement"] is True


def test_a_measurement_is_recorded(client, bearer):
    target = TargetFactory(unit="호")
    response = post(
        client,
        measurements_url(str(target.pledge.public_id)),
        {
            "target": target.pk,
            "value": "1500.5",
            "unit": "호",
            "as_of": "2024-06-30",
            "evidence_url": URL,
        },
        bearer,
    )
    assert response.status_code == 201, response.content
    assert response.json()["value"] == "1500.5"
    assert Measurement.objects.get().value == Decimal("1500.5")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"status": "mostly_kept", "note": "n", "evidence_url": URL}, 422, "unknown_status"),
        ({"status": "kept", "note": "n", "evidence_url": "ftp://x.org/a"}, 422, "invalid_url"),
        ({"status": "kept", "note": "n", "evidence_url": "javascript:alert(1)"}, 422, "invalid_url"),
        ({"status": "kept", "note": "n"}, 422, "evidence_required"),
        ({"status": "unratable", "note": " ", "evidence_url": URL}, 422, "note_required"),
        ({"status": "kept", "note": "n", "kind": "correction", "evidence_url": URL}, 422, "validation_failed"),
        ({"status": "kept"}, 422, "invalid_input"),
        ({"status": "kept", "note": "n", "evidence_source": "7d1b0c5e-0000-4000-8000-000000000000"}, 422, "unknown_source"),
        ({"status": "kept", "note": "n", "evidence_url": URL, "version": "stale"}, 409, "stale_form"),
    ],
)  # fmt: skip
def test_bad_update_input_gets_a_json_error_and_writes_nothing(
    client, bearer, body, status, code
):
    pledge = PledgeFactory()
    response = post(client, updates_url(pledge.slug), body, bearer)
    assert response.status_code == status
    payload = response.json()
    assert payload["code"] == code
    assert payload["message"]
    assert "details" in payload
    assert not StatusUpdate.objects.exists()


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"as_of": "2999-01-01"}, 422, "future_date"),
        ({"unit": "억원"}, 422, "wrong_unit"),
        ({"evidence_url": "file:///etc/passwd"}, 422, "invalid_url"),
        ({"evidence_url": ""}, 422, "evidence_required"),
        ({"value": "-1"}, 422, "validation_failed"),
        ({"value": "NaN"}, 422, "validation_failed"),
        ({"value": "1e30"}, 422, "validation_failed"),
        ({"as_of": "yesterday"}, 422, "invalid_input"),
        ({"target": 987654}, 404, "unknown_target"),
        ({"version": "stale"}, 409, "stale_form"),
    ],
)
def test_bad_measurement_input_gets_a_json_error_and_writes_nothing(
    client, bearer, change, status, code
):
    target = TargetFactory(unit="호")
    body = {
        "target": target.pk,
        "value": "10",
        "unit": "호",
        "as_of": "2024-01-01",
        "evidence_url": URL,
    }
    body.update(change)
    response = post(client, measurements_url(target.pledge.slug), body, bearer)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not Measurement.objects.exists()


def test_a_measurement_dated_tomorrow_is_refused(client, bearer):
    target = TargetFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post(
        client,
        measurements_url(target.pledge.slug),
        {"target": target.pk, "value": 1, "as_of": str(tomorrow), "evidence_url": URL},
        bearer,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "future_date"


def test_an_unknown_pledge_is_a_json_404(client, bearer):
    cases = [
        (updates_url("no-such-pledge"), {"status": "kept", "note": "n"}),
        (
            measurements_url("7d1b0c5e-0000-4000-8000-000000000000"),
            {"target": 1, "value": 1, "as_of": "2024-01-01", "evidence_url": URL},
        ),
    ]
    for url, body in cases:
        response = post(client, url, body, bearer)
        assert response.status_code == 404
        assert response.json()["code"] == "pledge_not_found"


def test_the_version_from_a_response_lets_the_next_write_through(client, bearer):
    pledge = PledgeFactory()
    first = post(
        client,
        updates_url(pledge.slug),
        {"status": "stalled", "note": "n", "evidence_url": URL},
        bearer,
    ).json()
    second = post(
        client,
        updates_url(pledge.slug),
        {
            "status": "in_progress",
            "note": "n",
            "evidence_url": URL,
            "version": first["version"],
        },
        bearer,
    )
    assert second.status_code == 201
    assert second.json()["previous_status"] == "stalled"
    assert Pledge.objects.get().status == Status.IN_PROGRESS
    assert services.pledge_version(Pledge.objects.get()) == second.json()["version"]


@pytest.mark.django_db(transaction=True)
def test_two_journalists_submitting_the_same_form_at_once_one_wins():
    """Row locking on PostgreSQL: with the same version, exactly one write goes
    through and the other is told the form is stale; nothing is overwritten."""
    import threading

    from django.db import connection

    from commitments.errors import Conflict
    from tests.factories import JournalistFactory
    from tests.services import require_postgres

    require_postgres()
    pledge = PledgeFactory()
    version = services.pledge_version(pledge)
    users = [JournalistFactory(username=f"racer{i}") for i in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(user, status):
        try:
            barrier.wait()
            services.status_update_post(
                actor=user,
                pledge=pledge,
                status=status,
                note="n",
                evidence_url=URL,
                expected_version=version,
            )
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(u, s))
        for u, s in zip(users, [Status.KEPT, Status.BROKEN], strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    update = StatusUpdate.objects.get()
    assert Pledge.objects.get().status == update.status
    assert update.previous_status == Status.NOT_RATED


json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.just("https://example.org/x"),
    st.sampled_from(Status.values),
)
FIELDS = [
    "status",
    "note",
    "kind",
    "evidence_url",
    "evidence_source",
    "version",
    "target",
    "value",
    "as_of",
    "unit",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=10))
def test_arbitrary_json_never_gives_a_500(client, bearer, body):
    pledge = PledgeFactory()
    for url in (updates_url(pledge.slug), measurements_url(pledge.slug)):
        response = client.post(
            url, json.dumps(body), content_type="application/json", headers=bearer
        )
        assert response.status_code < 500, (body, response.content)
        if response.status_code >= 400:
            assert set(response.json()) == {"code", "message", "details"}
