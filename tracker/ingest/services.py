"""Articles in: pasted text, an uploaded file, a URL. Each new Source gets an
extraction job, enqueued after the transaction commits."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments import services as record
from commitments.errors import ValidationFailed
from commitments.models import Source
from commitments.roles import User, require_journalist
from tracker.extraction_runs.services import job_ensure
from tracker.ingest.html import page_text
from tracker.ingest.text import decode_bytes, looks_binary, response_text
from tracker.safe_http.client import fetch

UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_TYPES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}


def _check_text(body: str, *, field: str = "body") -> str:
    if not body or not body.strip():
        raise ValidationFailed(
            _("The article text is empty."), code="empty_text", field=field
        )
    if "\x00" in body or looks_binary(body[:8192].encode("utf-8", "replace")):
        raise ValidationFailed(
            _("That is not text: binary content cannot be ingested."),
            code="binary_content",
            field=field,
        )
    return body


def source_ingest_text(
    *,
    actor: User,
    body: str,
    url: str = "",
    title: str = "",
    publisher: str = "",
    published_on: date | None = None,
    language: str = "",
    fetched_at: Any = None,
) -> tuple[Source, bool]:
    """Store the article once (by content hash) and queue its extraction.
    Returns (source, created); an existing Source comes back unchanged."""
    require_journalist(actor)
    _check_text(body)
    if language and language not in ("ko", "en"):
        raise ValidationFailed(
            _("Language must be 'ko' or 'en'."),
            code="invalid_language",
            field="language",
        )
    with transaction.atomic():
        source, created = record.source_store(
            actor=actor,
            body=body,
            url=url,
            title=title,
            publisher=publisher,
            published_on=published_on,
            language=language,
            fetched_at=fetched_at,
        )
        # A Source stored by other means (the demo, the admin) may have no job.
        job_ensure(source=source)
    return source, created


def source_ingest_url(*, actor: User, url: str) -> tuple[Source, bool]:
    """Fetch a page through the SSRF guard, keep its main text, ingest it."""
    require_journalist(actor)
    url = (url or "").strip()
    record.check_http_url(url, field="url")
    existing = Source.objects.filter(url=url).first()
    if existing is not None:
        job_ensure(source=existing)
        return existing, False
    result = fetch(url)
    if looks_binary(result.body):
        raise ValidationFailed(
            _("The address did not return text."),
            code="binary_content",
            field="url",
        )
    html = response_text(result)
    mime = result.content_type.split(";", 1)[0].strip().lower()
    if mime == "text/plain":
        text, title, publisher, published_on, language = html, "", "", None, ""
    else:
        page = page_text(html, url=result.url)
        text, title, publisher = page.text, page.title, page.publisher
        published_on, language = page.published_on, page.language
    if not text.strip():
        raise ValidationFailed(
            _("No article text was found at that address."),
            code="empty_text",
            field="url",
        )
    return source_ingest_text(
        actor=actor,
        body=text,
        url=url,
        title=title,
        publisher=publisher,
        published_on=published_on,
        language=language,
        fetched_at=timezone.now(),
    )


def source_ingest_file(
    *,
    actor: User,
    upload: Any,
    url: str = "",
    title: str = "",
    publisher: str = "",
    published_on: date | None = None,
    language: str = "",
) -> tuple[Source, bool]:
    """An uploaded .txt or .html file (an UploadedFile or anything with
    `.name`, `.size` and `.read()`)."""
    require_journalist(actor)
    name = (getattr(upload, "name", "") or "").lower()
    kind = next((k for ext, k in UPLOAD_TYPES.items() if name.endswith(ext)), None)
    if kind is None:
        raise ValidationFailed(
            _("Upload a .txt or .html file."), code="unsupported_file", field="file"
        )
    size = getattr(upload, "size", None)
    if size is not None and size > UPLOAD_MAX_BYTES:
        raise ValidationFailed(
            _("The file is too large."), code="too_large", field="file"
        )
    data = upload.read(UPLOAD_MAX_BYTES + 1)
    if len(data) > UPLOAD_MAX_BYTES:
        raise ValidationFailed(
            _("The file is too large."), code="too_large", field="file"
        )
    if looks_binary(data):
        raise ValidationFailed(
            _("That file is not text: binary files cannot be ingested."),
            code="binary_content",
            field="file",
        )
    text = decode_bytes(data)
    if kind == "html":
        page = page_text(text, url=url)
        text = page.text
        title = title or page.title
        publisher = publisher or page.publisher
        published_on = published_on or page.published_on
        language = language or page.language
    _check_text(text, field="file")
    return source_ingest_text(
        actor=actor,
        body=text,
        url=url,
        title=title,
        publisher=publisher,
        published_on=published_on,
        language=language,
    )
