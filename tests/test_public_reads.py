"""Anonymous reads of the public API leave the middleware chain early
(`config.public_reads`); they must still get what that chain gave them."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_anonymous_read_carries_the_security_headers():
    response = Client().get("/api/v1/pledges")
    assert response.status_code == 200
    assert (
        response["Content-Security-Policy"]
        == "default-src 'none'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware
    assert "Accept-Language" in response["Vary"]


def test_an_anonymous_read_says_its_length_as_the_whole_chain_does():
    """Without it the server sends the body chunked."""
    for client in (Client(), Client(HTTP_COOKIE="theme=dark")):
        response = client.get("/api/v1/pledges")
        assert int(response["Content-Length"]) == len(response.content)


@pytest.mark.parametrize(
    "language,message", [("ko", "값은 한 번만 주세요"), ("en", "once")]
)
def test_an_anonymous_read_speaks_the_readers_language(language, message):
    response = Client().get(
        "/api/v1/pledges?status=kept&status=broken", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 422
    assert message in response.json()["message"]
    assert response["Content-Language"] == language


def test_a_read_with_a_cookie_takes_the_whole_chain():
    client = Client()
    client.cookies["sessionid"] = "whatever"
    response = client.get("/api/v1/pledges")
    assert response.status_code == 200
    # The site's policy from django-csp, not the JSON one.
    assert "script-src" in response["Content-Security-Policy"]


def test_the_interactive_docs_keep_their_page_policy():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_write_takes_the_whole_chain():
    # CSRF and sessions apply: an unauthenticated newsroom write is refused
    # by the newsroom's auth, as before, not answered by the lane.
    response = Client().post(
        "/api/v1/newsroom/candidates/00000000-0000-0000-0000-000000000000/accept",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code in (401, 403, 404)
    assert "script-src" in response["Content-Security-Policy"]
