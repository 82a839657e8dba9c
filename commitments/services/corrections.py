"""Corrections: editors fix a published status update or measurement.

A correction is a new row whose `corrects` points at the original, with the
reason; the original is never edited or deleted, so the public can see what
was said and why it changed. The pledge's status and flags are then recomputed
from the effective (uncorrected) rows.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from commitments import events
from commitments.errors import Conflict, ValidationFailed
from commitments.models import Measurement, Pledge, Source, StatusUpdate
from commitments.roles import User, require_editor
from commitments.services.common import (
    audit_record,
    check_http_url,
    check_not_future,
    decimal_value,
)
from commitments.services.flags import pledge_flags_refresh
from commitments.services.versions import pledge_version_check
from commitments.statuses import Status
from commitments.timeline import latest_reports


def pledge_status_recompute(*, pledge: Pledge) -> None:
    """Set the pledge's status and official status from the effective rows.

    Only newsroom verdicts set the status; the latest official self-report
    stands beside it. The caller saves (pledge_flags_refresh).
    """
    latest = latest_reports(StatusUpdate.objects.filter(pledge=pledge))
    newsroom, official = latest["newsroom"], latest["official"]
    pledge.status = newsroom.status if newsroom else Status.NOT_RATED
    pledge.official_status = official.status if official else ""


def _check_evidence(evidence_url: str) -> None:
    if evidence_url:
        check_http_url(evidence_url, field="evidence_url")


def _check_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationFailed(
            _("Say why this is being corrected: the reason is published."),
            code="reason_required",
            field="reason",
        )
    return reason.strip()


@transaction.atomic
def status_update_correct(
    *,
    actor: User,
    update: StatusUpdate,
    status: str,
    reason: str,
    note: str = "",
    evidence_url: str = "",
    evidence_source: Source | None = None,
    expected_version: str | None = None,
) -> StatusUpdate:
    """Correct a status update (a newsroom verdict or an official self-report).

    Evidence defaults to the original's. Correct the latest correction, not an
    original that was already corrected (Conflict), so each chain stays linear.
    """
    actor = require_editor(actor)
    reason = _check_reason(reason)
    if status not in Status.values:
        raise ValidationFailed(
            _("%(status)r is not a status in the taxonomy.") % {"status": status},
            code="unknown_status",
            field="status",
        )
    _check_evidence(evidence_url)
    pledge = Pledge.objects.select_for_update().get(pk=update.pledge_id)
    pledge_version_check(pledge=pledge, expected_version=expected_version)
    if StatusUpdate.objects.filter(corrects=update).exists():
        raise Conflict(
            _("This update was already corrected; correct the latest correction."),
            code="already_corrected",
            field="update",
        )
    if not evidence_url and evidence_source is None:
        evidence_url, evidence_source = update.evidence_url, update.evidence_source
    if status != Status.NOT_RATED and not evidence_url and evidence_source is None:
        raise ValidationFailed(
            _("Evidence is required for every status but 'not yet rated'."),
            code="evidence_required",
            field="evidence",
        )
    correction = StatusUpdate.objects.create(
        pledge=pledge,
        status=status,
        # What the record said before this correction: the corrected row's verdict.
        previous_status=update.status,
        kind=StatusUpdate.Kind.CORRECTION,
        note=note.strip() or reason,
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        corrects=update,
        correction_reason=reason,
        author=actor,
    )
    pledge_status_recompute(pledge=pledge)
    pledge_flags_refresh(pledge=pledge)
    _announce(pledge, correction, update, "status_update", reason)
    audit_record(
        actor=actor,
        action="status_update.correct",
        obj=correction,
        data={
            "pledge": str(pledge.public_id),
            "corrects": str(update.public_id),
            "before": update.status,
            "after": status,
            "reason": reason,
        },
    )
    return correction


@transaction.atomic
def measurement_correct(
    *,
    actor: User,
    measurement: Measurement,
    value: Decimal | int | float | str,
    reason: str,
    as_of: date | None = None,
    note: str = "",
    evidence_url: str = "",
    evidence_source: Source | None = None,
    expected_version: str | None = None,
) -> Measurement:
    """Correct a measurement: a new row replaces it in progress; it stays visible."""
    actor = require_editor(actor)
    reason = _check_reason(reason)
    number = decimal_value(value, field="value")
    as_of = as_of or measurement.as_of
    check_not_future(
        as_of, message=_("A measurement cannot be dated in the future."), field="as_of"
    )
    _check_evidence(evidence_url)
    target = measurement.target
    pledge = Pledge.objects.select_for_update().get(pk=target.pledge_id)
    pledge_version_check(pledge=pledge, expected_version=expected_version)
    if Measurement.objects.filter(corrects=measurement).exists():
        raise Conflict(
            _("This measurement was already corrected; correct the latest correction."),
            code="already_corrected",
            field="measurement",
        )
    if not evidence_url and evidence_source is None:
        evidence_url = measurement.evidence_url
        evidence_source = measurement.evidence_source
    correction = Measurement.objects.create(
        target=target,
        value=number,
        as_of=as_of,
        note=note.strip() or measurement.note,
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        corrects=measurement,
        correction_reason=reason,
        author=actor,
    )
    pledge_flags_refresh(pledge=pledge)
    _announce(pledge, correction, measurement, "measurement", reason)
    audit_record(
        actor=actor,
        action="measurement.correct",
        obj=correction,
        data={
            "pledge": str(pledge.public_id),
            "corrects": str(measurement.public_id),
            "before": {
                "value": str(measurement.value),
                "as_of": str(measurement.as_of),
            },
            "after": {"value": str(number), "as_of": as_of.isoformat()},
            "reason": reason,
        },
    )
    return correction


def _announce(
    pledge: Pledge,
    correction: StatusUpdate | Measurement,
    original: StatusUpdate | Measurement,
    object_type: str,
    reason: str,
) -> None:
    events.emit(
        events.CORRECTION_PUBLISHED,
        {
            "pledge": str(pledge.public_id),
            "slug": pledge.slug,
            "object": object_type,
            "correction": str(correction.public_id),
            "corrects": str(original.public_id),
            "reason": reason,
            "status": pledge.status,
        },
    )
