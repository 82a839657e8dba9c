"""GET /pledges (cursor pages, filters) and GET /pledges/{id_or_slug}."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from commitments.api import caching, common, document_reads, selectors
from commitments.api.pledge_documents import (
    page_documents,
    page_json,
    pledge_documents,
)
from commitments.api.schemas import ERRORS, PledgeOut, PledgePageOut, StatusCode

router = Router(tags=["pledges"])


@router.get(
    "/pledges",
    response={200: PledgePageOut, **ERRORS},
    summary="List pledges",
    operation_id="pledges_list",
)
@common.single_valued
def pledges_list(
    request: HttpRequest,
    status: Query[StatusCode | None] = None,
    owner: str | None = None,
    category: str | None = None,
    deadline_from: common.IsoDate | None = None,
    deadline_to: common.IsoDate | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    updated_since: common.IsoDateTime | None = None,
    cursor: common.Cursor = None,
    limit: common.Limit = 50,
) -> HttpResponse:
    """Pledges in a stable order, `(updated_at, id)` ascending.

    To sync: page with `next_cursor` while `has_more` is true; store the last
    `next_cursor` and ask again later with it (and the same filters) to get
    only what changed since. An edited pledge moves to the end and is served
    again, so nothing is missed or repeated; so does every pledge of an owner
    or a category that is renamed, or citing a source that is retitled.
    """

    def build() -> tuple[bytes, datetime | None]:
        queryset = selectors.pledge_filter(
            status=status.value if status else None,
            owner=common.text(owner),
            category=common.text(category),
            deadline_from=deadline_from,
            deadline_to=deadline_to,
            overdue=overdue,
            q=common.text(q),
            updated_since=common.aware(updated_since),
        )
        page, documents = page_documents(
            queryset,
            cursor=common.text(cursor, max_length=common.CURSOR_MAX_LENGTH),
            limit=limit,
            links=common.links(request),
        )
        body = page_json(documents, page.next_cursor, page.has_more)
        return body, caching.latest(p["updated_at"] for p in page.rows)

    return caching.cached_json(request, build)


@router.get(
    "/pledges/{pledge_id}",
    response={200: PledgeOut, **ERRORS},
    summary="One pledge, by UUID or slug",
    operation_id="pledges_detail",
)
@common.single_valued
def pledge_detail(request: HttpRequest, pledge_id: str) -> HttpResponse:
    key = common.key(pledge_id)

    def build() -> tuple[bytes, datetime | None]:
        row = document_reads.document_row(key)
        document = pledge_documents([row], common.links(request))[0]
        return document, row["updated_at"]

    return caching.cached_json(request, build)
