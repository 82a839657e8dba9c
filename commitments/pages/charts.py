"""Charts drawn on the server as SVG: no JavaScript, no inline style (the CSP
forbids it), readable when printed. Every chart has a <title>/<desc> and the
page beside it carries a text equivalent (a table or a sentence).

All text is escaped here with format_html/escape: titles come from articles.
"""

import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Fill colours per status, each dark enough for white text on it (WCAG AA 4.5:1).
# Colour is never the only cue: labels and counts are always written out.
STATUS_COLOURS: dict[str, str] = {
    "not_rated": "#5c6670",
    "not_started": "#7a5a00",
    "in_progress": "#0b5cad",
    "stalled": "#a94400",
    "partially_kept": "#5a6b00",
    "kept": "#1a7336",
    "broken": "#b3202a",
    "withdrawn": "#4a4f57",
    "unratable": "#6b3fb0",
}


def _num(value: float) -> str:
    """Coordinates with at most two decimals, so the markup stays small."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float = 11) -> float:
    """A rough width in px: wide (Hangul, CJK) characters take about one em."""
    width = 0.0
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width += size * (1.0 if wide else 0.6)
    return width


def status_chart(
    rows: Sequence[dict[str, Any]], *, title: str, description: str
) -> SafeString:
    """The status chart twice: wide (labels beside the bars) and narrow
    (labels above them, in a viewBox about as wide as a phone's screen, so
    its 12-unit text renders at 11 px or more). The stylesheet shows one by
    the screen's width; the hidden one is out of the accessibility tree."""
    return mark_safe(
        _status_chart_wide(rows, title=title, description=description)
        + _status_chart_narrow(rows, title=title, description=description)
    )


NARROW_WIDTH = 340


def _status_chart_narrow(
    rows: Sequence[dict[str, Any]], *, title: str, description: str
) -> SafeString:
    bar_w, label_h, bar_h, gap = NARROW_WIDTH - 60, 16, 14, 8
    row_h = label_h + bar_h + gap
    height = len(rows) * row_h + gap
    top = max((r["count"] for r in rows), default=0) or 1
    parts = [
        format_html(
            '<svg class="chart status-chart status-chart-narrow" '
            'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="status-chart-narrow-title status-chart-narrow-desc">'
            '<title id="status-chart-narrow-title">{}</title>'
            '<desc id="status-chart-narrow-desc">{}</desc>',
            NARROW_WIDTH,
            height,
            title,
            description,
        )
    ]
    for i, row in enumerate(rows):
        y = gap + i * row_h
        w = bar_w * row["count"] / top
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                y + label_h - 4,
                row["label"],
                y + label_h,
                _num(max(w, 1 if row["count"] else 0)),
                bar_h,
                STATUS_COLOURS.get(row["code"], "#555"),
                _num(w + 6),
                y + label_h + bar_h - 2,
                f"{row['count']:,}",
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _status_chart_wide(
    rows: Sequence[dict[str, Any]], *, title: str, description: str
) -> SafeString:
    """Horizontal bars, one per status: label, bar, count. `rows` carry `code`,
    `label` and `count`."""
    label_w, bar_w, row_h, gap = 120, 340, 24, 6
    width = label_w + bar_w + 60
    height = len(rows) * (row_h + gap) + gap
    top = max((r["count"] for r in rows), default=0) or 1
    parts = [
        format_html(
            '<svg class="chart status-chart status-chart-wide" '
            'xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {} {}" role="img" aria-labelledby="status-chart-title '
            'status-chart-desc"><title id="status-chart-title">{}</title>'
            '<desc id="status-chart-desc">{}</desc>',
            width,
            height,
            title,
            description,
        )
    ]
    for i, row in enumerate(rows):
        y = gap + i * (row_h + gap)
        w = bar_w * row["count"] / top
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                label_w - 8,
                _num(y + row_h * 0.7),
                row["label"],
                label_w,
                y,
                _num(max(w, 1 if row["count"] else 0)),
                row_h,
                STATUS_COLOURS.get(row["code"], "#555"),
                _num(label_w + w + 6),
                _num(y + row_h * 0.7),
                f"{row['count']:,}",
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def stacked_bar(segments: Sequence[tuple[str, int]], total: int) -> SafeString:
    """A 100%-wide bar split by status. Decorative (aria-hidden): the caller
    writes the numbers next to it."""
    parts = [
        mark_safe(
            '<svg class="stacked-bar" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
            'focusable="false"><rect x="0" y="0" width="100" height="10" '
            'fill="#e6e8eb"></rect>'
        )
    ]
    x = 0.0
    for code, count in segments:
        if not count or not total:
            continue
        w = 100 * count / total
        parts.append(
            format_html(
                '<rect x="{}" y="0" width="{}" height="10" fill="{}"></rect>',
                _num(x),
                _num(w),
                STATUS_COLOURS.get(code, "#555"),
            )
        )
        x += w
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def progress_bar(percent: int | None, expected: float | None = None) -> SafeString:
    """A bar from 0 to 100% with a tick where a straight path would be today.
    Decorative: the percentage is written beside it."""
    pct = max(0, min(100, percent or 0))
    tick = ""
    if expected is not None:
        ex = _num(100 * max(0.0, min(1.0, expected)))
        tick = format_html(
            '<rect x="{}" y="0" width="0.8" height="12" fill="#111"></rect>', ex
        )
    return format_html(
        '<svg class="progress-bar" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false"><rect x="0" y="2" width="100" height="8" fill="#e6e8eb">'
        '</rect><rect x="0" y="2" width="{}" height="8" fill="#0b5cad"></rect>{}</svg>',
        pct,
        tick,
    )


