"""GET /stats: counts per status, owner and category."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router

from commitments.api import caching, common, selectors
from commitments.api.schemas import ERRORS, StatsOut

router = Router(tags=["stats"])


@router.get(
    "/stats",
    response={200: StatsOut, **ERRORS},
    summary="Counts per status, owner and category",
    operation_id="stats",
)
@common.single_valued
def stats(request: HttpRequest) -> HttpResponse:
    def build() -> tuple[dict, datetime | None]:
        body = selectors.stats()
        return body, body["updated_at"]

    # Four aggregates over the whole record: worth keeping between writes.
    return caching.cached_json(request, build)
