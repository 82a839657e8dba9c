"""Every write to the record. Keyword-only, typed, atomic, permission-checked,
and each leaves an AuditEvent (who, when, what)."""

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from commitments.errors import ValidationFailed
from commitments.models import (
    AuditEvent,
    Category,
    Citation,
    DeadlinePrecision,
    Measurement,
    Owner,
    Pledge,
    Source,
    StatusUpdate,
    Target,
)
from commitments.roles import User, require_editor, require_journalist
from commitments.statuses import FINAL_STATUSES, Status


def audit_record(
    *, actor: User | None, action: str, obj: Any, data: dict | None = None
) -> None:
    AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=type(obj).__name__.lower(),
        object_id=str(getattr(obj, "public_id", None) or obj.pk),
        data=data or {},
    )


def today_local() -> date:
    """Today in the display time zone: deadlines are local dates."""
    return timezone.localdate()


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
            "The article text is empty.", code="empty_text", field="body"
        )
    if url:
        _check_http_url(url, field="url")
    digest = content_hash_of(body)
    existing = Source.objects.filter(content_hash=digest).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            source = Source.objects.create(
                body=body,
                url=url,
                title=title[:500],
                publisher=publisher[:200],
                published_on=published_on,
                language=language[:8],
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


# --- Pledges -----------------------------------------------------------------


@dataclass(frozen=True)
class TargetInput:
    metric: str
    value: Decimal | int | float | str
    unit: str = ""
    period: str = Target.Period.NONE
    deadline: date | None = None
    deadline_precision: str = ""
    baseline_value: Decimal | int | float | str | None = None
    baseline_date: date | None = None
    direction: str = Target.Direction.INCREASE
    # Index, in the same list, of the total this target is a component of.
    component_of: int | None = None
    text: str = ""


@dataclass(frozen=True)
class CitationInput:
    source: Source
    quote: str
    start: int | None = None
    end: int | None = None


def _decimal(value: Any, *, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed(f"{value!r} is not a number.", field=field) from exc
    if not number.is_finite():
        raise ValidationFailed(f"{value!r} is not a finite number.", field=field)
    if number < 0:
        raise ValidationFailed("Values cannot be negative.", field=field)
    if abs(number) >= Decimal(10) ** 20:
        raise ValidationFailed("That number is too large.", field=field)
    return number


def _check_http_url(url: str, *, field: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationFailed(
            "Give a web address starting with http:// or https://.",
            code="invalid_url",
            field=field,
        )


def _unique_slug(text: str) -> str:
    base = slugify(text, allow_unicode=True)[:80].strip("-") or "pledge"
    slug, n = base, 2
    while Pledge.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _targets_create(
    *, pledge: Pledge, targets: Sequence[TargetInput], start: int = 0
) -> list[Target]:
    created: list[Target] = []
    for i, spec in enumerate(targets):
        if not spec.metric.strip():
            raise ValidationFailed(
                "Each target needs a metric.", field=f"targets.{i}.metric"
            )
        if spec.period not in Target.Period.values:
            raise ValidationFailed(
                f"Unknown period {spec.period!r}.", field=f"targets.{i}.period"
            )
        if spec.direction not in Target.Direction.values:
            raise ValidationFailed(
                f"Unknown direction {spec.direction!r}.", field=f"targets.{i}.direction"
            )
        if (
            spec.deadline_precision
            and spec.deadline_precision not in DeadlinePrecision.values
        ):
            raise ValidationFailed(
                f"Unknown deadline precision {spec.deadline_precision!r}.",
                field=f"targets.{i}.deadline_precision",
            )
        parent = None
        if spec.component_of is not None:
            if not 0 <= spec.component_of < i:
                raise ValidationFailed(
                    "A component must come after the total it belongs to.",
                    field=f"targets.{i}.component_of",
                )
            parent = created[spec.component_of]
        created.append(
            Target.objects.create(
                pledge=pledge,
                metric=spec.metric.strip()[:300],
                value=_decimal(spec.value, field=f"targets.{i}.value"),
                unit=spec.unit[:40],
                period=spec.period,
                deadline=spec.deadline,
                deadline_precision=spec.deadline_precision,
                baseline_value=(
                    None
                    if spec.baseline_value is None
                    else _decimal(
                        spec.baseline_value, field=f"targets.{i}.baseline_value"
                    )
                ),
                baseline_date=spec.baseline_date,
                direction=spec.direction,
                component_of=parent,
                text=spec.text[:200],
                position=start + i,
            )
        )
    return created


@transaction.atomic
def pledge_create(
    *,
    actor: User,
    title: str,
    owner: Owner,
    original_wording: str,
    title_en: str = "",
    summary: str = "",
    made_on: date | None = None,
    deadline: date | None = None,
    deadline_precision: str = "",
    categories: Sequence[Category] = (),
    targets: Sequence[TargetInput] = (),
    citation: CitationInput | None = None,
    slug: str = "",
) -> Pledge:
    """Publish a reviewed pledge with its targets and the quote that states it."""
    require_editor(actor)
    if not title.strip():
        raise ValidationFailed("A pledge needs a title.", field="title")
    if not original_wording.strip():
        raise ValidationFailed(
            "A pledge needs its original wording.", field="original_wording"
        )
    if deadline_precision and deadline_precision not in DeadlinePrecision.values:
        raise ValidationFailed(
            "Unknown deadline precision.", field="deadline_precision"
        )
    if deadline and not deadline_precision:
        deadline_precision = DeadlinePrecision.DAY
    pledge = Pledge.objects.create(
        slug=_unique_slug(slug or title_en or title),
        title=title.strip()[:300],
        title_en=title_en.strip()[:300],
        summary=summary,
        original_wording=original_wording,
        owner=owner,
        made_on=made_on,
        deadline=deadline,
        deadline_precision=deadline_precision,
        created_by=actor,
    )
    pledge.categories.set(categories)
    _targets_create(pledge=pledge, targets=targets)
    if citation is not None:
        citation_add(actor=actor, pledge=pledge, citation=citation)
    pledge_flags_refresh(pledge=pledge)
    audit_record(
        actor=actor, action="pledge.create", obj=pledge, data={"title": pledge.title}
    )
    return pledge


@transaction.atomic
def citation_add(*, actor: User, pledge: Pledge, citation: CitationInput) -> Citation:
    require_editor(actor)
    quote = citation.quote.strip()
    if not quote:
        raise ValidationFailed("A citation needs the quote.", field="quote")
    body = citation.source.body
    start, end = citation.start, citation.end
    if start is None or end is None or body[start:end] != citation.quote:
        # Offsets are optional; when given they must point at the quote itself.
        found = body.find(quote)
        if found < 0:
            raise ValidationFailed(
                "The quote is not in the source's text (quotes must be verbatim).",
                code="quote_not_in_source",
                field="quote",
            )
        start, end = found, found + len(quote)
    obj, created = Citation.objects.get_or_create(
        pledge=pledge,
        source=citation.source,
        quote_start=start,
        defaults={"quote": body[start:end], "quote_end": end, "created_by": actor},
    )
    if created:
        audit_record(
            actor=actor,
            action="citation.add",
            obj=obj,
            data={"pledge": str(pledge.public_id)},
        )
    return obj


# --- Status updates ----------------------------------------------------------


@transaction.atomic
def status_update_post(
    *,
    actor: User,
    pledge: Pledge,
    status: str,
    note: str,
    kind: str = StatusUpdate.Kind.NEWSROOM,
    evidence_url: str = "",
    evidence_source: Source | None = None,
) -> StatusUpdate:
    """Post a verdict (newsroom) or record what the owner claims (official).

    Only newsroom verdicts change the pledge's public status; an official
    self-report stands beside it and a disagreement is flagged, never merged.
    """
    require_journalist(actor)
    if status not in Status.values:
        raise ValidationFailed(
            f"{status!r} is not a status in the taxonomy.",
            code="unknown_status",
            field="status",
        )
    if kind not in (StatusUpdate.Kind.NEWSROOM, StatusUpdate.Kind.OFFICIAL):
        raise ValidationFailed(
            "Kind must be a newsroom verdict or an official self-report.", field="kind"
        )
    if not note.strip():
        field_msg = (
            "Explain why it can't be rated."
            if status == Status.UNRATABLE
            else "A note is required."
        )
        raise ValidationFailed(field_msg, code="note_required", field="note")
    if evidence_url:
        _check_http_url(evidence_url, field="evidence_url")
    if status != Status.NOT_RATED and not evidence_url and evidence_source is None:
        raise ValidationFailed(
            "Evidence (a link or a source) is required for every status but 'not yet rated'.",
            code="evidence_required",
            field="evidence",
        )
    # Lock the pledge row so two verdicts posted at once record the right
    # previous status.
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    previous = (
        locked.status
        if kind == StatusUpdate.Kind.NEWSROOM
        else (locked.official_status or Status.NOT_RATED)
    )
    update = StatusUpdate.objects.create(
        pledge=locked,
        status=status,
        previous_status=previous,
        kind=kind,
        note=note.strip(),
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        author=actor,
    )
    if kind == StatusUpdate.Kind.NEWSROOM:
        locked.status = status
    else:
        locked.official_status = status
    locked.last_update_at = update.created_at
    pledge_flags_refresh(pledge=locked)
    pledge.refresh_from_db()
    audit_record(
        actor=actor,
        action="status_update.post",
        obj=update,
        data={
            "pledge": str(locked.public_id),
            "status": status,
            "previous": previous,
            "kind": kind,
        },
    )
    return update


# --- Measurements ------------------------------------------------------------


@transaction.atomic
def measurement_record(
    *,
    actor: User,
    target: Target,
    value: Decimal | int | float | str,
    as_of: date,
    unit: str | None = None,
    note: str = "",
    evidence_url: str = "",
    evidence_source: Source | None = None,
) -> Measurement:
    """Record progress toward a target as of a date, with evidence."""
    require_journalist(actor)
    number = _decimal(value, field="value")
    if as_of > today_local():
        raise ValidationFailed(
            "A measurement cannot be dated in the future.",
            code="future_date",
            field="as_of",
        )
    if unit is not None and unit.strip() and unit.strip() != target.unit:
        raise ValidationFailed(
            f"This target is measured in {target.unit or 'plain numbers'!r}, not {unit!r}.",
            code="wrong_unit",
            field="unit",
        )
    if evidence_url:
        _check_http_url(evidence_url, field="evidence_url")
    if not evidence_url and evidence_source is None:
        raise ValidationFailed(
            "Evidence (a link or a source) is required.",
            code="evidence_required",
            field="evidence",
        )
    measurement = Measurement.objects.create(
        target=target,
        value=number,
        as_of=as_of,
        note=note.strip(),
        evidence_url=evidence_url,
        evidence_source=evidence_source,
        author=actor,
    )
    pledge = target.pledge
    pledge.last_update_at = measurement.created_at
    pledge_flags_refresh(pledge=pledge)
    audit_record(
        actor=actor,
        action="measurement.record",
        obj=measurement,
        data={"target": target.pk, "value": str(number), "as_of": as_of.isoformat()},
    )
    return measurement


# --- Computed flags ----------------------------------------------------------


def pledge_flags_compute(pledge: Pledge, *, today: date) -> dict[str, bool]:
    """The overdue, stale and disagreement flags, derived from the pledge's state."""
    final = pledge.status in FINAL_STATUSES
    overdue = bool(pledge.deadline and pledge.deadline < today and not final)
    last = pledge.last_update_at or pledge.created_at
    stale_before = today - timedelta(days=settings.STALE_AFTER_DAYS)
    stale = bool(not final and last and timezone.localtime(last).date() < stale_before)
    disagreement = bool(
        pledge.official_status
        and pledge.status != Status.NOT_RATED
        and pledge.official_status != pledge.status
    )
    return {"is_overdue": overdue, "is_stale": stale, "has_disagreement": disagreement}


def pledge_flags_refresh(*, pledge: Pledge) -> None:
    """Recompute and save the stored flags (and any field the caller changed)."""
    for name, value in pledge_flags_compute(pledge, today=today_local()).items():
        setattr(pledge, name, value)
    pledge.save()


def pledge_flags_recompute_all(*, today: date | None = None) -> int:
    """Recompute every open pledge's flags in bulk; returns how many changed.

    Runs daily: deadlines pass and updates age without anyone touching a pledge.
    """
    today = today or today_local()
    changed: list[Pledge] = []
    fields = ["is_overdue", "is_stale", "has_disagreement"]
    queryset = Pledge.objects.filter(
        ~Q(status__in=FINAL_STATUSES) | Q(is_overdue=True) | Q(is_stale=True)
    ).only(
        "id",
        "status",
        "official_status",
        "deadline",
        "last_update_at",
        "created_at",
        *fields,
    )
    for pledge in queryset.iterator(chunk_size=2000):
        flags = pledge_flags_compute(pledge, today=today)
        if any(getattr(pledge, k) != v for k, v in flags.items()):
            for k, v in flags.items():
                setattr(pledge, k, v)
            changed.append(pledge)
    # bulk_update skips auto_now and history: flags are derived, not edits.
    Pledge.objects.bulk_update(changed, fields, batch_size=1000)
    return len(changed)
