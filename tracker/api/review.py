"""Newsroom API: ingest sources, read extraction jobs, decide candidates.

Thin endpoints: authentication here (session or Bearer key), roles and rules
in the services, JSON errors with stable codes from config/api.py."""

from datetime import date
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from commitments.errors import NotFound, ValidationFailed
from commitments.models import Category, Owner, Pledge, Source
from commitments.roles import require_editor, require_journalist
from tracker.auth import newsroom_auth
from tracker.models import Candidate, ExtractionJob
from tracker.services import candidates as decisions
from tracker.services.ingest import source_ingest_text, source_ingest_url

router = Router(auth=newsroom_auth)


class SourceIn(Schema):
    text: str = Field("", max_length=2_000_000)
    url: str = Field("", max_length=2000)
    title: str = Field("", max_length=500)
    publisher: str = Field("", max_length=200)
    published_on: date | None = None
    language: str = Field("", max_length=2)


class SourceAccepted(Schema):
    id: UUID
    created: bool
    state: str
    status_url: str


class TargetIO(Schema):
    metric: str = ""
    value: str | float | int = ""
    unit: str = ""
    period: str = "none"
    deadline: date | None = None
    deadline_precision: str = ""
    direction: str = "increase"
    component_of: int | None = None
    text: str = ""


class CandidateOut(Schema):
    id: UUID
    state: str
    title: str
    quote: str
    quote_start: int
    quote_end: int
    score: float
    cues: list[str]
    owner: str | None
    owner_name: str
    targets: list[dict]
    suggested_pledge: str | None
    suggestion_score: float | None
    reject_reason: str
    pledge: str | None
    pipeline_version: str


class JobOut(Schema):
    state: str
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


class AcceptIn(Schema):
    title: str | None = None
    title_en: str = ""
    owner: str | None = Field(None, description="slug of an existing owner")
    new_owner_name: str = ""
    new_owner_name_en: str = ""
    categories: list[str] = []
    targets: list[TargetIO] | None = Field(
        None, description="omit to use the candidate's extracted targets"
    )
    deadline: date | None = None
    deadline_precision: str = ""
    summary: str = ""


class MergeIn(Schema):
    pledge: str = Field(..., description="public id (UUID) or slug of the pledge")
    targets: list[TargetIO] = []


class RejectIn(Schema):
    reason: str


class PledgeRef(Schema):
    id: UUID
    slug: str
    url: str
    candidate: CandidateOut


def _candidate_out(c: Candidate) -> dict:
    return {
        "id": c.public_id,
        "state": c.state,
        "title": c.title,
        "quote": c.quote,
        "quote_start": c.quote_start,
        "quote_end": c.quote_end,
        "score": c.score,
        "cues": c.cues,
        "owner": c.owner.slug if c.owner else None,
        "owner_name": c.owner_name,
        "targets": c.targets,
        "suggested_pledge": c.suggested_pledge.slug if c.suggested_pledge else None,
        "suggestion_score": c.suggestion_score,
        "reject_reason": c.reject_reason,
        "pledge": c.pledge.slug if c.pledge else None,
        "pipeline_version": c.pipeline_version,
    }


def _source_get(source_id: UUID) -> Source:
    source = Source.objects.filter(public_id=source_id).first()
    if source is None:
        raise NotFound("No such source.", code="source_not_found")
    return source


def _pledge_ref(pledge: Pledge, candidate: Candidate) -> dict:
    candidate.refresh_from_db()
    return {
        "id": pledge.public_id,
        "slug": pledge.slug,
        "url": reverse("pledge-detail", args=[pledge.slug]),
        "candidate": _candidate_out(candidate),
    }


def _target_rows(targets: list[TargetIO]) -> list[dict]:
    return [
        {**t.dict(), "deadline": t.deadline.isoformat() if t.deadline else ""}
        for t in targets
    ]


