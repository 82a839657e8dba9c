"""Newsroom API shapes for candidates and decisions (also used by the
source status endpoint in `tracker.ingest.api`)."""

from uuid import UUID

from ninja import Field, Schema

from commitments.api.common import IsoDate
from tracker.models import Candidate


class TargetIO(Schema):
    metric: str = ""
    value: str | float | int = ""
    unit: str = ""
    period: str = "none"
    deadline: IsoDate | None = None
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
    deadline: IsoDate | None = None
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


def candidate_out(c: Candidate) -> dict:
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
