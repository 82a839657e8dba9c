"""GET /status-updates: the global change feed of verdicts and corrections."""

from enum import Enum

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from commitments.api import caching, common, representations, selectors
from commitments.api.pagination import keyset_page
from commitments.api.schemas import ERRORS, StatusUpdatePageOut
from commitments.models import StatusUpdate

router = Router(tags=["status updates"])

# Built from the model's choices so the two cannot drift; mypy cannot list the
# members of an Enum made at run time.
UpdateKind = Enum(  # type: ignore[misc]
    "UpdateKind", {k.upper(): k for k in StatusUpdate.Kind.values}, type=str
)


@router.get(
    "/status-updates",
    response={200: StatusUpdatePageOut, **ERRORS},
    summary="The change feed: every status update, oldest first",
    operation_id="status_updates_list",
)
@common.single_valued
def status_updates_list(
    request: HttpRequest,
    pledge: str | None = None,
    owner: str | None = None,
    kind: Query[UpdateKind | None] = None,
    since: common.IsoDateTime | None = None,
    cursor: common.Cursor = None,
    limit: common.Limit = 50,
) -> HttpResponse:
    """Updates in `(created_at, id)` order; page and poll with `next_cursor`
    like the pledge list. Updates are append-only: a correction is a new row
    that points at the one it corrects."""
    page = keyset_page(
        selectors.status_updates_filter(
            pledge=common.text(pledge),
            owner=common.text(owner),
            kind=kind.value if kind else None,
            since=common.aware(since),
        ),
        field="created_at",
        cursor=common.text(cursor, max_length=common.CURSOR_MAX_LENGTH),
        limit=limit,
    )
    links = common.links(request)
    body = {
        "items": [representations.status_update(u, links) for u in page.rows],
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    return caching.json_response(
        request, body, last_modified=caching.latest(u.created_at for u in page.rows)
    )
