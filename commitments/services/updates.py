"""Status verdicts and measurements."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from commitments import events
from commitments.errors import ValidationFailed
from commitments.models import (
    Measurement,
    Pledge,
    Source,
    StatusUpdate,
    Target,
)
from commitments.roles import User, require_journalist
from commitments.services.common import (
    audit_record,
    check_http_url,
    check_not_future,
    decimal_value,
)
from commitments.services.flags import pledge_flags_refresh
from commitments.services.versions import pledge_version_check
from commitments.statuses import Status

# --- Status updates ----------------------------------------------------------


@transaction.atomic
def status_update_post(
    *,
    actor: User,
    pledge: Pledge,
    status: str,
    note: str,
    kind: str = StatusUpdate.Kind.NEWSROOM,
    evidence_url: str = "",
    evidence_source: Source | None = None,
    expected_version: str | None = None,
) -> StatusUpdate:
    """Post a verdict (newsroom) or record what the owner claims (official).

    Only newsroom verdicts change the pledge's public status; an official
    self-report stands beside it and a disagreement is flagged, never merged.
    `expected_version` (from `pledge_version`, carried by the desk form) makes a
    stale form fail with Conflict instead of overwriting a newer verdict.
    """
    actor = require_journalist(actor)
    if status not in Status.values:
        raise ValidationFailed(
            _("%(status)r is not a status in the taxonomy.") % {"status": status},
            code="unknown_status",
            field="status",
        )
    if kind not in (StatusUpdate.Kind.NEWSROOM, StatusUpdate.Kind.OFFICIAL):
        raise ValidationFailed(
            _("Kind must be a newsroom verdict or an official self-report."),
            field="kind",
        )
    if not note.strip():
        field_msg = (
            _("Explain why it can't be rated.")
            if status == Status.UNRATABLE
            else _("A note is required.")
        )
        raise ValidationFailed(field_msg, code="note_required", field="note")
    if evidence_url:
        check_http_url(evidence_url, field="evidence_url")
    if status != Status.NOT_RATED and not evidence_url and evidence_source is None:
        raise ValidationFailed(
            _(
                "Evidence (a link or a source) is required for every status but 'not yet rated'."
            ),
            code="evidence_required",
            field="evidence",
        )
    # Lock the pledge row so two verdicts posted at once record the right
    # previous status.
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    pledge_version_check(pledge=locked, expected_version=expected_version)
    previous = (
        locked.status
        if kind == StatusUpdate.Kind.NEWSROOM
        else (locked.official_status or Status.NOT_RATED)
    )
    update = StatusUpdate.objects.create(
        pledge=locked,
        status=status,
        previous_status=previous,
        kind=kind,
        note=note.strip(),
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        author=actor,
    )
    if kind == StatusUpdate.Kind.NEWSROOM:
        locked.status = status
    else:
        locked.official_status = status
    locked.last_update_at = update.created_at
    pledge_flags_refresh(pledge=locked)
    pledge.refresh_from_db()
    events.emit(
        events.STATUS_CHANGED,
        {
            "pledge": str(locked.public_id),
            "slug": locked.slug,
            "update": str(update.public_id),
            "kind": kind,
            "status": status,
            "previous_status": previous,
        },
    )
    audit_record(
        actor=actor,
        action="status_update.post",
        obj=update,
        data={
            "pledge": str(locked.public_id),
            "status": status,
            "previous": previous,
            "kind": kind,
        },
    )
    return update


# --- Measurements ------------------------------------------------------------


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    target: Target,
    value: Decimal | int | float | str,
    as_of: date,
    unit: str | None = None,
    note: str = "",
    evidence_url: str = "",
    evidence_source: Source | None = None,
    expected_version: str | None = None,
) -> Measurement:
    """Record progress toward a target as of a date, with evidence."""
    actor = require_journalist(actor)
    if as_of is None:
        raise ValidationFailed(_("Give the date the value is as of."), field="as_of")
    number = decimal_value(value, field="value")
    check_not_future(
        as_of, message=_("A measurement cannot be dated in the future."), field="as_of"
    )
    if unit is not None and unit.strip() and unit.strip() != target.unit:
        raise ValidationFailed(
            _("This target is measured in %(expected)s, not %(given)r.")
            % {
                "expected": repr(target.unit) if target.unit else _("plain numbers"),
                "given": unit,
            },
            code="wrong_unit",
            field="unit",
        )
    if evidence_url:
        check_http_url(evidence_url, field="evidence_url")
    if not evidence_url and evidence_source is None:
        raise ValidationFailed(
            _("Evidence (a link or a source) is required."),
            code="evidence_required",
            field="evidence",
        )
    pledge = Pledge.objects.select_for_update().get(pk=target.pledge_id)
    pledge_version_check(pledge=pledge, expected_version=expected_version)
    measurement = Measurement.objects.create(
        target=target,
        value=number,
        as_of=as_of,
        note=note.strip(),
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        author=actor,
    )
    pledge.last_update_at = measurement.created_at
    pledge_flags_refresh(pledge=pledge)
    events.emit(
        events.MEASUREMENT_RECORDED,
        {
            "pledge": str(pledge.public_id),
            "slug": pledge.slug,
            "measurement": str(measurement.public_id),
            "target": target.pk,
            "value": str(number),
            "as_of": as_of.isoformat(),
        },
    )
    audit_record(
        actor=actor,
        action="measurement.record",
        obj=measurement,
        data={"target": target.pk, "value": str(number), "as_of": as_of.isoformat()},
    )
    return measurement
