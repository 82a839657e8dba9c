"""Parsed uploads wait in the session under a random token until the editor
confirms: nothing touches the record before that."""

import secrets
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

KEY = "spreadsheet_imports"
KEEP = 3  # previews kept per session (older ones expire)


def stage(session: SessionBase, *, filename: str, plans: list[dict[str, Any]]) -> str:
    token = secrets.token_urlsafe(16)
    staged = dict(session.get(KEY) or {})
    staged[token] = {
        "filename": filename,
        "plans": plans,
        "at": timezone.now().isoformat(),
    }
    for old in sorted(staged, key=lambda t: staged[t]["at"])[:-KEEP]:
        del staged[old]
    session[KEY] = staged
    return token


def take(session: SessionBase, token: str) -> dict[str, Any] | None:
    """The staged upload, removed so a second confirm imports nothing."""
    staged = dict(session.get(KEY) or {})
    found = staged.pop(token, None)
    session[KEY] = staged
    return found
