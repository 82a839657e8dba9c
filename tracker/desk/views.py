"""The journalists' desk: the attention list and the pledge page's newsroom
tools. Thin views: forms shape the input, `commitments.services` enforce the
rules, and a DomainError becomes a form error with its 4xx status."""

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from commitments import services
from commitments.errors import DomainError
from commitments.models import Owner, Pledge, Source
from commitments.pages import selectors as record_selectors
from commitments.pages.context import pledge_context
from commitments.roles import is_editor, is_journalist
from commitments.statuses import STATUS_INFO, Status
from tracker.desk import selectors as selectors_desk
from tracker.desk.forms import (
    AmendmentForm,
    EvidenceFields,
    MeasurementCorrectionForm,
    MeasurementForm,
    StatusCorrectionForm,
    StatusUpdateForm,
)
from tracker.desk.services import pledge_follow, pledge_unfollow
from tracker.htmx import HtmxRequest
from tracker.ingest.services import source_ingest_text

# --- The desk list -------------------------------------------------------------


@login_required
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    filters = selectors_desk.DeskFilters(
        q=request.GET.get("q", "")[:200],
        status=request.GET.get("status", ""),
        flag=request.GET.get("flag", ""),
        owner=request.GET.get("owner", "")[:120],
    )
    pledges = selectors_desk.desk_pledges(user=request.user, filters=filters)
    page = Paginator(pledges, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tracker/desk/list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Status.choices,
            "flags": _flag_labels(),
            "owners": Owner.objects.order_by("name").only("slug", "name"),
            "can_write": is_journalist(request.user),
        },
    )


def _flag_labels() -> list[tuple[str, str]]:
    return [
        ("attention", _("Needs attention")),
        ("followed", _("Followed")),
        ("overdue", _("Overdue")),
        ("stale", _("Stale")),
        ("soon", _("Deadline within 90 days")),
        ("disagreement", _("Official report disagrees")),
    ]


# --- The pledge page with newsroom tools -----------------------------------------


def _pledge(slug: str) -> Pledge:
    try:
        return Pledge.objects.select_related("owner").get(slug=slug)
    except Pledge.DoesNotExist as exc:
        raise Http404(_("No pledge with that address.")) from exc


