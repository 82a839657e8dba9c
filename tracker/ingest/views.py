"""Article submission (journalists and editors): text, file or URL."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commitments.errors import DomainError
from commitments.roles import is_editor
from tracker.extraction_runs.selectors import job_status
from tracker.ingest.forms import SubmitArticleForm
from tracker.ingest.services import (
    source_ingest_file,
    source_ingest_text,
    source_ingest_url,
)
from tracker.models import ExtractionJob
from tracker.permissions import SignedInRequest, journalist_required
from tracker.review.selectors import recent_submissions


@journalist_required
def submit_article(request: SignedInRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = SubmitArticleForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            meta = {
                "url": data["url"] or "",
                "title": data["title"],
                "publisher": data["publisher"],
                "published_on": data["published_on"],
                "language": data["language"],
            }
            try:
                if data["file"]:
                    source, created = source_ingest_file(
                        actor=request.user, upload=data["file"], **meta
                    )
                elif data["text"].strip():
                    source, created = source_ingest_text(
                        actor=request.user, body=data["text"], **meta
                    )
                else:
                    source, created = source_ingest_url(
                        actor=request.user, url=data["url"]
                    )
            except DomainError as exc:
                field = exc.field if exc.field in form.fields else None
                if exc.field == "body":
                    field = "text"
                form.add_error(field, exc.message)
                status = exc.http_status
            else:
                job = ExtractionJob.objects.filter(source=source).first()
                if job is not None and not job_status(job).sent:
                    # Stored and queued; only the task queue is down.
                    messages.warning(request, job_status(job).message)
                elif created:
                    messages.success(
                        request, _("Article received; extraction has been queued.")
                    )
                else:
                    messages.info(
                        request, _("This article was already submitted; nothing new.")
                    )
                if is_editor(request.user):
                    return redirect("review-source", source.public_id)
                return redirect("submit-article")
        else:
            status = 422
    else:
        form = SubmitArticleForm()
    recent = recent_submissions(user=request.user)
    return render(
        request,
        "tracker/ingest/submit.html",
        {"form": form, "recent": recent},
        status=status,
    )
