"""Candidate decisions: editors accept, merge, reject or reopen what the
engine proposed. Every decision stores the reviewer and time on the candidate
and leaves an AuditEvent."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commitments import services as record
from commitments.errors import Conflict, NotFound, ValidationFailed
from commitments.models import Category, Owner, Pledge, Target
from commitments.roles import SignedInUser, User, require_editor
from tracker.models import Candidate
from tracker.review.owners import owner_matching

State = Candidate.State


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
                value=row["value"] if row.get("value") is not None else "",
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


def _decide(
    candidate: Candidate, *, actor: SignedInUser, state: str, **fields: Any
) -> None:
    candidate.state = state
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=["state", "decided_by", "decided_at", *fields.keys()])


def owner_for_name(
    *, actor: User, name: str, name_en: str = "", context: str = ""
) -> Owner:
    """The owner `name` denotes, created when the record has none: the same
    body is never created twice under a short form ("서울시" for an owner
    stored as "서울특별시")."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Pick an owner or name a new one."), field="owner")
    record.check_max_length(name, model=Owner, name="name", field="owner")
    name_en = name_en.strip()
    record.check_max_length(
        name_en, model=Owner, name="name_en", field="new_owner_name_en"
    )
    existing = owner_matching(name, context=context) or owner_matching(name_en)
    if existing is not None:
        return existing
    base = slugify(name_en or name, allow_unicode=True)[:100] or "owner"
    slug, n = base, 2
    while Owner.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    owner = Owner.objects.create(slug=slug, name=name, name_en=name_en, aliases=[name])
    record.audit_record(actor=actor, action="owner.create", obj=owner)
    return owner


@transaction.atomic
def candidate_accept(*, actor: User, candidate: Candidate, data: AcceptInput) -> Pledge:
    """Publish the candidate as a Pledge with its targets and a Citation of
    its verbatim quote."""
    actor = require_editor(actor)
    candidate = _locked_pending(candidate)
    source = candidate.source
    # An owner picked from the record wins; then a name typed by the editor;
    # then the owner the engine proposed, matched to the record or created.
    owner = data.owner or candidate.owner
    if data.owner is None and (data.new_owner_name.strip() or owner is None):
        owner = owner_for_name(
            actor=actor,
            name=data.new_owner_name.strip() or candidate.owner_name,
            name_en=data.new_owner_name_en,
            context=source.body,
        )
    assert owner is not None  # one of the three branches above always gives one
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
    actor = require_editor(actor)
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
    actor = require_editor(actor)
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
    actor = require_editor(actor)
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
    actor = require_editor(actor)
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
