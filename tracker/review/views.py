"""The review queue (editors): sources, their candidates, and decisions."""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from commitments.errors import DomainError
from commitments.models import Source
from tracker.extraction_runs.services import job_requeue
from tracker.htmx import HtmxRequest
from tracker.models import Candidate, ExtractionJob
from tracker.permissions import editor_required
from tracker.review import services as decisions
from tracker.review.forms import (
    AcceptForm,
    BulkRejectForm,
    MergeForm,
    RejectForm,
    TargetFormSet,
    initial_target_rows,
    target_rows,
)
from tracker.review.merge import merge_preview, merge_suggestions, pledges_by_title
from tracker.review.selectors import highlight_segments, review_queue, review_source

LIVE_STATES = (ExtractionJob.State.QUEUED, ExtractionJob.State.EXTRACTING)


@require_GET
@editor_required
def queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(review_queue(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tracker/review/queue.html",
        {"page": page, "live_states": LIVE_STATES},
    )


@require_GET
@editor_required
def source_status(request: HttpRequest, source_id: str) -> HttpResponse:
    """The job-state badge, polled by htmx while the job is live."""
    source = review_queue().filter(public_id=source_id).first()
    if source is None:
        raise Http404
    response = render(
        request,
        "tracker/review/_status.html",
        {
            "source": source,
            "live_states": LIVE_STATES,
            "reload_when_done": bool(request.GET.get("reload")),
        },
    )
    job = getattr(source, "extraction_job", None)
    if request.GET.get("reload") and job is not None and job.state not in LIVE_STATES:
        # The source page polls its badge; once the job is done, reload the
        # page so the candidates and highlights appear.
        response["HX-Refresh"] = "true"
    return response


def _source_page(
    request: HttpRequest,
    source: Source,
    *,
    status: int = 200,
    error: str = "",
    error_for: str = "",
) -> HttpResponse:
    candidates = list(source.candidates.all())
    job = getattr(source, "extraction_job", None)
    return render(
        request,
        "tracker/review/source.html",
        {
            "source": source,
            "job": job,
            "live": job is not None and job.state in LIVE_STATES,
            "live_states": LIVE_STATES,
            "candidates": candidates,
            "segments": highlight_segments(source.body, candidates),
            "reject_form": RejectForm(),
            "reasons": Candidate.RejectReason.choices,
            "error": error,
            "error_for": error_for,
        },
        status=status,
    )


def _source_or_404(source_id: str) -> Source:
    source = review_source(source_id)
    if source is None:
        raise Http404(_("No such source."))
    return source


@require_GET
@editor_required
def source_detail(request: HttpRequest, source_id: str) -> HttpResponse:
    return _source_page(request, _source_or_404(source_id))


def _candidate_or_404(candidate_id: str) -> Candidate:
    try:
        return decisions.candidate_get(candidate_id)
    except DomainError as exc:
        raise Http404(exc.message) from exc


def _decision_failed(
    request: HttpRequest, candidate: Candidate, exc: DomainError
) -> HttpResponse:
    source = _source_or_404(str(candidate.source.public_id))
    return _source_page(
        request,
        source,
        status=exc.http_status,
        error=exc.message,
        error_for=str(candidate.public_id),
    )


def _back(candidate: Candidate) -> HttpResponse:
    url = reverse("review-source", args=[candidate.source.public_id])
    return redirect(f"{url}#c-{candidate.public_id}")


@editor_required
def candidate_accept(request: HttpRequest, candidate_id: str) -> HttpResponse:
    """The accept form, prefilled from the candidate; POST publishes."""
    candidate = _candidate_or_404(candidate_id)
    status = 200
    if request.method == "POST":
        form = AcceptForm(request.POST)
        targets = TargetFormSet(request.POST, prefix="targets")
        if form.is_valid() and targets.is_valid():
            data = form.cleaned_data
            try:
                pledge = decisions.candidate_accept(
                    actor=request.user,
                    candidate=candidate,
                    data=decisions.AcceptInput(
                        title=data["title"],
                        title_en=data["title_en"],
                        owner=data["owner"],
                        new_owner_name=data["new_owner_name"],
                        new_owner_name_en=data["new_owner_name_en"],
                        categories=list(data["categories"]),
                        targets=decisions.target_inputs(target_rows(targets)),
                        deadline=data["deadline"],
                        deadline_precision=data["deadline_precision"],
                        summary=data["summary"],
                    ),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.http_status
            else:
                messages.success(
                    request, _("Published: %(title)s") % {"title": pledge.title}
                )
                return _back(candidate)
        else:
            status = 422
    else:
        form = AcceptForm(
            initial={
                "title": candidate.title,
                "owner": candidate.owner,
                "new_owner_name": "" if candidate.owner else candidate.owner_name,
            }
        )
        targets = TargetFormSet(
            prefix="targets", initial=initial_target_rows(candidate)
        )
    return render(
        request,
        "tracker/review/accept.html",
        {"candidate": candidate, "form": form, "targets": targets},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@editor_required
def candidate_merge(request: HtmxRequest, candidate_id: str) -> HttpResponse:
    """GET: find the pledge (suggestions first, then a title search in either
    language) and preview which targets are new; POST merges."""
    candidate = _candidate_or_404(candidate_id)
    if request.method == "GET":
        return _merge_page(request, candidate)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _decision_failed(
            request,
            candidate,
            DomainError(_("Choose the pledge to merge into."), code="invalid"),
        )
    try:
        pledge = decisions.pledge_by_ref(form.cleaned_data["pledge"])
        rows = candidate.targets if form.cleaned_data["add_targets"] else []
        decisions.candidate_merge(
            actor=request.user,
            candidate=candidate,
            pledge=pledge,
            targets=decisions.target_inputs(rows),
        )
    except DomainError as exc:
        return _decision_failed(request, candidate, exc)
    messages.success(request, _("Merged into: %(title)s") % {"title": pledge.title})
    return _back(candidate)


def _merge_page(request: HtmxRequest, candidate: Candidate) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    chosen = None
    ref = request.GET.get("pledge", "").strip()
    if ref:
        try:
            chosen = decisions.pledge_by_ref(ref)
        except DomainError:
            chosen = None
    suggestions = merge_suggestions(candidate)
    suggested = {s.pledge.pk for s in suggestions}
    results = [p for p in pledges_by_title(q) if p.pk not in suggested] if q else []
    context = {
        "candidate": candidate,
        "q": q,
        "suggestions": suggestions,
        "results": results,
        "chosen": chosen,
        "not_found": bool(ref) and chosen is None,
        "preview": merge_preview(candidate, chosen) if chosen else [],
    }
    template = "tracker/review/merge.html"
    if request.htmx and request.GET.get("partial") == "results":
        # The search box asks htmx for the result list only.
        template = "tracker/review/_merge_results.html"
    return render(request, template, context, status=404 if ref and not chosen else 200)


@require_POST
@editor_required
def candidate_reject(request: HttpRequest, candidate_id: str) -> HttpResponse:
    candidate = _candidate_or_404(candidate_id)
    try:
        decisions.candidate_reject(
            actor=request.user,
            candidate=candidate,
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        return _decision_failed(request, candidate, exc)
    messages.success(request, _("Rejected."))
    return _back(candidate)


@require_POST
@editor_required
def candidate_reopen(request: HttpRequest, candidate_id: str) -> HttpResponse:
    candidate = _candidate_or_404(candidate_id)
    try:
        decisions.candidate_reopen(actor=request.user, candidate=candidate)
    except DomainError as exc:
        return _decision_failed(request, candidate, exc)
    messages.success(request, _("Reopened."))
    return _back(candidate)


@require_POST
@editor_required
def bulk_reject(request: HttpRequest, source_id: str) -> HttpResponse:
    source = _source_or_404(source_id)
    form = BulkRejectForm(request.POST)
    cast(
        forms.ModelChoiceField, form.fields["candidates"]
    ).queryset = Candidate.objects.filter(source=source, state=Candidate.State.PENDING)
    if not form.is_valid():
        return _source_page(
            request,
            source,
            status=422,
            error=_("Tick the candidates to reject and choose a reason."),
        )
    count = decisions.candidates_bulk_reject(
        actor=request.user,
        candidates=list(form.cleaned_data["candidates"]),
        reason=form.cleaned_data["reason"],
    )
    messages.success(request, _("Rejected %(count)d candidate(s).") % {"count": count})
    return redirect("review-source", source.public_id)


@require_POST
@editor_required
def source_reextract(request: HttpRequest, source_id: str) -> HttpResponse:
    source = _source_or_404(source_id)
    job_requeue(actor=request.user, source=source)
    messages.success(request, _("Extraction queued again; decisions are kept."))
    return redirect("review-source", source.public_id)
