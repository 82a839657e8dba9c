"""Celery tasks for extraction runs: thin, they take IDs and call `runner`.

Sending is tolerant: when the broker is down the job stays `queued` with no
`sent_at`, the caller's request goes on, and the sweeper sends the job once
the broker answers again (every worker sweeps when it starts, so this does
not depend on beat)."""

import logging
from functools import partial

from celery import Task, shared_task
from celery.signals import worker_ready
from django.db import DatabaseError, InterfaceError, transaction
from kombu.exceptions import OperationalError as BrokerError

from tracker.extraction_runs import lease, runner

log = logging.getLogger(__name__)

# Failures worth retrying: the database or broker blinked. Anything else is a
# bug or bad input and is recorded on the job instead.
TRANSIENT = (DatabaseError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="tracker.extraction_runs.extract_source",
    bind=True,
    acks_late=True,
    # Nobody reads the result; without this, sending also subscribes to the
    # result backend, which blocks ~20 s in retries when Redis is down.
    ignore_result=True,
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
# The Task annotation is a string: celery's Task is generic only in its stubs.
def extract_source_task(self: "Task[[int], str]", source_id: int) -> str:
    """Extract candidates from one Source. Safe to run twice or concurrently:
    only the worker whose claim wins does the work. A message that finds the
    job under another worker's live lease asks again when the lease lapses:
    if that worker died meanwhile, this message takes the job over."""
    try:
        outcome = runner.job_run(source_id=source_id)
    except TRANSIENT as exc:
        # max_retries is 5 above; None would mean "retry for ever".
        if self.max_retries is not None and self.request.retries >= self.max_retries:
            runner.job_mark_failed(source_id=source_id, error=f"gave up: {exc}")
        raise
    except Exception as exc:
        # Not transient: keep the error on the job for editors to see.
        runner.job_mark_failed(
            source_id=source_id, error=f"{type(exc).__name__}: {exc}"
        )
        log.exception("extraction of source %s failed", source_id)
        return "failed"
    if outcome == "busy":
        busy_for = runner.job_busy_for(source_id=source_id)
        # In-process (eager) runs have no separate worker that could die.
        if busy_for is not None and not self.app.conf.task_always_eager:
            extraction_send(source_id, countdown=busy_for + 1)
        return "skipped"
    return outcome


def extraction_send(source_id: int, *, countdown: float | None = None) -> bool:
    """Hand the job's message to the broker now; False when it is down (the
    job stays queued and unsent, for the sweeper). Connection timeouts are
    short and publishing is not retried (settings), so a caller waiting on
    this is held for at most a couple of seconds."""
    try:
        extract_source_task.apply_async(
            args=(source_id,),
            # None sends it for now; the stubs take only a number.
            countdown=countdown,  # type: ignore[arg-type]
            retry=False,
        )
    except BrokerError as exc:
        log.warning(
            "broker unreachable, extraction of source %s waits: %s", source_id, exc
        )
        return False
    if countdown is None:
        lease.job_sent(source_id=source_id)
    return True


def extraction_enqueue(source_id: int) -> None:
    """Send the source's extraction once the current transaction commits: the
    worker must find the job row that the caller is writing."""
    transaction.on_commit(lambda: extraction_send(source_id))


@shared_task(
    name="tracker.extraction_runs.sweep_stuck_jobs", acks_late=True, ignore_result=True
)
def sweep_stuck_jobs_task() -> int:
    sweep = lease.jobs_stuck()
    for source_id in sweep.resend:
        extraction_enqueue(source_id)
    for source_id, seconds in sweep.recheck:
        transaction.on_commit(
            partial(extraction_send, source_id, countdown=seconds + 1)
        )
    if sweep.resend:
        log.info("re-sent %d extraction job(s)", len(sweep.resend))
    return len(sweep.resend)


@worker_ready.connect(dispatch_uid="tracker.extraction_runs.sweep_at_start")
def sweep_when_a_worker_starts(sender: object = None, **kwargs: object) -> None:
    """A worker that starts (e.g. replacing one that was killed) sweeps at
    once: jobs the dead worker held run as soon as its lease lapses, with or
    without beat."""
    try:
        sweep_stuck_jobs_task.apply_async(retry=False)
    except BrokerError:
        log.warning("could not send the start-up sweep", exc_info=True)
