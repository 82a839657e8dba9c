"""Adding targets to a published pledge (a new source states more numbers)."""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import Pledge, Target
from commitments.roles import User, require_editor
from commitments.services.common import audit_record, decimal_value
from commitments.services.flags import pledge_flags_refresh
from commitments.services.pledges import TargetInput, _targets_create

TargetKey = tuple[Decimal, str, str]


def target_key(value: Any, unit: str, period: str) -> TargetKey | None:
    """What makes two targets the same target: value, unit and period.
    2000000000, "2000000000.0000" and 2E+9 are one value; None when `value`
    is not a number (such a row is never "already there")."""
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    return number, (unit or "").strip(), period or Target.Period.NONE


def targets_by_key(targets: Iterable[Target]) -> dict[TargetKey, Target]:
    """The pledge's targets by their key (the first of any duplicates)."""
    out: dict[TargetKey, Target] = {}
    for t in targets:
        key = target_key(t.value, t.unit, t.period)
        if key is not None:
            out.setdefault(key, t)
    return out


@transaction.atomic
def pledge_targets_add(
    *, actor: User, pledge: Pledge, targets: Sequence[TargetInput]
) -> list[Target]:
    """Add the targets the pledge does not have yet (same value, unit and
    period count as the same target, also twice in `targets`). `component_of`
    indexes the given list; a new component of a total the pledge already has
    is attached to that existing total."""
    require_editor(actor)
    have = targets_by_key(Target.objects.filter(pledge=pledge))
    # Index in `targets` -> the Target row it is (existing or created now).
    row_for: dict[int, Target] = {}
    created: list[Target] = []
    start = Target.objects.filter(pledge=pledge).count()
    for i, spec in enumerate(targets):
        value = decimal_value(spec.value, field=f"targets.{i}.value")
        if spec.component_of is not None and not 0 <= spec.component_of < i:
            raise ValidationFailed(
                _("A component must come after the total it belongs to."),
                field=f"targets.{i}.component_of",
            )
        key = target_key(value, spec.unit, spec.period)
        if key in have:
            row_for[i] = have[key]
            continue
        [target] = _targets_create(
            pledge=pledge,
            targets=[replace(spec, component_of=None)],
            start=start + len(created),
        )
        parent = None if spec.component_of is None else row_for[spec.component_of]
        if parent is not None:
            # Created detached, then linked: the total may be an existing row,
            # which `_targets_create` (indexes into its own list) can't name.
            target.component_of = parent
            target.save(update_fields=["component_of"])
        row_for[i] = target
        if key is not None:
            have[key] = target
        created.append(target)
    if not created:
        return []
    pledge_flags_refresh(pledge=pledge)
    audit_record(
        actor=actor,
        action="pledge.targets_add",
        obj=pledge,
        data={"targets": [str(t.value) for t in created]},
    )
    return created