def _page_context(
    request: HttpRequest, pledge: Pledge, bound: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the public pledge page needs, plus the desk's forms.

    `bound` holds a submitted form that failed, so the journalist's input is
    shown back with its errors instead of being lost.
    """
    bound = bound or {}
    detail = record_selectors.pledge_detail(slug=pledge.slug)
    version = services.pledge_version(detail)
    user = request.user
    editor = is_editor(user)
    targets = list(detail.targets.all())
    # The public page's own context (progress, timeline, latest reports), then
    # the desk's additions.
    context: dict[str, Any] = pledge_context(request, detail)
    context |= {
        "version": version,
        "can_write": is_journalist(user),
        "is_editor": editor,
        "following": selectors_desk.user_follows(user=user, pledge=detail),
        "status_info": [STATUS_INFO[code] for code in Status.values],
        "update_form": bound.get("update")
        or StatusUpdateForm(pledge=detail, initial={"version": version}),
        "measurement_forms": [
            (t, bound["measurement"])
            if "measurement" in bound and bound["measurement"].prefix == f"m{t.pk}"
            else (
                t,
                MeasurementForm(
                    pledge=detail,
                    initial={"target": t.pk, "unit": t.unit, "version": version},
                    prefix=f"m{t.pk}",
                ),
            )
            for t in targets
        ],
    }
    if editor:
        context.update(
            {
                "amendment_form": bound.get("amendment")
                or AmendmentForm(pledge=detail, initial={"version": version}),
                "status_correction_form": bound.get("status_correction"),
                "measurement_correction_form": bound.get("measurement_correction"),
                "correctable_updates": selectors_desk.correctable_status_updates(
                    pledge=detail
                ),
                "correctable_measurements": (
                    selectors_desk.correctable_measurements(pledge=detail)
                ),
                "field_history": selectors_desk.pledge_field_history(pledge=detail),
            }
        )
    return context


@login_required
@require_GET
def desk_pledge(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    return render(request, "tracker/desk/pledge.html", _page_context(request, pledge))


def _refused(request: HttpRequest, *, editors_only: bool) -> None:
    """Refuse before anything is stored (a pasted article included)."""
    allowed = is_editor(request.user) if editors_only else is_journalist(request.user)
    if not allowed:
        raise DjangoPermissionDenied(
            _("Only editors can do this.")
            if editors_only
            else _("Only journalists and editors can do this.")
        )


def _ingest_article(request: HttpRequest, form: EvidenceFields) -> Source:
    data = form.cleaned_data
    # Through ingestion, so evidence pasted on the desk is extracted too.
    source, _created = source_ingest_text(
        actor=request.user,
        body=data["article_text"],
        url=(data.get("article_url") or "").strip(),
        title=(data.get("article_title") or "").strip(),
    )
    return source


def _evidence(request: HttpRequest, form: EvidenceFields) -> dict[str, Any]:
    data = form.cleaned_data
    if (data.get("article_text") or "").strip():
        return {"evidence_url": "", "evidence_source": _ingest_article(request, form)}
    return {
        "evidence_url": (data.get("evidence_url") or "").strip(),
        "evidence_source": data.get("evidence_source"),
    }


def _submit(
    request: HtmxRequest,
    pledge: Pledge,
    *,
    form: Any,
    key: str,
    perform: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """Validate, call the service atomically, and answer.

    Success: back to the pledge page (htmx: a client redirect, so the status,
    targets and timeline all refresh). Failure: the same page with the form
    bound and its errors; 422 for bad input, 409 for a stale form, 403/404 as
    the service says.
    """
    status = 422
    if form.is_valid():
        try:
            with transaction.atomic():
                perform(form.cleaned_data)
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            if exc.field in ("evidence", "article", "body"):
                field = "evidence_url" if "evidence_url" in form.fields else None
            if field is not None and form.fields[field].widget.is_hidden:
                field = None  # hidden fields show no errors: say it above the form
            form.add_error(field, exc.message)
            status = exc.http_status
            if exc.code == "stale_form":
                # Keep the input, and let the journalist resubmit on purpose
                # after seeing the newer record (the page shows it).
                data = form.data.copy()
                data[form.add_prefix("version")] = services.pledge_version(
                    Pledge.objects.get(pk=pledge.pk)
                )
                form.data = data
        else:
            messages.success(request, success)
            url = reverse("desk-pledge", args=[pledge.slug])
            if request.htmx:
                return HttpResponseClientRedirect(url)
            return redirect(url)
    context = _page_context(request, pledge, {key: form})
    context["failed_form"] = key
    template = (
        "tracker/desk/_tools.html" if request.htmx else "tracker/desk/pledge.html"
    )
    return render(request, template, context, status=status)


@login_required
@require_POST
def status_update_create(request: HtmxRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    _refused(request, editors_only=False)
    form = StatusUpdateForm(request.POST, pledge=pledge)

    def perform(data: dict[str, Any]) -> Any:
        return services.status_update_post(
            actor=request.user,
            pledge=pledge,
            status=data["status"],
            note=data["note"],
            kind=data["kind"],
            expected_version=data.get("version") or None,
            **_evidence(request, form),
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="update",
        perform=perform,
        success=_("Status update posted."),
    )


@login_required
@require_POST
def measurement_create(request: HtmxRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    _refused(request, editors_only=False)
    # Each target has its own form on the page, told apart by a prefix.
    prefix = request.POST.get("target_prefix", "")
    if not re.fullmatch(r"m\d{1,12}", prefix):
        prefix = ""
    form = MeasurementForm(request.POST, pledge=pledge, prefix=prefix or None)

    def perform(data: dict[str, Any]) -> Any:
        return services.measurement_record(
            actor=request.user,
            target=data["target"],
            value=data["value"],
            as_of=data["as_of"],
            unit=data.get("unit") or None,
            note=data.get("note") or "",
            expected_version=data.get("version") or None,
            **_evidence(request, form),
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="measurement",
        perform=perform,
        success=_("Measurement recorded."),
    )


@login_required
@require_POST
def status_update_correct(request: HtmxRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    _refused(request, editors_only=True)
    form = StatusCorrectionForm(request.POST, pledge=pledge)

    def perform(data: dict[str, Any]) -> Any:
        return services.status_update_correct(
            actor=request.user,
            update=data["update"],
            status=data["status"],
            reason=data["reason"],
            evidence_url=(data.get("evidence_url") or "").strip(),
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="status_correction",
        perform=perform,
        success=_("Correction published."),
    )


@login_required
@require_POST
def measurement_correct(request: HtmxRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    _refused(request, editors_only=True)
    form = MeasurementCorrectionForm(request.POST, pledge=pledge)

    def perform(data: dict[str, Any]) -> Any:
        return services.measurement_correct(
            actor=request.user,
            measurement=data["measurement"],
            value=data["value"],
            as_of=data.get("as_of"),
            reason=data["reason"],
            evidence_url=(data.get("evidence_url") or "").strip(),
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="measurement_correction",
        perform=perform,
        success=_("Correction published."),
    )


@login_required
@require_POST
def amendment_create(request: HtmxRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    _refused(request, editors_only=True)
    form = AmendmentForm(request.POST, pledge=pledge)

    def perform(data: dict[str, Any]) -> Any:
        return services.amendment_record(
            actor=request.user,
            pledge=pledge,
            changed_on=data["changed_on"],
            reason=data["reason"],
            wording_after=data.get("wording_after") or "",
            deadline_after=data.get("deadline_after"),
            target_changes=[
                services.TargetChange(target_id=t.pk, field="value", after=value)
                for t, value in form.target_values()
            ],
            evidence_url=(data.get("evidence_url") or "").strip(),
            expected_version=data.get("version") or None,
        )

    return _submit(
        request,
        pledge,
        form=form,
        key="amendment",
        perform=perform,
        success=_("Amendment recorded."),
    )


@login_required
@require_POST
def follow(request: HtmxRequest, slug: str) -> HttpResponse:
    pledge = _pledge(slug)
    if request.POST.get("action") == "unfollow":
        pledge_unfollow(user=request.user, pledge=pledge)
    else:
        pledge_follow(user=request.user, pledge=pledge)
    following = selectors_desk.user_follows(user=request.user, pledge=pledge)
    if request.htmx:
        return render(
            request,
            "tracker/desk/_follow.html",
            {"pledge": pledge, "following": following},
        )
    if request.POST.get("next") == "desk":
        return redirect("desk")
    return redirect("desk-pledge", pledge.slug)
