"""Storing articles (Sources) once, by content hash."""

import hashlib
import unicodedata
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import (
    Source,
)
from commitments.roles import User
from commitments.services.common import (
    audit_record,
    check_http_url,
    check_max_length,
)

# --- Sources -----------------------------------------------------------------


def content_hash_of(body: str) -> str:
    """Hash of the text with Unicode and white space normalised, so the same
    article copied twice (different line endings, NFC vs NFD) is one Source."""
    normal = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def source_store(
    *,
    actor: User | None,
    body: str,
    url: str = "",
    title: str = "",
    publisher: str = "",
    published_on: date | None = None,
    language: str = "",
    fetched_at: Any = None,
) -> tuple[Source, bool]:
    """Store an article once. Returns (source, created)."""
    if not body or not body.strip():
        raise ValidationFailed(
            _("The article text is empty."), code="empty_text", field="body"
        )
    if url:
        check_http_url(url, field="url")
    for name, value in (
        ("title", title),
        ("publisher", publisher),
        ("language", language),
    ):
        check_max_length(value, model=Source, name=name)
    digest = content_hash_of(body)
    existing = Source.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            source = Source.objects.create(
                body=body,
                url=url,
                title=title,
                publisher=publisher,
                published_on=published_on,
                language=language,
                content_hash=digest,
                fetched_at=fetched_at,
                created_by=actor
                if actor is not None and actor.is_authenticated
                else None,
            )
            audit_record(
                actor=actor, action="source.store", obj=source, data={"url": url}
            )
    except IntegrityError:
        # Another request stored the same article between our check and insert.
        return Source.objects.get(content_hash=digest), False
    return source, True
