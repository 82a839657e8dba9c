"""The name a verdict is signed with on public pages.

It is the full name set on the journalist's account (first and last name,
in /admin), never the login name: a user name is half of what signs in, and
often an e-mail address, so it must not be published. Korean names are
written family name first with no space (김민아); others first name first.
An account with no name set signs nothing: the verdict shows its date only."""

import re
from typing import Any

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def public_name(user: Any) -> str:
    if user is None:
        return ""
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if _HANGUL.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)
