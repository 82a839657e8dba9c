"""The exports' reads: the whole record in chunks of plain rows.

An export touches every pledge, so it must not build model instances or run
the prefetch machinery (at 10k pledges that was ~105k instances and 72% of
the time). Each chunk is a keyset page of pledges (`id > last`, one index
range) plus one query per relation over the same id range, all through
`values_list()`: tuples, no models and no per-row dicts; the formats read
them by position (the `P_*` indexes below). Memory holds one chunk whatever
the size of the record.

What is only written out comes from SQL already as the text the export
writes: timestamps (`IsoTimestamp`; Django loads timestamptz values through a
Python loader that alone cost more than the rest of a CSV row) and public
ids (`UuidText`). Values the progress rules compute with (dates, decimals)
stay typed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple, cast

from django.db.models import Expression, Max, Q
from django.utils import timezone

from commitments.api.document_reads import document_rows_after
from commitments.api.export_sql import IsoTimestamp, UuidText, batches, one_chunk
from commitments.api.pledge_documents import pledge_documents
from commitments.api.representations import Links
from commitments.models import Measurement, Pledge, StatusUpdate, Target
from commitments.progress import TargetProgress, targets_progress
from commitments.statuses import FINAL_STATUSES

Column = str | Expression


def _tuples(queryset: Any, columns: tuple[Column, ...]) -> list[tuple]:
    return list(queryset.values_list(*columns))


# A pledge row, by position.
PLEDGE_COLUMNS: tuple[Column, ...] = (
    "id",
    UuidText("public_id"),
    "slug",
    "title",
    "title_en",
    "status",
    "official_status",
    "owner__slug",
    "owner__name",
    "owner__name_en",
    "made_on",
    "deadline",
    "deadline_precision",
    "is_stale",
    "has_disagreement",
    IsoTimestamp("updated_at"),
)
(
    P_ID,
    P_PUBLIC_ID,
    P_SLUG,
    P_TITLE,
    P_TITLE_EN,
    P_STATUS,
    P_OFFICIAL_STATUS,
    P_OWNER_SLUG,
    P_OWNER_NAME,
    P_OWNER_NAME_EN,
    P_MADE_ON,
    P_DEADLINE,
    P_DEADLINE_PRECISION,
    P_IS_STALE,
    P_HAS_DISAGREEMENT,
    P_UPDATED_AT,
) = range(len(PLEDGE_COLUMNS))
TARGET_COLUMNS: tuple[Column, ...] = (
    "id",
    "pledge_id",
    "position",
    "metric",
    "value",
    "unit",
    "period",
    "direction",
    "baseline_value",
    "baseline_date",
    "deadline",
    "deadline_precision",
    "text",
    "component_of_id",
)
(
    T_ID,
    T_PLEDGE_ID,
    T_POSITION,
    T_METRIC,
    T_VALUE,
    T_UNIT,
    T_PERIOD,
    T_DIRECTION,
    T_BASELINE_VALUE,
    T_BASELINE_DATE,
    T_DEADLINE,
    T_DEADLINE_PRECISION,
    T_TEXT,
    T_COMPONENT_OF_ID,
) = range(len(TARGET_COLUMNS))
VERDICT_KINDS = (StatusUpdate.Kind.NEWSROOM, StatusUpdate.Kind.CORRECTION)


class _TargetRow:
    """A target's plain fields under the names the progress functions read."""

    __slots__ = (
        "pk",
        "value",
        "unit",
        "period",
        "direction",
        "baseline_value",
        "baseline_date",
        "deadline",
        "component_of_id",
    )

    def __init__(self, t: tuple) -> None:
        self.pk = t[T_ID]
        self.value = t[T_VALUE]
        self.unit = t[T_UNIT]
        self.period = t[T_PERIOD]
        self.direction = t[T_DIRECTION]
        self.baseline_value = t[T_BASELINE_VALUE]
        self.baseline_date = t[T_BASELINE_DATE]
        self.deadline = t[T_DEADLINE]
        self.component_of_id = t[T_COMPONENT_OF_ID]


class _Position(float):
    """Stands in for a measurement's `created_at`: the progress functions only
    sort by `created_at.timestamp()`, and the rows arrive from SQL already in
    (as_of, created_at, id) order, so their position sorts the same."""

    __slots__ = ()
    timestamp = float.__float__


class _MeasurementRow:
    """A measurement's plain fields."""

    __slots__ = ("pk", "value", "as_of", "corrects_id", "created_at")

    def __init__(
        self, pk: int, value: Any, as_of: date, corrects_id: int | None, n: int
    ) -> None:
        self.pk = pk
        self.value = value
        self.as_of = as_of
        self.corrects_id = corrects_id
        self.created_at = _Position(n)


