"""Public pages: thin views over `commitments.pages.selectors`, charts drawn
in `commitments.pages.charts`. Every page works with JavaScript off."""

from typing import Any
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST, require_safe

from commitments import services
from commitments.errors import ValidationFailed
from commitments.models import Pledge
from commitments.owner_redirects import owner_redirect
from commitments.pages import card, charts, selectors
from commitments.pages.context import english, pledge_context, pledge_target_rows
from commitments.pages.counts import Breakdown, StatusCounts, status_counts, today
from commitments.pages.filters import PledgeFilters, filtered_pledges, parse_filters
from commitments.pages.home import tracked_pledges
from commitments.pages.report_form import ReaderReportForm, report_allowed
from commitments.pages.row_progress import with_progress
from commitments.statuses import STATUS_INFO

FILTER_NAMES = {
    "status": gettext_lazy("status"),
    "owner": gettext_lazy("owner"),
    "category": gettext_lazy("category"),
    "year": gettext_lazy("deadline year"),
    "overdue": gettext_lazy("overdue"),
    "disagreement": gettext_lazy("disagreement"),
    "sort": gettext_lazy("sort order"),
}


def _label(code: str) -> str:
    info = STATUS_INFO[code]
    return info.label_en if english() else info.label_ko


def _status_chart(counts: StatusCounts) -> Any:
    rows = [{**row, "label": _label(row["code"])} for row in counts.rows]
    summary = ", ".join(f"{r['label']} {r['count']:,}" for r in rows)
    return charts.status_chart(rows, title=_("Pledges by status"), description=summary)


def _bars(breakdowns: list[Breakdown]) -> list[dict[str, Any]]:
    return [
        {
            "obj": b.obj,
            "counts": b.counts,
            "bar": charts.stacked_bar(
                [(code, b.counts.by_status[code]) for code in STATUS_INFO],
                b.counts.total,
            ),
        }
        for b in breakdowns
    ]


