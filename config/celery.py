"""The Celery application, configured from Django settings (CELERY_* names)."""

import functools
import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class OnCommitTask(DjangoTask):
    """Default task class: `.delay()` enqueues only after the transaction commits.

    Tasks take IDs of rows written in the same transaction; sending before the
    commit would let a worker look for a row that does not exist yet (or never
    will, if the transaction rolls back). `apply_async` stays immediate for the
    rare caller (and Celery's own retries) that needs it.
    """

    def delay(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Not DjangoTask.delay_on_commit: that one calls self.delay() at commit,
        # which would defer again, forever.
        transaction.on_commit(functools.partial(self.apply_async, args, kwargs))


app = Celery("tracker", task_cls=OnCommitTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping(value: int) -> int:
    """A trivial task for health checks and the broker round-trip test."""
    return value + 1
