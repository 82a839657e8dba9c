"""The exports as files: each one written once per state of the record and
then served from disk, so a download costs the server a file copy, not a
walk over the whole record.

A file is named after what it was built from (`state_key`): the record's
generation (`commitments.record_generation`, moved on by every write the
exports show, inside the write's transaction), today's date (whether a
pledge is overdue changes at midnight) and the origin its links point at. A
download looks for the file of the current key only, so it never receives
an export of an older record: after a write there is no file under the new
key until one is built.

Files are built two ways:
- the first download after a change streams the export live and writes the
  same bytes to a file as it goes (`stream_and_keep`); the file is kept only
  when the stream ran to its end and the record did not move meanwhile;
- the worker's beat task (`files_refresh`) builds what the current key lacks
  for the site's public address, a minute at most after the write.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from commitments import record_generation
from commitments.api.export_formats import (
    licence,
    measurement_csv,
    measurement_json,
    pledge_csv,
    pledge_json,
)
from commitments.api.representations import Links

EXPORTS: dict[tuple[str, str], Callable[[Links], Iterator[bytes] | Iterator[str]]] = {
    ("pledges", "csv"): pledge_csv,
    ("pledges", "json"): pledge_json,
    ("measurements", "csv"): measurement_csv,
    ("measurements", "json"): measurement_json,
}


def folder() -> Path:
    return Path(settings.EXPORT_DIR) / "current"


def state_key(links: Links) -> str:
    """What an export's bytes depend on, as a short name part."""
    info = licence()
    parts = [
        record_generation.current(),
        timezone.localdate().isoformat(),
        links.origin,
        info["name"],
        info["url"],
    ]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()


def file_path(name: str, kind: str, key: str) -> Path:
    return folder() / f"{name}-{key}.{kind}"


def ready_file(name: str, kind: str, key: str) -> Path | None:
    path = file_path(name, kind, key)
    return path if path.is_file() else None


def _keep(partial: Path, name: str, kind: str, key: str, links: Links) -> None:
    """Put a finished build in place, if the record is still the one it was
    built from, and drop the files of older states."""
    if state_key(links) != key:
        partial.unlink(missing_ok=True)
        return
    final = file_path(name, kind, key)
    # A reader never sees half a file: the rename is atomic.
    os.replace(partial, final)
    for old in folder().glob(f"{name}-*.{kind}"):
        if old != final:
            # A reader still sending the old file keeps its open handle.
            old.unlink(missing_ok=True)


def _partial(name: str, kind: str, key: str) -> Path:
    place = folder()
    place.mkdir(parents=True, exist_ok=True)
    # Its own name per build: two builds of one key never share a file.
    return place / f".{name}-{key}.{kind}.{uuid.uuid4().hex}.partial"


def export_bytes(name: str, kind: str, links: Links) -> Iterator[bytes]:
    """The export's body, chunk by chunk, as bytes."""
    for chunk in EXPORTS[name, kind](links):
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def write_export(handle: BinaryIO, name: str, kind: str, links: Links) -> None:
    for data in export_bytes(name, kind, links):
        handle.write(data)


def stream_and_keep(name: str, kind: str, links: Links, key: str) -> Iterator[bytes]:
    """The export streamed live, written to a file on the way for the next
    reader. A stream cut short (the client left, an error) leaves no file."""
    partial = _partial(name, kind, key)
    finished = False
    try:
        with partial.open("wb") as handle:
            for data in export_bytes(name, kind, links):
                handle.write(data)
                yield data
        finished = True
    finally:
        if finished:
            _keep(partial, name, kind, key, links)
        else:
            partial.unlink(missing_ok=True)


def build(name: str, kind: str, links: Links) -> Path | None:
    """Write the export's file for the current state unless there is one;
    returns the file, or None when the record moved during the build."""
    key = state_key(links)
    if found := ready_file(name, kind, key):
        return found
    # The same writing and keeping as a live download's, with no reader.
    for _data in stream_and_keep(name, kind, links, key):
        pass
    return ready_file(name, kind, key)


def files_refresh(base_url: str) -> list[str]:
    """Build every export's file for the current state (the beat task);
    returns the names of those it found or built."""
    links = Links.for_request(None, base_url)
    built = [build(name, kind, links) for name, kind in EXPORTS]
    return [path.name for path in built if path is not None]


# --- What moves the generation -------------------------------------------------
#
# `summary_cache` moves it for pledges, owners and categories. The exports
# also show targets, measurements, updates, citations and sources: the
# services save the pledge whenever they write one of those, and these
# signals cover a write made outside them.


def _bump(**kwargs: Any) -> None:
    record_generation.bump()


def connect_invalidation() -> None:
    from commitments.models import Citation, Measurement, Source, StatusUpdate, Target

    for model in (Target, Measurement, StatusUpdate, Citation, Source):
        for signal in (post_save, post_delete):
            signal.connect(
                _bump, sender=model, dispatch_uid=f"export-files-{signal}-{model}"
            )