def _safe_url(name: str) -> str | None:
    """A URL another issue defines, or None while it does not exist yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    summary = selectors.dashboard_summary()
    return render(
        request,
        "commitments/home.html",
        {
            "summary": summary,
            "tracked": tracked_pledges(),
            "counts": summary.counts,
            "status_chart": _status_chart(summary.counts),
            "category_bars": _bars(summary.categories),
            "owner_bars": _bars(summary.owners),
            "legend": list(STATUS_INFO),
        },
    )


@require_safe
def pledge_list(request: HttpRequest) -> HttpResponse:
    filters = parse_filters(request.GET)
    if filters.ignored:
        names = ", ".join(str(FILTER_NAMES.get(n, n)) for n in filters.ignored)
        messages.warning(
            request,
            _("Some filter values were not understood and were ignored: %(names)s.")
            % {"names": names},
        )
    page = selectors.pledge_list(filters, page=request.GET.get("page", 1))
    with_progress(list(page.object_list))
    params = filters.querydict()
    return render(
        request,
        "commitments/pledge_list.html",
        {
            "page": page,
            "filters": filters,
            "query": urlencode(params, doseq=True),
            "choices": selectors.filter_choices(),
            "today": today(),
            "statuses": list(STATUS_INFO),
            "sorts": [
                ("updated", _("Recently updated")),
                ("deadline", _("Deadline, soonest first")),
                ("-deadline", _("Deadline, latest first")),
                ("title", _("Title")),
                ("made", _("Date made, newest first")),
            ],
        },
    )


@require_safe
def pledge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = selectors.pledge_detail(slug=slug)
    context = pledge_context(request, pledge)
    return render(
        request,
        "commitments/pledge_detail.html",
        {**context, "report_form": ReaderReportForm()},
    )


@require_POST
def pledge_report(request: HttpRequest, slug: str) -> HttpResponse:
    """A reader's error report (no login). Errors re-show the pledge page with
    the form and a 4xx; what the reader typed stays in the form."""
    pledge = selectors.pledge_detail(slug=slug)
    form = ReaderReportForm(request.POST)
    done = redirect(reverse("pledge-detail", args=[pledge.slug]) + "#report")
    if form.is_bot:
        # Looks sent, stores nothing: a bot learns nothing to adapt to.
        messages.success(request, _("Thank you: the newsroom will check it."))
        return done
    status = 400
    if not report_allowed(request):
        form.add_error(
            None, _("Too many reports from your address. Please try again later.")
        )
        status = 429
    elif form.is_valid():
        try:
            services.reader_report_submit(
                pledge=pledge,
                message=form.cleaned_data["message"],
                contact=form.cleaned_data["contact"],
                language=get_language() or "",
            )
        except ValidationFailed as exc:
            form.add_error(exc.field or None, exc.message)
        else:
            messages.success(request, _("Thank you: the newsroom will check it."))
            return done
    context = pledge_context(request, pledge)
    return render(
        request,
        "commitments/pledge_detail.html",
        {**context, "report_form": form},
        status=status,
    )


@require_safe
def owner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        card = selectors.owner_scorecard(slug=slug)
    except Http404:
        # A merged or renamed owner: its old address moves permanently.
        moved = owner_redirect(slug=slug)
        if moved is None:
            raise
        return HttpResponsePermanentRedirect(reverse("owner-detail", args=[moved]))
    return render(
        request,
        "commitments/owner_detail.html",
        {
            "card": card,
            "owner": card.owner,
            "status_chart": _status_chart(card.counts),
            "child_bars": _bars(card.children),
            "list_query": urlencode({"owner": card.owner.slug}),
            "today": today(),
        },
    )


@require_safe
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_detail(slug=slug)
    filters = PledgeFilters(category=category)
    counts = status_counts(filtered_pledges(filters))
    page = selectors.pledge_list(filters, page=request.GET.get("page", 1))
    with_progress(list(page.object_list))
    return render(
        request,
        "commitments/category_detail.html",
        {
            "category": category,
            "counts": counts,
            "status_chart": _status_chart(counts),
            "page": page,
            "query": urlencode(filters.querydict()),
            "today": today(),
        },
    )


@require_safe
def methodology(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "commitments/methodology.html",
        {
            "statuses": list(STATUS_INFO.values()),
            "corrections_url": _safe_url("corrections-log"),
            "stale_days": settings.STALE_AFTER_DAYS,
        },
    )


# --- Embeds: the only views other sites may frame ---------------------------------


@require_safe
@xframe_options_exempt
# django-csp types a view as taking the request alone, not URL arguments too.
@csp_replace({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
@cache_control(public=True, max_age=300)
def pledge_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The card other sites frame; `?lang=en` or `?lang=ko` picks its
    language (a host's readers carry no cookie of ours)."""
    pledge = selectors.pledge_detail(slug=slug)
    progress, target_rows = pledge_target_rows(pledge)
    lang = request.GET.get("lang", "")
    with translation.override(lang if lang in ("ko", "en") else get_language()):
        return render(
            request,
            "commitments/embed_card.html",
            {
                "pledge": pledge,
                "target_rows": target_rows[:2],
                "page_url": request.build_absolute_uri(
                    reverse("pledge-detail", args=[pledge.slug])
                ),
            },
        )


@require_safe
@cache_control(public=True, max_age=300)
def pledge_badge(request: HttpRequest, slug: str) -> HttpResponse:
    """A status badge; `?lang=en` or `?lang=ko` picks its language."""
    pledge = (
        Pledge.objects.only("slug", "status").filter(slug=slug).first()
        if "\x00" not in slug
        else None
    )
    lang = request.GET.get("lang", "")
    with translation.override(lang if lang in ("ko", "en") else get_language()):
        if pledge is None:
            svg = charts.badge_svg(label=_("Pledge"), value=_("not found"), code="")
            return HttpResponse(svg, content_type="image/svg+xml", status=404)
        svg = charts.badge_svg(
            label=_("Pledge"), value=_label(pledge.status), code=pledge.status
        )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=3600)
def pledge_card(request: HttpRequest, slug: str) -> HttpResponse:
    """The pledge's share card (PNG); `?lang=en` or `?lang=ko` picks its
    language, else the page's."""
    pledge = (
        Pledge.objects.select_related("owner")
        .filter(slug=selectors.check_slug(slug))
        .first()
    )
    if pledge is None:
        raise Http404("No pledge with that address.")
    lang = request.GET.get("lang", "")
    language = lang if lang in ("ko", "en") else ("en" if english() else "ko")
    png, key = card.card_png(pledge, language)
    etag = f'"{key}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    # Without ?lang the language comes from the cookie or Accept-Language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
