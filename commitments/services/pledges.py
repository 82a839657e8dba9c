"""Publishing pledges with their targets and citations."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commitments import events
from commitments.errors import ValidationFailed
from commitments.models import (
    Category,
    Citation,
    DeadlinePrecision,
    Owner,
    Pledge,
    Source,
    Target,
)
from commitments.roles import User, require_editor
from commitments.services.common import (
    audit_record,
    check_max_length,
    decimal_value,
)
from commitments.services.flags import pledge_flags_refresh

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
                _("Each target needs a metric."), field=f"targets.{i}.metric"
            )
        if spec.period not in Target.Period.values:
            raise ValidationFailed(
                _("Unknown period %(period)r.") % {"period": spec.period},
                field=f"targets.{i}.period",
            )
        if spec.direction not in Target.Direction.values:
            raise ValidationFailed(
                _("Unknown direction %(direction)r.") % {"direction": spec.direction},
                field=f"targets.{i}.direction",
            )
        if (
            spec.deadline_precision
            and spec.deadline_precision not in DeadlinePrecision.values
        ):
            raise ValidationFailed(
                _("Unknown deadline precision %(precision)r.")
                % {"precision": spec.deadline_precision},
                field=f"targets.{i}.deadline_precision",
            )
        parent = None
        if spec.component_of is not None:
            if not 0 <= spec.component_of < i:
                raise ValidationFailed(
                    _("A component must come after the total it belongs to."),
                    field=f"targets.{i}.component_of",
                )
            parent = created[spec.component_of]
        created.append(
            Target.objects.create(
                pledge=pledge,
                metric=check_max_length(
                    spec.metric.strip(),
                    model=Target,
                    name="metric",
                    field=f"targets.{i}.metric",
                ),
                value=decimal_value(spec.value, field=f"targets.{i}.value"),
                unit=check_max_length(
                    spec.unit, model=Target, name="unit", field=f"targets.{i}.unit"
                ),
                period=spec.period,
                deadline=spec.deadline,
                deadline_precision=spec.deadline_precision,
                baseline_value=(
                    None
                    if spec.baseline_value is None
                    else decimal_value(
                        spec.baseline_value, field=f"targets.{i}.baseline_value"
                    )
                ),
                baseline_date=spec.baseline_date,
                direction=spec.direction,
                component_of=parent,
                text=check_max_length(
                    spec.text, model=Target, name="text", field=f"targets.{i}.text"
                ),
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
    actor = require_editor(actor)
    if not title.strip():
        raise ValidationFailed(_("A pledge needs a title."), field="title")
    if not original_wording.strip():
        raise ValidationFailed(
            _("A pledge needs its original wording."), field="original_wording"
        )
    if deadline_precision and deadline_precision not in DeadlinePrecision.values:
        raise ValidationFailed(
            _("Unknown deadline precision."), field="deadline_precision"
        )
    if deadline and not deadline_precision:
        deadline_precision = DeadlinePrecision.DAY
    pledge = Pledge.objects.create(
        slug=_unique_slug(slug or title_en or title),
        title=check_max_length(title.strip(), model=Pledge, name="title"),
        title_en=check_max_length(title_en.strip(), model=Pledge, name="title_en"),
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
    events.emit(
        events.PLEDGE_PUBLISHED,
        {"pledge": str(pledge.public_id), "slug": pledge.slug, "title": pledge.title},
    )
    audit_record(
        actor=actor, action="pledge.create", obj=pledge, data={"title": pledge.title}
    )
    return pledge


@transaction.atomic
def citation_add(*, actor: User, pledge: Pledge, citation: CitationInput) -> Citation:
    actor = require_editor(actor)
    quote = citation.quote.strip()
    if not quote:
        raise ValidationFailed(_("A citation needs the quote."), field="quote")
    body = citation.source.body
    start, end = citation.start, citation.end
    if start is None or end is None or body[start:end] != citation.quote:
        # Offsets are optional; when given they must point at the quote itself.
        found = body.find(quote)
        if found < 0:
            raise ValidationFailed(
                _("The quote is not in the source's text (quotes must be verbatim)."),
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
