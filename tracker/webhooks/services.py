"""Webhook subscriptions and deliveries: every write here is permission-checked
and audited like the record's services."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.errors import NotFound, ValidationFailed
from commitments.events import EVENT_TYPES
from commitments.roles import EDITORS, User, require_editor
from commitments.services import audit_record, check_http_url
from tracker.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from tracker.safe_http import client as safe_http
from tracker.safe_http.errors import FetchError
from tracker.safe_http.guard import resolve_checked
from tracker.webhooks.signing import new_secret, signed_headers

logger = logging.getLogger(__name__)

USER_AGENT = "PledgeTracker-Webhooks/1.0"


# --- Subscriptions -------------------------------------------------------------


def _check_url(url: str) -> None:
    check_http_url(url, field="url")
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationFailed(
            _("Addresses with credentials are refused."),
            code="invalid_url",
            field="url",
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        # The same guard as URL ingestion: no internal addresses, now or later
        # (every delivery checks again).
        resolve_checked(parts.hostname or "", port)
    except ValueError as exc:
        raise ValidationFailed(
            _("The address has an invalid port."), code="invalid_url", field="url"
        ) from exc
    except FetchError as exc:
        raise ValidationFailed(exc.message, code=exc.code, field="url") from exc


@transaction.atomic
def webhook_subscribe(
    *, actor: User, url: str, events: list[str]
) -> tuple[WebhookSubscription, str]:
    """Register a subscriber; returns it and its secret (shown once)."""
    actor = require_editor(actor)
    url = url.strip()
    if len(url) > 2000:
        raise ValidationFailed(_("That address is too long."), field="url")
    _check_url(url)
    chosen = [e for e in EVENT_TYPES if e in set(events)]
    if not chosen or len(chosen) != len(set(events)):
        raise ValidationFailed(
            _("Choose one or more of: %(events)s.")
            % {"events": ", ".join(EVENT_TYPES)},
            code="invalid_events",
            field="events",
        )
    secret = new_secret()
    subscription = WebhookSubscription.objects.create(
        url=url, events=chosen, secret=secret, created_by=actor
    )
    audit_record(
        actor=actor,
        action="webhook.subscribe",
        obj=subscription,
        data={"url": url, "events": chosen},
    )
    return subscription, secret


def _get(public_id: uuid.UUID | str) -> WebhookSubscription:
    try:
        return WebhookSubscription.objects.get(public_id=public_id)
    except (WebhookSubscription.DoesNotExist, ValueError, DjangoValidationError) as exc:
        raise NotFound(_("No such subscriber.")) from exc


@transaction.atomic
def webhook_unsubscribe(*, actor: User, public_id: uuid.UUID | str) -> None:
    require_editor(actor)
    subscription = _get(public_id)
    audit_record(
        actor=actor,
        action="webhook.unsubscribe",
        obj=subscription,
        data={"url": subscription.url},
    )
    subscription.delete()


@transaction.atomic
def webhook_enable(*, actor: User, public_id: uuid.UUID | str) -> WebhookSubscription:
    """Turn a disabled subscriber back on (after its owner fixed it)."""
    require_editor(actor)
    subscription = _get(public_id)
    subscription.active = True
    subscription.disabled_at = None
    subscription.consecutive_failures = 0
    subscription.save(update_fields=["active", "disabled_at", "consecutive_failures"])
    audit_record(actor=actor, action="webhook.enable", obj=subscription)
    return subscription


# --- Deliveries ----------------------------------------------------------------


def deliveries_create(*, event_type: str, payload: dict[str, Any]) -> list[int]:
    """One delivery per active subscriber of `event_type`; returns their ids.
    Called inside the record's transaction: these rows are the outbox."""
    event_id = uuid.uuid4()
    body = {
        "id": str(event_id),
        "type": event_type,
        "created_at": timezone.now().astimezone(UTC).isoformat(),
        "data": payload,
    }
    ids = []
    for subscription in WebhookSubscription.objects.filter(active=True):
        # JSONField `contains` on lists is not portable to SQLite: filter here.
        if event_type in (subscription.events or []):
            delivery = WebhookDelivery.objects.create(
                subscription=subscription,
                event_id=event_id,
                event_type=event_type,
                payload=body,
            )
            ids.append(delivery.pk)
    return ids


@dataclass(frozen=True)
class AttemptOutcome:
    delivered: bool
    retry: bool  # try again later
    attempt: int


def backoff_seconds(attempt: int) -> int:
    """Exponential: base, 2×base, 4×base… after attempts 1, 2, 3…, capped at 6 h."""
    return min(settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempt - 1), 6 * 3600)


