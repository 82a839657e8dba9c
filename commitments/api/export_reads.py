"""The exports' reads: the whole record in chunks of plain rows.

An export touches every pledge, so it must not build model instances or run
the prefetch machinery (at 10k pledges that was ~105k instances and 72% of
the time). Each chunk is a keyset page of pledges (`id > last`, one index
range) plus one query per relation over the same id range, all through
`values_list()`: tuples, no models. Memory holds one chunk whatever the size
of the record. Timestamps come back as text (`IsoTimestamp`): Django loads
timestamptz values through a Python loader that alone cost more than the
rest of a CSV row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, cast

from django.db import connection
from django.db.models import Expression, F, Func, Max, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from commitments.models import (
    Citation,
    Measurement,
    Pledge,
    StatusUpdate,
    Target,
)
from commitments.progress import TargetProgress, targets_progress
from commitments.statuses import FINAL_STATUSES

Column = str | Expression


class IsoTimestamp(Func):
    """A timestamp as UTC text; `iso_text()` finishes it as `iso_datetime`
    writes it."""

    output_field = TextField()

    def __init__(self, name: str) -> None:
        super().__init__(F(name))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return Func.as_sql(
            self,
            compiler,
            connection,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC',"
            " 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
            **extra,
        )

    def as_sql(  # type: ignore[override]  # SQLite's form takes no template
        self, compiler: Any, connection: Any, **extra: Any
    ) -> Any:
        # SQLite stores UTC text already: 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
        return compiler.compile(Cast(self.source_expressions[0], TextField()))


def iso_text(value: str | None) -> str | None:
    """The database's UTC text as `caching.iso_datetime` writes it."""
    if value is None:
        return None
    value = value.replace(" ", "T", 1)
    if value.endswith(".000000"):
        value = value[:-7]
    return value + "Z"


def _select(queryset: Any, columns: dict[str, Column]) -> Iterator[dict[str, Any]]:
    """Rows of `queryset` as dicts keyed by the names of `columns`."""
    names = tuple(columns)
    rows = queryset.values_list(*columns.values())
    for row in rows:
        yield dict(zip(names, row, strict=True))


