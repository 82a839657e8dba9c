"""Writing a confirmed spreadsheet import: each planned row through the same
services as the newsroom's own pages (owners, sources, pledges, verdicts), so
every pledge has its audit trail and history. All or nothing."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commitments import services
from commitments.models import Category, Owner, OwnerRedirect, Pledge
from commitments.roles import User, require_editor
from commitments.services.pledges import CitationInput, TargetInput
from commitments.statuses import Status


def _free_owner_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True)[:100].strip("-") or "owner"
    slug, n = base, 2
    while (
        Owner.objects.filter(slug=slug).exists()
        or OwnerRedirect.objects.filter(old_slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _owner(actor: User, plan: dict[str, Any], made: dict[str, Owner]) -> Owner:
    if plan["owner_id"]:
        owner = Owner.objects.filter(pk=plan["owner_id"]).first()
        if owner is not None:
            return owner
    name = plan["owner_name"]
    if name not in made:
        made[name] = services.owner_save(
            actor=actor, name=name, slug=_free_owner_slug(name)
        )
    return made[name]


def _row(
    actor: User, plan: dict[str, Any], *, filename: str, made: dict[str, Owner]
) -> Pledge | None:
    owner = _owner(actor, plan, made)
    # The tracker may have changed since the preview: never publish twice.
    if Pledge.objects.filter(owner=owner, title=plan["title"]).exists():
        return None
    citation = None
    if plan["source_url"]:
        # The sheet holds the quote, not the article: the source keeps the
        # quote as its text, with the article's address.
        source, _created = services.source_store(
            actor=actor,
            body=plan["wording"],
            url=plan["source_url"],
            title=plan["title"],
        )
        citation = CitationInput(source=source, quote=plan["wording"])
    pledge = services.pledge_create(
        actor=actor,
        title=plan["title"],
        title_en=plan["title_en"],
        owner=owner,
        original_wording=plan["wording"],
        summary=plan["summary"],
        deadline=date.fromisoformat(plan["deadline"]) if plan["deadline"] else None,
        deadline_precision=plan["deadline_precision"],
        categories=list(Category.objects.filter(pk__in=plan["categories"])),
        targets=[TargetInput(**t) for t in plan["targets"]],
        citation=citation,
    )
    if plan["status"] and plan["status"] != Status.NOT_RATED:
        services.status_update_post(
            actor=actor,
            pledge=pledge,
            status=plan["status"],
            note=plan["status_note"]
            or _("Status as kept in the newsroom's spreadsheet (%(file)s).")
            % {"file": filename},
            evidence_url=plan["source_url"],
        )
    services.audit_record(
        actor=actor,
        action="pledge.import",
        obj=pledge,
        data={"file": filename, "row": plan["row"]},
    )
    return pledge


@transaction.atomic
def spreadsheet_import(
    *, actor: User, plans: list[dict[str, Any]], filename: str
) -> list[Pledge]:
    """Publish the rows without errors; rows with errors are skipped."""
    require_editor(actor)
    made: dict[str, Owner] = {}
    created = []
    for plan in plans:
        if plan["errors"]:
            continue
        pledge = _row(actor, plan, filename=filename, made=made)
        if pledge is not None:
            created.append(pledge)
    return created
