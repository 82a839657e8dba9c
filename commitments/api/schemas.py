"""Out schemas of the public read API: explicit fields, never `__all__`.

The endpoints build plain dicts in `commitments.api.representations` (fast to
serialise); these schemas document them in OpenAPI, and the tests check that
every body validates against its schema.
"""

from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from commitments.statuses import Status

# Built from the model's choices so the two cannot drift; mypy cannot list the
# members of an Enum made at run time.
StatusCode = Enum("StatusCode", {s.upper(): s for s in Status.values}, type=str)  # type: ignore[misc]


class ErrorOut(Schema):
    """Every error under /api/, whatever its status (config/api.py and
    config/errors.py make them)."""

    code: str = Field(
        description="Stable, machine-readable: `not_found`, `invalid_cursor`, …"
    )
    message: str = Field(description="For people; may change wording.")
    details: dict[str, Any] = Field(
        description="More about the error: `field`, `errors`, `retry_after`, …"
    )


class StatusOut(Schema):
    code: str
    label_ko: str
    label_en: str
    final: bool
    definition_ko: str
    definition_en: str


class StatusBriefOut(Schema):
    code: str
    label_ko: str
    label_en: str
    final: bool


class OwnerBriefOut(Schema):
    slug: str
    name: str
    name_en: str


class OwnerOut(Schema):
    slug: str
    name: str
    name_en: str
    kind: str
    parent: str | None
    aliases: list[str]
    pledge_count: int
    html_url: str
    api_url: str


class CategoryBriefOut(Schema):
    slug: str
    name: str
    name_en: str


class CategoryOut(Schema):
    slug: str
    name: str
    name_en: str
    pledge_count: int
    html_url: str
    api_url: str


class ProgressOut(Schema):
    current: str | None
    as_of: date | None
    baseline: str
    goal: str
    fraction: float | None
    percent: int | None
    expected_fraction: float | None
    on_pace: bool | None
    rolled_up: bool
    period_label: str


class TargetOut(Schema):
    position: int
    metric: str
    value: str
    unit: str
    period: str
    direction: str
    baseline_value: str | None
    baseline_date: date | None
    deadline: date | None
    deadline_precision: str
    text: str
    component_of: int | None
    progress: ProgressOut


class CitationOut(Schema):
    url: str
    publisher: str
    published_on: date | None
    title: str
    quote: str


class UpdateBriefOut(Schema):
    id: UUID
    kind: str
    status: StatusBriefOut
    previous_status: str
    note: str
    evidence_url: str
    created_at: datetime


class PledgeRefOut(Schema):
    id: UUID
    slug: str
    title: str
    title_en: str
    api_url: str


class PledgeOut(Schema):
    id: UUID
    slug: str
    title: str
    title_en: str
    summary: str
    original_wording: str
    status: StatusBriefOut
    official_status: str | None
    owner: OwnerBriefOut
    categories: list[CategoryBriefOut]
    targets: list[TargetOut]
    made_on: date | None
    deadline: date | None
    deadline_precision: str
    is_overdue: bool
    is_stale: bool
    has_disagreement: bool
    citations: list[CitationOut]
    latest_update: UpdateBriefOut | None
    html_url: str
    api_url: str
    created_at: datetime
    updated_at: datetime


class PledgePageOut(Schema):
    items: list[PledgeOut]
    next_cursor: str | None
    has_more: bool


class OwnerPageOut(Schema):
    items: list[OwnerOut]
    next_cursor: str | None
    has_more: bool


class CategoryListOut(Schema):
    items: list[CategoryOut]


class StatusUpdateOut(Schema):
    id: UUID
    pledge: PledgeRefOut
    kind: str
    status: StatusBriefOut
    previous_status: StatusBriefOut
    note: str
    evidence_url: str
    evidence_source_url: str
    corrects: UUID | None
    correction_reason: str
    created_at: datetime


class StatusUpdatePageOut(Schema):
    items: list[StatusUpdateOut]
    next_cursor: str | None
    has_more: bool


class MeasurementTargetOut(Schema):
    position: int
    metric: str
    unit: str


class MeasurementOut(Schema):
    id: UUID
    pledge: PledgeRefOut
    target: MeasurementTargetOut
    value: str
    as_of: date
    note: str
    evidence_url: str
    corrects: UUID | None
    correction_reason: str
    created_at: datetime


class MeasurementPageOut(Schema):
    items: list[MeasurementOut]
    next_cursor: str | None
    has_more: bool


class CountRowOut(Schema):
    slug: str
    name: str
    name_en: str
    total: int
    by_status: dict[str, int]


class StatsOut(Schema):
    total: int
    overdue: int
    disagreement: int
    stale: int
    by_status: dict[str, int]
    by_owner: list[CountRowOut]
    by_category: list[CountRowOut]
    updated_at: datetime | None


class StatusListOut(Schema):
    items: list[StatusOut]


class DumpOut(Schema):
    name: str
    size: int
    created_at: datetime
    url: str


class DumpListOut(Schema):
    items: list[DumpOut]


def error_responses(*statuses: int) -> dict[int, type[Schema]]:
    """`response=` entries for the error statuses an operation can answer;
    each body is an `ErrorOut` (config/api.py describes the codes)."""
    return dict.fromkeys(statuses, ErrorOut)


# The responses besides the 200 every public GET may give, so clients (and
# schemathesis) know them: a 304 to a conditional request (ETag or
# Last-Modified, no body) and the errors.
ERRORS: dict[int, type[Schema] | None] = {
    304: None,
    **error_responses(400, 404, 422, 429, 500),
}
