"""Events the record announces after a write commits.

`commitments` never imports `tracker`; the workflow (webhooks, notifications)
listens to this signal instead. Receivers get `event_type` and a JSON-ready
`payload`; they run after the transaction commits, so a rolled-back write
announces nothing.
"""

from typing import Any

from django.db import transaction
from django.dispatch import Signal

PLEDGE_PUBLISHED = "pledge.published"
STATUS_CHANGED = "status.changed"
MEASUREMENT_RECORDED = "measurement.recorded"
CORRECTION_PUBLISHED = "correction.published"
EVENT_TYPES = (
    PLEDGE_PUBLISHED,
    STATUS_CHANGED,
    MEASUREMENT_RECORDED,
    CORRECTION_PUBLISHED,
)

record_event = Signal()


def emit(event_type: str, payload: dict[str, Any]) -> None:
    assert event_type in EVENT_TYPES, event_type
    transaction.on_commit(
        lambda: record_event.send(sender=None, event_type=event_type, payload=payload)
    )
