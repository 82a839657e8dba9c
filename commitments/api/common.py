"""Small helpers shared by the API's endpoint modules."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query
from pydantic import BeforeValidator, WithJsonSchema

from commitments.api.representations import Links
from commitments.errors import ValidationFailed

# Page sizes: large enough to sync quickly, small enough to answer fast.
Limit = Annotated[int, Query(ge=1, le=200)]


# RFC 3339 (the schema's `date-time`) allows a lower-case t and z.
ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
LEAP_SECOND = re.compile(r"(?<=\d{2}:\d{2}):60")


def _iso_only(value: Any) -> Any:
    # pydantic would also read "397" as a Unix timestamp; the schema promises
    # an ISO 8601 date-time, so anything else is a 422.
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not ISO_DATETIME.match(value):
        raise ValueError("Give an ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z.")
    # What RFC 3339 allows and Python's datetime does not: lower-case t and z,
    # and a leap second, which is read as the second before it.
    return LEAP_SECOND.sub(":59", value.upper(), count=1)


# A date-time query parameter: ISO 8601 only; without a zone it is UTC.
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    # As above: pydantic would read "0.0", or in a JSON body the number 0.0,
    # as the Unix epoch; the schema says a date string.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.match(value.strip()):
        raise ValueError("Give an ISO 8601 date, e.g. 2030-12-31.")
    return value


# A date, in a query parameter or a JSON body: YYYY-MM-DD only.
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]

# A cursor is opaque: the server mints it (`next_cursor`) and signs it, and
# only a signature it made is accepted; anything else is a 400
# `invalid_cursor`. So the schema gives it its own format rather than a
# `pattern`: every string a pattern allows would be "valid" by the document
# and refused by the server.
CURSOR_MAX_LENGTH = 500
Cursor = Annotated[
    str | None,
    WithJsonSchema(
        {
            "type": "string",
            "format": "cursor",
            "maxLength": CURSOR_MAX_LENGTH,
            "description": (
                "Opaque: the `next_cursor` of an earlier page, as it was given "
                "(base64url, a colon, a base64url signature). Empty or absent: "
                "from the start."
            ),
        }
    ),
]


def single_valued(view: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse a repeated query parameter (?status=a&status=b) instead of
    silently using the last one: none of our parameters takes a list."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        for name, values in request.GET.lists():
            if len(values) > 1:
                raise ValidationFailed(
                    _("Give %(name)r once.") % {"name": name},
                    code="invalid_input",
                    field=name,
                )
        return view(request, *args, **kwargs)

    return wrapped


def text(value: str | None, *, max_length: int = 200) -> str | None:
    """A query string value safe to put in SQL: PostgreSQL refuses NUL bytes,
    and nothing we store is longer than this."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()[:max_length]
    return value or None


def key(value: str) -> str:
    """A path segment (slug or UUID): one that cannot exist is a 404."""
    cleaned = text(value, max_length=200)
    if cleaned is None or cleaned != value:
        raise Http404("Not found.")
    return cleaned


def aware(value: datetime | None) -> datetime | None:
    """A naive `since` is read as UTC, never as local time; any offset is
    turned into UTC (PostgreSQL refuses offsets beyond ±15:59)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        # Year 1 at +19:00 is before the first representable instant.
        return (
            datetime.min.replace(tzinfo=UTC)
            if value.year < 2
            else datetime.max.replace(tzinfo=UTC)
        )


def links(request: HttpRequest) -> Links:
    return Links.for_request(request)
