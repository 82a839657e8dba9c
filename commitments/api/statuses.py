"""GET /statuses: the status taxonomy, in Korean and English. No database work:
the benchmark's floor."""

from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router

from commitments.api import caching, common
from commitments.api.representations import status_full
from commitments.api.schemas import ERRORS, StatusListOut
from commitments.statuses import STATUS_INFO

router = Router(tags=["statuses"])

# Bump when STATUS_INFO's wording changes, so caches revalidate.
TAXONOMY_REVISED = datetime(2026, 11, 25, tzinfo=UTC)


@router.get(
    "/statuses",
    response={200: StatusListOut, **ERRORS},
    summary="The status taxonomy with labels and definitions",
    operation_id="statuses",
)
@common.single_valued
def statuses(request: HttpRequest) -> HttpResponse:
    body = {"items": [status_full(code) for code in STATUS_INFO]}
    return caching.json_response(request, body, last_modified=TAXONOMY_REVISED)
