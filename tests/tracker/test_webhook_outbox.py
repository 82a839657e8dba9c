"""The webhook outbox and Standard Webhooks signatures.

Deliveries are written inside the change's own transaction, so a process
killed between the commit and the dispatch loses nothing: the next sweep
delivers. Every delivery is signed over its id, timestamp and body, and the
verification code published in docs/api.md (Python and Node) accepts it and
refuses stale or altered ones."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from commitments import services
from commitments.models import StatusUpdate
from config.celery import app as celery_app
from tests.factories import PledgeFactory
from tests.services import ROOT, worker_env
from tracker.models import WebhookDelivery
from tracker.webhooks import services as webhooks
from tracker.webhooks.signing import new_secret, signed_headers
from tracker.webhooks.tasks import webhook_sweep_task

DOCS = ROOT / "docs" / "api.md"
DIED_AFTER_COMMIT = 17


class Receiver:
    """A subscriber's endpoint on a port in this helper's range."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", _free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _free_port() -> int:
    for port in range(18520, 18560):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18520-18559")


@pytest.fixture
def receiver(settings):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    made = Receiver()
    yield made
    made.close()


@pytest.fixture
def eager_celery():
    """Sent tasks run in this process (no worker), even when REDIS_URL is set."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def documented(language: str) -> str:
    """The verification sample for `language` in docs/api.md."""
    section = DOCS.read_text(encoding="utf-8").split("### Verifying the signature")[1]
    found = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert found, f"no {language} sample in docs/api.md"
    return found.group(1)


def documented_python_verify():  # type: ignore[no-untyped-def]
    namespace: dict = {}
    exec(compile(documented("python"), str(DOCS), "exec"), namespace)
    return namespace["verify"]


def post_verdict(journalist, pledge) -> None:  # type: ignore[no-untyped-def]
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status="in_progress",
        note="착공",
        evidence_url="https://example.org/e",
    )


# --- the outbox ------------------------------------------------------------

KILLED_AFTER_COMMIT = f"""
import os, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from commitments import services
from commitments.models import Pledge

journalist = get_user_model().objects.get(pk=int(sys.argv[1]))
pledge = Pledge.objects.get(pk=int(sys.argv[2]))
with transaction.atomic():
    # Registered first, so it runs first once the change has committed: the
    # process dies before anything after the commit could send a webhook.
    transaction.on_commit(lambda: os._exit({DIED_AFTER_COMMIT}))
    services.status_update_post(
        actor=journalist, pledge=pledge, status="in_progress", note="착공",
        evidence_url="https://example.org/e",
    )
print("the process should have died at the commit")
"""


@pytest.mark.django_db(transaction=True)
def test_a_process_killed_between_commit_and_dispatch_still_delivers(
    editor, journalist, receiver, eager_celery, settings
):
    _subscription, secret = webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    pledge = PledgeFactory()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_COMMIT, str(journalist.pk), str(pledge.pk)],
        cwd=ROOT,
        env=worker_env(DJANGO_SETTINGS_MODULE="config.settings"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == DIED_AFTER_COMMIT, killed.stderr[-2000:]
    # The change committed, and so did its outbox row; nothing was sent.
    assert StatusUpdate.objects.filter(pledge=pledge).count() == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.PENDING
    assert delivery.attempts == 0 and receiver.requests == []
    # The next dispatcher run delivers it.
    settings.WEBHOOK_OUTBOX_GRACE_SECONDS = 0
    assert webhook_sweep_task.apply().get() == 1
    ((headers, body),) = receiver.requests
    assert documented_python_verify()(secret, headers, body)
    event = json.loads(body)
    assert event["type"] == "status.changed"
    assert event["data"]["pledge"] == str(pledge.public_id)
    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.DELIVERED


@pytest.mark.django_db
def test_the_outbox_row_is_written_in_the_changes_transaction(
    editor, journalist, receiver
):
    webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    pledge = PledgeFactory()
    with transaction.atomic():
        post_verdict(journalist, pledge)
        # Before the commit, beside the change itself.
        assert WebhookDelivery.objects.filter(event_type="status.changed").count() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        post_verdict(journalist, PledgeFactory())
        raise RuntimeError("the write fails after the event")
    # A rolled-back change leaves no event behind.
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db
def test_a_delivery_never_sent_waits_out_the_grace_then_is_swept(
    editor, journalist, receiver, settings, eager_celery
):
    webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    post_verdict(journalist, PledgeFactory())  # in this test's transaction: not sent
    assert webhooks.deliveries_due() == []
    settings.WEBHOOK_OUTBOX_GRACE_SECONDS = 0
    assert len(webhooks.deliveries_due()) == 1


# --- signatures ------------------------------------------------------------


@pytest.mark.django_db
def test_the_documented_python_sample_verifies_a_real_delivery(
    editor, journalist, receiver, eager_celery, django_capture_on_commit_callbacks
):
    verify = documented_python_verify()
    _subscription, secret = webhooks.webhook_subscribe(
        actor=editor, url=receiver.url, events=["status.changed"]
    )
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", secret)
    with django_capture_on_commit_callbacks(execute=True):
        post_verdict(journalist, PledgeFactory())
    ((headers, body),) = receiver.requests
    assert headers["webhook-id"] == str(WebhookDelivery.objects.get().event_id)
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert headers["webhook-signature"].startswith("v1,")
    assert verify(secret, headers, body)
    assert not verify(secret, headers, body.replace(b"in_progress", b"achieved"))
    assert not verify(new_secret(), headers, body)
    assert not verify(secret, {**headers, "webhook-id": "another"}, body)
    # A captured delivery replayed 6 minutes later, even correctly signed.
    stale = signed_headers(
        secret=secret,
        msg_id=headers["webhook-id"],
        timestamp=int(time.time()) - 6 * 60,
        body=body,
    )
    assert not verify(secret, stale, body)
    # Within the 5 minutes, the same delivery is accepted (ids catch replays).
    fresh = signed_headers(
        secret=secret,
        msg_id=headers["webhook-id"],
        timestamp=int(time.time()) - 4 * 60,
        body=body,
    )
    assert verify(secret, fresh, body)


NODE_CHECK = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const results = input.cases.map((c) =>
  verify(input.secret, c.headers, Buffer.from(c.body, "base64")));
process.stdout.write(JSON.stringify(results));
"""


def test_the_documented_node_sample_agrees():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    import base64

    secret = new_secret()
    body = json.dumps({"id": "e1", "type": "status.changed"}).encode()
    now = int(time.time())

    def case(headers: dict[str, str], payload: bytes = body) -> dict:
        return {"headers": headers, "body": base64.b64encode(payload).decode()}

    good = signed_headers(secret=secret, msg_id="e1", timestamp=now, body=body)
    stale = signed_headers(secret=secret, msg_id="e1", timestamp=now - 400, body=body)
    cases = [case(good), case(good, body + b" "), case(stale)]
    result = subprocess.run(
        [node, "-e", documented("js") + NODE_CHECK],
        input=json.dumps({"secret": secret, "cases": cases}),
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NODE_OPTIONS": ""},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, False, False]
