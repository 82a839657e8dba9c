"""Celery tasks for extraction runs: thin, they take IDs and call `runner`."""

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError

from tracker.extraction_runs import runner

log = logging.getLogger(__name__)

# Failures worth retrying: the database or broker blinked. Anything else is a
# bug or bad input and is recorded on the job instead.
TRANSIENT = (DatabaseError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="tracker.extraction_runs.extract_source",
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
        return runner.job_run(source_id=source_id)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            runner.job_mark_failed(source_id=source_id, error=f"gave up: {exc}")
        raise
    except Exception as exc:
        # Not transient: keep the error on the job for editors to see.
        runner.job_mark_failed(
            source_id=source_id, error=f"{type(exc).__name__}: {exc}"
        )
        log.exception("extraction of source %s failed", source_id)
        return "failed"


def extraction_enqueue(source_id: int) -> None:
    """Send the source's extraction once the current transaction commits: the
    worker must find the job row that the caller is writing."""
    extract_source_task.delay_on_commit(source_id)


@shared_task(name="tracker.extraction_runs.sweep_stuck_jobs", acks_late=True)
def sweep_stuck_jobs_task() -> int:
    resend = runner.jobs_stuck()
    for source_id in resend:
        extraction_enqueue(source_id)
    if resend:
        log.info("re-sent %d extraction job(s)", len(resend))
    return len(resend)