class TargetFigure(NamedTuple):
    """What the pledge-level figures read of one target's progress."""

    headline: bool  # not a component rolling up into another target
    percent: int | None
    as_of: Any  # a date, or its ISO text: compared only with its own kind
    current: Any
    rolled_up: bool
    position: int
    metric: str
    unit: str


def pledge_figures(
    targets: Iterable[TargetFigure],
) -> tuple[int | None, dict[str, Any] | None]:
    """A pledge's percent, the mean of its headline targets' that have a
    figure; and the latest figure reported for any target (a correction
    stands in for what it corrects, as on the pages; the first target wins a
    tie). One rule for the CSV (from rows) and the JSON (from API bodies)."""
    percents = []
    latest: dict[str, Any] | None = None
    best: tuple[Any, int] | None = None
    for t in targets:
        if t.headline and t.percent is not None:
            percents.append(t.percent)
        if t.as_of is None or t.current is None or t.rolled_up:
            continue
        key = (t.as_of, -t.position)
        if best is None or key > best:
            best = key
            latest = {
                "value": t.current,
                "as_of": t.as_of,
                "metric": t.metric,
                "unit": t.unit,
                "target_position": t.position,
            }
    return (round(sum(percents) / len(percents)) if percents else None), latest


class PledgeProgress:
    """A pledge's progress: per target, the pledge's percent, and the latest
    figure reported for any of its targets (`pledge_figures`)."""

    __slots__ = ("targets", "percent", "latest_measurement")

    def __init__(self, targets: list[tuple], progress: dict[int, TargetProgress]):
        self.targets = progress
        self.percent, self.latest_measurement = pledge_figures(
            TargetFigure(
                headline=t[T_COMPONENT_OF_ID] is None,
                percent=(p := progress[t[T_ID]]).percent,
                as_of=p.as_of,
                current=p.current,
                rolled_up=p.rolled_up,
                position=t[T_POSITION],
                metric=t[T_METRIC],
                unit=t[T_UNIT],
            )
            for t in targets
        )


NO_PROGRESS = PledgeProgress([], {})


class PledgeChunk:
    """Up to a chunk of pledges (`rows`, by position) and, by pledge id, what
    the exports write about them. A pledge missing from a map has none."""

    __slots__ = (
        "rows",
        "categories",
        "targets",
        "progress",
        "update_dates",
    )

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows
        self.categories: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        self.targets: dict[int, list[tuple]] = defaultdict(list)
        self.progress: dict[int, PledgeProgress] = {}
        # (latest update's time, latest verdict's time), as text.
        self.update_dates: dict[int, tuple[str | None, str | None]] = {}


def is_overdue(p: tuple, today: date) -> bool:
    """`Pledge.is_overdue_on` for a pledge row."""
    deadline = p[P_DEADLINE]
    return bool(deadline and deadline < today and p[P_STATUS] not in FINAL_STATUSES)


def _in_range(lo: int, hi: int, prefix: str = "pledge_id") -> Q:
    return Q(**{f"{prefix}__gte": lo, f"{prefix}__lte": hi})


def _categories(lo: int, hi: int, chunk: PledgeChunk) -> None:
    through = Pledge.categories.through
    rows = (
        through.objects.filter(_in_range(lo, hi))
        .order_by("pledge_id", "category__slug")
        .values_list(
            "pledge_id", "category__slug", "category__name", "category__name_en"
        )
    )
    categories = chunk.categories
    for pledge_id, slug, name, name_en in rows:
        categories[pledge_id].append((slug, name, name_en))


def _measurements(target_ids: list[int]) -> dict[int, list[Measurement]]:
    """The chunk's measurements by target, by the targets' ids: a join on the
    pledge range made the planner scan every measurement for each chunk
    (time per chunk grew with the record)."""
    by_target: dict[int, list[Measurement]] = defaultdict(list)
    n = 0
    for ids in batches(target_ids):
        rows = (
            Measurement.objects.filter(target_id__in=ids)
            .order_by("target_id", "as_of", "created_at", "id")
            .values_list("id", "target_id", "value", "as_of", "corrects_id")
        )
        for pk, target_id, value, as_of, corrects_id in rows:
            row = _MeasurementRow(pk, value, as_of, corrects_id, n)
            by_target[target_id].append(cast(Measurement, row))
            n += 1
    return by_target


