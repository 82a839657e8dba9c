"""Owners and categories pages (editors): list, create, edit, merge. Thin
views over `commitments.services` (which check the editor role again)."""

from typing import Any, cast

from django.contrib import messages
from django.db import transaction
from django.forms import Form, ModelChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commitments import services
from commitments.errors import DomainError
from commitments.models import Category, Owner
from tracker.directory import selectors
from tracker.directory import services as directory_services
from tracker.directory.forms import CategoryForm, OwnerForm, OwnerMergeForm
from tracker.permissions import editor_required


def _owner(slug: str) -> Owner:
    owner = Owner.objects.filter(slug=slug[:200]).first()
    if owner is None:
        raise Http404(_("No owner with that address."))
    return owner


def _category(slug: str) -> Category:
    category = Category.objects.filter(slug=slug[:200]).first()
    if category is None:
        raise Http404(_("No category with that address."))
    return category


def _form_error(form: Form, exc: DomainError) -> int:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return exc.http_status


def _owner_initial(owner: Owner) -> dict[str, Any]:
    return {
        "name": owner.name,
        "name_en": owner.name_en,
        "kind": owner.kind,
        "parent": owner.parent_id,
        "aliases": "\n".join(owner.aliases or []),
        "slug": owner.slug,
    }


def _save_owner(request: HttpRequest, owner: Owner | None) -> tuple[Any, int]:
    """Bind and save the owner form: (saved owner or the bound form, status)."""
    form = OwnerForm(request.POST)
    if not form.is_valid():
        return form, 422
    data = form.cleaned_data
    try:
        saved = services.owner_save(
            actor=request.user,
            owner=owner,
            name=data["name"],
            name_en=data.get("name_en") or "",
            kind=data["kind"],
            parent=data.get("parent"),
            aliases=form.alias_list(),
            slug=(data.get("slug") or "").strip(),
        )
    except DomainError as exc:
        return form, _form_error(form, exc)
    return saved, 200


@editor_required
@require_GET
def owner_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    return render(
        request,
        "tracker/directory/owners.html",
        {"owners": selectors.owners_listed(q=q), "q": q},
    )


@editor_required
@require_http_methods(["GET", "POST"])
def owner_create(request: HttpRequest) -> HttpResponse:
    form: Any = OwnerForm()
    status = 200
    if request.method == "POST":
        result, status = _save_owner(request, None)
        if isinstance(result, Owner):
            messages.success(request, _("Owner created."))
            return redirect("directory-owner", result.slug)
        form = result
    return render(
        request,
        "tracker/directory/owner.html",
        {"form": form, "owner": None},
        status=status,
    )


@editor_required
@require_http_methods(["GET", "POST"])
def owner_edit(request: HttpRequest, slug: str) -> HttpResponse:
    owner = _owner(slug)
    form: Any = OwnerForm(initial=_owner_initial(owner))
    status = 200
    if request.method == "POST":
        result, status = _save_owner(request, owner)
        if isinstance(result, Owner):
            messages.success(request, _("Owner saved."))
            return redirect("directory-owner", result.slug)
        form = result
    return _owner_page(request, owner, form=form, status=status)


def _owner_page(
    request: HttpRequest,
    owner: Owner,
    *,
    form: Form | None = None,
    merge_form: Form | None = None,
    status: int = 200,
) -> HttpResponse:
    merge_form = merge_form or OwnerMergeForm()
    cast(
        ModelChoiceField, merge_form.fields["survivor"]
    ).queryset = Owner.objects.exclude(pk=owner.pk)
    return render(
        request,
        "tracker/directory/owner.html",
        {
            "owner": owner,
            "form": form or OwnerForm(initial=_owner_initial(owner)),
            "merge_form": merge_form,
            "pledge_count": owner.pledges.count(),
        },
        status=status,
    )


@editor_required
@require_POST
def owner_merge(request: HttpRequest, slug: str) -> HttpResponse:
    duplicate = _owner(slug)
    form = OwnerMergeForm(request.POST)
    if not form.is_valid():
        return _owner_page(request, duplicate, merge_form=form, status=422)
    survivor = form.cleaned_data["survivor"]
    try:
        with transaction.atomic():
            directory_services.owner_merge(
                actor=request.user, duplicate=duplicate, survivor=survivor
            )
    except DomainError as exc:
        status = _form_error(form, exc)
        return _owner_page(request, duplicate, merge_form=form, status=status)
    messages.success(
        request,
        _("%(old)s was merged into %(new)s; its address now redirects.")
        % {"old": duplicate.name, "new": survivor.name},
    )
    return redirect("directory-owner", survivor.slug)


def _save_category(request: HttpRequest, category: Category | None) -> tuple[Any, int]:
    form = CategoryForm(request.POST)
    if not form.is_valid():
        return form, 422
    data = form.cleaned_data
    try:
        saved = services.category_save(
            actor=request.user,
            category=category,
            name=data["name"],
            name_en=data.get("name_en") or "",
            slug=(data.get("slug") or "").strip(),
        )
    except DomainError as exc:
        return form, _form_error(form, exc)
    return saved, 200


@editor_required
@require_http_methods(["GET", "POST"])
def category_list(request: HttpRequest) -> HttpResponse:
    form: Any = CategoryForm()
    status = 200
    if request.method == "POST":
        result, status = _save_category(request, None)
        if isinstance(result, Category):
            messages.success(request, _("Category created."))
            return redirect("directory-categories")
        form = result
    return render(
        request,
        "tracker/directory/categories.html",
        {"categories": selectors.categories_listed(), "form": form},
        status=status,
    )


@editor_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, slug: str) -> HttpResponse:
    category = _category(slug)
    form: Any = CategoryForm(
        initial={
            "name": category.name,
            "name_en": category.name_en,
            "slug": category.slug,
        }
    )
    status = 200
    if request.method == "POST":
        result, status = _save_category(request, category)
        if isinstance(result, Category):
            messages.success(request, _("Category saved."))
            return redirect("directory-categories")
        form = result
    return render(
        request,
        "tracker/directory/category.html",
        {"category": category, "form": form},
        status=status,
    )
