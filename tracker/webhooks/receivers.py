"""Listens to the record's events and queues a delivery per subscriber."""

import logging
from typing import Any

from tracker.webhooks import services
from tracker.webhooks.tasks import webhook_deliver_task

logger = logging.getLogger(__name__)


def on_record_event(
    sender: Any, *, event_type: str, payload: dict[str, Any], **kwargs: Any
) -> None:
    # The signal is sent after the write committed; the deliveries' rows are
    # written first, so the task always finds its row.
    try:
        for delivery_id in services.deliveries_create(
            event_type=event_type, payload=payload
        ):
            webhook_deliver_task.delay(delivery_id)
    except Exception:
        # The write has committed; a webhook problem (or, without a broker,
        # an in-process retry) must never turn its response into an error.
        logger.exception("queueing webhook deliveries for %s failed", event_type)


def connect() -> None:
    from commitments.events import record_event

    record_event.connect(on_record_event, dispatch_uid="tracker.webhooks")
