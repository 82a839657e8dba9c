"""Load the demo record from the seed article. Idempotent: a second run
changes nothing."""

from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.models import Owner, Pledge, Source
from commitments.roles import EDITORS, SignedInUser
from tracker.extraction.cli import split_header
from tracker.extraction_runs.runner import job_run
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate
from tracker.review.services import AcceptInput, candidate_accept, target_inputs

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed-article.txt"
DEMO_USERNAME = "demo-editor"

OWNERS: list[dict[str, Any]] = [
    {
        "slug": "seoul-metropolitan-government",
        "name": "서울특별시",
        "name_en": "Seoul Metropolitan Government",
        "kind": Owner.Kind.ORGANISATION,
        "aliases": ["서울시", "서울특별시", "Seoul", "Seoul Metropolitan Government"],
        "parent": None,
    },
    {
        "slug": "mayor-oh-se-hoon",
        "name": "오세훈 서울시장",
        "name_en": "Mayor Oh Se-hoon",
        "kind": Owner.Kind.PERSON,
        "aliases": ["오세훈", "오 시장", "오세훈 시장", "Oh Se-hoon", "Mayor Oh"],
        "parent": "seoul-metropolitan-government",
    },
]

# The two pledge sentences, located by their first and last words: the
# published text has non-breaking spaces, so the quote is cut from the body
# itself and stays verbatim.
TALENT_SPAN = ("올해 서울 전 자치구에", "목표를 밝혔다.")
TECH_CITY_SPAN = ("지난해 5월 양재동에", "있다고 강조했다.")

DEMO_PLEDGES: list[dict[str, Any]] = [
    {
        "slug": "ai-talent-10000-a-year",
        "title": "AI 인재 연 1만명 배출",
        "title_en": "10,000 AI talents a year",
        "span": TALENT_SPAN,
        # Names for the extracted targets, total first, then its components.
        "metrics": [
            "AI 인재 배출 (총)",
            "청년취업사관학교",
            "서울 소재 대학 연계 (캠퍼스타운 등)",
        ],
    },
    {
        "slug": "ai-tech-city",
        "title": "AI 테크시티 조성",
        "title_en": "AI Tech City",
        "span": TECH_CITY_SPAN,
        "metrics": [],
    },
]


def verbatim(body: str, span: tuple[str, str]) -> str:
    start = body.index(span[0])
    return body[start : body.index(span[1], start) + len(span[1])]


class Command(BaseCommand):
    help = "Load the demo pledges from the seed article (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = self.load()
        self.stdout.write(f"Demo loaded: {created} new pledge(s).")

    @transaction.atomic
    def load(self) -> int:
        """Ingest the seed article, extract it with the real engine and accept
        its two pledge candidates through the review services (demo only:
        real candidates wait for an editor)."""
        editor = self._demo_editor()
        owners = self._owners()
        text = SEED.read_text(encoding="utf-8")
        headers, offset = split_header(text)
        body = text[offset:]
        source, _ = source_ingest_text(
            actor=editor,
            body=body,
            title="오세훈 서울시장, ‘AI산업 육성 전략 자문회의’ 개최",
            publisher="CNB News",
            published_on=date.fromisoformat(headers["DATE"]),
            language="ko",
        )
        # Extract now, in this process: the demo must not wait for a worker.
        # The queued task finds the job already done and skips it.
        job_run(source_id=source.pk)
        seoul = owners["seoul-metropolitan-government"]
        created = 0
        for spec in DEMO_PLEDGES:
            if Pledge.objects.filter(slug=spec["slug"]).exists():
                continue
            candidate = self._candidate(source, body, spec["span"])
            rows = [
                {**row, "metric": metric}
                for row, metric in zip(candidate.targets, spec["metrics"], strict=False)
            ]
            candidate_accept(
                actor=editor,
                candidate=candidate,
                data=AcceptInput(
                    title=spec["title"],
                    title_en=spec["title_en"],
                    slug=spec["slug"],
                    owner=seoul,
                    targets=target_inputs(rows),
                ),
            )
            created += 1
        return created

    def _candidate(self, source: Source, body: str, span: tuple[str, str]) -> Candidate:
        quote = verbatim(body, span)
        start = body.index(quote)
        candidate = (
            Candidate.objects.filter(
                source=source,
                state=Candidate.State.PENDING,
                quote_start__lte=start,
                quote_end__gte=start + len(quote),
            )
            .order_by("quote_start")
            .first()
        )
        if candidate is None:
            raise CommandError(
                f"The extractor found no candidate for {span[0]!r}; the demo "
                "needs the engine to propose the seed pledges."
            )
        return candidate

    def _demo_editor(self) -> SignedInUser:
        user, made = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        if made:
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=EDITORS))
        return user

    def _owners(self) -> dict[str, Owner]:
        owners: dict[str, Owner] = {}
        for spec in OWNERS:
            fields = {k: v for k, v in spec.items() if k not in ("slug", "parent")}
            parent = owners.get(spec["parent"]) if spec["parent"] else None
            owner, _ = Owner.objects.get_or_create(
                slug=spec["slug"], defaults={**fields, "parent": parent}
            )
            owners[owner.slug] = owner
        return owners
