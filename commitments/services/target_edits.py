"""Adding, changing and removing a published pledge's targets as newsroom
edits (each kept with its reason; all are public corrections, since readers
see targets and the progress measured against them)."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import DeadlinePrecision, Pledge, PledgeEdit, Target
from commitments.roles import SignedInUser, User, require_editor
from commitments.services.common import decimal_value
from commitments.services.pledge_edits import (
    edit_reason_check,
    pledge_edit_record,
    pledge_save_with_reason,
)
from commitments.services.pledges import TargetInput, _targets_create
from commitments.services.versions import pledge_version_check


def _describe(target: Target) -> str:
    value = f"{target.value.normalize():f}"
    period = "" if target.period == Target.Period.NONE else f" ({target.period})"
    return f"{target.metric}: {value} {target.unit}{period}".strip()


def _locked(pledge_id: int, expected_version: str | None) -> Pledge:
    locked = Pledge.objects.select_for_update().get(pk=pledge_id)
    pledge_version_check(pledge=locked, expected_version=expected_version)
    return locked


def _finish(
    *, actor: SignedInUser, pledge: Pledge, reason: str, change: dict[str, Any]
) -> PledgeEdit:
    pledge_save_with_reason(actor=actor, pledge=pledge, reason=reason)
    return pledge_edit_record(
        actor=actor, pledge=pledge, reason=reason, changes=[change], public=True
    )


@transaction.atomic
def pledge_target_add(
    *,
    actor: User,
    pledge: Pledge,
    target: TargetInput,
    reason: str,
    expected_version: str | None = None,
) -> Target:
    actor = require_editor(actor)
    reason = edit_reason_check(reason)
    locked = _locked(pledge.pk, expected_version)
    start = Target.objects.filter(pledge=locked).count()
    (created,) = _targets_create(
        pledge=locked,
        targets=[TargetInput(**{**target.__dict__, "component_of": None})],
        start=start,
    )
    _finish(
        actor=actor,
        pledge=locked,
        reason=reason,
        change={
            "field": "target",
            "target": created.pk,
            "before": "",
            "after": _describe(created),
        },
    )
    return created


@transaction.atomic
def pledge_target_change(
    *,
    actor: User,
    target: Target,
    reason: str,
    metric: str,
    value: Any,
    unit: str = "",
    period: str = Target.Period.NONE,
    deadline: date | None = None,
    deadline_precision: str = "",
    expected_version: str | None = None,
) -> Target:
    actor = require_editor(actor)
    reason = edit_reason_check(reason)
    locked = _locked(target.pledge_id, expected_version)
    row = Target.objects.select_for_update().get(pk=target.pk, pledge=locked)
    metric = (metric or "").strip()[:300]
    if not metric:
        raise ValidationFailed(_("Each target needs a metric."), field="metric")
    if period not in Target.Period.values:
        raise ValidationFailed(_("Unknown period."), field="period")
    if deadline_precision and deadline_precision not in DeadlinePrecision.values:
        raise ValidationFailed(
            _("Unknown deadline precision."), field="deadline_precision"
        )
    if deadline and not deadline_precision:
        deadline_precision = DeadlinePrecision.DAY
    before = _describe(row)
    wanted = {
        "metric": metric,
        "value": decimal_value(value, field="value"),
        "unit": (unit or "").strip()[:40],
        "period": period,
        "deadline": deadline,
        "deadline_precision": deadline_precision if deadline else "",
    }
    if all(getattr(row, k) == v for k, v in wanted.items()):
        raise ValidationFailed(
            _("Nothing changed: edit a field before saving."),
            code="nothing_changed",
        )
    for key, new in wanted.items():
        setattr(row, key, new)
    # Passing attributes simple_history reads when it writes the historical row.
    row._change_reason = reason[:100]  # type: ignore[attr-defined]
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()
    _finish(
        actor=actor,
        pledge=locked,
        reason=reason,
        change={
            "field": "target",
            "target": row.pk,
            "before": before,
            "after": _describe(row),
        },
    )
    return row


@transaction.atomic
def pledge_target_remove(
    *,
    actor: User,
    target: Target,
    reason: str,
    expected_version: str | None = None,
) -> PledgeEdit:
    """Remove a target entered by mistake (a duplicate, a misread number).

    A target with measurements stays: its measurements are evidence on the
    public record and would lose what they measure."""
    actor = require_editor(actor)
    reason = edit_reason_check(reason)
    locked = _locked(target.pledge_id, expected_version)
    row = Target.objects.select_for_update().get(pk=target.pk, pledge=locked)
    if row.measurements.exists():
        raise ValidationFailed(
            _(
                "This target has measurements on record, so it can't be removed: "
                "they would lose what they measure. Change the target instead, "
                "or record an official amendment if the owner changed it."
            ),
            code="target_has_measurements",
            field="target",
        )
    before = _describe(row)
    pk = row.pk
    # Passing attributes simple_history reads when it writes the historical row.
    row._change_reason = reason[:100]  # type: ignore[attr-defined]
    row._history_user = actor  # type: ignore[attr-defined]
    row.delete()
    return _finish(
        actor=actor,
        pledge=locked,
        reason=reason,
        change={"field": "target", "target": pk, "before": before, "after": ""},
    )
