"""Turning spreadsheet rows into planned pledges with per-row errors, without
writing anything. A plan is plain JSON (kept in the session until the editor
confirms).

Targets: the `targets` column holds one or more targets separated by ";" or
line breaks, each "[metric:] number unit [period]", e.g.
"공공주택: 100000 호; 착공 2만 호/년" or "trees: 2 billion trees cumulative".
Or one target in the columns target_value, target_unit, target_period.
"""

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from commitments.errors import ValidationFailed
from commitments.models import Category, DeadlinePrecision, Owner, Pledge, Target
from commitments.services import check_http_url
from commitments.statuses import STATUS_INFO, Status
from tracker.review.owners import owner_matching

MULTIPLIERS = {
    "천": 10**3, "만": 10**4, "억": 10**8, "조": 10**12,
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
PERIOD_WORDS = {
    Target.Period.PER_YEAR: ("/년", "/yr", "/year", "per year", "a year", "매년", "연간", "per_year"),
    Target.Period.PER_MONTH: ("/월", "/month", "per month", "a month", "매월", "per_month"),
    Target.Period.CUMULATIVE: ("누적", "cumulative", "in total"),
    Target.Period.NONE: ("once", "none", "1회"),
}  # fmt: skip
NUMBER = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>천|만|억|조|thousand\b|million\b|billion\b|trillion\b)?",
    re.IGNORECASE,
)
DEADLINE = re.compile(
    r"(?P<y>\d{4})(?:\s*[-./년]\s*(?P<m>\d{1,2})(?:\s*[-./월]\s*(?P<d>\d{1,2}))?)?\s*[년월일.]?\s*"
)


def _period(text: str) -> tuple[str, str]:
    """(period, the text without the period words)."""
    lowered = text.casefold()
    for period, words in PERIOD_WORDS.items():
        for word in words:
            if lowered.endswith(word):
                return period, text[: len(text) - len(word)].strip()
            if lowered.startswith(word):
                return period, text[len(word) :].strip()
    return Target.Period.NONE, text


