"""Every error under /api/ is a JSON body with a stable `code`: inside the
ninja API, for routes it doesn't know, for methods a route doesn't take, and
for a 500 raised in a view or in a middleware. Pages outside /api/ keep their
HTML error pages."""

import json

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client

from commitments.api import document_reads
from commitments.pages import selectors as page_selectors

pytestmark = pytest.mark.django_db

BOOM_PATH = "/api/v1/pledges/raised-in-a-middleware"


class RaisingMiddleware:
    """Test-only: raises for one path, as a broken middleware would."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in (BOOM_PATH, "/raised-in-a-middleware/"):
            raise RuntimeError("a middleware broke")
        return self.get_response(request)


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a selector broke")


def error_of(response: HttpResponse) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content
    if response.has_header("Content-Length"):
        # A server sends only this many bytes of the body.
        assert int(response["Content-Length"]) == len(response.content)
    body = json.loads(response.content)
    assert set(body) == {"code", "message", "details"}
    return body


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/api/v1/xyz"),
        ("post", "/api/v1/xyz"),
        ("get", "/api/xyz"),
        ("get", "/api/v2/pledges"),
        ("delete", "/api/v1/no/such/route/"),
    ],
)
def test_an_unknown_api_route_is_a_json_404_or_405_with_a_code(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code in (404, 405)
    assert error_of(response)["code"] in ("not_found", "method_not_allowed")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_a_path_no_operation_has_is_a_json_404(client, method):
    # A candidate id that is not a UUID matches no newsroom route: the path
    # does not exist (404), rather than existing without this method (405).
    response = getattr(client, method)(
        "/api/v1/newsroom/candidates/0/accept", "{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_an_unknown_api_route_outside_v1_is_a_json_404(client):
    response = client.get("/api/xyz")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_method_a_route_does_not_take_is_a_json_405_that_keeps_allow(client):
    response = client.delete("/api/v1/pledges")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_view_that_raises_is_a_json_500_with_a_code(monkeypatch):
    monkeypatch.setattr(document_reads, "document_row", boom)
    response = Client(raise_request_exception=False).get(
        "/api/v1/pledges/raised-in-a-selector"
    )
    assert response.status_code == 500
    body = error_of(response)
    assert body["code"] == "server_error"
    assert "a selector broke" not in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_exception_in_a_middleware_on_an_api_path_is_a_json_500(settings, signed_in):
    # Innermost: an anonymous read leaves the chain early (config/public_reads.py),
    # so its middleware sits just inside the JSON errors one; a request with
    # a cookie goes through every middleware.
    inner = list(settings.MIDDLEWARE)
    at = (
        len(inner)
        if signed_in
        else inner.index("config.errors.ApiErrorsAsJsonMiddleware") + 1
    )
    inner.insert(at, "tests.test_api_errors.RaisingMiddleware")
    settings.MIDDLEWARE = inner
    client = Client(raise_request_exception=False)
    if signed_in:
        client.cookies["sessionid"] = "not-a-session"
    response = client.get(BOOM_PATH)
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"


def test_an_exception_in_the_outermost_middleware_is_a_json_500_too(settings):
    # Outside the JSON middleware: only handler500 is left to answer.
    settings.MIDDLEWARE = [
        "tests.test_api_errors.RaisingMiddleware",
        *settings.MIDDLEWARE,
    ]
    response = Client(raise_request_exception=False).get(BOOM_PATH)
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"


def test_pages_outside_the_api_keep_their_html_error_pages(monkeypatch):
    client = Client(raise_request_exception=False)
    missing = client.get("/pledges/no-such-pledge/")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("text/html")
    monkeypatch.setattr(page_selectors, "dashboard_summary", boom)
    broken = client.get("/")
    assert broken.status_code == 500
    assert broken["Content-Type"].startswith("text/html")
