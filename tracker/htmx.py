"""The request type of views that read `request.htmx` (annotation only)."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    """What HtmxMiddleware (on for every request) makes of a request: its
    `htmx` tells whether htmx sent it."""

    htmx: HtmxDetails
