"""What the Atom feeds carry: one stream of entries, newest first, merged by
date from every kind of change to the record: new pledges, verdicts and
official self-reports, measurements, corrections (of a verdict, of a
measurement, and public newsroom edits) and official amendments.

Each kind is fetched newest first and bounded, so a feed takes five queries
whatever the size of the record. Entry ids are stable: the row's public UUID
where it has one, else a UUID derived from the row's kind and key.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet

from commitments.models import Amendment, Measurement, Pledge, PledgeEdit, StatusUpdate
from commitments.statuses import status_label

# Never change it: ids derived from it are what feed readers remember.
ENTRY_NAMESPACE = uuid.UUID("6f1d2c4e-9a57-4f0e-8d0b-2f7c1e5a9b31")

TEXT = {
    "ko": {
        "pledge": "새 공약: {pledge}",
        "status": "{pledge}: {previous} → {status}",
        "official": "(공식 발표) {pledge}: {previous} → {status}",
        "status_correction": "(정정) {pledge}: {previous} → {status}",
        "measurement": "{pledge}: {metric} {value}{unit} ({date} 기준)",
        "measurement_correction": "(정정) {pledge}: {metric} {value}{unit} ({date} 기준)",
        "edit": "(정정) {pledge}: 기록 수정",
        "amendment": "{pledge}: 공약 변경 ({date})",
    },
    "en": {
        "pledge": "New pledge: {pledge}",
        "status": "{pledge}: {previous} → {status}",
        "official": "(official claim) {pledge}: {previous} → {status}",
        "status_correction": "(correction) {pledge}: {previous} → {status}",
        "measurement": "{pledge}: {metric} {value}{unit} (as of {date})",
        "measurement_correction": (
            "(correction) {pledge}: {metric} {value}{unit} (as of {date})"
        ),
        "edit": "(correction) {pledge}: the record was edited",
        "amendment": "{pledge}: amended by its owner ({date})",
    },
}


@dataclass(frozen=True)
class Entry:
    uid: str  # the Atom id, urn:uuid:…
    kind: str  # a key of TEXT[language]
    at: datetime  # when it entered the public record
    pledge: Pledge
    title: str  # plain text
    description: str  # plain text; the feed escapes it (Atom summaries are HTML)
    anchor: str  # the fragment of the entry on the pledge's page


def pledge_title(pledge: Pledge, language: str) -> str:
    return (pledge.title_en if language == "en" else "") or pledge.title


def derived_id(kind: str, key: object) -> str:
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, f'{kind}:{key}')}"


def amount(value: Decimal) -> str:
    """1,000 and 2.5, never 1,000.0000 (nor "1" for 100)."""
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def entries(
    *, language: str, pledges: QuerySet[Pledge] | None = None, limit: int = 50
) -> list[Entry]:
    """The newest `limit` entries, for every pledge or those in `pledges`."""
    scope = {} if pledges is None else {"pledge__in": pledges.values("pk")}
    found = (
        _new_pledges(language, pledges, limit)
        + _status_updates(language, scope, limit)
        + _measurements(language, pledges, limit)
        + _edits(language, scope, limit)
        + _amendments(language, scope, limit)
    )
    found.sort(key=lambda e: (e.at, e.uid), reverse=True)
    return found[:limit]


def _new_pledges(
    language: str, pledges: QuerySet[Pledge] | None, limit: int
) -> list[Entry]:
    rows = (pledges if pledges is not None else Pledge.objects.all()).order_by(
        "-created_at", "-id"
    )[:limit]
    return [
        Entry(
            uid=f"urn:uuid:{p.public_id}",
            kind="pledge",
            at=p.created_at,
            pledge=p,
            title=TEXT[language]["pledge"].format(pledge=pledge_title(p, language)),
            description=p.summary or p.original_wording,
            anchor="",
        )
        for p in rows
    ]


def _status_updates(language: str, scope: dict, limit: int) -> list[Entry]:
    rows = (
        StatusUpdate.objects.filter(**scope)
        .select_related("pledge")
        .order_by("-created_at", "-id")[:limit]
    )
    found = []
    for row in rows:
        if row.corrects_id:
            kind, anchor = "status_correction", "correction"
        elif row.kind == StatusUpdate.Kind.OFFICIAL:
            kind, anchor = "official", "official"
        else:
            kind, anchor = "status", "status"
        title = TEXT[language][kind].format(
            pledge=pledge_title(row.pledge, language),
            previous=status_label(row.previous_status, language),
            status=status_label(row.status, language),
        )
        note = row.note
        if row.corrects_id and row.correction_reason:
            note = f"{row.correction_reason}\n\n{note}"
        found.append(
            Entry(
                f"urn:uuid:{row.public_id}",
                kind,
                row.created_at,
                row.pledge,
                title,
                note,
                f"{anchor}-{row.public_id}",
            )
        )
    return found


def _measurements(
    language: str, pledges: QuerySet[Pledge] | None, limit: int
) -> list[Entry]:
    rows = Measurement.objects.select_related("target__pledge")
    if pledges is not None:
        rows = rows.filter(target__pledge__in=pledges.values("pk"))
    found = []
    for row in rows.order_by("-created_at", "-id")[:limit]:
        kind = "measurement_correction" if row.corrects_id else "measurement"
        unit = f" {row.target.unit}" if row.target.unit else ""
        title = TEXT[language][kind].format(
            pledge=pledge_title(row.target.pledge, language),
            metric=row.target.metric,
            value=amount(row.value),
            unit=unit,
            date=row.as_of.isoformat(),
        )
        note = row.note
        if row.corrects_id and row.correction_reason:
            note = f"{row.correction_reason}\n\n{note}".strip()
        anchor = "correction" if row.corrects_id else "measurement"
        found.append(
            Entry(
                f"urn:uuid:{row.public_id}",
                kind,
                row.created_at,
                row.target.pledge,
                title,
                note,
                f"{anchor}-{row.public_id}",
            )
        )
    return found


def _edits(language: str, scope: dict, limit: int) -> list[Entry]:
    rows = (
        PledgeEdit.objects.filter(is_public=True, **scope)
        .select_related("pledge")
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        Entry(
            derived_id("pledge-edit", row.pk),
            "edit",
            row.created_at,
            row.pledge,
            TEXT[language]["edit"].format(pledge=pledge_title(row.pledge, language)),
            row.reason,
            "",
        )
        for row in rows
    ]


def _amendments(language: str, scope: dict, limit: int) -> list[Entry]:
    rows = (
        Amendment.objects.filter(**scope)
        .select_related("pledge")
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        Entry(
            derived_id("amendment", row.pk),
            "amendment",
            row.created_at,
            row.pledge,
            TEXT[language]["amendment"].format(
                pledge=pledge_title(row.pledge, language),
                date=row.changed_on.isoformat(),
            ),
            row.reason,
            f"amendment-{row.pk}",
        )
        for row in rows
    ]
