"""The one NinjaAPI; each app adds its routers here."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from commitments.api import router as public_router
from commitments.errors import DomainError
from tracker.api import router as newsroom_router

api = NinjaAPI(
    title="Pledge tracker API",
    version="1",
    urls_namespace="api-v1",
    description="Public read API for the pledge record, and the newsroom API.",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": exc.code, "message": exc.message, "details": {"field": exc.field}},
        status=exc.http_status,
    )


api.add_router("/newsroom/", newsroom_router)
api.add_router("/", public_router)
