"""Main text and metadata of an article page, with trafilatura."""

from dataclasses import dataclass
from datetime import date

import trafilatura

from commitments.models import Source
from tracker.shorten import shorten_to_field


@dataclass(frozen=True)
class PageText:
    text: str
    title: str = ""
    publisher: str = ""
    published_on: date | None = None
    language: str = ""


def page_text(html: str, *, url: str = "") -> PageText:
    """The article's main text (boilerplate, menus and comments dropped)."""
    text = (
        trafilatura.extract(
            html,
            url=url or None,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=True,
        )
        or ""
    )
    if not text.strip():
        # Short or unusual pages: fall back to the recall-oriented mode.
        text = trafilatura.extract(html, url=url or None, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    published: date | None = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    language = ""
    if meta is not None and getattr(meta, "language", None):
        language = str(meta.language)[:2].lower()
    # The page's metadata is not the journalist's input: fit it to the record
    # rather than refuse the article over a long <title>.
    return PageText(
        text=text.strip(),
        title=shorten_to_field((meta and meta.title) or "", Source, "title"),
        publisher=shorten_to_field((meta and meta.sitename) or "", Source, "publisher"),
        published_on=published,
        language=language if language in ("ko", "en") else "",
    )
