"""With Korean active, a domain error raised by a service reaches the desk
page and the API in Korean."""

import json

import pytest
from django.urls import reverse

from commitments import services
from commitments.models import Measurement, Source, StatusUpdate
from commitments.statuses import Status
from tests.factories import OwnerFactory, PledgeFactory, TargetFactory
from tests.tracker.test_desk_pages import URL, measurement_data, update_data
from tracker.extraction_runs import runner
from tracker.models import Candidate

pytestmark = pytest.mark.django_db

KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko"}


def test_a_stale_desk_form_is_refused_in_korean(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    opened = update_data(pledge)
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.STALLED,
        note="n",
        evidence_url=URL,
    )
    response = client.post(
        reverse("desk-status-update", args=[pledge.slug]), opened, **KOREAN
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "양식을 연 뒤 이 공약이 바뀌었습니다" in html
    assert "changed since you opened the form" not in html
    assert StatusUpdate.objects.count() == 1


def test_a_measurement_in_the_wrong_unit_is_refused_in_korean(client, journalist):
    target = TargetFactory(unit="호")
    client.force_login(journalist)
    response = client.post(
        reverse("desk-measurement", args=[target.pledge.slug]),
        measurement_data(target, unit="kg"),
        **KOREAN,
    )
    assert response.status_code == 422
    assert "이 목표의 단위는 &#x27;kg&#x27;이(가) 아니라" in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_newsroom_api_answers_a_service_error_in_korean(client, editor):
    OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    client.force_login(editor)
    text = "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    created = client.post(
        "/api/v1/newsroom/sources",
        json.dumps({"text": text}),
        content_type="application/json",
    )
    source = Source.objects.get(public_id=created.json()["id"])
    runner.job_run(source_id=source.pk)
    candidate = Candidate.objects.filter(source=source).first()
    response = client.post(
        f"/api/v1/newsroom/candidates/{candidate.public_id}/accept",
        json.dumps({"title": "가" * 301}),
        content_type="application/json",
        **KOREAN,
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "too_long"
    assert body["message"] == "너무 깁니다: 최대 300자인데 301자입니다."


def test_the_public_api_answers_in_korean_too(client):
    response = client.get("/api/v1/pledges?q=a&q=b", **KOREAN)
    assert response.status_code == 422
    assert "한 번만" in response.json()["message"]
