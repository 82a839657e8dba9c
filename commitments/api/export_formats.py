"""The exports' bodies: CSV rows and JSON chunks, built from plain rows.

Every export ends with a mark a reader can check, so a download cut short is
never mistaken for the whole record: the CSV's last line is a `#` comment
with the row count (`pandas.read_csv(..., comment="#")` skips it), and the
JSON object closes with `"count"` and `"complete": true` after the items. An
HTTP/1.1 client also sees the chunked body end without its last chunk. Both
state the data licence.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.conf import settings

from commitments.api import caching
from commitments.api.export_reads import (
    PledgeRow,
    measurement_chunks,
    pledge_chunks,
)
from commitments.api.representations import STATUS_BRIEF, Links, _progress
from commitments.statuses import STATUS_INFO

PLEDGE_CSV_COLUMNS = [
    "id",
    "slug",
    "title",
    "title_en",
    "status",
    "status_ko",
    "status_en",
    "official_status",
    "owner",
    "owner_name",
    "owner_name_en",
    "categories",
    "made_on",
    "deadline",
    "deadline_precision",
    "is_overdue",
    "is_stale",
    "has_disagreement",
    "targets",
    "latest_update_at",
    "updated_at",
    "url",
    # Added after the first columns, so readers that count columns still work.
    "progress_percent",
    "latest_measurement_value",
    "latest_measurement_unit",
    "latest_measurement_metric",
    "latest_measurement_as_of",
    "latest_verdict_at",
]
MEASUREMENT_CSV_COLUMNS = [
    "id",
    "pledge_id",
    "pledge_slug",
    "pledge_title",
    "pledge_title_en",
    "target_position",
    "target_metric",
    "target_unit",
    "target_value",
    "value",
    "as_of",
    "note",
    "evidence_url",
    "corrects",
    "correction_reason",
    "created_at",
    "pledge_url",
]
BOM = "\ufeff"


class _Echo:
    """csv.writer writes into this; each row comes back as a string to yield."""

    def write(self, value: str) -> str:
        return value


def licence() -> dict[str, str]:
    return {"name": settings.DATA_LICENCE_NAME, "url": settings.DATA_LICENCE_URL}


def _comment(text: str) -> str:
    # One physical line, and no field separators: a CSV reader that does not
    # skip comments still reads it as a single cell.
    return "# " + " ".join(text.replace(",", " ").replace('"', "").split()) + "\r\n"


def _trailer(count: int, noun: str, links: Links) -> str:
    info = licence()
    return _comment(
        f"complete: {count} {noun}; licence: {info['name']} {info['url']};"
        f" source: {links.origin}/"
    )


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _iso(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _decimal(value: Any) -> str:
    return "" if value is None else caching.decimal_text(value)


def _target_text(target: dict[str, Any]) -> str:
    # As `str(Target)`: "metric: value unit".
    return (
        f"{target['metric']}: {target['value'].normalize():f} {target['unit']}".strip()
    )


def pledge_csv(links: Links) -> Iterator[str]:
    # The BOM tells spreadsheet programs the file is UTF-8, so Korean text
    # opens readable instead of as mojibake.
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(PLEDGE_CSV_COLUMNS)
    prefix = links.pledge_html_prefix()
    count = 0
    for chunk in pledge_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE, full=False):
        lines = []
        for row in chunk:
            p = row.values
            info = STATUS_INFO[p["status"]]
            measured = row.latest_measurement or {}
            percent = row.progress_percent
            lines.append(
                writer.writerow(
                    [
                        p["public_id"],
                        p["slug"],
                        p["title"],
                        p["title_en"],
                        p["status"],
                        info.label_ko,
                        info.label_en,
                        p["official_status"],
                        p["owner_slug"],
                        p["owner_name"],
                        p["owner_name_en"],
                        ";".join(c[0] for c in row.categories),
                        _iso(p["made_on"]),
                        _iso(p["deadline"]),
                        p["deadline_precision"],
                        _flag(p["is_overdue"]),
                        _flag(p["is_stale"]),
                        _flag(p["has_disagreement"]),
                        "; ".join(_target_text(t) for t in row.targets),
                        row.latest_update_at or "",
                        p["updated_at"],
                        f"{prefix}{p['slug']}/",
                        "" if percent is None else percent,
                        _decimal(measured.get("value")),
                        measured.get("unit", ""),
                        measured.get("metric", ""),
                        _iso(measured.get("as_of")),
                        row.latest_verdict_at or "",
                    ]
                )
            )
        count += len(chunk)
        # One string per chunk: fewer, larger writes to the socket.
        yield "".join(lines)
    yield _trailer(count, "pledges", links)


class PledgeItem:
    """A pledge as the API's list shows it (`PledgeOut`), plus the export's
    own fields, from a `PledgeRow`."""

    def __init__(self, links: Links) -> None:
        self.api_root = links.api_root
        self.html_prefix = links.pledge_html_prefix()

    def __call__(self, row: PledgeRow) -> dict[str, Any]:
        p = row.values
        positions = {t["id"]: t["position"] for t in row.targets}
        latest = row.latest_update
        measured = row.latest_measurement
        return {
            "id": p["public_id"],
            "slug": p["slug"],
            "title": p["title"],
            "title_en": p["title_en"],
            "summary": p["summary"],
            "original_wording": p["original_wording"],
            "status": STATUS_BRIEF[p["status"]],
            "official_status": p["official_status"] or None,
            "owner": {
                "slug": p["owner_slug"],
                "name": p["owner_name"],
                "name_en": p["owner_name_en"],
            },
            "categories": [
                {"slug": slug, "name": name, "name_en": name_en}
                for slug, name, name_en in row.categories
            ],
            "targets": [self._target(t, positions, row) for t in row.targets],
            "made_on": p["made_on"],
            "deadline": p["deadline"],
            "deadline_precision": p["deadline_precision"],
            "is_overdue": p["is_overdue"],
            "is_stale": p["is_stale"],
            "has_disagreement": p["has_disagreement"],
            "citations": row.citations,
            "latest_update": {
                "id": latest["public_id"],
                "kind": latest["kind"],
                "status": STATUS_BRIEF[latest["status"]],
                "previous_status": latest["previous_status"],
                "note": latest["note"],
                "evidence_url": latest["evidence_url"],
                "created_at": latest["created_at"],
            }
            if latest
            else None,
            "html_url": f"{self.html_prefix}{p['slug']}/",
            "api_url": f"{self.api_root}/pledges/{p['public_id']}",
            "created_at": p["created_at"],
            "updated_at": p["updated_at"],
            "progress_percent": row.progress_percent,
            "latest_measurement": None
            if measured is None
            else {**measured, "value": _decimal(measured["value"])},
            "latest_verdict_at": row.latest_verdict_at,
        }

    @staticmethod
    def _target(
        t: dict[str, Any], positions: dict[int, int], row: PledgeRow
    ) -> dict[str, Any]:
        return {
            "position": t["position"],
            "metric": t["metric"],
            "value": _decimal(t["value"]),
            "unit": t["unit"],
            "period": t["period"],
            "direction": t["direction"],
            "baseline_value": None
            if t["baseline_value"] is None
            else _decimal(t["baseline_value"]),
            "baseline_date": t["baseline_date"],
            "deadline": t["deadline"],
            "deadline_precision": t["deadline_precision"],
            "text": t["text"],
            "component_of": positions.get(t["component_of_id"])
            if t["component_of_id"]
            else None,
            "progress": _progress(row.progress[t["id"]]),
        }


def _json_head(links: Links) -> bytes:
    head = caching.dumps({"licence": licence(), "source": f"{links.origin}/"})
    return head[:-1] + b',"items":['


def _json_tail(count: int) -> bytes:
    return b'],"count":' + str(count).encode() + b',"complete":true}'


def pledge_json(links: Links) -> Iterator[bytes]:
    write = PledgeItem(links)
    yield _json_head(links)
    count = 0
    for chunk in pledge_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE, full=True):
        body = b",".join(caching.dumps(write(row)) for row in chunk)
        yield (b"," if count else b"") + body
        count += len(chunk)
    yield _json_tail(count)


def _measurement_fields(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": m["public_id"],
        "value": caching.decimal_text(m["value"]),
        "as_of": m["as_of"],
        "note": m["note"],
        "evidence_url": m["evidence_url"],
        "corrects": m["corrects"],
        "correction_reason": m["correction_reason"],
        "created_at": m["created_at"],
    }


def measurement_csv(links: Links) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(MEASUREMENT_CSV_COLUMNS)
    prefix = links.pledge_html_prefix()
    count = 0
    for chunk in measurement_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE):
        yield "".join(
            writer.writerow(
                [
                    m["public_id"],
                    m["pledge_public_id"],
                    m["pledge_slug"],
                    m["pledge_title"],
                    m["pledge_title_en"],
                    m["target_position"],
                    m["target_metric"],
                    m["target_unit"],
                    _decimal(m["target_value"]),
                    _decimal(m["value"]),
                    _iso(m["as_of"]),
                    m["note"],
                    m["evidence_url"],
                    m["corrects"] or "",
                    m["correction_reason"],
                    m["created_at"],
                    f"{prefix}{m['pledge_slug']}/",
                ]
            )
            for m in chunk
        )
        count += len(chunk)
    yield _trailer(count, "measurements", links)


def measurement_json(links: Links) -> Iterator[bytes]:
    """Items in the shape of the API's `/measurements` list."""
    api_root = links.api_root
    yield _json_head(links)
    count = 0
    for chunk in measurement_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE):
        body = b",".join(
            caching.dumps(
                {
                    **_measurement_fields(m),
                    "pledge": {
                        "id": m["pledge_public_id"],
                        "slug": m["pledge_slug"],
                        "title": m["pledge_title"],
                        "title_en": m["pledge_title_en"],
                        "api_url": f"{api_root}/pledges/{m['pledge_public_id']}",
                    },
                    "target": {
                        "position": m["target_position"],
                        "metric": m["target_metric"],
                        "unit": m["target_unit"],
                    },
                }
            )
            for m in chunk
        )
        yield (b"," if count else b"") + body
        count += len(chunk)
    yield _json_tail(count)
