"""Plain-dict representations of the record, matching `commitments.api.schemas`.

Built by hand rather than through pydantic: a page of 50 pledges with their
targets, progress and citations serialises several times faster this way,
and the tests validate every body against the schema.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone

from commitments.api.caching import decimal_text
from commitments.models import Category, Measurement, Owner, Pledge, StatusUpdate
from commitments.progress import TargetProgress, targets_progress
from commitments.statuses import STATUS_INFO

# Computed once: the brief status objects are the same for every pledge.
STATUS_BRIEF: dict[str, dict[str, Any]] = {
    code: {
        "code": code,
        "label_ko": info.label_ko,
        "label_en": info.label_en,
        "final": info.final,
    }
    for code, info in STATUS_INFO.items()
}


def status_full(code: str) -> dict[str, Any]:
    info = STATUS_INFO[code]
    return {
        "code": code,
        "label_ko": info.label_ko,
        "label_en": info.label_en,
        "final": info.final,
        "definition_ko": info.definition_ko,
        "definition_en": info.definition_en,
    }


@dataclass(frozen=True)
class Links:
    """Absolute URL prefixes, reversed once per request, not once per row."""

    origin: str
    api_root: str

    @classmethod
    def for_request(cls, request: HttpRequest | None, base_url: str = "") -> Links:
        origin = (
            request.build_absolute_uri("/").rstrip("/")
            if request is not None
            else base_url.rstrip("/")
        )
        return cls(origin=origin, api_root=origin + "/api/v1")

    def html(self, name: str, slug: str, fallback: str) -> str:
        try:
            return self.origin + reverse(name, args=[slug])
        except NoReverseMatch:
            return f"{self.origin}/{fallback}/{slug}/"

    def pledge_html_prefix(self) -> str:
        return self.origin + _pledge_path_prefix(get_script_prefix())


@functools.cache
def _pledge_path_prefix(script_prefix: str) -> str:
    """The path of a pledge's page up to its slug. Reversed once per script
    prefix (the URLs do not depend on the language), not on every request:
    each reverse() walks the URL patterns."""
    try:
        path = reverse("pledge-detail", args=["SLUG"])
    except NoReverseMatch:
        path = f"{script_prefix}pledges/SLUG/"
    return path[: -len("SLUG/")]


def _progress(p: TargetProgress) -> dict[str, Any]:
    return {
        "current": None if p.current is None else decimal_text(p.current),
        "as_of": p.as_of,
        "baseline": decimal_text(p.baseline),
        "goal": decimal_text(p.goal),
        "fraction": p.fraction,
        "percent": p.percent,
        "expected_fraction": p.expected_fraction,
        "on_pace": p.on_pace,
        "rolled_up": p.rolled_up,
        "period_label": p.period_label,
    }


def update_brief(update: StatusUpdate) -> dict[str, Any]:
    return {
        "id": update.public_id,
        "kind": update.kind,
        "status": STATUS_BRIEF[update.status],
        "previous_status": update.previous_status,
        "note": update.note,
        "evidence_url": update.evidence_url,
        "created_at": update.created_at,
    }


class PledgeWriter:
    """Turns prefetched pledges into dicts (see selectors.pledges_with_relations)."""

    def __init__(self, links: Links) -> None:
        self.links = links
        self.html_prefix = links.pledge_html_prefix()
        # Overdue is computed against today, like the `overdue` filter.
        self.today = timezone.localdate()

    def __call__(self, pledge: Pledge) -> dict[str, Any]:
        targets = list(pledge.targets.all())
        progress = targets_progress(
            targets,
            {t.pk: list(t.measurements.all()) for t in targets},
            start=pledge.made_on,
        )
        positions = {t.pk: t.position for t in targets}
        owner = pledge.owner
        # latest_updates: Prefetch(to_attr=...) in api/selectors, unknown to the stubs.
        latest = pledge.latest_updates[0] if pledge.latest_updates else None  # type: ignore[attr-defined]
        return {
            "id": pledge.public_id,
            "slug": pledge.slug,
            "title": pledge.title,
            "title_en": pledge.title_en,
            "summary": pledge.summary,
            "original_wording": pledge.original_wording,
            "status": STATUS_BRIEF[pledge.status],
            "official_status": pledge.official_status or None,
            "owner": {"slug": owner.slug, "name": owner.name, "name_en": owner.name_en},
            "categories": [
                {"slug": c.slug, "name": c.name, "name_en": c.name_en}
                for c in pledge.categories.all()
            ],
            "targets": [
                {
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
                    "component_of": positions.get(t.component_of_id)
                    if t.component_of_id
                    else None,
                    "progress": _progress(progress[t.pk]),
                }
                for t in targets
            ],
            "made_on": pledge.made_on,
            "deadline": pledge.deadline,
            "deadline_precision": pledge.deadline_precision,
            "is_overdue": pledge.is_overdue_on(self.today),
            "is_stale": pledge.is_stale,
            "has_disagreement": pledge.has_disagreement,
            "citations": [
                {
                    "url": c.source.url,
                    "publisher": c.source.publisher,
                    "published_on": c.source.published_on,
                    "title": c.source.title,
                    "quote": c.quote,
                }
                for c in pledge.citations.all()
            ],
            "latest_update": update_brief(latest) if latest else None,
            "html_url": f"{self.html_prefix}{pledge.slug}/",
            "api_url": f"{self.links.api_root}/pledges/{pledge.public_id}",
            "created_at": pledge.created_at,
            "updated_at": pledge.updated_at,
        }


def pledge_ref(pledge: Pledge, links: Links) -> dict[str, Any]:
    return {
        "id": pledge.public_id,
        "slug": pledge.slug,
        "title": pledge.title,
        "title_en": pledge.title_en,
        "api_url": f"{links.api_root}/pledges/{pledge.public_id}",
    }


def status_update(update: StatusUpdate, links: Links) -> dict[str, Any]:
    return {
        "id": update.public_id,
        "pledge": pledge_ref(update.pledge, links),
        "kind": update.kind,
        "status": STATUS_BRIEF[update.status],
        "previous_status": STATUS_BRIEF[update.previous_status],
        "note": update.note,
        "evidence_url": update.evidence_url,
        "evidence_source_url": update.evidence_source.url
        if update.evidence_source
        else "",
        "corrects": _corrects_uuid(update),
        "correction_reason": update.correction_reason,
        "created_at": update.created_at,
    }


def _corrects_uuid(row: StatusUpdate | Measurement) -> Any:
    # The corrected row's UUID comes from an annotation (no extra query per row).
    return getattr(row, "corrects_public_id", None)


def measurement(row: Measurement, links: Links) -> dict[str, Any]:
    target = row.target
    return {
        "id": row.public_id,
        "pledge": pledge_ref(target.pledge, links),
        "target": {
            "position": target.position,
            "metric": target.metric,
            "unit": target.unit,
        },
        "value": decimal_text(row.value),
        "as_of": row.as_of,
        "note": row.note,
        "evidence_url": row.evidence_url,
        "corrects": _corrects_uuid(row),
        "correction_reason": row.correction_reason,
        "created_at": row.created_at,
    }


def owner(row: Owner, links: Links) -> dict[str, Any]:
    return {
        "slug": row.slug,
        "name": row.name,
        "name_en": row.name_en,
        "kind": row.kind,
        "parent": row.parent.slug if row.parent is not None else None,
        "aliases": [str(a) for a in (row.aliases or []) if isinstance(a, str)],
        "pledge_count": row.pledge_count,  # type: ignore[attr-defined]  # annotated in api/selectors
        "html_url": links.html("owner-detail", row.slug, "owners"),
        "api_url": f"{links.api_root}/owners/{row.slug}",
    }


def category(row: Category, links: Links) -> dict[str, Any]:
    return {
        "slug": row.slug,
        "name": row.name,
        "name_en": row.name_en,
        "pledge_count": row.pledge_count,  # type: ignore[attr-defined]  # annotated in api/selectors
        "html_url": links.html("category-detail", row.slug, "categories"),
        "api_url": f"{links.api_root}/categories/{row.slug}",
    }
