"""Newsroom API: status updates and measurements on pledges.

`{pledge_id}` is the pledge's public UUID or its slug. Thin endpoints: the
services check roles and rules and raise DomainError, which config/api.py turns
into `{"code", "message", "details"}` with a 4xx status.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from commitments import services
from commitments.api.common import IsoDate
from commitments.errors import NotFound, ValidationFailed
from commitments.models import Pledge, Source, StatusUpdate, Target
from tracker.api_errors import NEWSROOM_WRITE_ERRORS
from tracker.apikeys.auth import NewsroomRequest, newsroom_auth

router = Router(auth=newsroom_auth)


class UpdateIn(Schema):
    status: str = Field(..., max_length=40)
    note: str = Field(..., max_length=20_000)
    kind: str = Field(StatusUpdate.Kind.NEWSROOM, max_length=20)
    evidence_url: str = Field("", max_length=2000)
    evidence_source: UUID | None = None
    # The `version` the client last saw (GET the pledge); omit to skip the check.
    version: str | None = Field(None, max_length=64)


class UpdateOut(Schema):
    id: UUID
    pledge: UUID
    kind: str
    status: str
    previous_status: str
    created_at: datetime
    pledge_status: str
    official_status: str
    has_disagreement: bool
    version: str


class MeasurementIn(Schema):
    # Bounded so an absurd id is a 422, not a database overflow.
    target: int = Field(
        ..., ge=1, le=2**63 - 1, description="The target's id within this pledge."
    )
    value: str | int | float
    as_of: IsoDate
    unit: str | None = Field(None, max_length=40)
    note: str = Field("", max_length=20_000)
    evidence_url: str = Field("", max_length=2000)
    evidence_source: UUID | None = None
    version: str | None = Field(None, max_length=64)


class MeasurementOut(Schema):
    id: UUID
    pledge: UUID
    target: int
    value: str
    as_of: date
    created_at: datetime
    version: str


def _pledge(pledge_id: str) -> Pledge:
    condition: dict[str, Any]
    try:
        condition = {"public_id": UUID(pledge_id)}
    except ValueError:
        condition = {"slug": pledge_id}
    pledge = Pledge.objects.filter(**condition).first()
    if pledge is None:
        raise NotFound(_("No pledge with that id or slug."), code="pledge_not_found")
    return pledge


def _source(public_id: UUID | None) -> Source | None:
    if public_id is None:
        return None
    source = Source.objects.filter(public_id=public_id).first()
    if source is None:
        raise ValidationFailed(
            _("No source with that id."), code="unknown_source", field="evidence_source"
        )
    return source


@router.post(
    "pledges/{pledge_id}/updates", response={201: UpdateOut, **NEWSROOM_WRITE_ERRORS}
)
def status_update_create(
    request: NewsroomRequest, pledge_id: str, payload: UpdateIn
) -> Status[dict[str, Any]]:
    pledge = _pledge(pledge_id)
    update = services.status_update_post(
        actor=request.auth,
        pledge=pledge,
        status=payload.status,
        note=payload.note,
        kind=payload.kind,
        evidence_url=payload.evidence_url.strip(),
        evidence_source=_source(payload.evidence_source),
        expected_version=payload.version,
    )
    pledge.refresh_from_db()
    return Status(
        201,
        {
            "id": update.public_id,
            "pledge": pledge.public_id,
            "kind": update.kind,
            "status": update.status,
            "previous_status": update.previous_status,
            "created_at": update.created_at,
            "pledge_status": pledge.status,
            "official_status": pledge.official_status,
            "has_disagreement": pledge.has_disagreement,
            "version": services.pledge_version(pledge),
        },
    )


@router.post(
    "pledges/{pledge_id}/measurements",
    response={201: MeasurementOut, **NEWSROOM_WRITE_ERRORS},
)
def measurement_create(
    request: NewsroomRequest, pledge_id: str, payload: MeasurementIn
) -> Status[dict[str, Any]]:
    pledge = _pledge(pledge_id)
    target = Target.objects.filter(pledge=pledge, pk=payload.target).first()
    if target is None:
        raise NotFound(
            _("This pledge has no target with that id."), code="unknown_target"
        )
    measurement = services.measurement_record(
        actor=request.auth,
        target=target,
        value=payload.value,
        as_of=payload.as_of,
        unit=payload.unit,
        note=payload.note,
        evidence_url=payload.evidence_url.strip(),
        evidence_source=_source(payload.evidence_source),
        expected_version=payload.version,
    )
    pledge.refresh_from_db()
    return Status(
        201,
        {
            "id": measurement.public_id,
            "pledge": pledge.public_id,
            "target": target.pk,
            "value": f"{measurement.value.normalize():f}",
            "as_of": measurement.as_of,
            "created_at": measurement.created_at,
            "version": services.pledge_version(pledge),
        },
    )
