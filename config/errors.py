"""Errors under /api/ are JSON, wherever they come from.

The API's own handlers (config/api.py) cover what is raised inside a ninja
operation. What happens outside it has to be caught here: a path no route
matches, a method a route doesn't take (ninja answers those itself with a bare
text 405), a CSRF or lockout refusal, and an exception raised in a middleware,
which Django turns into the handler500 page. Every one gets the API's error
shape `{"code", "message", "details"}`; pages outside /api/ keep Django's
HTML views.
"""

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.views import defaults

API_PREFIX = "/api/"

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    500: "server_error",
    502: "bad_gateway",
    503: "unavailable",
    504: "timeout",
}
MESSAGES = {
    404: "No such endpoint. See /api/v1/docs.",
    405: "This endpoint does not take that method.",
    500: "Something went wrong on our side. It has been logged.",
}


def code_for(status: int) -> str:
    if status in CODES:
        return CODES[status]
    return "server_error" if status >= 500 else "error"


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_body(status: int, message: str = "", details: Any = None) -> dict[str, Any]:
    return {
        "code": code_for(status),
        "message": message or MESSAGES.get(status, ""),
        "details": details or {},
    }


def api_error(status: int, message: str = "", details: Any = None) -> JsonResponse:
    return JsonResponse(error_body(status, message, details), status=status)


# --- handler400/403/404/500 (config/urls.py) --------------------------------


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return api_error(400, "The request could not be understood.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return api_error(403, "You may not do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return api_error(404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        return api_error(500)
    return defaults.server_error(request)


# --- The catch-all --------------------------------------------------------------


class ApiErrorsAsJsonMiddleware:
    """Rewrite any non-JSON error response under /api/ into the error shape.

    First in MIDDLEWARE, so it sees what every inner layer answered, including
    the handler500 page made for an exception in an inner middleware. Headers
    (Allow, Retry-After, CORS) are kept; only the body and its type change.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and is_api_request(request)
            # Not streaming (a StreamingHttpResponse is no HttpResponse), so
            # its content can be replaced.
            and isinstance(response, HttpResponse)
            and not _is_json(response)
        ):
            reason = response.reason_phrase if response.status_code != 404 else ""
            message = MESSAGES.get(response.status_code) or reason
            response.content = json.dumps(error_body(response.status_code, message))
            response["Content-Type"] = "application/json"
            # CommonMiddleware (inner) set the length of the old body; left
            # as it was, a client reads that many bytes of the new one.
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def _is_json(response: HttpResponseBase) -> bool:
    kind = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")
