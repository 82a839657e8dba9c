"""Reads for the review pages: the queue and one source with its candidates."""

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from commitments.models import Source
from commitments.roles import SignedInUser
from tracker.models import Candidate


def review_queue() -> QuerySet[Source]:
    """Sources newest first, with their job and candidate counts (in SQL)."""
    return (
        Source.objects.select_related("extraction_job", "created_by")
        .annotate(
            pending_count=Count(
                "candidates", filter=Q(candidates__state=Candidate.State.PENDING)
            ),
            candidate_count=Count("candidates"),
        )
        .order_by("-created_at", "-id")
    )


def recent_submissions(*, user: SignedInUser, limit: int = 10) -> QuerySet[Source]:
    """What this user submitted, newest first, with candidate counts."""
    return review_queue().filter(created_by=user)[:limit]


def pending_candidate_count() -> int:
    """Candidates waiting for an editor's decision."""
    return Candidate.objects.filter(state=Candidate.State.PENDING).count()


def review_source(source_id: UUID | str) -> Source | None:
    candidates = Candidate.objects.select_related(
        "owner", "suggested_pledge", "pledge", "decided_by"
    ).order_by("-score", "quote_start")
    return (
        Source.objects.select_related("extraction_job")
        .prefetch_related(Prefetch("candidates", queryset=candidates))
        .annotate(
            pending_count=Count(
                "candidates", filter=Q(candidates__state=Candidate.State.PENDING)
            )
        )
        .filter(public_id=source_id)
        .first()
    )


@dataclass
class Segment:
    text: str
    # Public ids of the candidates whose quote covers this stretch.
    marks: list[str] = field(default_factory=list)
    first: bool = False

    @property
    def mark_ids(self) -> str:
        return " ".join(f"q-{m}" for m in self.marks)


def highlight_segments(body: str, candidates: list[Candidate]) -> list[Segment]:
    """Cut the article at every quote boundary. The template escapes each
    segment (the article is untrusted text); nothing here builds HTML."""
    size = len(body)
    spans = []
    for c in candidates:
        start, end = max(0, min(c.quote_start, size)), max(0, min(c.quote_end, size))
        if end > start:
            spans.append((start, end, str(c.public_id)))
    cuts = sorted({0, size, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments: list[Segment] = []
    seen: set[str] = set()
    for left, right in zip(cuts, cuts[1:], strict=False):
        marks = [pid for s, e, pid in spans if s <= left and right <= e]
        first = bool(marks) and marks[0] not in seen
        seen.update(marks)
        segments.append(Segment(text=body[left:right], marks=marks, first=first))
    return segments
