"""Adding targets to a published pledge (a new source states more numbers)."""

from collections.abc import Sequence

from django.db import transaction

from commitments.models import Pledge, Target
from commitments.roles import User, require_editor
from commitments.services.common import audit_record, decimal_value
from commitments.services.flags import pledge_flags_refresh
from commitments.services.pledges import TargetInput, _targets_create


@transaction.atomic
def pledge_targets_add(
    *, actor: User, pledge: Pledge, targets: Sequence[TargetInput]
) -> list[Target]:
    """Add the targets the pledge does not have yet (same value, unit and
    period count as the same target). `component_of` indexes the given list."""
    require_editor(actor)
    existing = {
        (t.value, t.unit, t.period)
        for t in Target.objects.filter(pledge=pledge).only("value", "unit", "period")
    }
    # A component whose total is skipped (already present) would point at the
    # wrong row, so keep whole groups: a total is new if it or a component is.
    new_index: dict[int, int] = {}
    fresh: list[TargetInput] = []
    for i, spec in enumerate(targets):
        key = (
            decimal_value(spec.value, field=f"targets.{i}.value"),
            spec.unit,
            spec.period,
        )
        if key in existing and not any(t.component_of == i for t in targets[i + 1 :]):
            continue
        parent = spec.component_of
        if parent is not None:
            parent = new_index.get(parent)
        new_index[i] = len(fresh)
        fresh.append(TargetInput(**{**spec.__dict__, "component_of": parent}))
    if not fresh:
        return []
    start = Target.objects.filter(pledge=pledge).count()
    created = _targets_create(pledge=pledge, targets=fresh, start=start)
    pledge_flags_refresh(pledge=pledge)
    audit_record(
        actor=actor,
        action="pledge.targets_add",
        obj=pledge,
        data={"targets": [str(t.value) for t in created]},
    )
    return created
