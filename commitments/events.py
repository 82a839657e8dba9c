"""Events the record announces about its writes.

`commitments` never imports `tracker`; the workflow (webhooks, notifications)
listens to these signals instead. Receivers get `event_type` and a JSON-ready
`payload`.

- `record_changed` is sent inside the write's transaction: a receiver that
  writes a row there (an outbox) commits or rolls back with the write, so an
  event can't be lost between the commit and its delivery (a process killed
  right after the commit). A receiver that raises rolls the write back.
- `record_event` is sent after the transaction commits (a rolled-back write
  announces nothing): for receivers with no row to write.
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

record_changed = Signal()
record_event = Signal()


def emit(event_type: str, payload: dict[str, Any]) -> None:
    assert event_type in EVENT_TYPES, event_type
    record_changed.send(sender=None, event_type=event_type, payload=payload)
    transaction.on_commit(
        lambda: record_event.send(sender=None, event_type=event_type, payload=payload)
    )
