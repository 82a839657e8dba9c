"""End to end on the real services: the seed article is submitted, a real
Celery worker subprocess extracts it through Redis, an editor accepts one
candidate and merges another, and the public pledge page shows the result."""

import time

import pytest
from django.urls import reverse

from commitments import services as record
from commitments.models import Citation, Pledge
from tests.factories import OwnerFactory
from tests.services import require_postgres, require_redis, start_worker, stop_worker
from tracker.extraction.cli import split_header
from tracker.management.commands.load_demo import SEED
from tracker.models import Candidate, ExtractionJob


@pytest.fixture
def worker(transactional_db):
    require_postgres()
    require_redis()
    process = start_worker("ingest-e2e")
    yield process
    stop_worker(process)


def wait_for_job(source_id: int, timeout: float = 60) -> ExtractionJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ExtractionJob.objects.get(source_id=source_id)
        if job.state in (ExtractionJob.State.READY, ExtractionJob.State.FAILED):
            return job
        time.sleep(0.2)
    raise AssertionError(f"extraction still {job.state} after {timeout} s")


def containing(candidates, words: str) -> Candidate:  # type: ignore[no-untyped-def]
    # The published text has non-breaking spaces: compare with spaces folded.
    (found,) = [c for c in candidates if words in " ".join(c.quote.split())]
    return found


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_seed_article_to_published_pledges_through_a_real_worker(
    worker, client, journalist, editor
):
    seoul = OwnerFactory(
        slug="seoul-metropolitan-government",
        name="서울특별시",
        name_en="Seoul Metropolitan Government",
        aliases=["서울시", "서울특별시"],
    )
    OwnerFactory(
        slug="mayor-oh-se-hoon",
        name="오세훈 서울시장",
        name_en="Mayor Oh Se-hoon",
        aliases=["오세훈", "오 시장"],
        parent=seoul,
    )
    tech_city = record.pledge_create(
        actor=editor,
        title="AI 테크시티 조성",
        title_en="AI Tech City",
        owner=seoul,
        original_wording="AI 테크시티를 조성하겠다.",
    )
    text = SEED.read_text(encoding="utf-8")
    headers, offset = split_header(text)
    body = text[offset:]

    # 1. A journalist submits the article from the form.
    client.force_login(journalist)
    response = client.post(
        reverse("submit-article"),
        {
            "text": body,
            "title": "오세훈 서울시장, ‘AI산업 육성 전략 자문회의’ 개최",
            "publisher": "CNB News",
            "published_on": headers["DATE"],
            "language": "ko",
        },
    )
    assert response.status_code == 302
    job = ExtractionJob.objects.get()

    # 2. The worker (another process, through Redis) extracts it.
    job = wait_for_job(job.source_id)
    assert job.state == ExtractionJob.State.READY, job.error
    assert job.attempts == 1
    candidates = Candidate.objects.filter(source_id=job.source_id)
    talent = containing(candidates, "1만명의 AI 인재")
    city = containing(candidates, "AI 테크시티")
    assert len(talent.targets) == 3
    # The existing Tech City pledge is suggested for the candidate.
    assert city.suggested_pledge == tech_city

    # 3. An editor accepts one candidate and merges the other.
    client.force_login(editor)
    source_page = client.get(reverse("review-source", args=[job.source.public_id]))
    assert source_page.status_code == 200
    form_page = client.get(reverse("candidate-accept", args=[talent.public_id]))
    rows = form_page.context["targets"].initial
    data = {
        "title": "AI 인재 연 1만명 배출",
        "title_en": "10,000 AI talents a year",
        "owner": seoul.pk,
        "targets-TOTAL_FORMS": str(len(rows)),
        "targets-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"targets-{i}-{key}"] = "" if value is None else value
    response = client.post(reverse("candidate-accept", args=[talent.public_id]), data)
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(
        reverse("candidate-merge", args=[city.public_id]),
        {"pledge": tech_city.slug},
    )
    assert response.status_code == 302

    # 4. The public pages show them with their citations.
    pledge = Pledge.objects.get(title_en="10,000 AI talents a year")
    assert sorted(int(t.value) for t in pledge.targets.all()) == [4000, 6000, 10000]
    client.logout()
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert "AI 인재 연 1만명 배출" in page
    citation = Citation.objects.get(pledge=pledge)
    assert "1만명의 AI 인재를 배출" in " ".join(citation.quote.split())
    assert "CNB News" in page
    merged = client.get(reverse("pledge-detail", args=[tech_city.slug]))
    assert merged.status_code == 200
    assert Citation.objects.filter(pledge=tech_city, source=job.source).exists()
    # Every decision is recorded with who and when.
    for candidate in (talent, city):
        candidate.refresh_from_db()
        assert candidate.decided_by == editor and candidate.decided_at
