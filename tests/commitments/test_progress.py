"""Progress and on-pace arithmetic (commitments.progress): pure functions over
unsaved model instances, so no database is needed."""

from datetime import date, datetime
from decimal import Decimal
from itertools import count

from hypothesis import assume, given
from hypothesis import strategies as st

from commitments.models import Measurement, Target
from commitments.progress import (
    effective_measurements,
    target_progress,
    targets_progress,
)

_ids = count(1)


def target(**kwargs: object) -> Target:
    fields = {
        "pk": next(_ids),
        "metric": "Homes",
        "value": Decimal(100),
        "unit": "호",
        "period": Target.Period.NONE,
        "direction": Target.Direction.INCREASE,
    }
    fields.update(kwargs)
    return Target(**fields)


def measured(
    value: object, as_of: date, *, corrects: Measurement | None = None
) -> Measurement:
    pk = next(_ids)
    return Measurement(
        pk=pk,
        value=Decimal(str(value)),
        as_of=as_of,
        corrects_id=corrects.pk if corrects else None,
        created_at=datetime(2020, 1, 1).astimezone() if pk % 2 else None,
    )


def test_progress_runs_from_baseline_to_target():
    t = target(value=Decimal(200), baseline_value=Decimal(100))
    p = target_progress(t, [measured(150, date(2024, 1, 1))])
    assert p.fraction == 0.5
    assert p.percent == 50
    assert p.current == Decimal(150)


def test_no_measurement_means_no_progress_and_no_pace_verdict():
    p = target_progress(target(), [])
    assert p.current is None and p.fraction is None and p.on_pace is None


def test_the_latest_measurement_by_date_counts_not_the_latest_entered():
    t = target()
    later = measured(80, date(2024, 6, 1))
    earlier = measured(30, date(2023, 1, 1))
    p = target_progress(t, [later, earlier])
    assert p.current == Decimal(80)


def test_percent_is_clamped_for_bars_but_fraction_is_not():
    t = target(value=Decimal(100))
    p = target_progress(t, [measured(150, date(2024, 1, 1))])
    assert p.fraction == 1.5 and p.percent == 100
    worse = target(value=Decimal(100), baseline_value=Decimal(50))
    q = target_progress(worse, [measured(25, date(2024, 1, 1))])
    assert q.fraction == -0.5 and q.percent == 0


def test_on_pace_follows_the_straight_path_from_baseline_date_to_deadline():
    t = target(
        value=Decimal(100),
        baseline_value=Decimal(0),
        baseline_date=date(2020, 1, 1),
        deadline=date(2030, 1, 1),
    )
    # Just under halfway in time (1826 of 3653 days): 50 is on pace, 40 is
    # not, and a day later 50 is a hair behind.
    on = target_progress(t, [measured(50, date(2024, 12, 31))])
    behind = target_progress(t, [measured(40, date(2024, 12, 31))])
    assert on.on_pace is True
    assert behind.on_pace is False
    assert abs(on.expected_fraction - 1826 / 3653) < 1e-9
    assert target_progress(t, [measured(50, date(2025, 1, 1))]).on_pace is False


def test_on_pace_starts_from_the_pledge_date_when_the_target_has_no_baseline_date():
    t = target(value=Decimal(100), deadline=date(2030, 1, 1))
    p = target_progress(t, [measured(10, date(2025, 1, 1))], start=date(2020, 1, 1))
    assert p.on_pace is False
    assert target_progress(t, [measured(10, date(2025, 1, 1))]).on_pace is None


def test_after_the_deadline_only_the_full_target_is_on_pace():
    t = target(
        value=Decimal(100), baseline_date=date(2020, 1, 1), deadline=date(2022, 1, 1)
    )
    assert target_progress(t, [measured(99, date(2023, 1, 1))]).on_pace is False
    assert target_progress(t, [measured(100, date(2023, 1, 1))]).on_pace is True


