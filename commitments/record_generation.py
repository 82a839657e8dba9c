"""A number that every write to what the summaries count moves on, so a
cached summary is keyed by the record it was computed from.

The bump is an UPDATE of one row inside the write's own transaction: a reader
sees the new number exactly when it can see the write, on every process and
server sharing the database (a counter in a per-process cache could not
promise that). A reader that reads the number and then counts a record that
has moved on only stores a fresher answer under the old number, never a
staler one under the new. The `epoch` is drawn when the row is (re)created,
so a flushed or restored database never meets summaries cached for another.
"""

import uuid

from django.db import models
from django.db.models import F

SINGLETON = 1


class RecordGeneration(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON)
    epoch = models.UUIDField(default=uuid.uuid4, editable=False)
    value = models.BigIntegerField(default=0)

    class Meta:
        app_label = "commitments"
        db_table = "commitments_record_generation"

    def __str__(self) -> str:
        return f"{self.epoch}:{self.value}"


def bump() -> None:
    """Move the generation on (call inside the write's transaction)."""
    updated = RecordGeneration.objects.filter(pk=SINGLETON).update(value=F("value") + 1)
    if not updated:
        RecordGeneration.objects.get_or_create(pk=SINGLETON)


def current() -> str:
    """The record's generation as a cache-key part (one primary-key read)."""
    found = (
        RecordGeneration.objects.filter(pk=SINGLETON)
        .values_list("epoch", "value")
        .first()
    )
    if found is None:
        row, _ = RecordGeneration.objects.get_or_create(pk=SINGLETON)
        found = (row.epoch, row.value)
    return f"{found[0]}:{found[1]}"
