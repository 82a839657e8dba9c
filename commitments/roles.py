"""Roles are Django groups, created by a data migration (DESIGN.md section 4)."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from commitments.errors import PermissionDenied

JOURNALISTS = "journalists"
EDITORS = "editors"

User = AbstractBaseUser | AnonymousUser


def _in_group(user: User, name: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:  # type: ignore[union-attr]
        return True
    return user.groups.filter(name=name).exists()  # type: ignore[union-attr]


def is_editor(user: User) -> bool:
    return _in_group(user, EDITORS)


def is_journalist(user: User) -> bool:
    """Journalists, and editors (who can do everything a journalist can)."""
    return _in_group(user, JOURNALISTS) or is_editor(user)


def require_editor(user: User) -> None:
    if not is_editor(user):
        raise PermissionDenied(_("Only editors can do this."))


def require_journalist(user: User) -> None:
    if not is_journalist(user):
        raise PermissionDenied(_("Only journalists and editors can do this."))
