"""Header lines at the top of pasted text (`URL:`, `DATE:`, `TITLE:`, or
주소/날짜/제목) describe the article. The submission form and the newsroom
API read them with this one function, so an article pasted either way is
stored the same."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from tracker.extraction.cli import split_header

# 2025-03-05, 2025.3.5, 2025/03/05, 2025년 3월 5일 (a time after it is ignored).
_HEADER_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})"
)


def header_date(text: str) -> date | None:
    match = _HEADER_DATE.match(text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


@dataclass
class HeaderLines:
    """What the header lines said, and the article text without them."""

    text: str
    url: str = ""
    title: str = ""
    published_on: date | None = None
    errors: list[str] = field(default_factory=list)


def header_lines_read(text: str) -> HeaderLines:
    """Cut the leading header lines from `text` (so the engine reads, and the
    review page highlights, the article alone) and read them. A line that is
    there but unreadable is an error for the submitter, never silently
    dropped."""
    headers, offset = split_header(text)
    if not headers:
        return HeaderLines(text=text)
    found = HeaderLines(text=text[offset:].lstrip("\r\n"))
    url = headers.get("URL", "")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            found.errors.append(
                _("The URL: line is not a web address (http:// or https://).")
            )
        else:
            found.url = url
    found.title = headers.get("TITLE", "")[:500]
    when = headers.get("DATE", "")
    if when:
        found.published_on = header_date(when)
        if found.published_on is None:
            found.errors.append(
                _("The DATE: line is not a date; write it as 2025-03-05.")
            )
    return found
