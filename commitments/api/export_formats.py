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
    P_CREATED_AT,
    P_DEADLINE,
    P_DEADLINE_PRECISION,
    P_HAS_DISAGREEMENT,
    P_ID,
    P_IS_STALE,
    P_MADE_ON,
    P_OFFICIAL_STATUS,
    P_ORIGINAL_WORDING,
    P_OWNER_NAME,
    P_OWNER_NAME_EN,
    P_OWNER_SLUG,
    P_PUBLIC_ID,
    P_SLUG,
    P_STATUS,
    P_SUMMARY,
    P_TITLE,
    P_TITLE_EN,
    P_UPDATED_AT,
    T_BASELINE_DATE,
    T_BASELINE_VALUE,
    T_COMPONENT_OF_ID,
    T_DEADLINE,
    T_DEADLINE_PRECISION,
    T_DIRECTION,
    T_ID,
    T_METRIC,
    T_PERIOD,
    T_POSITION,
    T_TEXT,
    T_UNIT,
    T_VALUE,
    U_CREATED_AT,
    U_EVIDENCE_URL,
    U_KIND,
    U_NOTE,
    U_PREVIOUS_STATUS,
    U_PUBLIC_ID,
    U_STATUS,
    PledgeChunk,
    PledgeProgress,
    is_overdue,
    measurement_chunks,
    pledge_chunks,
    today,
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


def _pledges(*, full: bool) -> Iterator[PledgeChunk]:
    return pledge_chunks(chunk_size=settings.EXPORT_CHUNK_SIZE, full=full)


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
    for chunk in _pledges(full=False):
        count += len(chunk.rows)
        # One string per chunk: fewer, larger writes to the socket.
        yield _csv(_pledge_csv_rows(chunk, prefix))
    yield _trailer(count, "pledges", links)


class PledgeItem:
    """Pledges as the API's list shows them (`PledgeOut`), plus the export's
    own fields, from a `PledgeChunk`."""

    def __init__(self, links: Links) -> None:
        self.api_root = links.api_root
        self.html_prefix = links.pledge_html_prefix()

    def items(self, chunk: PledgeChunk) -> list[dict[str, Any]]:
        on = today()
        categories, targets = chunk.categories, chunk.targets
        progress, updates = chunk.progress, chunk.latest_updates
        citations, update_dates = chunk.citations, chunk.update_dates
        api_root, html_prefix = self.api_root, self.html_prefix
        items = []
        for p in chunk.rows:
            pid = p[P_ID]
            done = progress.get(pid, NO_PROGRESS)
            latest = updates.get(pid)
            measured = done.latest_measurement
            parts = targets.get(pid, ())
            positions = {t[T_ID]: t[T_POSITION] for t in parts}
            items.append(
                {
                    "id": p[P_PUBLIC_ID],
                    "slug": p[P_SLUG],
                    "title": p[P_TITLE],
                    "title_en": p[P_TITLE_EN],
                    "summary": p[P_SUMMARY],
                    "original_wording": p[P_ORIGINAL_WORDING],
                    "status": STATUS_BRIEF[p[P_STATUS]],
                    "official_status": p[P_OFFICIAL_STATUS] or None,
                    "owner": {
                        "slug": p[P_OWNER_SLUG],
                        "name": p[P_OWNER_NAME],
                        "name_en": p[P_OWNER_NAME_EN],
                    },
                    "categories": [
                        {"slug": slug, "name": name, "name_en": name_en}
                        for slug, name, name_en in categories.get(pid, ())
                    ],
                    "targets": [_target(t, positions, done) for t in parts],
                    "made_on": p[P_MADE_ON],
                    "deadline": p[P_DEADLINE],
                    "deadline_precision": p[P_DEADLINE_PRECISION],
                    "is_overdue": is_overdue(p, on),
                    "is_stale": p[P_IS_STALE],
                    "has_disagreement": p[P_HAS_DISAGREEMENT],
                    "citations": citations.get(pid, []),
                    "latest_update": None
                    if latest is None
                    else {
                        "id": latest[U_PUBLIC_ID],
                        "kind": latest[U_KIND],
                        "status": STATUS_BRIEF[latest[U_STATUS]],
                        "previous_status": latest[U_PREVIOUS_STATUS],
                        "note": latest[U_NOTE],
                        "evidence_url": latest[U_EVIDENCE_URL],
                        "created_at": latest[U_CREATED_AT],
                    },
                    "html_url": f"{html_prefix}{p[P_SLUG]}/",
                    "api_url": f"{api_root}/pledges/{p[P_PUBLIC_ID]}",
                    "created_at": p[P_CREATED_AT],
                    "updated_at": p[P_UPDATED_AT],
                    "progress_percent": done.percent,
                    "latest_measurement": None
                    if measured is None
                    else {
                        **measured,
                        "value": caching.decimal_text(measured["value"]),
                    },
                    "latest_verdict_at": update_dates.get(pid, NO_DATES)[1],
                }
            )
        return items


def _target(t: tuple, positions: dict[int, int], done: PledgeProgress) -> dict:
    baseline = t[T_BASELINE_VALUE]
    component_of = t[T_COMPONENT_OF_ID]
    return {
        "position": t[T_POSITION],
        "metric": t[T_METRIC],
        "value": caching.decimal_text(t[T_VALUE]),
        "unit": t[T_UNIT],
        "period": t[T_PERIOD],
        "direction": t[T_DIRECTION],
        "baseline_value": None if baseline is None else caching.decimal_text(baseline),
        "baseline_date": t[T_BASELINE_DATE],
        "deadline": t[T_DEADLINE],
        "deadline_precision": t[T_DEADLINE_PRECISION],
        "text": t[T_TEXT],
        "component_of": positions.get(component_of) if component_of else None,
        "progress": _progress(done.targets[t[T_ID]]),
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
    for chunk in _pledges(full=True):
        body = caching.dumps_items(write.items(chunk))
        yield (b"," if count else b"") + body
        count += len(chunk.rows)
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
