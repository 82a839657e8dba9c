"""The API's pledge representation built from plain rows: the pledges of a
page as `.values()` dicts, and a handful of bulk queries for what hangs off
them (owner names come with the pledge; categories, targets with their
measurements, citations and the latest update, one query each).

A page of 50 pledges used to be ~500 model instances assembled by the
prefetch machinery; here nothing is a model instance (targets and
measurements are light attribute records, which is all
`commitments.progress` reads). The body is the one
`commitments.api.representations.PledgeWriter` writes, key for key (a test
compares the two).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from commitments.api.caching import decimal_text
from commitments.api.representations import STATUS_BRIEF, Links, _progress
from commitments.api.selectors import _latest_updates
from commitments.models import Citation, Measurement, Pledge, Target
from commitments.progress import targets_progress
from commitments.statuses import FINAL_STATUSES


def _categories(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        Pledge.categories.through.objects.filter(pledge_id__in=ids)
        .order_by("category__slug", "category_id")
        .values_list(
            "pledge_id", "category__slug", "category__name", "category__name_en"
        )
    )
    for pledge_id, slug, name, name_en in rows:
        found[pledge_id].append({"slug": slug, "name": name, "name_en": name_en})
    return found


TARGET_COLUMNS = (
    "id",
    "pledge_id",
    "position",
    "metric",
    "value",
    "unit",
    "period",
    "direction",
    "baseline_value",
    "baseline_date",
    "deadline",
    "deadline_precision",
    "text",
    "component_of_id",
)
MEASUREMENT_COLUMNS = ("id", "target_id", "value", "as_of", "corrects_id", "created_at")


def _light(row: dict[str, Any]) -> Any:
    # What `commitments.progress` reads of a target or a measurement, as
    # attributes: a model instance costs ~20 times as much to build.
    return SimpleNamespace(pk=row["id"], **row)


def _targets(ids: list[int]) -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    targets: dict[int, list[Any]] = defaultdict(list)
    rows = (
        Target.objects.filter(pledge_id__in=ids)
        .order_by("position", "id")
        .values(*TARGET_COLUMNS)
    )
    for row in rows:
        targets[row["pledge_id"]].append(_light(row))
    measurements: dict[int, list[Any]] = defaultdict(list)
    target_ids = [t.pk for found in targets.values() for t in found]
    if target_ids:
        rows = (
            Measurement.objects.filter(target_id__in=target_ids)
            .order_by("id")
            .values(*MEASUREMENT_COLUMNS)
        )
        for row in rows:
            measurements[row["target_id"]].append(_light(row))
    return targets, measurements


def _citations(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = (
        Citation.objects.filter(pledge_id__in=ids)
        .order_by("created_at", "id")
        .values_list(
            "pledge_id",
            "source__url",
            "source__publisher",
            "source__published_on",
            "source__title",
            "quote",
        )
    )
    for pledge_id, url, publisher, published_on, title, quote in rows:
        found[pledge_id].append(
            {
                "url": url,
                "publisher": publisher,
                "published_on": published_on,
                "title": title,
                "quote": quote,
            }
        )
    return found


def _latest(ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = (
        _latest_updates()
        .filter(pledge_id__in=ids)
        .values(
            "pledge_id",
            "public_id",
            "kind",
            "status",
            "previous_status",
            "note",
            "evidence_url",
            "created_at",
        )
    )
    return {
        row["pledge_id"]: {
            "id": row["public_id"],
            "kind": row["kind"],
            "status": STATUS_BRIEF[row["status"]],
            "previous_status": row["previous_status"],
            "note": row["note"],
            "evidence_url": row["evidence_url"],
            "created_at": row["created_at"],
        }
        for row in rows
    }


def _target(t: Any, positions: dict[int, int], progress: Any) -> dict[str, Any]:
    return {
        "position": t.position,
        "metric": t.metric,
        "value": decimal_text(t.value),
        "unit": t.unit,
        "period": t.period,
        "direction": t.direction,
        "baseline_value": None
        if t.baseline_value is None
        else decimal_text(t.baseline_value),
        "baseline_date": t.baseline_date,
        "deadline": t.deadline,
        "deadline_precision": t.deadline_precision,
        "text": t.text,
        "component_of": positions.get(t.component_of_id) if t.component_of_id else None,
        "progress": _progress(progress),
    }


def row_is_overdue(row: dict[str, Any], today: date) -> bool:
    """`Pledge.is_overdue_on(today)`, on a `.values()` row."""
    deadline = row["deadline"]
    return bool(deadline and deadline < today and row["status"] not in FINAL_STATUSES)


def pledge_bodies(rows: list[dict[str, Any]], links: Links) -> list[dict[str, Any]]:
    """The representations of `rows` (from `selectors.pledge_values`), in
    their order, with their links where the model writer puts them."""
    html_prefix = links.pledge_html_prefix()
    bodies = []
    for row, body in zip(rows, unlinked_bodies(rows), strict=True):
        linked: dict[str, Any] = {}
        for key, value in body.items():
            if key == "created_at":
                linked["html_url"] = f"{html_prefix}{row['slug']}/"
                linked["api_url"] = f"{links.api_root}/pledges/{row['public_id']}"
            linked[key] = value
        bodies.append(linked)
    return bodies


def unlinked_bodies(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`pledge_bodies` without the two absolute links, which depend on the
    host a request came to (`commitments.api.pledge_documents` stores these)."""
    ids = [row["id"] for row in rows]
    if not ids:
        return []
    categories = _categories(ids)
    targets, measurements = _targets(ids)
    citations = _citations(ids)
    latest = _latest(ids)
    # Overdue is computed against today, like the `overdue` filter.
    today = timezone.localdate()
    bodies = []
    for row in rows:
        pk = row["id"]
        own_targets = targets.get(pk, [])
        progress = targets_progress(
            own_targets,
            {t.pk: measurements.get(t.pk, []) for t in own_targets},
            start=row["made_on"],
        )
        positions = {t.pk: t.position for t in own_targets}
        deadline = row["deadline"]
        bodies.append(
            {
                "id": row["public_id"],
                "slug": row["slug"],
                "title": row["title"],
                "title_en": row["title_en"],
                "summary": row["summary"],
                "original_wording": row["original_wording"],
                "status": STATUS_BRIEF[row["status"]],
                "official_status": row["official_status"] or None,
                "owner": {
                    "slug": row["owner__slug"],
                    "name": row["owner__name"],
                    "name_en": row["owner__name_en"],
                },
                "categories": categories.get(pk, []),
                "targets": [_target(t, positions, progress[t.pk]) for t in own_targets],
                "made_on": row["made_on"],
                "deadline": deadline,
                "deadline_precision": row["deadline_precision"],
                "is_overdue": row_is_overdue(row, today),
                "is_stale": row["is_stale"],
                "has_disagreement": row["has_disagreement"],
                "citations": citations.get(pk, []),
                "latest_update": latest.get(pk),
                "created_at": row["created_at"],
                "updated_at": row["updated_at"],
            }
        )
    return bodies
