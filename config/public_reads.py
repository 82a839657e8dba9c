"""Anonymous reads of the public API go from here straight to their view.

The middleware after this one in `MIDDLEWARE` serves pages and signed-in
people: sessions, CSRF, messages, the login lockout, htmx, the page CSP, the
history's request. A GET of `/api/v1/` with no cookie uses none of them, yet
passing through them cost as much as the read itself (measured in
`docs/benchmarks.md`, "API"). What such a request still needs of them, this
gives it: the language from Accept-Language (error messages are
translated), an anonymous `request.user`, the security headers a JSON
response should carry, and its Content-Length. Everything before this (HEAD as GET, JSON errors,
SecurityMiddleware, CORS, static files) runs as for any request.

Anything else (a cookie, a write, the newsroom's session sign-in, any other
path) takes the full chain, unchanged.
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponseBase
from django.urls import resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

PREFIX = "/api/v1/"
# The interactive docs are an HTML page with its own script policy.
DOCS = "/api/v1/docs"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# A JSON document runs no script and loads nothing: the strictest policy.
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def is_public_read(request: HttpRequest) -> bool:
    return (
        request.method in SAFE_METHODS
        and request.path_info.startswith(PREFIX)
        and not request.path_info.startswith(DOCS)
        # No cookie, so no session: nobody signed in (an empty header is
        # what some clients, Django's test client among them, always send).
        and not request.META.get("HTTP_COOKIE")
    )


class PublicApiReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_public_read(request):
            return self.get_response(request)
        # What AuthenticationMiddleware would give a request with no session.
        request.user = AnonymousUser()
        # What LocaleMiddleware does for a path without a language prefix.
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        match = resolve(request.path_info)
        request.resolver_match = match
        response = match.func(request, *match.args, **match.kwargs)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", API_CSP)
        if not response.streaming and not response.has_header("Content-Length"):
            # What CommonMiddleware sets: without it the server sends the
            # body chunked, which costs it and every client more.
            response.headers["Content-Length"] = str(len(response.content))
        return response
