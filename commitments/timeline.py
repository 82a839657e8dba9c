"""One timeline per pledge: status updates, measurements, amendments and new
citations, newest first. A constant number of queries whatever its length.

Entries are dated by when the thing happened (`on`: a measurement's as-of
date, an amendment's date, a source's publication date), not by when we
entered it (`at`, shown second where it differs): a reader asks what happened
when, and the newsroom often records events weeks later."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from commitments.models import Amendment, Citation, Measurement, Pledge, StatusUpdate


@dataclass(frozen=True)
class TimelineEntry:
    # "status", "official", "correction", "measurement", "amendment", "citation"
    kind: str
    at: datetime
    obj: Any
    # For corrections: what was corrected ("status" or "measurement").
    of: str = ""
    # For an entry a later correction replaced: that correction (the original
    # stays on the record, shown as corrected, with the reason).
    corrected_by: Any = None
    # When it happened; verdicts and corrections happen when we make them.
    on: date | None = None

    @property
    def entered_on(self) -> date:
        return timezone.localdate(self.at)

    @property
    def happened_on(self) -> date:
        return self.on or self.entered_on

    @property
    def entered_later(self) -> bool:
        return self.entered_on != self.happened_on


def pledge_timeline(*, pledge: Pledge) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    updates = list(
        StatusUpdate.objects.filter(pledge=pledge).select_related(
            "author", "evidence_source", "corrects"
        )
    )
    update_fix = _latest_corrections(updates)
    for update in updates:
        kind = "official" if update.kind == StatusUpdate.Kind.OFFICIAL else "status"
        of = ""
        if update.corrects_id:
            kind, of = "correction", "status"
        entries.append(
            TimelineEntry(
                kind, update.created_at, update, of, update_fix.get(update.pk)
            )
        )
    measurements = list(
        Measurement.objects.filter(target__pledge=pledge).select_related(
            "target", "author", "evidence_source", "corrects"
        )
    )
    measurement_fix = _latest_corrections(measurements)
    for measurement in measurements:
        kind, of = (
            ("correction", "measurement")
            if measurement.corrects_id
            else ("measurement", "")
        )
        entries.append(
            TimelineEntry(
                kind,
                measurement.created_at,
                measurement,
                of,
                measurement_fix.get(measurement.pk),
                on=None if measurement.corrects_id else measurement.as_of,
            )
        )
    for amendment in Amendment.objects.filter(pledge=pledge).select_related("author"):
        entries.append(
            TimelineEntry(
                "amendment", amendment.created_at, amendment, on=amendment.changed_on
            )
        )
    for citation in Citation.objects.filter(pledge=pledge).select_related("source"):
        entries.append(
            TimelineEntry(
                "citation",
                citation.created_at,
                citation,
                on=citation.source.published_on,
            )
        )
    entries.sort(key=lambda e: (e.happened_on, e.at, e.kind, e.obj.pk), reverse=True)
    return entries


def _latest_corrections(rows: list[Any]) -> dict[int, Any]:
    """Original id → the newest correction pointing at it."""
    fixes: dict[int, Any] = {}
    for row in sorted(rows, key=lambda r: (r.created_at, r.pk)):
        if row.corrects_id:
            fixes[row.corrects_id] = row
    return fixes


def effective_status_updates(
    updates: Iterable[StatusUpdate],
) -> list[tuple[StatusUpdate, StatusUpdate]]:
    """(root, effective) pairs, oldest root first.

    `root` is the original update (its kind and time place it in the record);
    `effective` is the newest correction in its chain, or the root itself.
    """
    rows = {u.pk: u for u in updates}
    superseded = {u.corrects_id for u in rows.values() if u.corrects_id}
    pairs = []
    for row in rows.values():
        if row.pk in superseded:
            continue
        root = row
        seen = {root.pk}
        while root.corrects_id and root.corrects_id in rows:
            root = rows[root.corrects_id]
            if root.pk in seen:  # defensive: a cycle cannot be created here
                break
            seen.add(root.pk)
        pairs.append((root, row))
    pairs.sort(key=lambda p: (p[0].created_at, p[0].pk))
    return pairs


def latest_reports(updates: Iterable[StatusUpdate]) -> dict[str, StatusUpdate | None]:
    """The effective latest newsroom verdict and official self-report.

    A correction counts as the kind of the update it corrects, and sits where
    that original sits in time: correcting an old verdict does not make it the
    latest. Pure: pass prefetched rows (with `corrects_id`) and no query runs.
    """
    latest: dict[str, StatusUpdate | None] = {"newsroom": None, "official": None}
    for root, effective in effective_status_updates(updates):
        if root.kind == StatusUpdate.Kind.NEWSROOM:
            latest["newsroom"] = effective
        elif root.kind == StatusUpdate.Kind.OFFICIAL:
            latest["official"] = effective
    return latest
