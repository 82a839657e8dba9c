"""Progress on a pledge's row in a list (home, the list, a category): the
lead target's progress bar, from `commitments.progress`.

The lead target is the first top-level target (by position) that has a
measurement, else the first top-level target. Progress is attached to the
pledges as `row_progress`; pledges without targets get None and their row
shows none.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.safestring import SafeString

from commitments.models import Measurement, Pledge, Target
from commitments.pages import charts
from commitments.progress import TargetProgress, targets_progress


@dataclass(frozen=True)
class RowProgress:
    target: Target
    progress: TargetProgress
    bar: SafeString | None  # None while the target has no measurement
    others: int  # the pledge's other top-level targets


def with_progress(pledges: Sequence[Pledge]) -> Sequence[Pledge]:
    """Set `row_progress` on each pledge. Two queries whatever the number of
    pledges (targets, then their measurements); targets a selector already
    prefetched are not fetched again."""
    prefetch_related_objects(
        list(pledges),
        Prefetch("targets", queryset=Target.objects.order_by("position", "id")),
        Prefetch(
            "targets__measurements",
            queryset=Measurement.objects.order_by("as_of", "id"),
        ),
    )
    for pledge in pledges:
        pledge.row_progress = lead_progress(pledge)  # type: ignore[attr-defined]
    return pledges


def lead_progress(pledge: Pledge) -> RowProgress | None:
    targets = list(pledge.targets.all())
    top = [t for t in targets if t.component_of_id is None] or targets
    if not top:
        return None
    progress = targets_progress(
        targets,
        {t.pk: list(t.measurements.all()) for t in targets},
        start=pledge.made_on,
    )
    lead = next((t for t in top if progress[t.pk].percent is not None), top[0])
    prog = progress[lead.pk]
    bar = (
        charts.progress_bar(prog.percent, prog.expected_fraction)
        if prog.percent is not None
        else None
    )
    return RowProgress(target=lead, progress=prog, bar=bar, others=len(top) - 1)