def _days(d: date, origin: date) -> int:
    return (d - origin).days


def measurement_chart(
    *,
    points: Sequence[tuple[date, Decimal]],
    start: date,
    deadline: date,
    baseline: Decimal,
    goal: Decimal,
    title: str,
    description: str,
    chart_id: str,
    path_label: str,
    unit: str = "",
) -> SafeString:
    """Measurements over time against the straight path from the baseline (at
    `start`) to the goal (at `deadline`)."""
    width, height = 560, 240
    left, right, top, bottom = 64, 16, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    end = max([deadline, *[d for d, _ in points]])
    first = min([start, *[d for d, _ in points]])
    span = max(_days(end, first), 1)
    values = [float(v) for _, v in points] + [float(baseline), float(goal)]
    y_max = max(values) * 1.1 or 1.0
    y_min = 0.0

    def x(d: date) -> float:
        return left + plot_w * _days(d, first) / span

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - y_min) / (y_max - y_min))

    parts = [
        format_html(
            '<svg class="chart measurement-chart" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d">'
            '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
            width,
            height,
            chart_id,
            chart_id,
            chart_id,
            title,
            chart_id,
            description,
        ),
        # Axes.
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333"></line>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333"></line>',
            left,
            top,
            left,
            top + plot_h,
            left,
            top + plot_h,
            left + plot_w,
            top + plot_h,
        ),
    ]
    # Horizontal grid: 0, half, goal.
    for value in sorted({0.0, float(goal) / 2, float(goal)}):
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d4d9"></line>'
                '<text x="{}" y="{}" text-anchor="end" class="chart-tick">{}</text>',
                left,
                _num(y(value)),
                left + plot_w,
                _num(y(value)),
                left - 6,
                _num(y(value) + 4),
                f"{value:,.0f}",
            )
        )
    # Year ticks along the time axis.
    for year in range(first.year + 1, end.year + 1):
        tick = date(year, 1, 1)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333"></line>'
                '<text x="{}" y="{}" text-anchor="middle" class="chart-tick">{}</text>',
                _num(x(tick)),
                top + plot_h,
                _num(x(tick)),
                top + plot_h + 5,
                _num(x(tick)),
                top + plot_h + 18,
                year,
            )
        )
    # The straight path to the target, dashed.
    parts.append(
        format_html(
            '<line class="path-line" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#5c6670" '
            'stroke-width="2" stroke-dasharray="6 4"></line>'
            '<text x="{}" y="{}" text-anchor="end" class="chart-tick">{}</text>',
            _num(x(start)),
            _num(y(float(baseline))),
            _num(x(deadline)),
            _num(y(float(goal))),
            _num(x(deadline)),
            _num(max(y(float(goal)) - 6, 10)),
            path_label,
        )
    )
    if points:
        coords = " ".join(f"{_num(x(d))},{_num(y(float(v)))}" for d, v in points)
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="#0b5cad" '
                'stroke-width="2.5"></polyline>',
                coords,
            )
        )
        for d, v in points:
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="3.5" fill="#0b5cad">'
                    "<title>{}: {} {}</title></circle>",
                    _num(x(d)),
                    _num(y(float(v))),
                    d.isoformat(),
                    f"{v:,.0f}" if v == v.to_integral_value() else f"{v:,}",
                    unit,
                )
            )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def badge_svg(*, label: str, value: str, code: str) -> str:
    """A shields-style status badge: "공약 | 추진 중". Text escaped."""
    size = 11
    lw = int(text_width(label, size) + 12)
    vw = int(text_width(value, size) + 12)
    colour = STATUS_COLOURS.get(code, "#555")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" '
        'role="img" aria-label="{label}: {value}"><title>{label}: {value}</title>'
        '<rect width="{lw}" height="20" fill="#333"></rect>'
        '<rect x="{lw}" width="{vw}" height="20" fill="{colour}"></rect>'
        '<g fill="#fff" font-family="sans-serif" font-size="{size}">'
        '<text x="6" y="14">{label}</text><text x="{vx}" y="14">{value}</text></g>'
        "</svg>",
        w=lw + vw,
        label=label,
        value=value,
        lw=lw,
        vw=vw,
        colour=colour,
        size=size,
        vx=lw + 6,
    )


__all__ = [
    "STATUS_COLOURS",
    "badge_svg",
    "escape",
    "measurement_chart",
    "progress_bar",
    "stacked_bar",
    "status_chart",
]
