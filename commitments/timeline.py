"""One timeline per pledge: status updates, measurements, amendments and new
citations, newest first. A constant number of queries whatever its length."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from commitments.models import Amendment, Citation, Measurement, Pledge, StatusUpdate


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "status", "official", "correction", "measurement", "amendment", "citation"
    at: datetime
    obj: Any


def pledge_timeline(*, pledge: Pledge) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    updates = StatusUpdate.objects.filter(pledge=pledge).select_related(
        "author", "evidence_source", "corrects"
    )
    for update in updates:
        kind = "official" if update.kind == StatusUpdate.Kind.OFFICIAL else "status"
        if update.corrects_id:
            kind = "correction"
        entries.append(TimelineEntry(kind, update.created_at, update))
    measurements = Measurement.objects.filter(target__pledge=pledge).select_related(
        "target", "author", "evidence_source", "corrects"
    )
    for measurement in measurements:
        kind = "correction" if measurement.corrects_id else "measurement"
        entries.append(TimelineEntry(kind, measurement.created_at, measurement))
    for amendment in Amendment.objects.filter(pledge=pledge).select_related("author"):
        entries.append(TimelineEntry("amendment", amendment.created_at, amendment))
    for citation in Citation.objects.filter(pledge=pledge).select_related("source"):
        entries.append(TimelineEntry("citation", citation.created_at, citation))
    entries.sort(key=lambda e: (e.at, e.obj.pk), reverse=True)
    return entries
