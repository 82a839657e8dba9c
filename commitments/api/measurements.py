"""GET /measurements: progress readings toward pledges' targets."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from commitments.api import caching, common, representations, selectors
from commitments.api.pagination import keyset_page
from commitments.api.schemas import ERRORS, MeasurementPageOut

router = Router(tags=["measurements"])


@router.get(
    "/measurements",
    response={200: MeasurementPageOut, **ERRORS},
    summary="Measurements, oldest first",
    operation_id="measurements_list",
)
@common.single_valued
def measurements_list(
    request: HttpRequest,
    pledge: str | None = None,
    since: common.IsoDateTime | None = None,
    cursor: common.Cursor = None,
    limit: common.Limit = 50,
) -> HttpResponse:
    page = keyset_page(
        selectors.measurements_filter(
            pledge=common.text(pledge), since=common.aware(since)
        ),
        field="created_at",
        cursor=common.text(cursor, max_length=common.CURSOR_MAX_LENGTH),
        limit=limit,
    )
    links = common.links(request)
    body = {
        "items": [representations.measurement(m, links) for m in page.rows],
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    return caching.json_response(
        request, body, last_modified=caching.latest(m.created_at for m in page.rows)
    )
