"""How an extraction job looks to the journalist who submitted the article."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tracker.models import ExtractionJob

State = ExtractionJob.State


@dataclass(frozen=True)
class JobStatus:
    state: str  # queued | extracting | ready | failed
    # False while the job's message could not be handed to the task queue
    # (broker down): the job is stored and is sent when the queue is back.
    sent: bool
    message: str


def job_status(job: ExtractionJob) -> JobStatus:
    sent = job.sent_at is not None
    if job.state == State.QUEUED and not sent:
        message = _(
            "Waiting for a worker: the task queue cannot be reached right now. "
            "The article is stored and is extracted as soon as it is back."
        )
    elif job.state == State.QUEUED:
        message = _("Waiting for a worker.")
    else:
        message = str(job.get_state_display())
    return JobStatus(state=job.state, sent=sent, message=message)
