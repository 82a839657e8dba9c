"""Owners and categories, kept by editors: names in both languages, the
spellings articles use (aliases), parents, and merging duplicates."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import Category, Owner, OwnerRedirect, Pledge
from commitments.roles import User, require_editor
from commitments.services.common import audit_record


def _slug_for(text: str) -> str:
    base = slugify(text, allow_unicode=True)[:100].strip("-")
    if not base:
        raise ValidationFailed(
            _("The address (slug) needs letters or digits."), field="slug"
        )
    return base


def _slug_free(
    slug: str, *, model: type[Owner] | type[Category], own_pk: int | None
) -> None:
    # A new row (own_pk None) has no slug or redirects of its own to leave out.
    same_slug = model.objects.filter(slug=slug)
    if own_pk is not None:
        same_slug = same_slug.exclude(pk=own_pk)
    taken = same_slug.exists()
    if model is Owner:
        redirects = OwnerRedirect.objects.filter(old_slug=slug)
        if own_pk is not None:
            redirects = redirects.exclude(owner_id=own_pk)
        taken = taken or redirects.exists()
    if taken:
        raise ValidationFailed(
            _("That address (slug) is already used."), code="slug_taken", field="slug"
        )


def _aliases(values: Sequence[str], *, keep_out: Sequence[str] = ()) -> list[str]:
    seen: list[str] = []
    skip = {v.strip().casefold() for v in keep_out if v}
    for value in values:
        text = " ".join(str(value).split())[:200]
        if text and text.casefold() not in skip and text not in seen:
            seen.append(text)
    return seen


def _check_parent(owner: Owner | None, parent: Owner | None) -> None:
    node = parent
    while node is not None and owner is not None and owner.pk:
        if node.pk == owner.pk:
            raise ValidationFailed(
                _("An owner cannot belong to itself or to one of its own parts."),
                code="parent_cycle",
                field="parent",
            )
        node = node.parent


def _name(name: str) -> str:
    name = " ".join((name or "").split())[:200]
    if not name:
        raise ValidationFailed(_("Give the owner's name."), field="name")
    return name


@transaction.atomic
def owner_save(
    *,
    actor: User,
    owner: Owner | None = None,
    name: str,
    name_en: str = "",
    kind: str = Owner.Kind.ORGANISATION,
    parent: Owner | None = None,
    aliases: Sequence[str] = (),
    slug: str = "",
) -> Owner:
    """Create an owner (owner=None) or change one."""
    require_editor(actor)
    name = _name(name)
    name_en = " ".join((name_en or "").split())[:200]
    if kind not in Owner.Kind.values:
        raise ValidationFailed(_("Unknown kind of owner."), field="kind")
    _check_parent(owner, parent)
    slug = _slug_for(slug or (owner.slug if owner else "") or name_en or name)
    _slug_free(slug, model=Owner, own_pk=owner.pk if owner else None)
    created = owner is None
    owner = owner or Owner()
    before = {"name": owner.name, "name_en": owner.name_en, "slug": owner.slug}
    owner.name, owner.name_en, owner.kind, owner.parent = name, name_en, kind, parent
    owner.slug = slug
    owner.aliases = _aliases(aliases, keep_out=[name, name_en])
    owner.save()
    # A renamed address keeps answering: old links redirect to the new one.
    OwnerRedirect.objects.filter(old_slug=slug).delete()
    if before["slug"] and before["slug"] != slug:
        OwnerRedirect.objects.create(
            old_slug=before["slug"], old_name=before["name"], owner=owner
        )
    audit_record(
        actor=actor,
        action="owner.create" if created else "owner.update",
        obj=owner,
        data={"before": before, "name": name, "name_en": name_en, "slug": slug},
    )
    return owner


@transaction.atomic
def owner_merge(*, actor: User, duplicate: Owner, survivor: Owner) -> Owner:
    """Fold `duplicate` into `survivor`: its pledges, co-owner links, children,
    names (as aliases) and pledge history move; its address redirects (301).

    Callers holding rows that point at owners move them first (the workflow's
    candidates), since the duplicate is deleted here."""
    require_editor(actor)
    if duplicate.pk == survivor.pk:
        raise ValidationFailed(
            _("Pick two different owners to merge."),
            code="same_owner",
            field="survivor",
        )
    duplicate = Owner.objects.select_for_update().get(pk=duplicate.pk)
    survivor = Owner.objects.select_for_update().get(pk=survivor.pk)
    _check_parent(duplicate, survivor)
    moved = list(Pledge.objects.filter(owner=duplicate).values_list("pk", flat=True))
    Pledge.objects.filter(owner=duplicate).update(owner=survivor)
    # Co-owner links move unless the survivor already owns or co-owns the pledge.
    links = Pledge.co_owners.through.objects
    for link in links.filter(owner=duplicate):
        pledge = Pledge.objects.get(pk=link.pledge_id)
        if (
            pledge.owner_id != survivor.pk
            and not links.filter(pledge_id=link.pledge_id, owner=survivor).exists()
        ):
            links.create(pledge_id=link.pledge_id, owner=survivor)
    links.filter(owner=duplicate).delete()
    links.filter(owner=survivor, pledge__owner=survivor).delete()
    # The versions kept by django-simple-history name the survivor, so a
    # pledge's history stays readable after the duplicate is gone.
    Pledge.history.model.objects.filter(owner_id=duplicate.pk).update(
        owner_id=survivor.pk
    )
    Owner.objects.filter(parent=duplicate).update(parent=survivor)
    survivor.aliases = _aliases(
        [
            *(survivor.aliases or []),
            duplicate.name,
            duplicate.name_en,
            *(duplicate.aliases or []),
        ],
        keep_out=[survivor.name, survivor.name_en],
    )
    survivor.save(update_fields=["aliases"])
    OwnerRedirect.objects.filter(owner=duplicate).update(owner=survivor)
    OwnerRedirect.objects.create(
        old_slug=duplicate.slug, old_name=duplicate.name, owner=survivor
    )
    audit_record(
        actor=actor,
        action="owner.merge",
        obj=survivor,
        data={
            "duplicate": {
                "pk": duplicate.pk,
                "slug": duplicate.slug,
                "name": duplicate.name,
            },
            "pledges": moved,
        },
    )
    duplicate.delete()
    return survivor


@transaction.atomic
def category_save(
    *,
    actor: User,
    category: Category | None = None,
    name: str,
    name_en: str = "",
    slug: str = "",
) -> Category:
    require_editor(actor)
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValidationFailed(_("Give the category's name."), field="name")
    name_en = " ".join((name_en or "").split())[:120]
    own = category.pk if category else None
    slug = _slug_for(slug or (category.slug if category else "") or name_en or name)
    _slug_free(slug, model=Category, own_pk=own)
    created = category is None
    category = category or Category()
    category.name, category.name_en, category.slug = name, name_en, slug
    category.save()
    audit_record(
        actor=actor,
        action="category.create" if created else "category.update",
        obj=category,
        data={"name": name, "name_en": name_en, "slug": slug},
    )
    return category
