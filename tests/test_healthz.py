import pytest

from tests.services import require_redis, start_worker, stop_worker


@pytest.mark.django_db
def test_healthz_reports_ok_with_the_default_in_process_setup(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"] == {"ok": True, "mode": "in-process"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Nothing listens on port 1: the broker is unreachable.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_healthz_with_redis_reports_the_worker(client):
    require_redis()
    # Without a worker: the broker is up but nobody answers the ping.
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is True
    assert response.json()["checks"]["worker"]["ok"] is False
    process = start_worker("healthz")
    try:
        response = client.get("/healthz")
    finally:
        stop_worker(process)
    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["workers"] >= 1
