"""The webhook signature: HMAC-SHA256 of the raw body with the subscriber's
secret, sent as `X-Tracker-Signature: sha256=<hex>`."""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Tracker-Signature"


def sign(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (docs/api.md has the same code): compare in
    constant time."""
    return hmac.compare_digest(sign(secret, body), header or "")
