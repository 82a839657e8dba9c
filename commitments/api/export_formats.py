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
import io
from collections.abc import Iterator
from typing import Any

import orjson
from django.conf import settings

from commitments.api import caching
from commitments.api.export_reads import (
    M_AS_OF,
    M_CORRECTION_REASON,
    M_CORRECTS,
    M_CREATED_AT,
    M_EVIDENCE_URL,
    M_NOTE,
    M_PLEDGE_PUBLIC_ID,
    M_PLEDGE_SLUG,
    M_PLEDGE_TITLE,
    M_PLEDGE_TITLE_EN,
    M_PUBLIC_ID,
    M_TARGET_METRIC,
    M_TARGET_POSITION,
    M_TARGET_UNIT,
    M_TARGET_VALUE,
    M_VALUE,
    NO_PROGRESS,
    P_DEADLINE,
    P_DEADLINE_PRECISION,
    P_HAS_DISAGREEMENT,
    P_ID,
    P_IS_STALE,
    P_MADE_ON,
    P_OFFICIAL_STATUS,
    P_OWNER_NAME,
    P_OWNER_NAME_EN,
    P_OWNER_SLUG,
    P_PUBLIC_ID,
    P_SLUG,
    P_STATUS,
    P_TITLE,
    P_TITLE_EN,
    P_UPDATED_AT,
    T_METRIC,
    T_UNIT,
    T_VALUE,
    PledgeChunk,
    TargetFigure,
    document_chunks,
    is_overdue,
    measurement_chunks,
    pledge_chunks,
    pledge_figures,
    today,
)
from commitments.api.representations import Links
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


# csv.writer writes None as an empty cell and a date as its ISO text
# (`str(date)`), so those go in as they are; flags are spelt out, by index.
FLAG = ("false", "true")


def _decimal(value: Any) -> str:
    return "" if value is None else caching.decimal_text(value)


def _pledges() -> Iterator[PledgeChunk]:
    return pledge_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE)


def _measurements() -> Iterator[list[tuple]]:
    return measurement_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE)


