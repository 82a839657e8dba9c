"""Spreadsheet import pages (editors): upload → preview with per-row errors →
confirm. Nothing is written before the confirm."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commitments.errors import DomainError
from commitments.statuses import status_label
from tracker.permissions import editor_required
from tracker.spreadsheet_import import staging
from tracker.spreadsheet_import.columns import COLUMNS, REQUIRED
from tracker.spreadsheet_import.forms import UploadForm
from tracker.spreadsheet_import.planning import plan_rows
from tracker.spreadsheet_import.reading import (
    MAX_BYTES,
    SpreadsheetRefused,
    spreadsheet_rows,
)
from tracker.spreadsheet_import.services import spreadsheet_import
from tracker.spreadsheet_import.templates_files import template_csv, template_xlsx


def _upload_page(
    request: HttpRequest, form: UploadForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "tracker/spreadsheet_import/upload.html",
        {"form": form, "columns": COLUMNS, "required": REQUIRED},
        status=status,
    )


@editor_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=422)
    upload_file = form.cleaned_data["file"]
    if upload_file.size > MAX_BYTES:
        # Refused before reading: the size is known from the upload itself.
        form.add_error("file", _("The file is larger than 10 MB."))
        return _upload_page(request, form, status=413)
    try:
        rows = spreadsheet_rows(data=upload_file.read())
    except SpreadsheetRefused as exc:
        form.add_error("file", exc.message)
        return _upload_page(request, form, status=422)
    plans = plan_rows(rows)
    language = get_language() or "ko"
    for plan in plans:
        plan["status_label"] = (
            status_label(plan["status"], language) if plan["status"] else ""
        )
    filename = (upload_file.name or "upload")[:200]
    token = staging.stage(request.session, filename=filename, plans=plans)
    ready = sum(1 for p in plans if not p["errors"])
    return render(
        request,
        "tracker/spreadsheet_import/preview.html",
        {
            "plans": plans,
            "token": token,
            "filename": filename,
            "ready": ready,
            "failed": len(plans) - ready,
        },
    )


@editor_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    staged = staging.take(request.session, request.POST.get("token", "")[:64])
    if staged is None:
        messages.error(
            request,
            _(
                "This preview has expired or was already imported: upload the file again."
            ),
        )
        return redirect("spreadsheet-import")
    try:
        created = spreadsheet_import(
            actor=request.user, plans=staged["plans"], filename=staged["filename"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("spreadsheet-import")
    messages.success(
        request,
        _("%(n)d pledges imported from %(file)s.")
        % {"n": len(created), "file": staged["filename"]},
    )
    return redirect("desk")


@editor_required
@require_GET
def template_file(request: HttpRequest, kind: str) -> HttpResponse:
    if kind == "csv":
        body, mime = template_csv(), "text/csv; charset=utf-8"
    elif kind == "xlsx":
        body = template_xlsx()
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404(_("No such template."))
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="pledges-template.{kind}"'
    return response
