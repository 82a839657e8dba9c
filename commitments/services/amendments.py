"""Amendments: the owner officially changed a pledge (변경 전/후, 사유).

The pledge's `original_wording` is never touched; the amendment records the
wording before and after, and target changes with their old values, so the
public sees both. Target rows take the new values (progress is measured against
what is now promised) and django-simple-history keeps their old versions too.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import Amendment, Pledge, Source, Target
from commitments.roles import User, require_editor
from commitments.services.common import (
    audit_record,
    check_http_url,
    check_not_future,
    decimal_value,
)
from commitments.services.flags import pledge_flags_refresh
from commitments.services.versions import pledge_version_check

# Target fields an amendment may change, and how to read the new value.
AMENDABLE_TARGET_FIELDS = ("value", "deadline", "metric")


@dataclass(frozen=True)
class TargetChange:
    target_id: int
    field: str  # one of AMENDABLE_TARGET_FIELDS
    after: Any


def pledge_current_wording(pledge: Pledge) -> str:
    """The wording in force: the latest amendment's, else the original."""
    latest = (
        Amendment.objects.filter(pledge=pledge)
        .exclude(wording_after="")
        .order_by("-changed_on", "-id")
        .first()
    )
    return latest.wording_after if latest else pledge.original_wording


def _coerce(field: str, value: Any) -> Any:
    if field == "value":
        return decimal_value(value, field="target_changes")
    if field == "deadline":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise ValidationFailed(
                _("%(value)r is not a date (YYYY-MM-DD).") % {"value": value},
                field="target_changes",
            ) from exc
    text = str(value).strip()
    if not text:
        raise ValidationFailed(_("A metric cannot be empty."), field="target_changes")
    return text


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else str(value)


@transaction.atomic
def amendment_record(
    *,
    actor: User,
    pledge: Pledge,
    changed_on: date,
    reason: str,
    wording_after: str = "",
    target_changes: Sequence[TargetChange] = (),
    deadline_after: date | None = None,
    evidence_url: str = "",
    evidence_source: Source | None = None,
    expected_version: str | None = None,
) -> Amendment:
    """Record an official change with its reason and date (editors only)."""
    actor = require_editor(actor)
    if not reason.strip():
        raise ValidationFailed(
            _("Give the owner's reason for the change (사유)."),
            code="reason_required",
            field="reason",
        )
    check_not_future(
        changed_on,
        message=_("An amendment cannot be dated in the future."),
        field="changed_on",
    )
    if not wording_after.strip() and not target_changes and deadline_after is None:
        raise ValidationFailed(
            _("Say what changed: the new wording, a target or the deadline."),
            code="nothing_changed",
            field="wording_after",
        )
    if evidence_url:
        check_http_url(evidence_url, field="evidence_url")
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    pledge_version_check(pledge=locked, expected_version=expected_version)
    targets = {t.pk: t for t in Target.objects.filter(pledge=locked)}
    changes: list[dict[str, Any]] = []
    for change in target_changes:
        target = targets.get(change.target_id)
        if target is None:
            raise ValidationFailed(
                _("That target is not part of this pledge."), field="target_changes"
            )
        if change.field not in AMENDABLE_TARGET_FIELDS:
            raise ValidationFailed(
                _("%(field)r cannot be amended.") % {"field": change.field},
                field="target_changes",
            )
        after = _coerce(change.field, change.after)
        before = getattr(target, change.field)
        changes.append(
            {
                "target": target.pk,
                "metric": target.metric,
                "field": change.field,
                "before": _json(before) if before is not None else "",
                "after": _json(after),
            }
        )
        setattr(target, change.field, after)
        target.save()
    if deadline_after is not None:
        changes.append(
            {
                "target": None,
                "metric": "pledge",
                "field": "deadline",
                "before": _json(locked.deadline) if locked.deadline else "",
                "after": _json(deadline_after),
            }
        )
        locked.deadline = deadline_after
    amendment = Amendment.objects.create(
        pledge=locked,
        changed_on=changed_on,
        reason=reason.strip(),
        wording_before=pledge_current_wording(locked) if wording_after.strip() else "",
        wording_after=wording_after.strip(),
        target_changes=changes,
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        author=actor,
    )
    # Saving bumps the version (stale forms) and the overdue flag may change.
    pledge_flags_refresh(pledge=locked)
    audit_record(
        actor=actor,
        action="amendment.record",
        obj=amendment,
        data={
            "pledge": str(locked.public_id),
            "changed_on": changed_on.isoformat(),
            "reason": reason.strip(),
            "wording_changed": bool(wording_after.strip()),
            "target_changes": changes,
        },
    )
    return amendment
