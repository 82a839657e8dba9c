"""Candidates: stored from the engine idempotently, then decided by editors.

Every decision (accept, merge, reject, reopen) stores the reviewer and time
on the candidate and leaves an AuditEvent."""

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commitments import services as record
from commitments.errors import Conflict, NotFound, ValidationFailed
from commitments.models import (
    Category,
    DeadlinePrecision,
    Owner,
    Pledge,
    Source,
    Target,
)
from commitments.roles import User, require_editor
from tracker.extraction import PIPELINE_VERSION, ExtractedPledge
from tracker.models import Candidate
from tracker.services.matching import pledge_match

State = Candidate.State
PERIODS = {
    "per year": Target.Period.PER_YEAR,
    "per month": Target.Period.PER_MONTH,
    "cumulative": Target.Period.CUMULATIVE,
}


def fingerprint_of(quote: str) -> str:
    normal = " ".join(unicodedata.normalize("NFC", quote).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _deadline(text: str | None) -> str:
    """Engine deadlines are "YYYY" or "YYYY-MM-DD"; targets store a date."""
    if not text:
        return ""
    if len(text) == 4 and text.isdigit():
        return f"{text}-12-31"
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return ""


def targets_json(found: ExtractedPledge) -> list[dict[str, Any]]:
    """The engine's targets as editable rows, totals before their components
    (pledge_create wants a component after the total it belongs to)."""
    specs = list(found.targets)
    order = sorted(range(len(specs)), key=lambda i: specs[i].component_of is not None)
    position = {old: new for new, old in enumerate(order)}
    rows: list[dict[str, Any]] = []
    for old in order:
        t = specs[old]
        value = int(t.value) if float(t.value).is_integer() else t.value
        rows.append(
            {
                "metric": t.text or f"{value} {t.unit}".strip(),
                "value": str(value),
                "unit": t.unit[:40],
                "period": PERIODS.get(t.period or "", Target.Period.NONE),
                "deadline": _deadline(t.deadline),
                "deadline_precision": (
                    t.deadline_precision
                    if t.deadline_precision in DeadlinePrecision.values
                    else ""
                ),
                "deadline_inferred": t.deadline_inferred,
                "text": t.text[:200],
                "component_of": (
                    position.get(t.component_of) if t.component_of is not None else None
                ),
                "baseline": t.baseline,
            }
        )
    return rows


def candidates_store(*, source: Source, found: Sequence[ExtractedPledge]) -> int:
    """Store the engine's candidates for `source`. Idempotent by (source,
    fingerprint): running twice, or two workers at once, never duplicates;
    a newer pipeline version refreshes pending candidates and keeps every
    decision already made. Returns how many candidates the source has."""
    owners = {o.slug: o for o in Owner.objects.all()}
    for item in found:
        fingerprint = fingerprint_of(item.quote)
        owner = owners.get(item.owner or "")
        targets = targets_json(item)
        suggested, suggestion_score = pledge_match(
            owner=owner,
            title=item.title,
            quote=item.quote,
            target_values=[t["value"] for t in targets],
        )
        fields = {
            "pipeline_version": PIPELINE_VERSION,
            "quote": item.quote,
            "quote_start": item.start,
            "quote_end": item.end,
            "extra_quotes": [
                {"quote": q.quote, "start": q.start, "end": q.end}
                for q in item.extra_quotes
            ],
            "title": item.title[:300],
            "language": (item.language or "")[:8],
            "owner_name": (owner.name if owner else item.owner or "")[:200],
            "owner": owner,
            "targets": targets,
            "score": max(0.0, min(1.0, float(item.score))),
            "cues": list(item.cues),
            "suggested_pledge": suggested,
            "suggestion_score": suggestion_score or None,
        }
        existing = Candidate.objects.filter(
            source=source, fingerprint=fingerprint
        ).first()
        if existing is not None:
            if existing.state == State.PENDING:
                Candidate.objects.filter(pk=existing.pk, state=State.PENDING).update(
                    **fields
                )
            elif existing.pipeline_version != PIPELINE_VERSION:
                # Decided: keep the decision and what was decided on.
                Candidate.objects.filter(pk=existing.pk).update(
                    pipeline_version=PIPELINE_VERSION
                )
            continue
        try:
            with transaction.atomic():
                Candidate.objects.create(
                    source=source, fingerprint=fingerprint, **fields
                )
        except IntegrityError:
            # Another worker stored it between our read and insert.
            continue
    return Candidate.objects.filter(source=source).count()


# --- Decisions ------------------------------------------------------------------


@dataclass
class AcceptInput:
    """What the editor confirmed in the accept form (prefilled from the
    candidate). `owner` or `new_owner_name` names the owner."""

    title: str
    title_en: str = ""
    owner: Owner | None = None
    new_owner_name: str = ""
    new_owner_name_en: str = ""
    categories: Sequence[Category] = ()
    targets: Sequence[record.TargetInput] = ()
    deadline: date | None = None
    deadline_precision: str = ""
    summary: str = ""
    slug: str = ""
    made_on: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def target_inputs(rows: Sequence[dict[str, Any]]) -> list[record.TargetInput]:
    """Candidate/API target rows → TargetInput (invalid values raise
    ValidationFailed with the row's field)."""
    out: list[record.TargetInput] = []
    for i, row in enumerate(rows):
        deadline = row.get("deadline") or None
        if isinstance(deadline, str):
            try:
                deadline = date.fromisoformat(deadline)
            except ValueError as exc:
                raise ValidationFailed(
                    _("Not a date."), field=f"targets.{i}.deadline"
                ) from exc
        component = row.get("component_of")
        if component in ("", None):
            component = None
        else:
            try:
                component = int(component)
            except (TypeError, ValueError) as exc:
                raise ValidationFailed(
                    _("Not a row number."), field=f"targets.{i}.component_of"
                ) from exc
        out.append(
            record.TargetInput(
                metric=str(row.get("metric") or "").strip(),
                value=row.get("value") if row.get("value") is not None else "",
                unit=str(row.get("unit") or ""),
                period=str(row.get("period") or Target.Period.NONE),
                deadline=deadline,
                deadline_precision=str(row.get("deadline_precision") or "")
                if deadline
                else "",
                direction=str(row.get("direction") or Target.Direction.INCREASE),
                component_of=component,
                text=str(row.get("text") or ""),
            )
        )
    return out


def _locked_pending(candidate: Candidate) -> Candidate:
    """Lock the row and check nobody decided it meanwhile (double accept)."""
    locked = (
        Candidate.objects.select_for_update()
        .select_related("source")
        .filter(pk=candidate.pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("No such candidate."))
    if locked.state != State.PENDING:
        raise Conflict(
            _("This candidate was already decided (%(state)s).")
            % {"state": locked.get_state_display()},
            code="already_decided",
        )
    return locked


def _decide(candidate: Candidate, *, actor: User, state: str, **fields: Any) -> None:
    candidate.state = state
    candidate.decided_by = actor  # type: ignore[assignment]
    candidate.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=["state", "decided_by", "decided_at", *fields.keys()])


def _owner_create(*, actor: User, name: str, name_en: str) -> Owner:
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Pick an owner or name a new one."), field="owner")
    existing = Owner.objects.filter(name=name).first()
    if existing is not None:
        return existing
    base = slugify(name_en or name, allow_unicode=True)[:100] or "owner"
    slug, n = base, 2
    while Owner.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    owner = Owner.objects.create(
        slug=slug, name=name[:200], name_en=name_en.strip()[:200], aliases=[name]
    )
    record.audit_record(actor=actor, action="owner.create", obj=owner)
    return owner


@transaction.atomic
def candidate_accept(*, actor: User, candidate: Candidate, data: AcceptInput) -> Pledge:
    """Publish the candidate as a Pledge with its targets and a Citation of
    its verbatim quote."""
    require_editor(actor)
    candidate = _locked_pending(candidate)
    owner = data.owner or _owner_create(
        actor=actor, name=data.new_owner_name, name_en=data.new_owner_name_en
    )
    source = candidate.source
    pledge = record.pledge_create(
        actor=actor,
        title=data.title,
        title_en=data.title_en,
        owner=owner,
        original_wording=candidate.quote,
        summary=data.summary,
        made_on=data.made_on or source.published_on,
        deadline=data.deadline,
        deadline_precision=data.deadline_precision,
        categories=list(data.categories),
        targets=list(data.targets),
        citation=record.CitationInput(
            source=source,
            quote=candidate.quote,
            start=candidate.quote_start,
            end=candidate.quote_end,
        ),
        slug=data.slug,
    )
    _decide(candidate, actor=actor, state=State.ACCEPTED, pledge=pledge)
    record.audit_record(
        actor=actor,
        action="candidate.accept",
        obj=candidate,
        data={"pledge": str(pledge.public_id)},
    )
    return pledge


@transaction.atomic
def candidate_merge(
    *,
    actor: User,
    candidate: Candidate,
    pledge: Pledge,
    targets: Sequence[record.TargetInput] = (),
) -> Pledge:
    """Cite this candidate's quote on an existing pledge and add any targets
    the pledge does not have yet."""
    require_editor(actor)
    candidate = _locked_pending(candidate)
    record.citation_add(
        actor=actor,
        pledge=pledge,
        citation=record.CitationInput(
            source=candidate.source,
            quote=candidate.quote,
            start=candidate.quote_start,
            end=candidate.quote_end,
        ),
    )
    if targets:
        record.pledge_targets_add(actor=actor, pledge=pledge, targets=targets)
    _decide(candidate, actor=actor, state=State.MERGED, pledge=pledge)
    record.audit_record(
        actor=actor,
        action="candidate.merge",
        obj=candidate,
        data={"pledge": str(pledge.public_id)},
    )
    return pledge


def _check_reason(reason: str) -> str:
    if reason not in Candidate.RejectReason.values:
        raise ValidationFailed(
            _(
                "Choose a reason: not a pledge, duplicate, too vague, past action "
                "or opinion."
            ),
            code="invalid_reason",
            field="reason",
        )
    return reason


@transaction.atomic
def candidate_reject(*, actor: User, candidate: Candidate, reason: str) -> Candidate:
    require_editor(actor)
    _check_reason(reason)
    candidate = _locked_pending(candidate)
    _decide(candidate, actor=actor, state=State.REJECTED, reject_reason=reason)
    record.audit_record(
        actor=actor, action="candidate.reject", obj=candidate, data={"reason": reason}
    )
    return candidate


@transaction.atomic
def candidate_reopen(*, actor: User, candidate: Candidate) -> Candidate:
    """A rejected candidate goes back to pending. Accepted or merged ones
    cannot: their pledge is published (correct it on the desk instead)."""
    require_editor(actor)
    locked = Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
    if locked is None:
        raise NotFound(_("No such candidate."))
    if locked.state != State.REJECTED:
        raise Conflict(
            _("Only a rejected candidate can be reopened."), code="not_rejected"
        )
    previous = locked.reject_reason
    # The reopening is itself a decision: who and when are kept.
    _decide(locked, actor=actor, state=State.PENDING, reject_reason="")
    record.audit_record(
        actor=actor,
        action="candidate.reopen",
        obj=locked,
        data={"previous_reason": previous},
    )
    return locked


@transaction.atomic
def candidates_bulk_reject(
    *, actor: User, candidates: Sequence[Candidate], reason: str
) -> int:
    """Reject every still-pending candidate given; decided ones are skipped."""
    require_editor(actor)
    _check_reason(reason)
    done = 0
    for candidate in candidates:
        try:
            candidate_reject(actor=actor, candidate=candidate, reason=reason)
        except Conflict:
            continue
        done += 1
    return done


def candidate_get(public_id: Any) -> Candidate:
    """By public UUID (string or UUID); NotFound for anything else."""
    try:
        return Candidate.objects.select_related("source", "owner").get(
            public_id=public_id
        )
    except (Candidate.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise NotFound(_("No such candidate."), code="candidate_not_found") from exc


def pledge_by_ref(ref: Any) -> Pledge:
    """A pledge by public UUID or slug; NotFound otherwise."""
    ref = str(ref or "").strip()
    pledge = None
    try:
        pledge = Pledge.objects.filter(public_id=ref).first()
    except (ValueError, ValidationError):
        pledge = None
    if pledge is None and ref:
        pledge = Pledge.objects.filter(slug=ref).first()
    if pledge is None:
        raise NotFound(_("No such pledge."), code="pledge_not_found")
    return pledge
