"""Public pages: thin views over `commitments.selectors`, charts drawn in
`commitments.charts`. Every page works with JavaScript off."""

from typing import Any
from urllib.parse import quote, urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from commitments import charts, selectors
from commitments.models import Pledge, Target
from commitments.owner_redirects import owner_redirect
from commitments.progress import effective_measurements, targets_progress
from commitments.statuses import STATUS_INFO, Status
from commitments.timeline import pledge_timeline

FILTER_NAMES = {
    "status": gettext_lazy("status"),
    "owner": gettext_lazy("owner"),
    "category": gettext_lazy("category"),
    "year": gettext_lazy("deadline year"),
    "overdue": gettext_lazy("overdue"),
    "disagreement": gettext_lazy("disagreement"),
    "sort": gettext_lazy("sort order"),
}


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


def _label(code: str) -> str:
    info = STATUS_INFO[code]
    return info.label_en if _english() else info.label_ko


def _status_chart(counts: selectors.StatusCounts) -> Any:
    rows = [{**row, "label": _label(row["code"])} for row in counts.rows]
    summary = ", ".join(f"{r['label']} {r['count']:,}" for r in rows)
    return charts.status_chart(rows, title=_("Pledges by status"), description=summary)


def _bars(breakdowns: list[selectors.Breakdown]) -> list[dict[str, Any]]:
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
            "counts": summary.counts,
            "status_chart": _status_chart(summary.counts),
            "category_bars": _bars(summary.categories),
            "owner_bars": _bars(summary.owners),
            "legend": list(STATUS_INFO),
        },
    )


@require_safe
def pledge_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.parse_filters(request.GET)
    if filters.ignored:
        names = ", ".join(str(FILTER_NAMES.get(n, n)) for n in filters.ignored)
        messages.warning(
            request,
            _("Some filter values were not understood and were ignored: %(names)s.")
            % {"names": names},
        )
    page = selectors.pledge_list(filters, page=request.GET.get("page", 1))
    params = filters.querydict()
    return render(
        request,
        "commitments/pledge_list.html",
        {
            "page": page,
            "filters": filters,
            "query": urlencode(params, doseq=True),
            "choices": selectors.filter_choices(),
            "today": selectors.today(),
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


def _target_rows(pledge: Pledge) -> tuple[dict[int, Any], list[dict[str, Any]]]:
    """Progress for each target and, for dated cumulative targets with a start,
    the measurement chart against the straight path."""
    targets = list(pledge.targets.all())
    measurements = {t.pk: list(t.measurements.all()) for t in targets}
    progress = targets_progress(targets, measurements, start=pledge.made_on)
    rows = []
    for target in targets:
        prog = progress.get(target.pk)
        chart = None
        points = [
            (m.as_of, m.value) for m in effective_measurements(measurements[target.pk])
        ]
        start = target.baseline_date or pledge.made_on
        deadline = target.deadline or pledge.deadline
        dated = target.period in (Target.Period.NONE, Target.Period.CUMULATIVE)
        if dated and start and deadline and deadline > start and prog is not None:
            chart = charts.measurement_chart(
                points=points,
                start=start,
                deadline=deadline,
                baseline=prog.baseline,
                goal=target.value,
                title=_("%(metric)s over time") % {"metric": target.metric},
                description=_(
                    "Measured values against a straight path from %(baseline)s on "
                    "%(start)s to %(goal)s on %(deadline)s."
                )
                % {
                    "baseline": f"{prog.baseline:,f}".rstrip("0").rstrip("."),
                    "start": start.isoformat(),
                    "goal": f"{target.value:,f}".rstrip("0").rstrip("."),
                    "deadline": deadline.isoformat(),
                },
                chart_id=f"target-{target.pk}",
                path_label=_("straight path"),
                unit=target.unit,
            )
        rows.append(
            {
                "target": target,
                "progress": prog,
                "bar": charts.progress_bar(
                    prog.percent if prog else None,
                    prog.expected_fraction if prog else None,
                ),
                "chart": chart,
                "points": points,
            }
        )
    return progress, rows


def pledge_context(request: HttpRequest, pledge: Pledge) -> dict[str, Any]:
    """The pledge page's context. The desk page (issue 5) extends the same
    template and reuses this: keep the names `pledge`, `timeline`, `progress`."""
    progress, target_rows = _target_rows(pledge)
    url = request.build_absolute_uri(reverse("pledge-detail", args=[pledge.slug]))
    title = pledge.title_en if _english() and pledge.title_en else pledge.title
    latest = selectors.latest_updates(pledge)
    last_checked = pledge.last_update_at
    return {
        "pledge": pledge,
        "timeline": pledge_timeline(pledge=pledge),
        "progress": progress,
        "target_rows": target_rows,
        "latest": latest,
        "today": selectors.today(),
        "last_checked": last_checked,
        "share": {
            "url": url,
            "x": "https://twitter.com/intent/tweet?"
            + urlencode({"text": title, "url": url}),
            "facebook": "https://www.facebook.com/sharer/sharer.php?"
            + urlencode({"u": url}),
            "email": f"mailto:?subject={quote(title)}&body={quote(url)}",
        },
        "embed_url": request.build_absolute_uri(
            reverse("pledge-embed", args=[pledge.slug])
        ),
        "badge_url": request.build_absolute_uri(
            reverse("pledge-badge", args=[pledge.slug])
        ),
        "disagrees": bool(
            pledge.official_status
            and pledge.status != Status.NOT_RATED
            and pledge.official_status != pledge.status
        ),
    }


@require_safe
def pledge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = selectors.pledge_detail(slug=slug)
    return render(
        request, "commitments/pledge_detail.html", pledge_context(request, pledge)
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
            "today": selectors.today(),
        },
    )


@require_safe
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_detail(slug=slug)
    filters = selectors.PledgeFilters(category=category)
    counts = selectors.status_counts(selectors.filtered_pledges(filters))
    page = selectors.pledge_list(filters, page=request.GET.get("page", 1))
    return render(
        request,
        "commitments/category_detail.html",
        {
            "category": category,
            "counts": counts,
            "status_chart": _status_chart(counts),
            "page": page,
            "query": urlencode(filters.querydict()),
            "today": selectors.today(),
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
@csp_replace({"frame-ancestors": ["*"]})
@cache_control(public=True, max_age=300)
def pledge_embed(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = selectors.pledge_detail(slug=slug)
    progress, target_rows = _target_rows(pledge)
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
