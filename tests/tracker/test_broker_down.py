"""Broker down: a submission (newsroom API and the form) answers within 3 s
with the stored source and a job that says it is waiting for a worker, never
a 500; once the broker is back a worker runs the job (its start-up sweep
sends what could not be sent)."""

import json
import time

import pytest
from django.test import Client

from tests.factories import OwnerFactory
from tests.services import ROOT, require_redis, start_worker, stop_worker
from tests.tracker.live_app import CLOSED_BROKER_PORT, LiveApp
from tracker.apikeys.services import api_key_create
from tracker.models import ExtractionJob

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)
State = ExtractionJob.State
WAITING = "Waiting for a worker"


@pytest.fixture
def app_without_broker(transactional_db, request):
    app = LiveApp(
        18510,
        log=ROOT / "var" / f"gunicorn-{request.node.name[:60]}.log",
        REDIS_URL=f"redis://127.0.0.1:{CLOSED_BROKER_PORT}/6",
    )
    yield app
    app.stop()


def submit_through_the_api(
    app: LiveApp, journalist, body: str, language: str = "en"
) -> dict:
    _key, token = api_key_create(user=journalist, name="desk")
    # A fresh server loads the API on its first request: not what is timed.
    app.request("GET", "/api/v1/", headers={"Authorization": f"Bearer {token}"})
    status, headers, data, elapsed = app.post_json(
        "/api/v1/newsroom/sources",
        {"text": body, "language": "ko", "title": "청년 주거"},
        token=token,
        language=language,
    )
    assert status == 202, data[:800]
    assert headers["Content-Type"].startswith("application/json")
    assert elapsed < 3, f"the API took {elapsed:.1f} s with the broker down"
    return json.loads(data)


def test_the_api_answers_fast_with_the_stored_source_waiting_for_a_worker(
    app_without_broker, journalist
):
    accepted = submit_through_the_api(app_without_broker, journalist, ARTICLE)
    assert accepted["created"] is True
    assert accepted["state"] == State.QUEUED and accepted["sent"] is False
    assert WAITING in accepted["message"]
    # In Korean (the default language) too.
    again = submit_through_the_api(app_without_broker, journalist, ARTICLE, "ko")
    assert again["created"] is False and again["sent"] is False
    assert "작업자 대기 중" in again["message"]
    job = ExtractionJob.objects.select_related("source").get()
    assert str(job.source.public_id) == accepted["id"]
    assert job.source.body.startswith("서울시는")
    assert job.state == State.QUEUED and job.sent_at is None
    # The status URL says the same.
    _key, token = api_key_create(user=journalist, name="status")
    status, _, data, _ = app_without_broker.request(
        "GET", accepted["status_url"], headers={"Authorization": f"Bearer {token}"}
    )
    assert status == 200
    assert json.loads(data)["job"]["sent"] is False


def test_the_form_answers_fast_and_says_the_article_waits_for_a_worker(
    app_without_broker, journalist
):
    client = Client()
    client.force_login(journalist)
    app_without_broker.cookies["sessionid"] = client.cookies["sessionid"].value
    status, headers, data, elapsed = app_without_broker.post_form(
        "/newsroom/submit/",
        {"text": ARTICLE, "language": "ko", "title": "청년 주거"},
    )
    assert status == 302, data[:800]
    assert elapsed < 3, f"the form took {elapsed:.1f} s with the broker down"
    job = ExtractionJob.objects.get()
    assert job.state == State.QUEUED and job.sent_at is None
    status, _, page, _ = app_without_broker.request(
        "GET", headers["Location"], headers={"Accept-Language": "en"}
    )
    assert status == 200
    assert WAITING.encode() in page


@pytest.mark.services
def test_a_job_stored_while_the_broker_was_down_runs_when_it_is_back(
    app_without_broker, journalist
):
    require_redis()
    OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    submit_through_the_api(app_without_broker, journalist, ARTICLE)
    job = ExtractionJob.objects.get()
    assert job.sent_at is None
    # The broker is back (the real one): a worker starts and sweeps.
    worker = start_worker("broker-back")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.state in (State.READY, State.FAILED):
                break
            time.sleep(0.3)
    finally:
        stop_worker(worker)
    assert job.state == State.READY, job.error
    assert job.sent_at is not None
    assert job.source.candidates.count() == 2
