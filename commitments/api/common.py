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
from pydantic import BeforeValidator

from commitments.api.representations import Links
from commitments.errors import ValidationFailed

# Page sizes: large enough to sync quickly, small enough to answer fast.
Limit = Annotated[int, Query(ge=1, le=200)]


ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def _iso_only(value: Any) -> Any:
    # pydantic would also read "397" as a Unix timestamp; the schema promises
    # an ISO 8601 date-time, so anything else is a 422.
    if isinstance(value, str) and not ISO_DATETIME.match(value.strip()):
        raise ValueError("Give an ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z.")
    return value


# A date-time query parameter: ISO 8601 only; without a zone it is UTC.
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    # As above: pydantic would read "0.0" as the Unix epoch.
    if isinstance(value, str) and not ISO_DATE.match(value.strip()):
        raise ValueError("Give an ISO 8601 date, e.g. 2030-12-31.")
    return value


# A date query parameter: YYYY-MM-DD only.
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


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
