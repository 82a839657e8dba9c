"""Permission matrix: anonymous / reader / journalist / editor × every desk
write (HTML form and API) → the expected status code, and nothing written
when refused (a pasted article included)."""

from datetime import date

import pytest
from django.urls import reverse

from commitments import services
from commitments.models import (
    Amendment,
    AuditEvent,
    Measurement,
    Pledge,
    Source,
    StatusUpdate,
)
from commitments.statuses import Status
from tests.factories import JournalistFactory, TargetFactory
from tracker.models import Follow

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/report"
ARTICLE = "구청은 올해 공사를 시작했다고 밝혔다. 예산 120억원이 편성됐다."


@pytest.fixture
def record():
    """A pledge with a target, a verdict and a measurement to correct."""
    author = JournalistFactory(username="author")
    target = TargetFactory(unit="호")
    pledge = target.pledge
    update = services.status_update_post(
        actor=author,
        pledge=pledge,
        status=Status.IN_PROGRESS,
        note="n",
        evidence_url=URL,
    )
    measurement = services.measurement_record(
        actor=author, target=target, value=5, as_of=date(2024, 1, 1), evidence_url=URL
    )
    pledge.refresh_from_db()
    return {
        "pledge": pledge,
        "target": target,
        "update": update,
        "measurement": measurement,
    }


def html_writes(r):
    pledge, target = r["pledge"], r["target"]
    version = services.pledge_version(pledge)
    prefix = f"m{target.pk}"
    return {
        "status_update": (
            reverse("desk-status-update", args=[pledge.slug]),
            {
                "kind": "newsroom",
                "status": Status.STALLED,
                "note": "n",
                # A pasted article: must not be stored when the write is refused.
                "article_text": ARTICLE,
                "version": version,
            },
        ),
        "measurement": (
            reverse("desk-measurement", args=[pledge.slug]),
            {
                "target_prefix": prefix,
                f"{prefix}-target": str(target.pk),
                f"{prefix}-value": "7",
                f"{prefix}-as_of": "2024-02-01",
                f"{prefix}-evidence_url": URL,
                f"{prefix}-version": version,
            },
        ),
        "status_correction": (
            reverse("desk-status-correction", args=[pledge.slug]),
            {
                "update": str(r["update"].public_id),
                "status": Status.NOT_STARTED,
                "reason": "wrong",
                "version": version,
            },
        ),
        "measurement_correction": (
            reverse("desk-measurement-correction", args=[pledge.slug]),
            {
                "measurement": str(r["measurement"].public_id),
                "value": "4",
                "reason": "typo",
                "version": version,
            },
        ),
        "amendment": (
            reverse("desk-amendment", args=[pledge.slug]),
            {
                "changed_on": "2024-03-01",
                "reason": "사유",
                "wording_after": "new wording",
                "version": version,
            },
        ),
        "follow": (
            reverse("desk-follow", args=[pledge.slug]),
            {"action": "follow"},
        ),
    }


ALLOWED = 302
LOGIN = "login"
HTML_MATRIX = {
    #                        anonymous, reader, journalist, editor
    "status_update": (LOGIN, 403, ALLOWED, ALLOWED),
    "measurement": (LOGIN, 403, ALLOWED, ALLOWED),
    "status_correction": (LOGIN, 403, 403, ALLOWED),
    "measurement_correction": (LOGIN, 403, 403, ALLOWED),
    "amendment": (LOGIN, 403, 403, ALLOWED),
    "follow": (LOGIN, ALLOWED, ALLOWED, ALLOWED),
}
ROLES = ("anonymous", "reader", "journalist", "editor")


def snapshot() -> dict[str, object]:
    pledge = Pledge.objects.get()
    return {
        "updates": StatusUpdate.objects.count(),
        "measurements": Measurement.objects.count(),
        "amendments": Amendment.objects.count(),
        "follows": Follow.objects.count(),
        "sources": Source.objects.count(),
        "audit": AuditEvent.objects.count(),
        "pledge": (pledge.status, pledge.updated_at, pledge.original_wording),
    }


def login_as(client, role, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize("write", list(HTML_MATRIX))
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_html_forms(client, record, request, write, role_index):
    role = ROLES[role_index]
    expected = HTML_MATRIX[write][role_index]
    login_as(client, role, request)
    url, data = html_writes(record)[write]
    before = snapshot()
    response = client.post(url, data)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert snapshot() == before
    elif expected == 403:
        assert response.status_code == 403
        assert snapshot() == before
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert snapshot() != before
        assert AuditEvent.objects.count() > before["audit"]


API_MATRIX = {
    "updates": (401, 403, 201, 201),
    "measurements": (401, 403, 201, 201),
}


def api_writes(r):
    pledge, target = r["pledge"], r["target"]
    return {
        "updates": (
            f"/api/v1/newsroom/pledges/{pledge.public_id}/updates",
            {"status": "stalled", "note": "n", "evidence_url": URL},
        ),
        "measurements": (
            f"/api/v1/newsroom/pledges/{pledge.public_id}/measurements",
            {
                "target": target.pk,
                "value": 3,
                "as_of": "2024-03-01",
                "evidence_url": URL,
            },
        ),
    }


@pytest.mark.parametrize("write", list(API_MATRIX))
@pytest.mark.parametrize("role_index", range(4), ids=ROLES)
def test_api(client, record, request, write, role_index):
    role = ROLES[role_index]
    expected = API_MATRIX[write][role_index]
    login_as(client, role, request)
    url, body = api_writes(record)[write]
    before = snapshot()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json()["code"] in ("unauthorized", "forbidden")
        assert snapshot() == before
    else:
        assert snapshot() != before


@pytest.mark.parametrize("write", list(API_MATRIX))
def test_api_with_a_bad_or_missing_key_is_401(client, record, write):
    url, body = api_writes(record)[write]
    before = snapshot()
    for headers in ({}, {"Authorization": "Bearer pt_not-a-real-key"}):
        response = client.post(
            url, body, content_type="application/json", headers=headers
        )
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"
    assert snapshot() == before
