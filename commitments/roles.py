"""Roles are Django groups, created by a data migration (DESIGN.md section 4)."""

from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as SignedInUser
from django.utils.translation import gettext as _

from commitments.errors import PermissionDenied

JOURNALISTS = "journalists"
EDITORS = "editors"

# Whoever asks: services take anyone and refuse here, so the anonymous visitor
# is part of the type; a row that names its author holds a SignedInUser.
User = SignedInUser | AnonymousUser


# The checks are TypeGuards (not TypeIs): False means "not in the role", which
# a signed-in user can be too, so only the True branch narrows.
def _in_group(user: User, name: str) -> TypeGuard[SignedInUser]:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=name).exists()


def is_editor(user: User) -> TypeGuard[SignedInUser]:
    return _in_group(user, EDITORS)


def is_journalist(user: User) -> TypeGuard[SignedInUser]:
    """Journalists, and editors (who can do everything a journalist can)."""
    return _in_group(user, JOURNALISTS) or is_editor(user)


def require_editor(user: User) -> SignedInUser:
    """Refuse anyone but an editor; returns the same user, typed as signed in,
    for callers that store it as an author."""
    if not is_editor(user):
        raise PermissionDenied(_("Only editors can do this."))
    return user


def require_journalist(user: User) -> SignedInUser:
    """Refuse anyone but a journalist or editor; returns the same user, typed
    as signed in, for callers that store it as an author."""
    if not is_journalist(user):
        raise PermissionDenied(_("Only journalists and editors can do this."))
    return user