def _targets(lo: int, hi: int, chunk: PledgeChunk, made_on: dict[int, Any]) -> None:
    """Attach targets and their progress to each pledge that has some."""
    queryset = Target.objects.filter(_in_range(lo, hi)).order_by(
        "pledge_id", "position", "id"
    )
    targets = chunk.targets
    rows = _tuples(queryset, TARGET_COLUMNS)
    for target in rows:
        targets[target[T_PLEDGE_ID]].append(target)
    if not targets:
        return
    measurements = _measurements([t[T_ID] for t in rows])
    none: list[Measurement] = []
    for pledge_id, own in targets.items():
        progress = targets_progress(
            [cast(Target, _TargetRow(t)) for t in own],
            {t[T_ID]: measurements.get(t[T_ID], none) for t in own},
            start=made_on[pledge_id],
        )
        chunk.progress[pledge_id] = PledgeProgress(own, progress)


def update_dates(lo: int, hi: int) -> dict[int, tuple[str | None, str | None]]:
    """By pledge id: when it was last updated, and when it last had a
    verdict (as text)."""
    rows = (
        StatusUpdate.objects.filter(_in_range(lo, hi))
        .values("pledge_id")
        .order_by("pledge_id")
        .annotate(
            latest=Max("created_at"),
            verdict=Max("created_at", filter=Q(kind__in=VERDICT_KINDS)),
        )
    )
    # Only the two maxima are loaded, and as text (see IsoTimestamp).
    return {
        pledge_id: (latest, verdict)
        for pledge_id, latest, verdict in rows.values_list(
            "pledge_id", IsoTimestamp("latest"), IsoTimestamp("verdict")
        )
    }


def pledge_chunks(*, chunk_size: int) -> Iterator[PledgeChunk]:
    """Every pledge in id order, `chunk_size` at a time, with what the CSV
    export writes about it."""
    last = 0
    while True:
        with one_chunk():
            page = Pledge.objects.filter(pk__gt=last).order_by("pk")[:chunk_size]
            rows = _tuples(page, PLEDGE_COLUMNS)
            if not rows:
                return
            chunk = PledgeChunk(rows)
            lo, hi = rows[0][P_ID], rows[-1][P_ID]
            _categories(lo, hi, chunk)
            _targets(lo, hi, chunk, {p[P_ID]: p[P_MADE_ON] for p in rows})
            chunk.update_dates = update_dates(lo, hi)
        yield chunk
        last = hi


def document_chunks(
    *, chunk_size: int, links: Links
) -> Iterator[tuple[list[dict[str, Any]], list[bytes], dict[int, str | None]]]:
    """Every pledge in id order, `chunk_size` at a time, as the read API's
    bodies (`pledge_documents`: stored ones where they match the pledge,
    built and stored where not), with the time of each one's latest verdict."""
    last = 0
    while True:
        with one_chunk():
            rows = document_rows_after(last, chunk_size)
            if not rows:
                return
            bodies = pledge_documents(rows, links)
            lo, hi = rows[0]["id"], rows[-1]["id"]
            verdicts = {
                pk: verdict for pk, (_, verdict) in update_dates(lo, hi).items()
            }
        yield rows, bodies, verdicts
        last = hi


def today() -> date:
    # Overdue as everywhere else (`Pledge.is_overdue_on`): against today,
    # not the stored flag, which the daily job refreshes a day late.
    return timezone.localdate()


MEASUREMENT_COLUMNS: tuple[Column, ...] = (
    UuidText("public_id"),
    UuidText("target__pledge__public_id"),
    "target__pledge__slug",
    "target__pledge__title",
    "target__pledge__title_en",
    "target__position",
    "target__metric",
    "target__unit",
    "target__value",
    "value",
    "as_of",
    "note",
    "evidence_url",
    UuidText("corrects__public_id"),
    "correction_reason",
    IsoTimestamp("created_at"),
    "id",
)
(
    M_PUBLIC_ID,
    M_PLEDGE_PUBLIC_ID,
    M_PLEDGE_SLUG,
    M_PLEDGE_TITLE,
    M_PLEDGE_TITLE_EN,
    M_TARGET_POSITION,
    M_TARGET_METRIC,
    M_TARGET_UNIT,
    M_TARGET_VALUE,
    M_VALUE,
    M_AS_OF,
    M_NOTE,
    M_EVIDENCE_URL,
    M_CORRECTS,
    M_CORRECTION_REASON,
    M_CREATED_AT,
    M_ID,
) = range(len(MEASUREMENT_COLUMNS))


def measurement_chunks(*, chunk_size: int) -> Iterator[list[tuple]]:
    """Every measurement in id order (corrections included, each naming the
    row it corrects), `chunk_size` at a time, as rows by position (`M_*`)."""
    last = 0
    while True:
        with one_chunk():
            page = Measurement.objects.filter(pk__gt=last).order_by("pk")
            rows = _tuples(page[:chunk_size], MEASUREMENT_COLUMNS)
        if not rows:
            return
        yield rows
        last = rows[-1][M_ID]
