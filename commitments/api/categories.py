"""GET /categories and GET /categories/{slug}."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from commitments.api import caching, common, representations, selectors
from commitments.api.schemas import ERRORS, CategoryListOut, CategoryOut

router = Router(tags=["categories"])


@router.get(
    "/categories",
    response={200: CategoryListOut, **ERRORS},
    summary="List categories",
    operation_id="categories_list",
)
@common.single_valued
def categories_list(request: HttpRequest) -> HttpResponse:
    links = common.links(request)
    items = [
        representations.category(c, links)
        for c in selectors.categories_with_counts().order_by("slug")
    ]
    return caching.json_response(request, {"items": items})


@router.get(
    "/categories/{slug}",
    response={200: CategoryOut, **ERRORS},
    summary="One category",
    operation_id="categories_detail",
)
@common.single_valued
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(common.key(slug))
    body = representations.category(category, common.links(request))
    return caching.json_response(request, body)
