"""Writes the webhook outbox: one delivery row per subscriber, inside the
record's own transaction (`commitments.events.record_changed`), and sends
them to the worker after the commit. A process that dies between the commit
and the send leaves pending rows that the next sweep delivers."""

import logging
from typing import Any

from django.db import transaction

from tracker.webhooks import services
from tracker.webhooks.tasks import webhook_send

logger = logging.getLogger(__name__)


def on_record_changed(
    sender: Any, *, event_type: str, payload: dict[str, Any], **kwargs: Any
) -> None:
    delivery_ids = services.deliveries_create(event_type=event_type, payload=payload)
    if delivery_ids:
        transaction.on_commit(lambda: _send_all(delivery_ids, event_type))


def _send_all(delivery_ids: list[int], event_type: str) -> None:
    try:
        for delivery_id in delivery_ids:
            webhook_send(delivery_id)
    except Exception:
        # The write has committed and its deliveries are stored: a webhook
        # problem (or, without a broker, an in-process attempt) must never
        # turn its response into an error. The sweeper sends them later.
        logger.exception("sending webhook deliveries for %s failed", event_type)


def connect() -> None:
    from commitments.events import record_changed

    record_changed.connect(on_record_changed, dispatch_uid="tracker.webhooks")
