"""Webhook delivery to a real local receiver (127.0.0.1, allowlisted here):
signed bodies, retries after a 500, subscribers disabled after failures."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from commitments import services
from commitments.errors import PermissionDenied, ValidationFailed
from commitments.models import AuditEvent
from config.celery import app as celery_app
from tests.factories import PledgeFactory
from tracker.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from tracker.webhooks import services as webhooks
from tracker.webhooks.signing import new_secret, verify
from tracker.webhooks.tasks import webhook_deliver_task

pytestmark = pytest.mark.django_db


class Receiver:
    """A civic app's endpoint: records requests, answers with scripted codes."""

    def __init__(self, codes: list[int]) -> None:
        self.codes = codes
        self.requests: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                code = (
                    receiver.codes.pop(0)
                    if len(receiver.codes) > 1
                    else receiver.codes[0]
                )
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    for port in range(18700, 18800):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18700-18799")


@pytest.fixture
def receiver_factory(settings):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    made: list[Receiver] = []

    def make(codes: list[int]) -> Receiver:
        made.append(Receiver(codes))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


@pytest.fixture
def eager_celery():
    """Tasks run in this process, through the real task code (no worker)."""
    previous = (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_eager_propagates,
    )
    celery_app.conf.task_always_eager = True
    # Propagating would raise Celery's Retry out of apply() instead of letting
    # it run the retry (eagerly, without the countdown).
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


def post_verdict(journalist, pledge, capture) -> None:
    with capture(execute=True):
        services.status_update_post(
            actor=journalist,
            pledge=pledge,
            status="in_progress",
            note="착공",
            evidence_url="https://example.org/e",
        )


def test_an_event_is_delivered_signed_with_the_secret_shown_once(
    editor,
    journalist,
    receiver_factory,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    receiver = receiver_factory([200])
    subscription, secret = webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    assert secret.startswith("whsec_")
    pledge = PledgeFactory()
    post_verdict(journalist, pledge, django_capture_on_commit_callbacks)
    ((headers, body),) = receiver.requests
    assert verify(secret, headers, body)
    assert not verify(new_secret(), headers, body)
    assert not verify(secret, headers, body + b" ")
    event = json.loads(body)
    assert event["type"] == "status.changed"
    assert event["data"]["pledge"] == str(pledge.public_id)
    assert headers["X-Tracker-Event"] == "status.changed"
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert delivery.attempt_log.get().status_code == 200


def test_subscribers_get_only_the_events_they_chose(
    editor,
    journalist,
    receiver_factory,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    receiver = receiver_factory([200])
    webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["pledge.published"]
    )
    post_verdict(journalist, PledgeFactory(), django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_500_is_retried_and_every_attempt_is_logged(
    editor,
    journalist,
    receiver_factory,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    receiver = receiver_factory([500, 500, 200])
    subscription, secret = webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    post_verdict(journalist, PledgeFactory(), django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 3
    bodies = {body for _headers, body in receiver.requests}
    assert len(bodies) == 1, "every attempt sends the same signed body"
    for headers, body in receiver.requests:
        assert verify(secret, headers, body)
    ids = {headers["webhook-id"] for headers, _body in receiver.requests}
    assert len(ids) == 1, "retries keep the id receivers deduplicate by"
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert delivery.attempts == 3
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 500, 200]
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_backoff_grows_exponentially(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    assert [webhooks.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert webhooks.backoff_seconds(30) == 6 * 3600


def test_repeated_failures_disable_the_subscriber_and_tell_editors(
    client,
    editor,
    journalist,
    receiver_factory,
    eager_celery,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_DISABLE_AFTER = 3
    settings.EMAIL_HOST = "smtp.example.org"
    editor.email = "editor@example.org"
    editor.save()
    receiver = receiver_factory([500])
    subscription, _secret = webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    pledge = PledgeFactory()
    post_verdict(journalist, pledge, django_capture_on_commit_callbacks)
    first = WebhookDelivery.objects.get()
    assert first.state == WebhookDelivery.State.FAILED
    assert first.attempts == 2
    subscription.refresh_from_db()
    assert subscription.active
    post_verdict(journalist, pledge, django_capture_on_commit_callbacks)
    subscription.refresh_from_db()
    assert not subscription.active
    assert subscription.disabled_at is not None
    assert WebhookAttempt.objects.count() == 3
    assert AuditEvent.objects.filter(
        action="webhook.disabled", object_id=str(subscription.public_id)
    ).exists()
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    # Nothing more is sent to a disabled subscriber.
    post_verdict(journalist, pledge, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 3
    client.force_login(editor)
    page = client.get("/newsroom/webhooks/").content.decode()
    assert "was disabled" in page or "비활성" in page


def test_the_task_does_not_resend_a_delivered_delivery(
    editor, receiver_factory, eager_celery
):
    receiver = receiver_factory([200])
    subscription, _ = webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    (delivery_id,) = webhooks.deliveries_create(
        event_type="status.changed", payload={"x": 1}
    )
    webhook_deliver_task.apply(args=[delivery_id])
    webhook_deliver_task.apply(args=[delivery_id])
    assert len(receiver.requests) == 1
    assert WebhookAttempt.objects.count() == 1
    assert subscription.deliveries.get().state == WebhookDelivery.State.DELIVERED


def test_internal_addresses_are_refused_like_url_ingestion(editor, settings):
    settings.INGEST_ALLOWED_HOSTS = []
    for url in [
        "http://127.0.0.1:8000/hook",
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "ftp://example.org/hook",
    ]:
        with pytest.raises(ValidationFailed):
            webhooks.webhook_subscribe(actor=editor, url=url, events=["status.changed"])
    assert not WebhookSubscription.objects.exists()


def test_only_editors_register_subscribers(journalist, settings):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with pytest.raises(PermissionDenied):
        webhooks.webhook_subscribe(
            actor=journalist, url="http://127.0.0.1/x", events=["status.changed"]
        )


def test_the_editors_page_registers_a_subscriber_and_shows_the_secret_once(
    client, editor, journalist, settings
):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    client.force_login(journalist)
    assert client.get("/newsroom/webhooks/").status_code == 403
    client.force_login(editor)
    response = client.post(
        "/newsroom/webhooks/",
        {"url": "http://127.0.0.1:18799/hook", "events": ["status.changed"]},
    )
    assert response.status_code == 200
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in response.content.decode()
    # @never_cache: no browser or shared cache may keep the page.
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))
    assert subscription.secret not in client.get("/newsroom/webhooks/").content.decode()
    bad = client.post(
        "/newsroom/webhooks/",
        {"url": "http://10.1.2.3/hook", "events": ["status.changed"]},
    )
    assert bad.status_code == 422
    assert WebhookSubscription.objects.count() == 1
    client.post(f"/newsroom/webhooks/{subscription.public_id}/delete/")
    assert not WebhookSubscription.objects.exists()


def test_the_sweeper_requeues_a_delivery_whose_retry_was_lost(
    editor, receiver_factory, eager_celery, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from tracker.webhooks.tasks import webhook_sweep_task

    receiver = receiver_factory([200])
    webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    (delivery_id,) = webhooks.deliveries_create(
        event_type="status.changed", payload={"x": 1}
    )
    assert webhooks.deliveries_due() == [], "not yet overdue"
    WebhookDelivery.objects.filter(pk=delivery_id).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_sweep_task.apply().get() == 1
    assert WebhookDelivery.objects.get(pk=delivery_id).state == "delivered"
    assert len(receiver.requests) == 1
