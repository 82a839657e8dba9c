"""Authentication for the newsroom API: a session (browser, with CSRF) or a
per-user API key sent as `Authorization: Bearer <key>`."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from tracker.services.apikeys import api_key_authenticate


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_key_authenticate(token)
        if user is not None:
            # Services read the actor from request.user like a session would.
            request.user = user
        return user


# Use as `auth=newsroom_auth` on newsroom endpoints; `request.auth` is the user.
newsroom_auth = [ApiKeyAuth(), SessionAuth()]
