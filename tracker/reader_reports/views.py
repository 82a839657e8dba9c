"""The readers' reports inbox (editors): open reports oldest first, each
resolved or dismissed with a note. Thin views over `commitments.services`,
which check the editor role again."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commitments import services
from commitments.errors import DomainError
from commitments.models import ReaderReport
from tracker.permissions import editor_required
from tracker.reader_reports import selectors
from tracker.reader_reports.forms import CloseReportForm


def _render_inbox(
    request: HttpRequest, *, forms: dict[int, CloseReportForm], status: int = 200
) -> HttpResponse:
    state = request.GET.get("state", ReaderReport.State.OPEN)
    page = selectors.inbox(state=state, page=request.GET.get("page", 1))
    rows = [(r, forms.get(r.pk) or CloseReportForm(prefix=str(r.pk))) for r in page]
    return render(
        request,
        "tracker/reader_reports/inbox.html",
        {
            "page": page,
            "rows": rows,
            "state": state if state in selectors.STATES else "open",
            "states": ReaderReport.State.choices,
        },
        status=status,
    )


@require_GET
@editor_required
def inbox(request: HttpRequest) -> HttpResponse:
    return _render_inbox(request, forms={})


@require_POST
@editor_required
def close(request: HttpRequest, public_id: str) -> HttpResponse:
    report = ReaderReport.objects.filter(public_id=public_id).first()
    if report is None:
        raise Http404(_("No such report."))
    form = CloseReportForm(request.POST, prefix=str(report.pk))
    if form.is_valid():
        try:
            services.reader_report_close(
                actor=request.user,
                report=report,
                state=form.cleaned_data["state"],
                note=form.cleaned_data["note"],
                changed_record=form.cleaned_data["changed_record"],
            )
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, exc.message)
            return _render_inbox(
                request, forms={report.pk: form}, status=exc.http_status
            )
        messages.success(request, _("Report closed."))
        return redirect(reverse("reader-reports"))
    return _render_inbox(request, forms={report.pk: form}, status=400)
