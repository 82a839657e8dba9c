"""The pledge edit page (editors): descriptive fields and targets, each edit
with a reason. Thin views: forms shape input, `commitments.services` enforce
the rules (editors only, reasons, measured targets stay), and a DomainError
becomes a form error with its 4xx status."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commitments import services
from commitments.errors import DomainError
from commitments.models import Pledge, Target
from commitments.services.pledges import TargetInput
from tracker.editing.forms import PledgeEditForm, TargetEditForm, TargetRemoveForm
from tracker.editing.selectors import pledge_edits
from tracker.permissions import editor_required


def _pledge(slug: str) -> Pledge:
    pledge = Pledge.objects.select_related("owner").filter(slug=slug[:200]).first()
    if pledge is None:
        raise Http404(_("No pledge with that address."))
    return pledge


def _target(pledge: Pledge, target_id: int) -> Target:
    target = Target.objects.filter(pledge=pledge, pk=target_id).first()
    if target is None:
        raise Http404(_("That target is not part of this pledge."))
    return target


def _pledge_initial(pledge: Pledge, version: str) -> dict[str, Any]:
    return {
        "title": pledge.title,
        "title_en": pledge.title_en,
        "summary": pledge.summary,
        "owner": pledge.owner_id,
        "categories": list(pledge.categories.values_list("pk", flat=True)),
        "deadline": pledge.deadline,
        "deadline_precision": pledge.deadline_precision,
        "version": version,
    }


def _target_initial(target: Target, version: str) -> dict[str, Any]:
    return {
        "metric": target.metric,
        "value": f"{target.value.normalize():f}",
        "unit": target.unit,
        "period": target.period,
        "deadline": target.deadline,
        "version": version,
    }


def _context(pledge: Pledge, bound: dict[str, Form]) -> dict[str, Any]:
    """The page: the bound form that failed (input kept), fresh ones otherwise."""
    pledge.refresh_from_db()
    version = services.pledge_version(pledge)
    targets = list(
        Target.objects.filter(pledge=pledge).prefetch_related("measurements")
    )
    rows = []
    for target in targets:
        key = f"t{target.pk}"
        rows.append(
            {
                "target": target,
                "measured": bool(target.measurements.all()),
                "form": bound.get(key)
                or TargetEditForm(initial=_target_initial(target, version), prefix=key),
                "remove_form": bound.get(f"r{target.pk}")
                or TargetRemoveForm(
                    initial={"version": version}, prefix=f"r{target.pk}"
                ),
            }
        )
    return {
        "pledge": pledge,
        "form": bound.get("pledge")
        or PledgeEditForm(initial=_pledge_initial(pledge, version)),
        "target_rows": rows,
        "add_form": bound.get("add")
        or TargetEditForm(initial={"version": version}, prefix="new"),
        "edits": pledge_edits(pledge=pledge),
        "failed": next(iter(bound), ""),
    }


def _submit(
    request: HttpRequest,
    pledge: Pledge,
    *,
    form: Form,
    key: str,
    perform: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    status = 422
    if form.is_valid():
        try:
            with transaction.atomic():
                perform(form.cleaned_data)
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            if field and form.fields[field].widget.is_hidden:
                field = None
            form.add_error(field, exc.message)
            status = exc.http_status
        else:
            messages.success(request, success)
            return redirect("pledge-edit", pledge.slug)
    return render(
        request,
        "tracker/editing/pledge.html",
        _context(pledge, {key: form}),
        status=status,
    )


@editor_required
@require_http_methods(["GET", "POST"])
def pledge_edit(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    if request.method == "GET":
        return render(request, "tracker/editing/pledge.html", _context(pledge, {}))
    form = PledgeEditForm(request.POST)

    def perform(data: dict[str, Any]) -> Any:
        return services.pledge_edit(
            actor=request.user,
            pledge=pledge,
            reason=data["reason"],
            title=data["title"],
            title_en=data.get("title_en") or "",
            summary=data.get("summary") or "",
            owner=data["owner"],
            categories=list(data.get("categories") or []),
            deadline=data.get("deadline"),
            deadline_precision=data.get("deadline_precision") or "",
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="pledge",
        perform=perform,
        success=_("Edit saved."),
    )


@editor_required
@require_POST
def target_add(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    form = TargetEditForm(request.POST, prefix="new")

    def perform(data: dict[str, Any]) -> Any:
        return services.pledge_target_add(
            actor=request.user,
            pledge=pledge,
            reason=data["reason"],
            target=TargetInput(
                metric=data["metric"],
                value=data["value"],
                unit=data.get("unit") or "",
                period=data["period"],
                deadline=data.get("deadline"),
            ),
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="add",
        perform=perform,
        success=_("Target added."),
    )


@editor_required
@require_POST
def target_change(request: HttpRequest, slug: str, target_id: int) -> HttpResponse:
    pledge = _pledge(slug)
    target = _target(pledge, target_id)
    key = f"t{target.pk}"
    form = TargetEditForm(request.POST, prefix=key)

    def perform(data: dict[str, Any]) -> Any:
        return services.pledge_target_change(
            actor=request.user,
            target=target,
            reason=data["reason"],
            metric=data["metric"],
            value=data["value"],
            unit=data.get("unit") or "",
            period=data["period"],
            deadline=data.get("deadline"),
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key=key,
        perform=perform,
        success=_("Target changed."),
    )


@editor_required
@require_POST
def target_remove(request: HttpRequest, slug: str, target_id: int) -> HttpResponse:
    pledge = _pledge(slug)
    target = _target(pledge, target_id)
    key = f"r{target.pk}"
    form = TargetRemoveForm(request.POST, prefix=key)

    def perform(data: dict[str, Any]) -> Any:
        return services.pledge_target_remove(
            actor=request.user,
            target=target,
            reason=data["reason"],
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key=key,
        perform=perform,
        success=_("Target removed."),
    )
