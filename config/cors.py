"""CORS for the public read API and the Atom feeds: any origin may GET.

Only safe methods, no credentials (cookies are never sent cross-origin), and
never the newsroom API, whose writes rely on the session and CSRF.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PUBLIC_PREFIXES = ("/api/v1/", "/feeds/")
PRIVATE_PREFIXES = ("/api/v1/newsroom/",)
ALLOWED_METHODS = "GET, OPTIONS"
ALLOWED_HEADERS = "Authorization, If-None-Match, If-Modified-Since, Accept"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, Content-Disposition"


def is_public(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES) and not path.startswith(PRIVATE_PREFIXES)


class PublicCorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public = is_public(request.path)
        if (
            public
            and request.method == "OPTIONS"
            and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META
        ):
            # A preflight: answer it here, before any view.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
            response["Access-Control-Allow-Origin"] = "*"
            return response
        response = self.get_response(request)
        if public and request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response
