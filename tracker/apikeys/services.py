"""Per-user API keys for the newsroom API. Only a SHA-256 hash is stored; the
key itself is shown once, at creation."""

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.errors import NotFound, ValidationFailed
from commitments.roles import SignedInUser, User, require_journalist
from commitments.services import audit_record, check_max_length
from tracker.models import ApiKey

KEY_PREFIX = "pt_"


def hash_key(raw: str) -> str:
    # Keys are 256 random bits: a fast hash is enough (no dictionary to attack),
    # and lookups by hash stay one indexed query per request.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_key_create(*, user: User, name: str) -> tuple[ApiKey, str]:
    """Create a key for `user`; returns the row and the raw key (shown once)."""
    user = require_journalist(user)
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the key a name."), field="name")
    check_max_length(name, model=ApiKey, name="name")
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        user=user, name=name, prefix=raw[:10], key_hash=hash_key(raw)
    )
    audit_record(actor=user, action="api_key.create", obj=key, data={"name": key.name})
    return key, raw


def api_key_revoke(*, user: SignedInUser, key_id: int) -> ApiKey:
    key = ApiKey.objects.filter(pk=key_id, user=user).first()
    if key is None:
        raise NotFound(_("No such key."))
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="api_key.revoke", obj=key)
    return key


def api_key_authenticate(raw: str) -> SignedInUser | None:
    """The active user owning this live key, or None."""
    if not raw or not raw.startswith(KEY_PREFIX) or len(raw) > 200:
        return None
    key = (
        ApiKey.objects.select_related("user")
        .filter(key_hash=hash_key(raw), revoked_at__isnull=True)
        .first()
    )
    if key is None or not key.user.is_active:
        return None
    # Coarse last-used time: one write per key per minute at most.
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key.user
