"""The public pledge page's template context, shared by the public page
(`commitments.pages.views`) and the desk's pledge page (`tracker.desk.views`),
so neither view imports the other app's views."""

from typing import Any
from urllib.parse import quote, urlencode

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments.models import Pledge, Target
from commitments.pages import charts, selectors
from commitments.pages.counts import today
from commitments.progress import effective_measurements, targets_progress
from commitments.statuses import Status
from commitments.timeline import pledge_timeline


def english() -> bool:
    return (get_language() or "ko").startswith("en")


def pledge_target_rows(pledge: Pledge) -> tuple[dict[int, Any], list[dict[str, Any]]]:
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


def embed_height(pledge: Pledge, target_rows: list[dict[str, Any]]) -> int:
    """The card's height in a 400 px frame, for the embed code's `height`
    before embed.js sizes the frame to what the card reports: the fixed lines
    plus the title's and definition's lines and each shown target."""
    title = pledge.title_en if english() and pledge.title_en else pledge.title
    # About 30 (Korean) to 40 (Latin) characters to a 400 px line.
    per_line = 40 if title.isascii() else 26
    title_lines = max(1, -(-len(title) // per_line))
    shown = [
        row
        for row in target_rows[:2]
        if row["progress"] and row["progress"].current is not None
    ]
    return 150 + 24 * title_lines + 48 * len(shown)


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def coverage_rows(pledge: Pledge) -> list[dict[str, Any]]:
    """Each citation with its quote, or None where the quote is the original
    wording shown above or a quote an earlier source already gave: a reader
    sees each wording once."""
    seen = {_words(pledge.original_wording)}
    rows = []
    for citation in pledge.citations.all():
        words = _words(citation.quote)
        rows.append(
            {"citation": citation, "quote": None if words in seen else citation.quote}
        )
        seen.add(words)
    return rows


def pledge_context(request: HttpRequest, pledge: Pledge) -> dict[str, Any]:
    """The pledge page's context. The desk's pledge page extends the same
    template and starts from this: keep the names `pledge`, `timeline`,
    `progress`."""
    progress, target_rows = pledge_target_rows(pledge)
    url = request.build_absolute_uri(reverse("pledge-detail", args=[pledge.slug]))
    title = pledge.title_en if english() and pledge.title_en else pledge.title
    latest = selectors.latest_updates(pledge)
    lang = "en" if english() else "ko"
    last_checked = pledge.last_update_at
    return {
        "pledge": pledge,
        "timeline": pledge_timeline(pledge=pledge),
        "coverage": coverage_rows(pledge),
        "progress": progress,
        "target_rows": target_rows,
        "latest": latest,
        "today": today(),
        "last_checked": last_checked,
        "share": {
            "url": url,
            "x": "https://twitter.com/intent/tweet?"
            + urlencode({"text": title, "url": url}),
            "facebook": "https://www.facebook.com/sharer/sharer.php?"
            + urlencode({"u": url}),
            "email": f"mailto:?subject={quote(title)}&body={quote(url)}",
        },
        # The codes to copy carry the reader's language: the host's readers
        # have no language cookie of ours.
        "lang": lang,
        "embed_url": request.build_absolute_uri(
            reverse("pledge-embed", args=[pledge.slug])
        )
        + f"?lang={lang}",
        "embed_height": embed_height(pledge, target_rows),
        "embed_script": request.build_absolute_uri(static("commitments/embed.js")),
        "badge_url": request.build_absolute_uri(
            reverse("pledge-badge", args=[pledge.slug])
        )
        + f"?lang={lang}",
        "disagrees": bool(
            pledge.official_status
            and pledge.status != Status.NOT_RATED
            and pledge.official_status != pledge.status
        ),
    }