def parse_target(item: str, *, default_metric: str) -> dict[str, str]:
    metric, _sep, rest = item.rpartition(":") if ":" in item else ("", "", item)
    period, rest = _period(rest.strip())
    found = NUMBER.search(rest)
    if not found:
        raise ValueError(_("“%(item)s” has no number.") % {"item": item})
    try:
        value = Decimal(found["number"].replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(_("“%(item)s” has no number.") % {"item": item}) from exc
    if found["mult"]:
        value *= MULTIPLIERS[found["mult"].casefold()]
    # Words before the number name what is counted ("착공 2만 호").
    before = rest[: found.start()].strip()
    unit = rest[found.end() :].strip()[:40]
    return {
        "metric": (metric.strip() or before or default_metric)[:300],
        "value": f"{value.normalize():f}",
        "unit": unit,
        "period": period,
    }


def parse_deadline(text: str) -> tuple[str, str]:
    """(ISO date, precision): a year means its last day, a month its last day."""
    found = DEADLINE.fullmatch(text.strip())
    if not found:
        raise ValueError(
            _("“%(text)s” is not a date (2030, 2030-06 or 2030-06-30).")
            % {"text": text}
        )
    year, month, day = int(found["y"]), found["m"], found["d"]
    try:
        if month is None:
            return date(year, 12, 31).isoformat(), DeadlinePrecision.YEAR
        last = calendar.monthrange(year, int(month))[1]
        if day is None:
            return date(year, int(month), last).isoformat(), DeadlinePrecision.MONTH
        return date(year, int(month), int(day)).isoformat(), DeadlinePrecision.DAY
    except ValueError as exc:
        raise ValueError(_("“%(text)s” is not a real date.") % {"text": text}) from exc


def parse_status(text: str) -> str:
    key = text.strip().casefold().replace(" ", "_")
    if not key:
        return ""
    for code, info in STATUS_INFO.items():
        labels = {
            code,
            info.label_en.casefold().replace(" ", "_"),
            info.label_ko.replace(" ", "_"),
        }
        if key in labels:
            return code
    raise ValueError(_("“%(text)s” is not a status.") % {"text": text})


def _owner(name: str, cache: dict[str, Owner | None]) -> Owner | None:
    if name not in cache:
        cache[name] = Owner.objects.filter(slug=name).first() or owner_matching(name)
    return cache[name]


def _categories(text: str, errors: list[str]) -> list[int]:
    wanted = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    known = {
        key.casefold(): c.pk
        for c in Category.objects.all()
        for key in (c.name, c.name_en, c.slug)
        if key
    }
    ids = []
    for name in wanted:
        if name.casefold() in known:
            ids.append(known[name.casefold()])
        else:
            errors.append(
                _("Unknown category “%(name)s”: add it on the Categories page first.")
                % {"name": name}
            )
    return ids


def _targets(
    row: dict[str, str], title: str, errors: list[str]
) -> list[dict[str, str]]:
    items = [t.strip() for t in re.split(r"[;\n]", row.get("targets", "")) if t.strip()]
    if not items and row.get("target_value"):
        items = [
            f"{row['target_value']} {row.get('target_unit', '')} {row.get('target_period', '')}"
        ]
    targets = []
    for item in items:
        try:
            targets.append(parse_target(item, default_metric=title))
        except ValueError as exc:
            errors.append(str(exc))
    return targets


def plan_row(row: dict[str, str], owners: dict[str, Owner | None]) -> dict[str, Any]:
    """One planned pledge: what will be written, and why it can't be."""
    errors: list[str] = []
    title = row.get("title", "")[:300]
    owner_name = " ".join(row.get("owner", "").split())[:200]
    if not title:
        errors.append(_("The title is empty."))
    if not owner_name:
        errors.append(_("The owner is empty."))
    owner = _owner(owner_name, owners) if owner_name else None
    deadline, precision = "", ""
    if row.get("deadline"):
        try:
            deadline, precision = parse_deadline(row["deadline"])
        except ValueError as exc:
            errors.append(str(exc))
    status = ""
    try:
        status = parse_status(row.get("status", ""))
    except ValueError as exc:
        errors.append(str(exc))
    source_url = row.get("source_url", "")
    if source_url:
        try:
            check_http_url(source_url, field="source_url")
        except ValidationFailed:
            errors.append(_("The source URL must start with http:// or https://."))
    if status and status != Status.NOT_RATED and not source_url:
        errors.append(_("A status needs the source URL as its evidence."))
    if status == Status.UNRATABLE and not row.get("status_note"):
        errors.append(_("“Can't be rated” needs the reason in status_note."))
    if owner and title and Pledge.objects.filter(owner=owner, title=title).exists():
        errors.append(
            _("This pledge is already on the tracker (same title and owner).")
        )
    return {
        "row": row.get("_row", ""),
        "title": title,
        "title_en": row.get("title_en", "")[:300],
        "owner_name": owner_name,
        "owner_id": owner.pk if owner else None,
        "owner_label": str(owner) if owner else owner_name,
        "deadline": deadline,
        "deadline_precision": precision,
        "targets": _targets(row, title, errors),
        "status": status,
        "status_note": row.get("status_note", ""),
        "source_url": source_url,
        "wording": row.get("wording", "") or title,
        "summary": row.get("summary", ""),
        "categories": _categories(row.get("categories", ""), errors),
        "errors": errors,
    }


def plan_rows(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    owners: dict[str, Owner | None] = {}
    plans = [plan_row(row, owners) for row in rows]
    seen: set[tuple[str, str]] = set()
    for plan in plans:
        key = (plan["title"], plan["owner_name"])
        if key in seen and not plan["errors"]:
            plan["errors"].append(_("The same pledge appears earlier in the file."))
        seen.add(key)
    return plans
