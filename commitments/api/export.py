"""Bulk export of the record: streamed CSV and JSON, and the nightly dumps.

Streams hold one chunk of pledges in memory at a time (`iterator(chunk_size)`
prefetches per chunk), so memory stays flat however large the record is.
"""

import csv
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import Router

from commitments.api import caching, common, selectors
from commitments.api.representations import Links, PledgeWriter
from commitments.api.schemas import ERRORS, DumpListOut
from commitments.models import Pledge
from commitments.statuses import STATUS_INFO

router = Router(tags=["export"])

CSV_COLUMNS = [
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
]
DUMP_NAME = re.compile(r"^pledges-\d{4}-\d{2}-\d{2}\.(csv|json)$")


class _Echo:
    """csv.writer writes into this; each row comes back as a string to yield."""

    def write(self, value: str) -> str:
        return value


def _pledges() -> Iterator[Pledge]:
    queryset = selectors.pledges_with_relations(Pledge.objects.order_by("id"))
    return queryset.iterator(chunk_size=settings.EXPORT_CHUNK_SIZE)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def csv_rows(links: Links) -> Iterator[str]:
    # The BOM tells spreadsheet programs the file is UTF-8, so Korean text
    # opens readable instead of as mojibake.
    yield "\ufeff"
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    prefix = links.pledge_html_prefix()
    for p in _pledges():
        info = STATUS_INFO[p.status]
        # latest_updates: Prefetch(to_attr=...) in api/selectors, unknown to the stubs.
        latest = p.latest_updates[0] if p.latest_updates else None  # type: ignore[attr-defined]
        yield writer.writerow(
            [
                p.public_id,
                p.slug,
                p.title,
                p.title_en,
                p.status,
                info.label_ko,
                info.label_en,
                p.official_status,
                p.owner.slug,
                p.owner.name,
                p.owner.name_en,
                ";".join(c.slug for c in p.categories.all()),
                p.made_on.isoformat() if p.made_on else "",
                p.deadline.isoformat() if p.deadline else "",
                p.deadline_precision,
                _flag(p.is_overdue),
                _flag(p.is_stale),
                _flag(p.has_disagreement),
                "; ".join(str(t) for t in p.targets.all()),
                caching.iso_datetime(latest.created_at) if latest else "",
                caching.iso_datetime(p.updated_at),
                f"{prefix}{p.slug}/",
            ]
        )


def json_chunks(links: Links) -> Iterator[bytes]:
    write = PledgeWriter(links)
    yield b'{"items":['
    first = True
    for p in _pledges():
        yield (b"" if first else b",") + caching.dumps(write(p))
        first = False
    yield b"]}"


def _version() -> tuple[str, datetime | None]:
    agg = Pledge.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    at = agg["at"]
    return f"{agg['n']}:{at.isoformat() if at else ''}", at


def _stream(
    request: HttpRequest, kind: str, content_type: str, body: Iterator
) -> HttpResponseBase:
    version, at = _version()

    def make() -> StreamingHttpResponse:
        response = StreamingHttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="pledges.{kind}"'
        return response

    return caching.cached_stream(
        request, version=f"{kind}:{version}", last_modified=at, make_response=make
    )


@router.get(
    "/export/pledges.csv",
    response={**ERRORS},
    summary="Every pledge as CSV (UTF-8 with BOM)",
    operation_id="export_pledges_csv",
    openapi_extra={
        "responses": {
            200: {
                "description": "CSV, one pledge per row",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
@common.single_valued
def export_csv(request: HttpRequest) -> HttpResponseBase:
    return _stream(
        request,
        "csv",
        "text/csv; charset=utf-8",
        csv_rows(common.links(request)),
    )


@router.get(
    "/export/pledges.json",
    response={**ERRORS},
    summary="Every pledge as JSON (same shape as the list's items)",
    operation_id="export_pledges_json",
    openapi_extra={
        "responses": {
            200: {
                "description": 'JSON: {"items": [pledge, ...]}',
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "items": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/PledgeOut"},
                                }
                            },
                        }
                    }
                },
            }
        }
    },
)
@common.single_valued
def export_json(request: HttpRequest) -> HttpResponseBase:
    return _stream(
        request, "json", "application/json", json_chunks(common.links(request))
    )


# --- Nightly dumps -------------------------------------------------------------


def dump_dir() -> Path:
    return Path(settings.EXPORT_DIR)


def write_dump(*, today: date, base_url: str) -> list[Path]:
    """Write today's CSV and JSON dumps (atomically) and prune old ones."""
    folder = dump_dir()
    folder.mkdir(parents=True, exist_ok=True)
    links = Links.for_request(None, base_url)
    written = []
    for kind, chunks in (
        ("csv", (row.encode("utf-8") for row in csv_rows(links))),
        ("json", json_chunks(links)),
    ):
        path = folder / f"pledges-{today.isoformat()}.{kind}"
        partial = path.with_suffix(f".{kind}.partial")
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        # A reader never sees half a file: the rename is atomic.
        os.replace(partial, path)
        written.append(path)
    dumps = sorted(p for p in folder.iterdir() if DUMP_NAME.match(p.name))
    keep = settings.EXPORT_KEEP_DUMPS * 2  # a CSV and a JSON per day
    for old in dumps[:-keep] if len(dumps) > keep else []:
        old.unlink(missing_ok=True)
    return written


@router.get(
    "/export/dumps",
    response={200: DumpListOut, **ERRORS},
    summary="The nightly dumps that can be downloaded",
    operation_id="export_dumps",
)
@common.single_valued
def dumps_list(request: HttpRequest) -> HttpResponseBase:
    links = common.links(request)
    folder = dump_dir()
    items: list[dict[str, Any]] = []
    if folder.is_dir():
        for path in sorted(folder.iterdir(), reverse=True):
            if DUMP_NAME.match(path.name):
                stat = path.stat()
                items.append(
                    {
                        "name": path.name,
                        "size": stat.st_size,
                        "created_at": datetime.fromtimestamp(stat.st_mtime, tz=UTC),
                        "url": f"{links.api_root}/export/dumps/{path.name}",
                    }
                )
    return caching.json_response(
        request,
        {"items": items},
        last_modified=caching.latest(i["created_at"] for i in items),
    )


@router.get(
    "/export/dumps/{name}",
    response={**ERRORS},
    summary="Download one nightly dump",
    operation_id="export_dump_download",
    openapi_extra={
        "responses": {
            200: {
                "description": "The dump file (CSV or JSON)",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/json": {"schema": {}},
                },
            }
        }
    },
)
@common.single_valued
def dump_download(request: HttpRequest, name: str) -> HttpResponseBase:
    # Only names the job writes; no path can climb out of the folder.
    if not DUMP_NAME.match(name):
        raise Http404("No dump with that name.")
    path = dump_dir() / name
    if not path.is_file():
        raise Http404("No dump with that name.")
    stat = path.stat()
    modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)

    def make() -> FileResponse:
        content_type = (
            "text/csv; charset=utf-8" if name.endswith(".csv") else "application/json"
        )
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=name,
            content_type=content_type,
        )

    return caching.cached_stream(
        request,
        version=f"{name}:{stat.st_size}:{stat.st_mtime_ns}",
        last_modified=modified,
        make_response=make,
    )
