"""The one NinjaAPI; each app adds its routers here. Every error is JSON
`{"code", "message", "details"}` with a stable code."""

import json
from typing import Any

from csp.decorators import csp_update
from django.conf import settings
from django.core import signals
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.log import log_response
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.types import DictStrAny

from commitments.api import router as public_router
from commitments.errors import DomainError
from config.openapi import describe_errors
from config.throttling import api_throttles
from tracker.api import router as newsroom_router


class StrictJsonParser(Parser):
    """Request bodies are JSON objects in UTF-8 (RFC 8259), sent as JSON.

    The default parser takes whatever `json.loads` takes: UTF-16 bytes, NaN and
    Infinity, and a bare list, string or null, which an operation whose fields
    all have defaults then read as "no fields given" (an accept with nothing
    edited). Anything else is refused here; ninja answers a 400 `bad_request`.
    """

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        # Always a str on a real request; typed optional for bare HttpRequests.
        kind = (request.content_type or "").split(";", 1)[0].strip().lower()
        if kind != "application/json" and not kind.endswith("+json"):
            raise ValueError(f"the body must be application/json, not {kind!r}")
        text = request.body.decode("utf-8")  # UnicodeDecodeError: not UTF-8
        data = json.loads(text, parse_constant=_no_constants)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


class TrackerApi(NinjaAPI):
    def get_openapi_schema(
        self,
        *,
        path_prefix: str | None = None,
        path_params: DictStrAny | None = None,
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(
            path_prefix=path_prefix, path_params=path_params
        )
        describe_errors(schema)
        return schema


api = TrackerApi(
    parser=StrictJsonParser(),
    title="Pledge tracker API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Public read API for the pledge record, and the newsroom API. "
        "Versioning: within v1 changes are additive only (new endpoints, new "
        "optional parameters, new fields); anything else gets a /api/v2/. "
        "See docs/api.md."
    ),
    throttle=api_throttles(),
    # Swagger UI (served from static files by the `ninja` app) sets inline
    # styles; allow them on the docs page only, not site-wide.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, details: Any = None
) -> HttpResponse:
    body = {"code": code, "message": message, "details": details or {}}
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(
        request, exc.http_status, exc.code, exc.message, {"field": exc.field}
    )


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(
        request,
        422,
        "invalid_input",
        "The request is not valid.",
        {"errors": exc.errors},
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, 401, "unauthorized", "Sign in, or send an API key as a Bearer token."
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", str(exc) or "Not found.")


@api.exception_handler(Throttled)
def rate_limited(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = max(1, int(exc.wait or 1))
    response = error_response(
        request,
        429,
        "rate_limited",
        f"Too many requests; try again in {wait} s.",
        {"retry_after": wait},
    )
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return error_response(
        request,
        413,
        "too_large",
        f"The request body is larger than {limit // 1024} KiB.",
        {"limit_bytes": limit},
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "too_large",
        429: "rate_limited",
    }
    return error_response(
        request, exc.status_code, codes.get(exc.status_code, "error"), str(exc)
    )


@api.exception_handler(DjangoPermissionDenied)
def forbidden(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
    return error_response(request, 403, "forbidden", str(exc) or "You may not do this.")


@api.exception_handler(SuspiciousOperation)
def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    # BadRequest is a SuspiciousOperation too; Django answers both with a 400.
    return error_response(
        request, 400, "bad_request", "The request could not be understood."
    )


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything unhandled: a JSON 500 (not Django's HTML page), logged with its
    traceback as Django would, and announced to got_request_exception
    receivers (error trackers, the test client)."""
    signals.got_request_exception.send(sender=None, request=request)
    response = error_response(
        request,
        500,
        "server_error",
        "Something went wrong on our side. It has been logged.",
    )
    log_response(
        "Internal Server Error: %s",
        request.path,
        response=response,
        request=request,
        exception=exc,
    )
    return response


api.add_router("/newsroom/", newsroom_router)
api.add_router("/", public_router)
