"""Summaries of the whole record (the home's counts, the filter form's years),
cached under the record's generation (`commitments.record_generation`).

Every write that changes what they count moves the generation on, in the
write's transaction (`connect_invalidation` below, and explicit bumps where a
service writes in bulk), so the page after a write never shows the old
answer. The day is part of the key too: "overdue" changes at midnight with no
write. The lifetime only bounds what a write behind the ORM's back (raw SQL)
could leave.
"""

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from commitments import record_generation

T = TypeVar("T")
LIFETIME_SECONDS = 600
_MISSING = object()


def cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer for the current generation and day."""
    key = ":".join(
        [
            "summary",
            record_generation.current(),
            timezone.localdate().isoformat(),
            name,
        ]
    )
    try:
        found: Any = cache.get(key, _MISSING)
    except Exception:  # a cache outage only costs speed
        return compute()
    if found is not _MISSING:
        return found
    value = compute()
    with contextlib.suppress(Exception):  # a cache outage only costs speed
        cache.set(key, value, LIFETIME_SECONDS)
    return value


def _bump(**kwargs: Any) -> None:
    # m2m_changed fires before and after: the "post_" half is the write.
    if str(kwargs.get("action", "post_")).startswith("pre_"):
        return
    record_generation.bump()


def connect_invalidation() -> None:
    """What the summaries count: pledges, their categories, and the names of
    owners and categories they show."""
    from commitments.models import Category, Owner, Pledge

    for model in (Pledge, Category, Owner):
        post_save.connect(_bump, sender=model, dispatch_uid=f"summary-save-{model}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"summary-delete-{model}")
    m2m_changed.connect(
        _bump, sender=Pledge.categories.through, dispatch_uid="summary-categories"
    )
