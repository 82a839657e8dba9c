"""Progress toward targets, computed from measurements, never typed in.

Pure functions over model instances already loaded (no queries here), so pages
and the API compute progress for many targets without extra SQL.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from commitments.models import Measurement, Target


@dataclass(frozen=True)
class TargetProgress:
    """How far a target is from its baseline toward its value.

    `fraction` is 0 at the baseline and 1 at the target (it may exceed 1, or
    go below 0 when things got worse); `percent` is clamped to 0..100 for bars.
    `on_pace` is None when it cannot be judged (no measurement, or no dates).
    """

    current: Decimal | None
    as_of: date | None
    baseline: Decimal
    goal: Decimal
    fraction: float | None
    percent: int | None
    expected_fraction: float | None
    on_pace: bool | None
    rolled_up: bool = False  # current is the sum of the components' values
    period_label: str = ""  # "2025" for per-year targets: the year compared


def effective_measurements(measurements: Iterable[Measurement]) -> list[Measurement]:
    """Measurements that count: a correction replaces the one it corrects."""
    rows = list(measurements)
    superseded = {m.corrects_id for m in rows if m.corrects_id}
    # created_at is None on unsaved rows; never compare a datetime with 0.
    return sorted(
        (m for m in rows if m.pk not in superseded),
        key=lambda m: (
            m.as_of,
            m.created_at.timestamp() if m.created_at else 0.0,
            m.pk or 0,
        ),
    )


def _fraction(target: Target, baseline: Decimal, current: Decimal) -> float | None:
    if target.direction == Target.Direction.DECREASE:
        span = baseline - target.value
        done = baseline - current
    else:
        span = target.value - baseline
        done = current - baseline
    if span <= 0:
        # The target is already at or past the baseline in the wrong direction:
        # progress is "reached" or "not" with nothing in between.
        reached = (
            current <= target.value
            if target.direction == "decrease"
            else current >= target.value
        )
        return 1.0 if reached else 0.0
    return float(done / span)


def _linear_expected(
    start: date | None, deadline: date | None, as_of: date
) -> float | None:
    """Share of the way from start to deadline that a straight path has covered."""
    if start is None or deadline is None or deadline <= start:
        return None
    elapsed = (as_of - start).days / (deadline - start).days
    return min(max(elapsed, 0.0), 1.0)


def _period_expected(target: Target, as_of: date) -> float:
    """Per-year (per-month) targets: share of the year (month) that has passed."""
    if target.period == Target.Period.PER_MONTH:
        days_in_month = (
            31
            if as_of.month == 12
            else (
                date(as_of.year, as_of.month % 12 + 1, 1)
                - date(as_of.year, as_of.month, 1)
            ).days
        )
        return as_of.day / days_in_month
    start = date(as_of.year, 1, 1)
    return ((as_of - start).days + 1) / ((date(as_of.year + 1, 1, 1) - start).days)


def _period_label(target: Target, as_of: date) -> str:
    if target.period == Target.Period.PER_YEAR:
        return str(as_of.year)
    return f"{as_of:%Y-%m}"


def target_progress(
    target: Target,
    measurements: Sequence[Measurement],
    *,
    start: date | None = None,
    component_progress: Sequence["TargetProgress"] = (),
    components_same_unit: bool = False,
) -> TargetProgress:
    """Progress of one target.

    `start` is when the straight path begins: the baseline date, else the date
    the pledge was made (the caller passes it). A total with no measurements of
    its own rolls up its components' current values when their units agree.
    """
    rows = effective_measurements(measurements)
    baseline = (
        target.baseline_value if target.baseline_value is not None else Decimal(0)
    )
    current: Decimal | None = None
    as_of: date | None = None
    rolled_up = False
    period_label = ""
    periodic = target.period in (Target.Period.PER_YEAR, Target.Period.PER_MONTH)
    path_start = target.baseline_date or start
    # A per-year target with a baseline and a deadline is a level to reach
    # ("cut yearly emissions from 50 to 30 Mt by 2030"): the latest year's
    # figure is judged on the straight path. Without them it is a yearly
    # quota ("10,000 a year"): the latest year is judged against the share of
    # that year already gone, from zero.
    quota = periodic and not (
        target.baseline_value is not None and path_start and target.deadline
    )
    labels = {p.period_label for p in component_progress}
    if rows:
        latest = rows[-1]
        as_of = latest.as_of
        current = latest.value
        if periodic:
            # Per-year targets compare the latest year only.
            period_label = _period_label(target, as_of)
            if quota:
                baseline = Decimal(0)
    elif (
        component_progress
        and components_same_unit
        and all(p.current is not None for p in component_progress)
        # Summing 2024's figure of one part with 2025's of another means nothing.
        and (not periodic or len(labels) == 1)
    ):
        current = sum(
            (p.current for p in component_progress if p.current is not None), Decimal(0)
        )
        as_of = max(p.as_of for p in component_progress if p.as_of)
        rolled_up = True
        if periodic:
            period_label = _period_label(target, as_of)
            if quota:
                baseline = Decimal(0)
    if current is None or as_of is None:
        return TargetProgress(
            None, None, baseline, target.value, None, None, None, None
        )
    fraction = _fraction(target, baseline, current)
    if quota:
        expected: float | None = _period_expected(target, as_of)
    else:
        expected = _linear_expected(path_start, target.deadline, as_of)
    on_pace = (
        None if expected is None or fraction is None else fraction + 1e-9 >= expected
    )
    percent = (
        None if fraction is None else int(round(min(max(fraction, 0.0), 1.0) * 100))
    )
    return TargetProgress(
        current=current,
        as_of=as_of,
        baseline=baseline,
        goal=target.value,
        fraction=fraction,
        percent=percent,
        expected_fraction=expected,
        on_pace=on_pace,
        rolled_up=rolled_up,
        period_label=period_label,
    )


def targets_progress(
    targets: Sequence[Target],
    measurements_by_target: Mapping[int, Sequence[Measurement]],
    *,
    start: date | None = None,
) -> dict[int, TargetProgress]:
    """Progress of a pledge's targets, components before the totals they roll up to."""
    by_id = {t.pk: t for t in targets}
    result: dict[int, TargetProgress] = {}
    visiting: set[int] = set()

    def compute(target: Target) -> TargetProgress:
        if target.pk in result:
            return result[target.pk]
        # A bad component_of loop must not recurse forever: ignore the back edge.
        visiting.add(target.pk)
        parts = [
            t
            for t in targets
            if t.component_of_id == target.pk and t.pk not in visiting
        ]
        part_progress = [compute(p) for p in parts]
        visiting.discard(target.pk)
        same_unit = bool(parts) and all(
            p.unit == target.unit
            and p.period == target.period
            and p.direction == target.direction
            for p in parts
        )
        result[target.pk] = target_progress(
            target,
            measurements_by_target.get(target.pk, ()),
            start=start,
            component_progress=part_progress,
            components_same_unit=same_unit,
        )
        return result[target.pk]

    for target in by_id.values():
        compute(target)
    return result
