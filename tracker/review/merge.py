"""Reads for the merge page: which pledge a candidate may be merged into
(suggestions first, then a title search in either language) and which of its
targets the chosen pledge already has."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from commitments.models import Pledge, Target
from commitments.search import pledge_search
from commitments.services.targets import target_key, targets_by_key
from tracker.models import Candidate
from tracker.review.matching import _values, _years, owner_words, pledge_score

SEARCH_LIMIT = 20


@dataclass
class Suggestion:
    pledge: Pledge
    score: float
    # Why it is suggested: "engine" (matched at extraction), "same_article"
    # (a sibling candidate from this article was published as it).
    reasons: list[str] = field(default_factory=list)


def _score(candidate: Candidate, pledge: Pledge) -> float:
    owners = [o for o in (pledge.owner, candidate.owner) if o is not None]
    return pledge_score(
        pledge,
        title=candidate.title,
        quote=candidate.quote,
        wanted=_values(t.get("value") for t in candidate.targets),
        years=_years(t.get("deadline") for t in candidate.targets),
        exclude=owner_words(owners),
    )


def merge_suggestions(candidate: Candidate) -> list[Suggestion]:
    """The engine's suggestion, then the pledges this article's other
    candidates were published as (an article often states one pledge twice:
    in its lead and again in a quote), best-scoring first."""
    found: dict[int, Suggestion] = {}
    if candidate.suggested_pledge_id:
        pledge = (
            Pledge.objects.select_related("owner")
            .prefetch_related("targets")
            .filter(pk=candidate.suggested_pledge_id)
            .first()
        )
        if pledge is not None:
            found[pledge.pk] = Suggestion(
                pledge, candidate.suggestion_score or 0.0, ["engine"]
            )
    siblings = (
        Pledge.objects.filter(
            candidates__source_id=candidate.source_id,
            candidates__state__in=[Candidate.State.ACCEPTED, Candidate.State.MERGED],
        )
        .exclude(candidates__pk=candidate.pk)
        .select_related("owner")
        .prefetch_related("targets")
        .distinct()
    )
    for pledge in siblings:
        score = _score(candidate, pledge)
        if pledge.pk in found:
            found[pledge.pk].reasons.append("same_article")
            found[pledge.pk].score = max(found[pledge.pk].score, score)
        else:
            found[pledge.pk] = Suggestion(pledge, score, ["same_article"])
    return sorted(found.values(), key=lambda s: -s.score)


def pledges_by_title(q: str) -> QuerySet[Pledge]:
    """Pledges whose title (Korean or English), wording or summary has the
    words, or whose slug is `q`."""
    q = (q or "").strip()
    if not q:
        return Pledge.objects.none()
    base = Pledge.objects.select_related("owner")
    found = pledge_search(base, q) | base.filter(slug=q)
    return found.distinct().order_by("-updated_at", "-id")[:SEARCH_LIMIT]


@dataclass
class PreviewRow:
    row: dict[str, Any]
    # The pledge's target this row repeats, if any.
    existing: Target | None
    # The candidate states this target twice: only its first row is added.
    repeat: bool = False

    @property
    def is_new(self) -> bool:
        return self.existing is None and not self.repeat


def merge_preview(candidate: Candidate, pledge: Pledge) -> list[PreviewRow]:
    """Each candidate target, with the pledge's target it repeats (same value,
    unit and period) or None when merging would add it. The same key is what
    `pledge_targets_add` uses, so the preview is what the merge does."""
    have = targets_by_key(Target.objects.filter(pledge=pledge))
    out: list[PreviewRow] = []
    seen: set[Any] = set()
    for row in candidate.targets:
        key = target_key(
            row.get("value"),
            str(row.get("unit") or ""),
            str(row.get("period") or ""),
        )
        existing = have.get(key) if key is not None else None
        repeat = existing is None and key is not None and key in seen
        seen.add(key)
        out.append(PreviewRow(row=row, existing=existing, repeat=repeat))
    return out
