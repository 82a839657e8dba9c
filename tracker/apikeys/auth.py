"""Authentication for the newsroom API: a session (browser, with CSRF) or a
per-user API key sent as `Authorization: Bearer <key>`."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from commitments.roles import SignedInUser
from tracker.apikeys.services import api_key_authenticate


class NewsroomRequest(HttpRequest):
    """The request of an endpoint behind `newsroom_auth`: ninja has set `auth`
    to the signed-in user the key or session belongs to (annotation only)."""

    auth: SignedInUser


class ApiKeyAuth(HttpBearer):
    # The OpenAPI security scheme (ninja reads every `openapi_*` attribute).
    openapi_bearerFormat = "pt_<key>"
    openapi_description = (
        "A newsroom API key (create one on the newsroom's API keys page), sent "
        "as `Authorization: Bearer pt_…`. Requests with a key are rate-limited "
        "per key."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_key_authenticate(token)
        if user is not None:
            # Services read the actor from request.user like a session would.
            request.user = user
        return user


class NewsroomSessionAuth(SessionAuth):
    """Session auth whose CSRF check applies to signed-in users only.

    Ninja checks CSRF before looking at the user, so a request with no
    credentials at all would get "403 CSRF failed"; it deserves a 401 that
    says how to authenticate. A signed-in browser still needs the CSRF token.
    """

    openapi_description = (
        "The newsroom's browser session (the `sessionid` cookie of a signed-in "
        "journalist or editor); a write also needs the CSRF token in "
        "`X-CSRFToken`."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


# Use as `auth=newsroom_auth` on newsroom endpoints; `request.auth` is the user.
newsroom_auth = [ApiKeyAuth(), NewsroomSessionAuth()]
