"""Bulk export of the record: pledges and measurements as streamed CSV and
JSON, and the nightly dumps of the same.

The bodies come from `export_formats` over the chunked reads of
`export_reads`: one chunk in memory at a time, so memory stays flat however
large the record is. A download is served by a threaded gunicorn worker
(`config/gunicorn.conf.py`), so it neither blocks other requests nor is cut
off by the worker timeout.
"""

import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import Router

from commitments.api import caching, common
from commitments.api.export_formats import (
    PLEDGE_CSV_COLUMNS,
    licence,
    measurement_csv,
    measurement_json,
    pledge_csv,
    pledge_json,
)
from commitments.api.representations import Links
from commitments.api.schemas import ERRORS, DumpListOut
from commitments.models import Pledge

router = Router(tags=["export"])

# Kept for importers of the old name.
CSV_COLUMNS = PLEDGE_CSV_COLUMNS
DUMP_NAME = re.compile(r"^(pledges|measurements)-\d{4}-\d{2}-\d{2}\.(csv|json)$")
EXPORTS: dict[tuple[str, str], Callable[[Links], Iterator[bytes] | Iterator[str]]] = {
    ("pledges", "csv"): pledge_csv,
    ("pledges", "json"): pledge_json,
    ("measurements", "csv"): measurement_csv,
    ("measurements", "json"): measurement_json,
}


def _stream(request: HttpRequest, name: str, kind: str) -> HttpResponseBase:
    # The record's write stamp covers pledges, updates, targets, measurements
    # and citations: any write a row of either export shows changes the ETag.
    version = caching.record_version()
    at = Pledge.objects.aggregate(at=Max("updated_at"))["at"]
    body = EXPORTS[name, kind](common.links(request))

    def make() -> StreamingHttpResponse:
        content_type = (
            "text/csv; charset=utf-8" if kind == "csv" else "application/json"
        )
        response = StreamingHttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        response["Link"] = f'<{licence()["url"]}>; rel="license"'
        # A proxy must pass the stream on as it comes, not hold it whole.
        response["X-Accel-Buffering"] = "no"
        return response

    return caching.cached_stream(
        request,
        version=f"{name}.{kind}:{version}",
        last_modified=at,
        make_response=make,
    )


def _json_export_schema(item_ref: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "licence": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
            "source": {"type": "string"},
            "items": {"type": "array", "items": {"$ref": item_ref}},
            "count": {"type": "integer"},
            "complete": {"type": "boolean"},
        },
    }


@router.get(
    "/export/pledges.csv",
    response={**ERRORS},
    summary="Every pledge as CSV (UTF-8 with BOM)",
    operation_id="export_pledges_csv",
    openapi_extra={
        "responses": {
            200: {
                "description": "CSV, one pledge per row; the last line is a `#`"
                " comment with the row count and the data licence",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
@common.single_valued
def export_csv(request: HttpRequest) -> HttpResponseBase:
    return _stream(request, "pledges", "csv")


@router.get(
    "/export/pledges.json",
    response={**ERRORS},
    summary="Every pledge as JSON (same shape as the list's items)",
    operation_id="export_pledges_json",
    openapi_extra={
        "responses": {
            200: {
                "description": 'JSON: {"licence", "source", "items": [pledge, ...],'
                ' "count", "complete": true}; each pledge also has'
                " progress_percent, latest_measurement and latest_verdict_at",
                "content": {
                    "application/json": {
                        "schema": _json_export_schema("#/components/schemas/PledgeOut")
                    }
                },
            }
        }
    },
)
@common.single_valued
def export_json(request: HttpRequest) -> HttpResponseBase:
    return _stream(request, "pledges", "json")


@router.get(
    "/export/measurements.csv",
    response={**ERRORS},
    summary="Every measurement as CSV (UTF-8 with BOM), corrections included",
    operation_id="export_measurements_csv",
    openapi_extra={
        "responses": {
            200: {
                "description": "CSV, one measurement per row; the last line is a"
                " `#` comment with the row count and the data licence",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
@common.single_valued
def export_measurements_csv(request: HttpRequest) -> HttpResponseBase:
    return _stream(request, "measurements", "csv")


@router.get(
    "/export/measurements.json",
    response={**ERRORS},
    summary="Every measurement as JSON (same shape as the measurements list)",
    operation_id="export_measurements_json",
    openapi_extra={
        "responses": {
            200: {
                "description": 'JSON: {"licence", "source", "items": [measurement,'
                ' ...], "count", "complete": true}',
                "content": {
                    "application/json": {
                        "schema": _json_export_schema(
                            "#/components/schemas/MeasurementOut"
                        )
                    }
                },
            }
        }
    },
)
@common.single_valued
def export_measurements_json(request: HttpRequest) -> HttpResponseBase:
    return _stream(request, "measurements", "json")


# --- Nightly dumps -------------------------------------------------------------


def dump_dir() -> Path:
    return Path(settings.EXPORT_DIR)


def write_dump(*, today: date, base_url: str) -> list[Path]:
    """Write today's CSV and JSON dumps of pledges and measurements
    (atomically) and prune old ones."""
    folder = dump_dir()
    folder.mkdir(parents=True, exist_ok=True)
    links = Links.for_request(None, base_url)
    written = []
    for (name, kind), body in EXPORTS.items():
        chunks = body(links)
        path = folder / f"{name}-{today.isoformat()}.{kind}"
        partial = path.with_suffix(f".{kind}.partial")
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        # A reader never sees half a file: the rename is atomic.
        os.replace(partial, path)
        written.append(path)
    for name, kind in EXPORTS:
        # Names sort by date within one export and format.
        dumps = sorted(
            p
            for p in folder.iterdir()
            if DUMP_NAME.match(p.name)
            and p.name.startswith(f"{name}-")
            and p.name.endswith(f".{kind}")
        )
        for old in dumps[: -settings.EXPORT_KEEP_DUMPS]:
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
