"""Starting extraction runs: the calls other stages make (ingestion creates
a job for a new source, an editor asks for a re-run). The work itself is in
`runner`, executed by `tasks`."""

from django.db import transaction

from commitments.models import Source
from commitments.roles import User, require_editor
from commitments.services import audit_record
from tracker.extraction_runs.tasks import extraction_enqueue
from tracker.models import ExtractionJob

State = ExtractionJob.State


def job_ensure(*, source: Source) -> ExtractionJob:
    """The source's job, created (and enqueued after commit) if missing."""
    job, created = ExtractionJob.objects.get_or_create(source=source)
    if created:
        extraction_enqueue(source.pk)
    return job


@transaction.atomic
def job_requeue(*, actor: User, source: Source) -> ExtractionJob:
    """Extract again (e.g. after a pipeline upgrade). Decisions are kept:
    candidates are matched by fingerprint (see candidates_store)."""
    require_editor(actor)
    job = job_ensure(source=source)
    changed = ExtractionJob.objects.filter(
        pk=job.pk, state__in=[State.READY, State.FAILED]
    ).update(state=State.QUEUED, error="", attempts=0, started_at=None, sent_at=None)
    if changed:
        extraction_enqueue(source.pk)
        audit_record(actor=actor, action="extraction.requeue", obj=source)
    job.refresh_from_db()
    return job
