"""Getting articles in from the web: a guarded fetcher, HTML main-text
extraction and text decoding (Korean legacy encodings included)."""

from tracker.ingest.errors import FetchError
from tracker.ingest.fetch import FetchResult, fetch
from tracker.ingest.html import PageText, page_text
from tracker.ingest.text import decode_bytes, looks_binary

__all__ = [
    "FetchError",
    "FetchResult",
    "PageText",
    "decode_bytes",
    "fetch",
    "looks_binary",
    "page_text",
]
