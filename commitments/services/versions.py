"""Stale-form detection: a form carries the pledge's version when it is opened,
and a write refuses (Conflict) when the pledge changed since, so two journalists
never silently overwrite each other."""

import hashlib

from django.utils.translation import gettext as _

from commitments.errors import Conflict
from commitments.models import Pledge


def pledge_version(pledge: Pledge) -> str:
    """An opaque token that changes whenever the pledge row is saved."""
    stamp = pledge.updated_at.isoformat() if pledge.updated_at else ""
    return hashlib.sha256(f"{pledge.pk}:{stamp}".encode()).hexdigest()[:16]


def pledge_version_check(*, pledge: Pledge, expected_version: str | None) -> None:
    """Raise Conflict when the caller's version is not the pledge's current one.

    `None` means the caller did not say (API clients may omit it): no check.
    Call with the row locked (select_for_update) so the check and the write
    see the same version.
    """
    if expected_version is None:
        return
    if expected_version != pledge_version(pledge):
        raise Conflict(
            _(
                "This pledge changed since you opened the form. Your input was kept: "
                "review the latest history, then submit again."
            ),
            code="stale_form",
            field="version",
        )
