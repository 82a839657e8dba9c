"""Newsroom API: submit an article (text or URL) and follow its extraction.

Thin endpoints: authentication here (session or Bearer key), roles and rules
in the services, JSON errors with stable codes from config/api.py."""

from datetime import date
from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from commitments.api.common import IsoDate
from commitments.errors import NotFound, ValidationFailed
from commitments.models import Source
from commitments.roles import require_journalist
from tracker.api_errors import NEWSROOM_READ_ERRORS, NEWSROOM_WRITE_ERRORS
from tracker.apikeys.auth import NewsroomRequest, newsroom_auth
from tracker.extraction_runs.selectors import job_status
from tracker.ingest.header_lines import header_lines_read
from tracker.ingest.services import source_ingest_text, source_ingest_url
from tracker.models import Candidate, ExtractionJob
from tracker.review.schemas import CandidateOut, candidate_out

router = Router(auth=newsroom_auth)


class SourceIn(Schema):
    # The document says what the service checks where a schema can: the
    # article as `text` or a `url` (not blank), a known language.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["text"], "properties": {"text": {"pattern": r"\S"}}},
                {"required": ["url"], "properties": {"url": {"pattern": r"\S"}}},
            ]
        }
    )

    text: str = Field("", max_length=2_000_000)
    url: str = Field(
        "", max_length=2000, description="http(s) address to fetch, if no `text`"
    )
    title: str = Field("", max_length=500)
    publisher: str = Field("", max_length=200)
    published_on: IsoDate | None = None
    language: str = Field(
        "", max_length=2, json_schema_extra={"enum": ["", "ko", "en"]}
    )


class SourceAccepted(Schema):
    id: UUID
    created: bool
    state: str
    # False when the task queue was unreachable: the source and its queued job
    # are stored, and the job is sent (and run) once the queue is back.
    sent: bool
    message: str
    status_url: str


class JobOut(Schema):
    state: str
    sent: bool
    message: str
    pipeline_version: str
    attempts: int
    error: str
    timings: dict


class SourceOut(Schema):
    id: UUID
    title: str
    url: str
    publisher: str
    published_on: date | None
    job: JobOut | None
    candidates: list[CandidateOut]


def _source_get(source_id: UUID) -> Source:
    source = Source.objects.filter(public_id=source_id).first()
    if source is None:
        raise NotFound(_("No such source."), code="source_not_found")
    return source


@router.post(
    "sources",
    response={202: SourceAccepted, **NEWSROOM_WRITE_ERRORS},
    url_name="newsroom-source-create",
)
def source_create(
    request: NewsroomRequest, payload: SourceIn
) -> Status[dict[str, Any]]:
    """Ingest an article by text or URL. Extraction runs in the background:
    poll `status_url`."""
    user = request.auth
    require_journalist(user)
    if payload.text.strip():
        # Header lines are read as the submission form reads them; a field
        # sent in the JSON wins over its header line.
        found = header_lines_read(payload.text)
        if found.errors:
            raise ValidationFailed(found.errors[0], code="bad_header", field="text")
        source, created = source_ingest_text(
            actor=user,
            body=found.text,
            url=payload.url.strip() or found.url,
            title=payload.title or found.title,
            publisher=payload.publisher,
            published_on=payload.published_on or found.published_on,
            language=payload.language,
        )
    elif payload.url.strip():
        source, created = source_ingest_url(actor=user, url=payload.url)
    else:
        raise ValidationFailed(
            _("Send the article as `text`, or a `url` to fetch."),
            code="empty_text",
            field="text",
        )
    job = ExtractionJob.objects.filter(source=source).first()
    status = job_status(job) if job else None
    return Status(
        202,
        {
            "id": source.public_id,
            "created": created,
            "state": status.state if status else "",
            "sent": status.sent if status else False,
            "message": status.message if status else "",
            "status_url": reverse(
                "api-v1:newsroom-source-detail", args=[source.public_id]
            ),
        },
    )


@router.get(
    "sources/{uuid:source_id}",
    response={200: SourceOut, **NEWSROOM_READ_ERRORS},
    url_name="newsroom-source-detail",
)
def source_detail(request: NewsroomRequest, source_id: UUID) -> dict[str, Any]:
    require_journalist(request.auth)
    source = _source_get(source_id)
    job = ExtractionJob.objects.filter(source=source).first()
    candidates = Candidate.objects.filter(source=source).select_related(
        "owner", "suggested_pledge", "pledge"
    )
    return {
        "id": source.public_id,
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "published_on": source.published_on,
        "job": None
        if job is None
        else {
            "state": job.state,
            "sent": job_status(job).sent,
            "message": job_status(job).message,
            "pipeline_version": job.pipeline_version,
            "attempts": job.attempts,
            "error": job.error,
            "timings": job.timings,
        },
        "candidates": [candidate_out(c) for c in candidates],
    }
