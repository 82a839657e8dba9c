"""The one NinjaAPI; each app adds its routers here."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from commitments.errors import DomainError

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
