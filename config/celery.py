"""The Celery application, configured from Django settings (CELERY_* names).

Tasks take IDs of rows written in the same transaction, so callers enqueue
with `delay_on_commit` (DjangoTask): sending before the commit would let a
worker look for a row that does not exist yet, or never will."""

import os

from celery import Celery
from celery.contrib.django.task import DjangoTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("tracker", task_cls=DjangoTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks live beside the stage they serve, not in one tasks.py per app.
app.autodiscover_tasks(
    [
        "commitments",
        "tracker.ingest",
        "tracker.extraction_runs",
        "tracker.webhooks",
    ]
)


@app.task(name="config.ping")
def ping(value: int) -> int:
    """A trivial task for health checks and the broker round-trip test."""
    return value + 1
