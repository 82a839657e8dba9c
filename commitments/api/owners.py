"""GET /owners and GET /owners/{slug}."""

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.utils.encoding import iri_to_uri
from ninja import Router

from commitments.api import caching, common, representations, selectors
from commitments.api.pagination import keyset_page
from commitments.api.schemas import ERRORS, OwnerOut, OwnerPageOut
from commitments.owner_redirects import owner_redirect

router = Router(tags=["owners"])


@router.get(
    "/owners",
    response={200: OwnerPageOut, **ERRORS},
    summary="List owners (who made pledges)",
    operation_id="owners_list",
)
@common.single_valued
def owners_list(
    request: HttpRequest, cursor: common.Cursor = None, limit: common.Limit = 100
) -> HttpResponse:
    page = keyset_page(
        selectors.owners_with_counts(),
        field="created_at",
        cursor=common.text(cursor, max_length=common.CURSOR_MAX_LENGTH),
        limit=limit,
    )
    links = common.links(request)
    body = {
        "items": [representations.owner(o, links) for o in page.rows],
        "next_cursor": page.next_cursor,
        "has_more": page.has_more,
    }
    return caching.json_response(
        request, body, last_modified=caching.latest(o.created_at for o in page.rows)
    )


@router.get(
    "/owners/{slug}",
    response={200: OwnerOut, **ERRORS},
    summary="One owner",
    operation_id="owners_detail",
)
@common.single_valued
def owner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A merged (or renamed) owner's old slug answers 301 to the survivor's
    address, as its HTML page does: a client that stored the old slug is told
    where the owner lives now, instead of a 404 or a copy under two names."""
    try:
        owner = selectors.owner_get(common.key(slug))
    except Http404:
        moved = owner_redirect(slug=slug)
        if moved is None:
            raise
        query = request.META.get("QUERY_STRING", "")
        location = f"{common.links(request).api_root}/owners/{moved}"
        return HttpResponsePermanentRedirect(
            iri_to_uri(location + (f"?{query}" if query else ""))
        )
    body = representations.owner(owner, common.links(request))
    return caching.json_response(request, body, last_modified=owner.created_at)
