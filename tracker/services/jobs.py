"""Extraction jobs: the row's state is the truth for workers.

queued → extracting (claimed by exactly one worker with a conditional UPDATE)
→ ready | failed. A sweeper re-queues jobs stuck in `extracting`.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from commitments.models import Owner, Source
from commitments.roles import User, require_editor
from commitments.services import audit_record
from tracker.extraction import PIPELINE_VERSION, ExtractionInputError, extract
from tracker.models import ExtractionJob

log = logging.getLogger(__name__)
State = ExtractionJob.State


def _enqueue(source_id: int) -> None:
    # Imported here: tasks import services, not the other way round at load.
    from tracker.tasks import extract_source_task

    extract_source_task.delay(source_id)


def job_ensure(*, source: Source) -> ExtractionJob:
    """The source's job, created (and enqueued after commit) if missing."""
    job, created = ExtractionJob.objects.get_or_create(source=source)
    if created:
        _enqueue(source.pk)
    return job


def job_claim(*, source_id: int) -> bool:
    """queued → extracting; True only for the one caller whose UPDATE won."""
    won = ExtractionJob.objects.filter(source_id=source_id, state=State.QUEUED).update(
        state=State.EXTRACTING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=F("attempts") + 1,
        error="",
    )
    return won == 1


def owner_gazetteer() -> dict[str, str]:
    """Every owner's names and aliases → the owner's slug (the engine's key)."""
    gazetteer: dict[str, str] = {}
    for slug, name, name_en, aliases in Owner.objects.values_list(
        "slug", "name", "name_en", "aliases"
    ):
        for alias in [name, name_en, *(aliases or [])]:
            if isinstance(alias, str) and alias.strip():
                gazetteer.setdefault(alias.strip(), slug)
    return gazetteer


def job_run(*, source_id: int) -> str:
    """Claim and run one extraction. Returns the job state afterwards, or
    "skipped" when another worker holds (or finished) the job.

    ExtractionInputError is permanent (failed); any other exception puts the
    job back to queued and propagates, so the task can retry it."""
    from tracker.services.candidates import candidates_store

    if not job_claim(source_id=source_id):
        return "skipped"
    job = ExtractionJob.objects.select_related("source").get(source_id=source_id)
    source = job.source
    started = time.perf_counter()
    try:
        gazetteer = owner_gazetteer()
        found = extract(
            source.body,
            published_on=source.published_on,
            language=source.language or None,
            gazetteer=gazetteer,
            max_chars=settings.EXTRACTION_MAX_CHARS,
        )
        extracted = time.perf_counter()
        stored = candidates_store(source=source, found=found)
    except ExtractionInputError as exc:
        ExtractionJob.objects.filter(pk=job.pk).update(
            state=State.FAILED,
            error=str(exc)[:2000],
            pipeline_version=PIPELINE_VERSION,
            finished_at=timezone.now(),
            timings={"total_ms": round((time.perf_counter() - started) * 1000, 1)},
        )
        return State.FAILED
    except Exception as exc:
        ExtractionJob.objects.filter(pk=job.pk, state=State.EXTRACTING).update(
            state=State.QUEUED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    done = time.perf_counter()
    ExtractionJob.objects.filter(pk=job.pk).update(
        state=State.READY,
        pipeline_version=PIPELINE_VERSION,
        finished_at=timezone.now(),
        error="",
        timings={
            "extract_ms": round((extracted - started) * 1000, 1),
            "store_ms": round((done - extracted) * 1000, 1),
            "total_ms": round((done - started) * 1000, 1),
            "candidates": stored,
        },
    )
    return State.READY


def job_mark_failed(*, source_id: int, error: str) -> None:
    """Give up after the last retry: the error stays on the job for editors."""
    ExtractionJob.objects.filter(source_id=source_id).exclude(state=State.READY).update(
        state=State.FAILED, error=error[:2000], finished_at=timezone.now()
    )


@transaction.atomic
def job_requeue(*, actor: User, source: Source) -> ExtractionJob:
    """Extract again (e.g. after a pipeline upgrade). Decisions are kept:
    candidates are matched by fingerprint (see candidates_store)."""
    require_editor(actor)
    job = job_ensure(source=source)
    changed = ExtractionJob.objects.filter(
        pk=job.pk, state__in=[State.READY, State.FAILED]
    ).update(state=State.QUEUED, error="", attempts=0, started_at=None)
    if changed:
        _enqueue(source.pk)
        audit_record(actor=actor, action="extraction.requeue", obj=source)
    job.refresh_from_db()
    return job


def jobs_sweep() -> int:
    """Re-queue jobs stuck in `extracting` (a worker died) and re-send jobs
    that sat in `queued` too long (a lost message). Returns how many."""
    now = timezone.now()
    stuck_before = now - timedelta(minutes=settings.EXTRACTION_STUCK_AFTER_MINUTES)
    count = 0
    stuck = ExtractionJob.objects.filter(
        state=State.EXTRACTING, started_at__lt=stuck_before
    )
    for job in stuck:
        if job.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            ExtractionJob.objects.filter(pk=job.pk, state=State.EXTRACTING).update(
                state=State.FAILED,
                error="Gave up: the job was stuck too many times.",
                finished_at=now,
            )
            continue
        if ExtractionJob.objects.filter(
            pk=job.pk, state=State.EXTRACTING, started_at=job.started_at
        ).update(state=State.QUEUED):
            _enqueue(job.source_id)
            count += 1
    for job in ExtractionJob.objects.filter(
        state=State.QUEUED, queued_at__lt=stuck_before
    ).filter(started_at__isnull=True):
        _enqueue(job.source_id)
        count += 1
    if count:
        log.info("re-queued %d extraction job(s)", count)
    return count