PLEDGE_COLUMNS: dict[str, Column] = {
    "id": "id",
    "public_id": "public_id",
    "slug": "slug",
    "title": "title",
    "title_en": "title_en",
    "status": "status",
    "official_status": "official_status",
    "owner_slug": "owner__slug",
    "owner_name": "owner__name",
    "owner_name_en": "owner__name_en",
    "made_on": "made_on",
    "deadline": "deadline",
    "deadline_precision": "deadline_precision",
    "is_stale": "is_stale",
    "has_disagreement": "has_disagreement",
    "updated_at": IsoTimestamp("updated_at"),
}
# What only the JSON export writes: long texts and the creation time.
PLEDGE_FULL_COLUMNS: dict[str, Column] = {
    "summary": "summary",
    "original_wording": "original_wording",
    "created_at": IsoTimestamp("created_at"),
}
TARGET_COLUMNS: dict[str, Column] = {
    name: name
    for name in (
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
}
VERDICT_KINDS = (StatusUpdate.Kind.NEWSROOM, StatusUpdate.Kind.CORRECTION)


class _TargetRow:
    """A target's plain fields under the names the progress functions read."""

    __slots__ = tuple(TARGET_COLUMNS) + ("pk",)

    def __init__(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self.pk = values["id"]


class _MeasurementRow:
    """A measurement's plain fields. `created_at` stands in for the timestamp:
    the progress functions only sort by `created_at.timestamp()`, and the rows
    arrive from SQL already in (as_of, created_at, id) order, so their
    position sorts the same."""

    __slots__ = ("pk", "value", "as_of", "corrects_id", "created_at", "_n")

    def __init__(
        self, pk: int, value: Any, as_of: date, corrects_id: int | None, n: int
    ) -> None:
        self.pk = pk
        self.value = value
        self.as_of = as_of
        self.corrects_id = corrects_id
        self.created_at = self
        self._n = n

    def timestamp(self) -> float:
        return float(self._n)


class PledgeRow:
    """One pledge and what the exports write about it."""

    __slots__ = (
        "values",
        "categories",
        "targets",
        "progress",
        "citations",
        "latest_update_at",
        "latest_update",
        "latest_verdict_at",
        "latest_measurement",
    )

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.categories: list[tuple[str, str, str]] = []
        self.targets: list[dict[str, Any]] = []
        self.progress: dict[int, TargetProgress] = {}
        self.citations: list[dict[str, Any]] = []
        self.latest_update_at: str | None = None
        self.latest_update: dict[str, Any] | None = None
        self.latest_verdict_at: str | None = None
        self.latest_measurement: dict[str, Any] | None = None

    @property
    def progress_percent(self) -> int | None:
        """The pledge's progress: the mean percent of its headline targets (not
        the components that roll up into them) that have a figure."""
        percents = [
            percent
            for t in self.targets
            if t["component_of_id"] is None
            and (percent := self.progress[t["id"]].percent) is not None
        ]
        if not percents:
            return None
        return round(sum(percents) / len(percents))


def _in_range(lo: int, hi: int, prefix: str = "pledge_id") -> Q:
    return Q(**{f"{prefix}__gte": lo, f"{prefix}__lte": hi})


def _categories(lo: int, hi: int, by_id: dict[int, PledgeRow]) -> None:
    through = Pledge.categories.through
    rows = (
        through.objects.filter(_in_range(lo, hi))
        .order_by("pledge_id", "category__slug")
        .values_list(
            "pledge_id", "category__slug", "category__name", "category__name_en"
        )
    )
    for pledge_id, slug, name, name_en in rows:
        if pledge_id in by_id:
            by_id[pledge_id].categories.append((slug, name, name_en))


def _measurements(lo: int, hi: int) -> dict[int, list[Measurement]]:
    rows = (
        Measurement.objects.filter(_in_range(lo, hi, "target__pledge_id"))
        .order_by("target_id", "as_of", "created_at", "id")
        .values_list("id", "target_id", "value", "as_of", "corrects_id")
    )
    by_target: dict[int, list[Measurement]] = defaultdict(list)
    for n, (pk, target_id, value, as_of, corrects_id) in enumerate(rows):
        row = _MeasurementRow(pk, value, as_of, corrects_id, n)
        by_target[target_id].append(cast(Measurement, row))
    return by_target


def _targets(lo: int, hi: int, by_id: dict[int, PledgeRow]) -> None:
    """Attach targets, their progress and the latest figure to each pledge."""
    queryset = Target.objects.filter(_in_range(lo, hi)).order_by(
        "pledge_id", "position", "id"
    )
    for target in _select(queryset, TARGET_COLUMNS):
        row = by_id.get(target["pledge_id"])
        if row is not None:
            row.targets.append(target)
    if not any(row.targets for row in by_id.values()):
        return
    measurements = _measurements(lo, hi)
    for row in by_id.values():
        if row.targets:
            _progress(row, measurements)


def _progress(row: PledgeRow, measurements: dict[int, list[Measurement]]) -> None:
    targets = [cast(Target, _TargetRow(t)) for t in row.targets]
    row.progress = targets_progress(
        targets,
        {t["id"]: measurements.get(t["id"], []) for t in row.targets},
        start=row.values["made_on"],
    )
    # The latest figure reported for any of its targets (a correction stands
    # in for what it corrects, as on the pages); the first target wins a tie.
    best: tuple[date, int] | None = None
    for target in row.targets:
        p = row.progress[target["id"]]
        if p.as_of is None or p.current is None or p.rolled_up:
            continue
        key = (p.as_of, -target["position"])
        if best is None or key > best:
            best = key
            row.latest_measurement = {
                "value": p.current,
                "as_of": p.as_of,
                "metric": target["metric"],
                "unit": target["unit"],
                "target_position": target["position"],
            }


def _update_dates(lo: int, hi: int, by_id: dict[int, PledgeRow]) -> None:
    """When each pledge was last updated, and when it last had a verdict."""
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
    for pledge_id, latest, verdict in rows.values_list(
        "pledge_id", IsoTimestamp("latest"), IsoTimestamp("verdict")
    ):
        row = by_id.get(pledge_id)
        if row is not None:
            row.latest_update_at = iso_text(latest)
            row.latest_verdict_at = iso_text(verdict)


UPDATE_COLUMNS: dict[str, Column] = {
    "pledge_id": "pledge_id",
    "public_id": "public_id",
    "kind": "kind",
    "status": "status",
    "previous_status": "previous_status",
    "note": "note",
    "evidence_url": "evidence_url",
    "created_at": IsoTimestamp("created_at"),
}


def _latest_updates(lo: int, hi: int, by_id: dict[int, PledgeRow]) -> None:
    """The newest update of each pledge, whole (the JSON export shows it)."""
    queryset = StatusUpdate.objects.filter(_in_range(lo, hi)).order_by(
        "pledge_id", "-created_at", "-id"
    )
    if connection.vendor == "postgresql":
        # One row per pledge, walked through the (pledge, ...) index.
        rows: Iterable[dict[str, Any]] = _select(
            queryset.distinct("pledge_id"), UPDATE_COLUMNS
        )
    else:
        rows = _select(queryset, UPDATE_COLUMNS)
    for update in rows:
        row = by_id.get(update["pledge_id"])
        if row is not None and row.latest_update is None:
            update["created_at"] = iso_text(update["created_at"])
            row.latest_update = update


def _citations(lo: int, hi: int, by_id: dict[int, PledgeRow]) -> None:
    rows = (
        Citation.objects.filter(_in_range(lo, hi))
        .order_by("pledge_id", "created_at", "id")
        .values_list(
            "pledge_id",
            "source__url",
            "source__publisher",
            "source__published_on",
            "source__title",
            "quote",
        )
    )
    for pledge_id, url, publisher, published_on, title, quote in rows:
        row = by_id.get(pledge_id)
        if row is not None:
            row.citations.append(
                {
                    "url": url,
                    "publisher": publisher,
                    "published_on": published_on,
                    "title": title,
                    "quote": quote,
                }
            )


def pledge_chunks(*, chunk_size: int, full: bool) -> Iterator[list[PledgeRow]]:
    """Every pledge in id order, `chunk_size` at a time, with its relations.

    `full` adds what only the JSON export writes: the long texts, citations
    and the latest update whole.
    """
    columns = {**PLEDGE_COLUMNS, **(PLEDGE_FULL_COLUMNS if full else {})}
    # Overdue as everywhere else (`Pledge.is_overdue_on`): against today,
    # not the stored flag, which the daily job refreshes a day late.
    today = timezone.localdate()
    last = 0
    while True:
        page = Pledge.objects.filter(pk__gt=last).order_by("pk")[:chunk_size]
        rows = [PledgeRow(values) for values in _select(page, columns)]
        if not rows:
            return
        for row in rows:
            p = row.values
            p["is_overdue"] = bool(
                p["deadline"]
                and p["deadline"] < today
                and p["status"] not in FINAL_STATUSES
            )
            p["updated_at"] = iso_text(p["updated_at"])
            if full:
                row.values["created_at"] = iso_text(row.values["created_at"])
        by_id = {row.values["id"]: row for row in rows}
        lo, hi = rows[0].values["id"], rows[-1].values["id"]
        _categories(lo, hi, by_id)
        _targets(lo, hi, by_id)
        _update_dates(lo, hi, by_id)
        if full:
            _latest_updates(lo, hi, by_id)
            _citations(lo, hi, by_id)
        yield rows
        last = hi


MEASUREMENT_COLUMNS: dict[str, Column] = {
    "id": "id",
    "public_id": "public_id",
    "pledge_public_id": "target__pledge__public_id",
    "pledge_slug": "target__pledge__slug",
    "pledge_title": "target__pledge__title",
    "pledge_title_en": "target__pledge__title_en",
    "target_position": "target__position",
    "target_metric": "target__metric",
    "target_unit": "target__unit",
    "target_value": "target__value",
    "value": "value",
    "as_of": "as_of",
    "note": "note",
    "evidence_url": "evidence_url",
    "corrects": "corrects__public_id",
    "correction_reason": "correction_reason",
    "created_at": IsoTimestamp("created_at"),
}


def measurement_chunks(*, chunk_size: int) -> Iterator[list[dict[str, Any]]]:
    """Every measurement in id order (corrections included, each naming the
    row it corrects), `chunk_size` at a time."""
    last = 0
    while True:
        page = Measurement.objects.filter(pk__gt=last).order_by("pk")[:chunk_size]
        rows = list(_select(page, MEASUREMENT_COLUMNS))
        if not rows:
            return
        for row in rows:
            row["created_at"] = iso_text(row["created_at"])
        yield rows
        last = rows[-1]["id"]
