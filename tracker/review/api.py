"""Newsroom API: decide candidates (accept, merge, reject, reopen).

Thin endpoints: authentication here (session or Bearer key), roles and rules
in the services, JSON errors with stable codes from config/api.py."""

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from commitments.errors import ValidationFailed
from commitments.models import Category, Owner, Pledge
from commitments.roles import require_editor
from tracker.api_errors import NEWSROOM_WRITE_ERRORS
from tracker.apikeys.auth import NewsroomRequest, newsroom_auth
from tracker.models import Candidate
from tracker.review import services as decisions
from tracker.review.schemas import (
    AcceptIn,
    CandidateOut,
    MergeIn,
    PledgeRef,
    RejectIn,
    TargetIO,
    candidate_out,
)

router = Router(auth=newsroom_auth)


def _pledge_ref(pledge: Pledge, candidate: Candidate) -> dict:
    candidate.refresh_from_db()
    return {
        "id": pledge.public_id,
        "slug": pledge.slug,
        "url": reverse("pledge-detail", args=[pledge.slug]),
        "candidate": candidate_out(candidate),
    }


def _target_rows(targets: list[TargetIO]) -> list[dict]:
    return [
        {**t.dict(), "deadline": t.deadline.isoformat() if t.deadline else ""}
        for t in targets
    ]


@router.post(
    "candidates/{uuid:candidate_id}/accept",
    response={201: PledgeRef, **NEWSROOM_WRITE_ERRORS},
)
def candidate_accept(
    request: NewsroomRequest, candidate_id: UUID, payload: AcceptIn
) -> Status[dict[str, Any]]:
    user = request.auth
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    # None: the service uses the typed name, else the proposed owner.
    owner = None
    if payload.owner:
        owner = Owner.objects.filter(slug=payload.owner).first()
        if owner is None:
            raise ValidationFailed(_("No owner with that slug."), field="owner")
    categories = list(Category.objects.filter(slug__in=payload.categories))
    if len(categories) != len(set(payload.categories)):
        raise ValidationFailed(_("Unknown category."), field="categories")
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


@router.post(
    "candidates/{uuid:candidate_id}/merge",
    response={200: PledgeRef, **NEWSROOM_WRITE_ERRORS},
)
def candidate_merge(
    request: NewsroomRequest, candidate_id: UUID, payload: MergeIn
) -> dict[str, Any]:
    user = request.auth
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


@router.post(
    "candidates/{uuid:candidate_id}/reject",
    response={200: CandidateOut, **NEWSROOM_WRITE_ERRORS},
)
def candidate_reject(
    request: NewsroomRequest, candidate_id: UUID, payload: RejectIn
) -> dict[str, Any]:
    user = request.auth
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    decisions.candidate_reject(actor=user, candidate=candidate, reason=payload.reason)
    candidate.refresh_from_db()
    return candidate_out(candidate)


@router.post(
    "candidates/{uuid:candidate_id}/reopen",
    response={200: CandidateOut, **NEWSROOM_WRITE_ERRORS},
)
def candidate_reopen(request: NewsroomRequest, candidate_id: UUID) -> dict[str, Any]:
    user = request.auth
    require_editor(user)
    candidate = decisions.candidate_get(candidate_id)
    decisions.candidate_reopen(actor=user, candidate=candidate)
    candidate.refresh_from_db()
    return candidate_out(candidate)