def test_decreasing_targets_count_progress_downward():
    # Emissions: 50 Mt in 2020 down to 30 Mt by 2030.
    t = target(
        value=Decimal(30),
        baseline_value=Decimal(50),
        baseline_date=date(2020, 1, 1),
        deadline=date(2030, 1, 1),
        direction=Target.Direction.DECREASE,
        unit="Mt",
    )
    p = target_progress(t, [measured(40, date(2024, 12, 31))])
    assert p.fraction == 0.5
    assert p.on_pace is True
    rising = target_progress(t, [measured(55, date(2025, 1, 1))])
    assert rising.fraction == -0.25 and rising.percent == 0 and rising.on_pace is False


def test_a_decrease_without_a_baseline_is_reached_or_not():
    t = target(value=Decimal(30), direction=Target.Direction.DECREASE)
    assert target_progress(t, [measured(25, date(2024, 1, 1))]).fraction == 1.0
    assert target_progress(t, [measured(35, date(2024, 1, 1))]).fraction == 0.0


def test_per_year_targets_compare_the_latest_year_only():
    t = target(value=Decimal(10000), period=Target.Period.PER_YEAR, unit="명")
    rows = [measured(12000, date(2023, 12, 31)), measured(5000, date(2024, 6, 30))]
    p = target_progress(t, rows)
    assert p.period_label == "2024"
    assert p.current == Decimal(5000)
    assert p.fraction == 0.5
    # 2024-06-30 is day 182 of 366: half the quota by then is (just) on pace.
    assert abs(p.expected_fraction - 182 / 366) < 1e-9
    assert p.on_pace is True


def test_a_full_year_below_quota_is_behind():
    t = target(value=Decimal(10000), period=Target.Period.PER_YEAR)
    p = target_progress(t, [measured(9000, date(2023, 12, 31))])
    assert p.expected_fraction == 1.0 and p.on_pace is False


def test_per_year_level_with_baseline_and_deadline_uses_the_straight_path():
    t = target(
        value=Decimal(30),
        baseline_value=Decimal(50),
        baseline_date=date(2020, 1, 1),
        deadline=date(2030, 1, 1),
        direction=Target.Direction.DECREASE,
        period=Target.Period.PER_YEAR,
    )
    p = target_progress(t, [measured(45, date(2025, 1, 1))])
    assert p.baseline == Decimal(50)
    assert p.fraction == 0.25
    assert p.on_pace is False
    assert p.period_label == "2025"


def test_per_month_quota_uses_the_share_of_the_month():
    t = target(value=Decimal(31), period=Target.Period.PER_MONTH)
    p = target_progress(t, [measured(10, date(2024, 12, 10))])
    assert p.period_label == "2024-12"
    assert abs(p.expected_fraction - 10 / 31) < 1e-9
    feb = target_progress(
        target(value=Decimal(29), period=Target.Period.PER_MONTH),
        [measured(29, date(2024, 2, 29))],
    )
    assert feb.expected_fraction == 1.0 and feb.on_pace is True


def test_a_correction_replaces_the_measurement_it_corrects():
    original = measured(90, date(2024, 1, 1))
    fixed = measured(60, date(2024, 1, 1), corrects=original)
    assert effective_measurements([original, fixed]) == [fixed]
    assert target_progress(target(), [original, fixed]).current == Decimal(60)


def test_a_chain_of_corrections_leaves_only_the_last():
    a = measured(90, date(2024, 1, 1))
    b = measured(60, date(2024, 1, 1), corrects=a)
    c = measured(70, date(2024, 1, 1), corrects=b)
    assert effective_measurements([c, a, b]) == [c]


def test_components_roll_up_to_their_total_when_units_agree():
    total = target(value=Decimal(10000))
    part_a = target(value=Decimal(4000), component_of_id=total.pk)
    part_b = target(value=Decimal(6000), component_of_id=total.pk)
    progress = targets_progress(
        [total, part_a, part_b],
        {
            part_a.pk: [measured(2000, date(2024, 1, 1))],
            part_b.pk: [measured(3000, date(2024, 3, 1))],
        },
    )
    assert progress[total.pk].rolled_up is True
    assert progress[total.pk].current == Decimal(5000)
    assert progress[total.pk].as_of == date(2024, 3, 1)
    assert progress[total.pk].fraction == 0.5


