"""Following pledges: followed pledges come first on the user's desk."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commitments.errors import PermissionDenied
from commitments.models import Pledge
from commitments.roles import SignedInUser, User
from commitments.services import audit_record
from tracker.models import Follow


def _require_signed_in(user: User) -> SignedInUser:
    """Refuse visitors; returns the same user, typed as signed in."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to follow pledges."))
    return user


def pledge_follow(*, user: User, pledge: Pledge) -> Follow:
    """Follow a pledge; following twice is harmless (returns the existing row)."""
    user = _require_signed_in(user)
    existing = Follow.objects.filter(user=user, pledge=pledge).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            follow = Follow.objects.create(user=user, pledge=pledge)
            audit_record(
                actor=user,
                action="pledge.follow",
                obj=pledge,
                data={"user": user.pk},
            )
    except IntegrityError:  # a double click raced us: the row exists now
        return Follow.objects.get(user=user, pledge=pledge)
    return follow


@transaction.atomic
def pledge_unfollow(*, user: User, pledge: Pledge) -> bool:
    """Stop following; returns whether a follow was removed."""
    user = _require_signed_in(user)
    deleted, _rows = Follow.objects.filter(user=user, pledge=pledge).delete()
    if deleted:
        audit_record(
            actor=user, action="pledge.unfollow", obj=pledge, data={"user": user.pk}
        )
    return bool(deleted)