def webhook_attempt(*, delivery_id: int) -> AttemptOutcome:
    """Make one delivery attempt, log it, and say whether to retry.

    The attempt is claimed with a conditional UPDATE, so a delivery that was
    already delivered (a duplicate task) is not sent again.
    """
    delivery = (
        WebhookDelivery.objects.select_related("subscription")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return AttemptOutcome(delivered=False, retry=False, attempt=0)
    subscription = delivery.subscription
    if not subscription.active:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            state=WebhookDelivery.State.FAILED
        )
        return AttemptOutcome(delivered=False, retry=False, attempt=delivery.attempts)
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        state=WebhookDelivery.State.PENDING,
        attempts=delivery.attempts,
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return AttemptOutcome(delivered=False, retry=False, attempt=delivery.attempts)
    attempt = delivery.attempts + 1
    body = _body(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Tracker-Event": delivery.event_type,
        "X-Tracker-Attempt": str(attempt),
        # Standard Webhooks: the id stays the same across retries (receivers
        # drop duplicates by it), the timestamp is this attempt's.
        **signed_headers(
            secret=subscription.secret,
            msg_id=str(delivery.event_id),
            timestamp=int(time.time()),
            body=body,
        ),
    }
    started = time.monotonic()
    status: int | None = None
    error = ""
    try:
        status = safe_http.post(
            subscription.url,
            body=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT,
        )
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except FetchError as exc:
        error = exc.message
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    duration = int((time.monotonic() - started) * 1000)
    WebhookAttempt.objects.create(
        delivery=delivery, status_code=status, error=error[:500], duration_ms=duration
    )
    if not error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            state=WebhookDelivery.State.DELIVERED, delivered_at=timezone.now()
        )
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            consecutive_failures=0
        )
        return AttemptOutcome(delivered=True, retry=False, attempt=attempt)
    failures = _record_failure(subscription)
    if failures >= settings.WEBHOOK_DISABLE_AFTER:
        webhook_disable(subscription_id=subscription.pk, reason=error)
        return AttemptOutcome(delivered=False, retry=False, attempt=attempt)
    if attempt >= settings.WEBHOOK_MAX_ATTEMPTS:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            state=WebhookDelivery.State.FAILED
        )
        return AttemptOutcome(delivered=False, retry=False, attempt=attempt)
    return AttemptOutcome(delivered=False, retry=True, attempt=attempt)


def deliveries_due(*, now: datetime | None = None) -> list[int]:
    """Pending deliveries whose retry is overdue: a lost task (worker killed,
    broker restarted, no broker in development) is picked up again."""
    now = now or timezone.now()
    due = []
    pending = WebhookDelivery.objects.filter(
        state=WebhookDelivery.State.PENDING, subscription__active=True
    ).annotate(last_attempt=Max("attempt_log__at"))
    for delivery in pending.iterator(chunk_size=500):
        since = delivery.last_attempt or delivery.created_at
        if delivery.last_attempt is None:
            # Never tried: an outbox row whose send was lost (the process
            # died after the commit, or the broker was down). The grace
            # leaves time for the send that normally follows the commit.
            wait = settings.WEBHOOK_OUTBOX_GRACE_SECONDS
        else:
            wait = backoff_seconds(max(delivery.attempts, 1)) + 60
        if (now - since).total_seconds() >= wait:
            due.append(delivery.pk)
    return due


def _body(payload: dict[str, Any]) -> bytes:
    import json

    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _record_failure(subscription: WebhookSubscription) -> int:
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    return (
        WebhookSubscription.objects.filter(pk=subscription.pk)
        .values_list("consecutive_failures", flat=True)
        .first()
        or 0
    )


@transaction.atomic
def webhook_disable(*, subscription_id: int, reason: str) -> bool:
    """Disable a failing subscriber and tell the editors; True if it changed."""
    changed = WebhookSubscription.objects.filter(
        pk=subscription_id, active=True
    ).update(active=False, disabled_at=timezone.now())
    if not changed:
        return False
    subscription = WebhookSubscription.objects.get(pk=subscription_id)
    subscription.deliveries.filter(state=WebhookDelivery.State.PENDING).update(
        state=WebhookDelivery.State.FAILED
    )
    audit_record(
        actor=None,
        action="webhook.disabled",
        obj=subscription,
        data={
            "url": subscription.url,
            "consecutive_failures": subscription.consecutive_failures,
            "last_error": reason[:500],
        },
    )
    transaction.on_commit(lambda: _email_editors(subscription, reason))
    return True


def _email_editors(subscription: WebhookSubscription, reason: str) -> None:
    # Only where mail is configured; otherwise the editors' page and the
    # audit log carry the news.
    # is_overridden is on LazySettings; the stubs' plugin types settings
    # as the settings module's names only.
    if not (
        settings.is_overridden("EMAIL_HOST")  # type: ignore[misc]
        or settings.is_overridden("EMAIL_BACKEND")  # type: ignore[misc]
    ):
        return
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=EDITORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    try:
        send_mail(
            subject=f"Webhook disabled: {subscription.url}",
            message=(
                f"The webhook subscriber {subscription.url} failed "
                f"{subscription.consecutive_failures} times in a row and was "
                f"disabled at {datetime.now(tz=UTC):%Y-%m-%d %H:%M} UTC.\n"
                f"Last error: {reason}\n"
                "Re-enable it on the newsroom's webhooks page once it is fixed."
            ),
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )
    except Exception:
        logger.warning(
            "could not email editors about a disabled webhook", exc_info=True
        )
