"""Thin Celery tasks: they take IDs and call one service each."""

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError

from tracker.services import jobs

log = logging.getLogger(__name__)

# Failures worth retrying: the database or broker blinked. Anything else is a
# bug or bad input and is recorded on the job instead.
TRANSIENT = (DatabaseError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
def extract_source_task(self, source_id: int) -> str:  # type: ignore[no-untyped-def]
    """Extract candidates from one Source. Safe to run twice or concurrently:
    only the worker whose claim (queued → extracting) wins does the work."""
    try:
        return jobs.job_run(source_id=source_id)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            jobs.job_mark_failed(source_id=source_id, error=f"gave up: {exc}")
        raise
    except Exception as exc:
        # Not transient: keep the error on the job for editors to see.
        jobs.job_mark_failed(source_id=source_id, error=f"{type(exc).__name__}: {exc}")
        log.exception("extraction of source %s failed", source_id)
        return "failed"


@shared_task(acks_late=True)
def poll_feeds_task() -> dict:
    from tracker.services.feeds import feed_actor, feeds_poll_due

    return feeds_poll_due(actor=feed_actor())


@shared_task(acks_late=True)
def sweep_stuck_jobs_task() -> int:
    return jobs.jobs_sweep()