def test_components_do_not_roll_up_when_units_differ():
    total = target(value=Decimal(10000), unit="호")
    part_a = target(value=Decimal(4000), unit="억원", component_of_id=total.pk)
    progress = targets_progress(
        [total, part_a], {part_a.pk: [measured(2000, date(2024, 1, 1))]}
    )
    assert progress[total.pk].current is None
    assert progress[total.pk].rolled_up is False


def test_components_do_not_roll_up_until_every_part_is_measured():
    total = target(value=Decimal(10000))
    part_a = target(value=Decimal(4000), component_of_id=total.pk)
    part_b = target(value=Decimal(6000), component_of_id=total.pk)
    progress = targets_progress(
        [total, part_a, part_b], {part_a.pk: [measured(2000, date(2024, 1, 1))]}
    )
    assert progress[total.pk].current is None


def test_yearly_components_of_different_years_do_not_roll_up():
    total = target(value=Decimal(100), period=Target.Period.PER_YEAR)
    a = target(
        value=Decimal(40), period=Target.Period.PER_YEAR, component_of_id=total.pk
    )
    b = target(
        value=Decimal(60), period=Target.Period.PER_YEAR, component_of_id=total.pk
    )
    mixed = targets_progress(
        [total, a, b],
        {
            a.pk: [measured(40, date(2023, 12, 31))],
            b.pk: [measured(10, date(2024, 2, 1))],
        },
    )
    assert mixed[total.pk].current is None
    same = targets_progress(
        [total, a, b],
        {
            a.pk: [measured(40, date(2024, 12, 31))],
            b.pk: [measured(10, date(2024, 2, 1))],
        },
    )
    assert same[total.pk].current == Decimal(50)
    assert same[total.pk].period_label == "2024"


def test_a_total_with_its_own_measurement_ignores_its_components():
    total = target(value=Decimal(10000))
    part = target(value=Decimal(4000), component_of_id=total.pk)
    progress = targets_progress(
        [total, part],
        {
            total.pk: [measured(7000, date(2024, 1, 1))],
            part.pk: [measured(1, date(2024, 1, 1))],
        },
    )
    assert progress[total.pk].current == Decimal(7000)
    assert progress[total.pk].rolled_up is False


def test_a_component_loop_does_not_recurse_forever():
    a = target()
    b = target(component_of_id=a.pk)
    a.component_of_id = b.pk
    progress = targets_progress([a, b], {})
    assert set(progress) == {a.pk, b.pk}


# --- Properties ----------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(baseline=amounts, goal=amounts, current=amounts)
def test_percent_is_always_between_0_and_100(baseline, goal, current):
    for direction in Target.Direction.values:
        t = target(value=goal, baseline_value=baseline, direction=direction)
        p = target_progress(t, [measured(current, date(2024, 1, 1))])
        assert p.percent is not None and 0 <= p.percent <= 100


@given(baseline=amounts, goal=amounts, a=amounts, b=amounts)
def test_moving_toward_the_goal_never_lowers_progress(baseline, goal, a, b):
    assume(goal != baseline)
    direction = (
        Target.Direction.INCREASE if goal > baseline else Target.Direction.DECREASE
    )
    t = target(value=goal, baseline_value=baseline, direction=direction)
    low, high = sorted([a, b])
    nearer, farther = (high, low) if direction == "increase" else (low, high)
    p_near = target_progress(t, [measured(nearer, date(2024, 1, 1))])
    p_far = target_progress(t, [measured(farther, date(2024, 1, 1))])
    assert p_near.fraction >= p_far.fraction


@given(start=days, span=st.integers(min_value=1, max_value=20000), when=days)
def test_expected_share_of_the_straight_path_is_between_0_and_1(start, span, when):
    from datetime import timedelta

    t = target(baseline_date=start, deadline=start + timedelta(days=span))
    p = target_progress(t, [measured(1, when)])
    assert 0.0 <= p.expected_fraction <= 1.0
    # Reaching the goal is always on pace, whatever the date.
    done = target_progress(t, [measured(t.value, when)])
    assert done.on_pace is True


@given(when=days, value=amounts)
def test_per_year_expected_share_is_within_the_year(when, value):
    t = target(period=Target.Period.PER_YEAR)
    p = target_progress(t, [measured(value, when)])
    assert 0.0 < p.expected_fraction <= 1.0
    assert p.period_label == str(when.year)
