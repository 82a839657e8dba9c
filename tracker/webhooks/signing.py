"""Webhook signatures after Standard Webhooks (standardwebhooks.com):

    webhook-id:        the event id (the same for every retry)
    webhook-timestamp: Unix seconds when this attempt was sent
    webhook-signature: "v1," + base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}"))

The secret is "whsec_" + base64 of 32 random bytes; the key is those bytes.
Signing the id and timestamp with the body lets a receiver refuse a captured
delivery replayed later (stale timestamp) or twice (seen id). `verify` is
what a receiver does; docs/api.md has the same code for subscribers."""

import base64
import binascii
import hashlib
import hmac
import secrets
import time

SECRET_PREFIX = "whsec_"
# Receivers refuse timestamps further than this from their clock.
TOLERANCE_SECONDS = 5 * 60


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signing_key(secret: str) -> bytes:
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        # Secrets issued before Standard Webhooks were URL-safe base64
        # without padding; their owners are asked to re-register (docs).
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))


def signature(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    *, secret: str, msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret=secret, msg_id=msg_id, timestamp=timestamp, body=body
        ),
    }


def verify(
    secret: str, headers: dict[str, str], body: bytes, *, now: float | None = None
) -> bool:
    """A receiver's check: fresh timestamp, and one of the (space-separated)
    v1 signatures matches, compared in constant time."""
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id = lower.get("webhook-id", "")
    stamp = lower.get("webhook-timestamp", "")
    try:
        timestamp = int(stamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body)
    return any(
        hmac.compare_digest(expected, candidate)
        for candidate in lower.get("webhook-signature", "").split()
    )
