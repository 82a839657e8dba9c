"""`HEAD` on every route that answers `GET`: pages, the API, feeds, exports,
badges and card images.

Django's own views take HEAD where they take GET, but ninja routes declared
with `GET` answer 405 to it, and link checkers, caches and feed readers ask
with HEAD. So a HEAD request is answered as the GET would be (same status,
same headers), and the body is dropped here, whatever made the response:
a server that does not strip it itself (runserver does; not every WSGI server
does) must not send it either. HEAD is as safe as GET, so nothing a GET may
not do becomes possible.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class HeadAsGetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        request.META["REQUEST_METHOD"] = "GET"
        try:
            response = self.get_response(request)
        finally:
            # Back to HEAD for whatever runs after us (the test client and
            # runserver drop bodies by looking at it).
            request.method = "HEAD"
            request.META["REQUEST_METHOD"] = "HEAD"
        drop_body(response)
        return response


def drop_body(response: HttpResponseBase) -> None:
    """Empty the body; an ordinary response keeps the Content-Length the GET
    would have had, a streamed one (exports) is never read at all."""
    if response.streaming:
        iterator = response.streaming_content  # type: ignore[attr-defined]
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
        response.streaming_content = iter(())  # type: ignore[attr-defined]
        return
    content = response.content  # type: ignore[attr-defined]
    if "Content-Length" not in response:
        response["Content-Length"] = str(len(content))
    length = response["Content-Length"]
    response.content = b""  # type: ignore[attr-defined]
    response["Content-Length"] = length
