"""The public corrections log: what we got wrong, when, and how we fixed it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from commitments.corrections.selectors import corrections_log as log_page


@require_GET
def corrections_log(request: HttpRequest) -> HttpResponse:
    page = log_page(page=request.GET.get("page"))
    return render(request, "commitments/corrections_log.html", {"page": page})
