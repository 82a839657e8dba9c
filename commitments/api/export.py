"""Bulk export of the record: pledges and measurements as streamed CSV and
JSON, and the nightly dumps of the same.

The bodies come from `export_formats` over the chunked reads of
`export_reads`: one chunk in memory at a time, so memory stays flat however
large the record is. Each is kept as a file per state of the record
(`export_files`), so most downloads send a file from disk. A download is
served by a threaded gunicorn worker (`config/gunicorn.conf.py`), so it
neither blocks other requests nor is cut off by the worker timeout.
"""

import os
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from ninja import Router

from commitments.api import caching, common, export_files
from commitments.api.export_files import EXPORTS
from commitments.api.export_formats import PLEDGE_CSV_COLUMNS, licence
from commitments.api.representations import Links
from commitments.api.schemas import ERRORS, DumpListOut
from commitments.models import Pledge

router = Router(tags=["export"])

# Kept for importers of the old name.
CSV_COLUMNS = PLEDGE_CSV_COLUMNS
DUMP_NAME = re.compile(r"^(pledges|measurements)-\d{4}-\d{2}-\d{2}\.(csv|json)$")


def _stream(request: HttpRequest, name: str, kind: str) -> HttpResponseBase:
    """The export's file for the record as it is now (`export_files`), or,
    when there is none yet, the export streamed live and kept as that file."""
    links = common.links(request)
    # Every write an export shows moves the key: it names the file and the
    # ETag both.
    key = export_files.state_key(links)
    at = Pledge.objects.aggregate(at=Max("updated_at"))["at"]

    def make() -> HttpResponseBase:
        content_type = (
            "text/csv; charset=utf-8" if kind == "csv" else "application/json"
        )
        response: HttpResponseBase
        if path := export_files.ready_file(name, kind, key):
            # Sent by the server's file path (sendfile), with its length.
            response = FileResponse(path.open("rb"), content_type=content_type)
        else:
            body = export_files.stream_and_keep(name, kind, links, key)
            response = StreamingHttpResponse(body, content_type=content_type)
            # A proxy must pass the stream on as it comes, not hold it whole.
            response["X-Accel-Buffering"] = "no"
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        response["Link"] = f'<{licence()["url"]}>; rel="license"'
        return response

    return caching.cached_stream(
        request,
        version=f"{name}.{kind}:{key}",
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
    for name, kind in EXPORTS:
        path = folder / f"{name}-{today.isoformat()}.{kind}"
        partial = path.with_suffix(f".{kind}.partial")
        with partial.open("wb") as handle:
            export_files.write_export(handle, name, kind, links)
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