def _csv(rows: list[list[Any]]) -> str:
    """Rows as CSV text, in one call (the writer loops in C)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def _target_text(t: tuple) -> str:
    # As `str(Target)`: "metric: value unit".
    return f"{t[T_METRIC]}: {t[T_VALUE].normalize():f} {t[T_UNIT]}".strip()


LABELS = {code: (info.label_ko, info.label_en) for code, info in STATUS_INFO.items()}
NO_DATES: tuple[None, None] = (None, None)
NO_MEASUREMENT = ("", "", "", "")


def _pledge_csv_rows(chunk: PledgeChunk, prefix: str) -> list[list[Any]]:
    on = today()
    categories, targets = chunk.categories, chunk.targets
    progress, update_dates = chunk.progress, chunk.update_dates
    rows = []
    for p in chunk.rows:
        pid = p[P_ID]
        status = p[P_STATUS]
        label_ko, label_en = LABELS[status]
        done = progress.get(pid, NO_PROGRESS)
        measured = done.latest_measurement
        latest_at, verdict_at = update_dates.get(pid, NO_DATES)
        names = categories.get(pid)
        parts = targets.get(pid)
        rows.append(
            [
                p[P_PUBLIC_ID],
                p[P_SLUG],
                p[P_TITLE],
                p[P_TITLE_EN],
                status,
                label_ko,
                label_en,
                p[P_OFFICIAL_STATUS],
                p[P_OWNER_SLUG],
                p[P_OWNER_NAME],
                p[P_OWNER_NAME_EN],
                ";".join(c[0] for c in names) if names else "",
                p[P_MADE_ON],
                p[P_DEADLINE],
                p[P_DEADLINE_PRECISION],
                FLAG[is_overdue(p, on)],
                FLAG[p[P_IS_STALE]],
                FLAG[p[P_HAS_DISAGREEMENT]],
                "; ".join(_target_text(t) for t in parts) if parts else "",
                latest_at,
                p[P_UPDATED_AT],
                f"{prefix}{p[P_SLUG]}/",
                done.percent,
                *(
                    NO_MEASUREMENT
                    if measured is None
                    else (
                        caching.decimal_text(measured["value"]),
                        measured["unit"],
                        measured["metric"],
                        measured["as_of"],
                    )
                ),
                verdict_at,
            ]
        )
    return rows


def pledge_csv(links: Links) -> Iterator[str]:
    # The BOM tells spreadsheet programs the file is UTF-8, so Korean text
    # opens readable instead of as mojibake.
    yield BOM + _csv([PLEDGE_CSV_COLUMNS])
    prefix = links.pledge_html_prefix()
    count = 0
    for chunk in _pledges():
        count += len(chunk.rows)
        # One string per chunk: fewer, larger writes to the socket.
        yield _csv(_pledge_csv_rows(chunk, prefix))
    yield _trailer(count, "pledges", links)


def export_fields(body: dict[str, Any], verdict_at: str | None) -> dict[str, Any]:
    """What the JSON export adds to a pledge's API body: its percent and
    latest figure (`pledge_figures`, read off the body's own targets, whose
    progress is the one the API shows; ISO dates sort as text), and when the
    pledge last had a verdict."""
    percent, latest = pledge_figures(
        TargetFigure(
            headline=target["component_of"] is None,
            percent=(progress := target["progress"])["percent"],
            as_of=progress["as_of"],
            current=progress["current"],
            rolled_up=progress["rolled_up"],
            position=target["position"],
            metric=target["metric"],
            unit=target["unit"],
        )
        for target in body["targets"]
    )
    return {
        "progress_percent": percent,
        "latest_measurement": latest,
        "latest_verdict_at": verdict_at,
    }


def _with_export_fields(body: bytes, verdict_at: str | None) -> bytes:
    # Text, numbers and None only: orjson writes them as `caching.dumps` does.
    extra = orjson.dumps(export_fields(orjson.loads(body), verdict_at))
    # Both are one JSON object: the fields go before the body's closing brace.
    return body[:-1] + b"," + extra[1:]


def _json_head(links: Links) -> bytes:
    head = caching.dumps({"licence": licence(), "source": f"{links.origin}/"})
    return head[:-1] + b',"items":['


def _json_tail(count: int) -> bytes:
    return b'],"count":' + str(count).encode() + b',"complete":true}'


def pledge_json(links: Links) -> Iterator[bytes]:
    """Items as the API's list shows them (its stored bodies,
    `pledge_documents`), each with `export_fields`."""
    yield _json_head(links)
    count = 0
    chunks = document_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE, links=links)
    for rows, bodies, verdicts in chunks:
        items = b",".join(
            _with_export_fields(body, verdicts.get(row["id"]))
            for row, body in zip(rows, bodies, strict=True)
        )
        yield (b"," if count else b"") + items
        count += len(rows)
    yield _json_tail(count)


def measurement_csv(links: Links) -> Iterator[str]:
    yield BOM + _csv([MEASUREMENT_CSV_COLUMNS])
    prefix = links.pledge_html_prefix()
    count = 0
    for chunk in _measurements():
        yield _csv(
            [
                [
                    m[M_PUBLIC_ID],
                    m[M_PLEDGE_PUBLIC_ID],
                    m[M_PLEDGE_SLUG],
                    m[M_PLEDGE_TITLE],
                    m[M_PLEDGE_TITLE_EN],
                    m[M_TARGET_POSITION],
                    m[M_TARGET_METRIC],
                    m[M_TARGET_UNIT],
                    _decimal(m[M_TARGET_VALUE]),
                    _decimal(m[M_VALUE]),
                    m[M_AS_OF],
                    m[M_NOTE],
                    m[M_EVIDENCE_URL],
                    m[M_CORRECTS],
                    m[M_CORRECTION_REASON],
                    m[M_CREATED_AT],
                    f"{prefix}{m[M_PLEDGE_SLUG]}/",
                ]
                for m in chunk
            ]
        )
        count += len(chunk)
    yield _trailer(count, "measurements", links)


def measurement_json(links: Links) -> Iterator[bytes]:
    """Items in the shape of the API's `/measurements` list."""
    api_root = links.api_root
    yield _json_head(links)
    count = 0
    for chunk in _measurements():
        body = caching.dumps_items(
            [
                {
                    "id": m[M_PUBLIC_ID],
                    "value": caching.decimal_text(m[M_VALUE]),
                    "as_of": m[M_AS_OF],
                    "note": m[M_NOTE],
                    "evidence_url": m[M_EVIDENCE_URL],
                    "corrects": m[M_CORRECTS],
                    "correction_reason": m[M_CORRECTION_REASON],
                    "created_at": m[M_CREATED_AT],
                    "pledge": {
                        "id": m[M_PLEDGE_PUBLIC_ID],
                        "slug": m[M_PLEDGE_SLUG],
                        "title": m[M_PLEDGE_TITLE],
                        "title_en": m[M_PLEDGE_TITLE_EN],
                        "api_url": f"{api_root}/pledges/{m[M_PLEDGE_PUBLIC_ID]}",
                    },
                    "target": {
                        "position": m[M_TARGET_POSITION],
                        "metric": m[M_TARGET_METRIC],
                        "unit": m[M_TARGET_UNIT],
                    },
                }
                for m in chunk
            ]
        )
        yield (b"," if count else b"") + body
        count += len(chunk)
    yield _json_tail(count)