@router.post(
    "sources", response={202: SourceAccepted}, url_name="newsroom-source-create"
)
def source_create(request: HttpRequest, payload: SourceIn):  # type: ignore[no-untyped-def]
    """Ingest an article by text or URL. Extraction runs in the background:
    poll `status_url`."""
    user = request.auth  # type: ignore[attr-defined]
    require_journalist(user)
    if payload.text.strip():
        source, created = source_ingest_text(
            actor=user,
            body=payload.text,
            url=payload.url.strip(),
            title=payload.title,
            publisher=payload.publisher,
            published_on=payload.published_on,
            language=payload.language,
        )
    elif payload.url.strip():
        source, created = source_ingest_url(actor=user, url=payload.url)
    else:
        raise ValidationFailed(
            "Send the article as `text`, or a `url` to fetch.",
            code="empty_text",
            field="text",
        )
    job = ExtractionJob.objects.filter(source=source).first()
    return Status(
        202,
        {
            "id": source.public_id,
            "created": created,
            "state": job.state if job else "",
            "status_url": reverse(
                "api-v1:newsroom-source-detail", args=[source.public_id]
            ),
        },
    )


@router.get(
    "sources/{uuid:source_id}", response=SourceOut, url_name="newsroom-source-detail"
)
def source_detail(request: HttpRequest, source_id: UUID):  # type: ignore[no-untyped-def]
    require_journalist(request.auth)  # type: ignore[attr-defined]
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
            "pipeline_version": job.pipeline_version,
            "attempts": job.attempts,
            "error": job.error,
            "timings": job.timings,
        },
        "candidates": [_candidate_out(c) for c in candidates],
    }


@router.post("candidates/{uuid:candidate_id}/accept", response={201: PledgeRef})
def candidate_accept(request: HttpRequest, candidate_id: UUID, payload: AcceptIn):  # type: ignore[no-untyped-def]
    user = request.auth  # type: ignore[attr-defined]
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    owner = candidate.owner
    if payload.owner:
        owner = Owner.objects.filter(slug=payload.owner).first()
        if owner is None:
            raise ValidationFailed("No owner with that slug.", field="owner")
    if payload.new_owner_name.strip():
        owner = None
    categories = list(Category.objects.filter(slug__in=payload.categories))
    if len(categories) != len(set(payload.categories)):
        raise ValidationFailed("Unknown category.", field="categories")
    rows = (
        candidate.targets if payload.targets is None else _target_rows(payload.targets)
    )
    pledge = decisions.candidate_accept(
        actor=user,
        candidate=candidate,
        data=decisions.AcceptInput(
            title=payload.title if payload.title is not None else candidate.title,
            title_en=payload.title_en,
            owner=owner,
            new_owner_name=payload.new_owner_name,
            new_owner_name_en=payload.new_owner_name_en,
            categories=categories,
            targets=decisions.target_inputs(rows),
            deadline=payload.deadline,
            deadline_precision=payload.deadline_precision,
            summary=payload.summary,
        ),
    )
    return Status(201, _pledge_ref(pledge, candidate))


@router.post("candidates/{uuid:candidate_id}/merge", response=PledgeRef)
def candidate_merge(request: HttpRequest, candidate_id: UUID, payload: MergeIn):  # type: ignore[no-untyped-def]
    user = request.auth  # type: ignore[attr-defined]
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    pledge = decisions.pledge_by_ref(payload.pledge)
    pledge = decisions.candidate_merge(
        actor=user,
        candidate=candidate,
        pledge=pledge,
        targets=decisions.target_inputs(_target_rows(payload.targets)),
    )
    return _pledge_ref(pledge, candidate)


@router.post("candidates/{uuid:candidate_id}/reject", response=CandidateOut)
def candidate_reject(request: HttpRequest, candidate_id: UUID, payload: RejectIn):  # type: ignore[no-untyped-def]
    user = request.auth  # type: ignore[attr-defined]
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    decisions.candidate_reject(actor=user, candidate=candidate, reason=payload.reason)
    candidate.refresh_from_db()
    return _candidate_out(candidate)


@router.post("candidates/{uuid:candidate_id}/reopen", response=CandidateOut)
def candidate_reopen(request: HttpRequest, candidate_id: UUID):  # type: ignore[no-untyped-def]
    user = request.auth  # type: ignore[attr-defined]
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    decisions.candidate_reopen(actor=user, candidate=candidate)
    candidate.refresh_from_db()
    return _candidate_out(candidate)
