"""The public read API (/api/v1/): pledges, owners, categories, feeds of changes.

Each resource has its own module; they share `selectors` (reads), `pagination`
(cursors), `caching` (ETag/304) and `representations` (the JSON shapes, which
`schemas` documents).
"""

from django.http import Http404, HttpRequest
from ninja import Router

from commitments.api import (
    categories,
    export,
    measurements,
    owners,
    pledges,
    stats,
    statuses,
    updates,
)

router = Router(tags=["public"])
for module in (
    pledges,
    owners,
    categories,
    updates,
    measurements,
    stats,
    statuses,
    export,
):
    router.add_router("", module.router)


# Its own router, added after the others: a router's own operations come
# before its children's in the URL list, so this must be the last child.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def unknown(request: HttpRequest, rest: str) -> None:
    """Any other path under /api/v1/: a JSON 404 like every API error, not the
    site's HTML page. Registered last, so it never shadows a real endpoint.

    Every method, so that a path no operation has (a candidate id that is not
    a UUID) is a 404 for a POST too, not a 405 from this catch-all; a real
    path asked with a method it lacks still gets its 405 and `Allow`."""
    raise Http404("No such endpoint. See /api/v1/docs.")


router.add_router("", fallback)
