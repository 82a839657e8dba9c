"""Merging a candidate into a tracked pledge: only targets the pledge lacks
(same value, unit and period) are added, also when the candidate states a
total with its parts; the merge page finds the pledge by its title in either
language, lists suggestions first (an obvious duplicate from the same article
among them) and previews which targets are new."""

from decimal import Decimal
from urllib.parse import quote

import pytest
from django.urls import reverse

from commitments.models import Pledge, Target
from tests.factories import OwnerFactory, PledgeFactory, TargetFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate
from tracker.review.merge import merge_preview
from tracker.review.services import (
    AcceptInput,
    candidate_accept,
    candidate_merge,
    target_inputs,
)

pytestmark = pytest.mark.django_db

TREES = [
    {"metric": "나무", "value": "2000000000", "unit": "그루", "period": "none"},
    {
        "metric": "도시 숲",
        "value": "500000000",
        "unit": "그루",
        "period": "none",
        "component_of": 0,
    },
]
# The same article states the forest pledge twice: in its lead and in a quote.
ARTICLE = (
    "산림청은 2050년까지 나무 30억 그루를 심겠다고 밝혔다.\n"
    '남성현 산림청장은 "2050년까지 나무 30억 그루를 심겠다"고 약속했다.\n'
)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def forest_service():
    return OwnerFactory(slug="kfs", name="산림청", aliases=["산림청"])


@pytest.fixture
def pledge(forest_service) -> Pledge:
    pledge = PledgeFactory(
        owner=forest_service,
        slug="trees",
        title="나무 20억 그루 심기",
        title_en="Plant two billion trees",
    )
    total = TargetFactory(
        pledge=pledge, metric="나무", value=Decimal("2000000000"), unit="그루"
    )
    TargetFactory(
        pledge=pledge,
        metric="도시 숲",
        value=Decimal("500000000"),
        unit="그루",
        component_of=total,
    )
    return pledge


@pytest.fixture
def candidates(editor, forest_service) -> list[Candidate]:
    source, _ = source_ingest_text(actor=editor, body=ARTICLE, language="ko")
    runner.job_run(source_id=source.pk)
    return list(Candidate.objects.filter(source=source).order_by("quote_start"))


def _candidate(candidates: list[Candidate], rows: list[dict]) -> Candidate:
    candidate = candidates[0]
    candidate.targets = rows
    candidate.save(update_fields=["targets"])
    return candidate


def test_merging_a_total_with_its_parts_twice_adds_no_copies(
    editor, pledge, candidates
):
    """Before: a total stated with its parts was re-added on every merge."""
    candidate = _candidate(candidates, TREES)
    candidate_merge(
        actor=editor,
        candidate=candidate,
        pledge=pledge,
        targets=target_inputs(candidate.targets),
    )
    values = sorted(int(t.value) for t in pledge.targets.all())
    assert values == [500000000, 2000000000]


def test_a_new_part_of_an_existing_total_is_attached_to_it(editor, pledge, candidates):
    rows = [
        TREES[0],
        {**TREES[1], "value": "300000000", "metric": "해안 숲"},
        {"metric": "나무", "value": "2000000000", "unit": "그루", "period": "none"},
    ]
    candidate = _candidate(candidates, rows)
    candidate_merge(
        actor=editor, candidate=candidate, pledge=pledge, targets=target_inputs(rows)
    )
    total = pledge.targets.get(value=Decimal("2000000000"))
    added = pledge.targets.get(value=Decimal("300000000"))
    assert added.component_of == total
    assert pledge.targets.count() == 3  # the repeated total, stated twice, is not added


def test_the_preview_says_which_targets_are_new(pledge, candidates):
    rows = [*TREES, {"metric": "예산", "value": "1.5e12", "unit": "원"}]
    candidate = _candidate(candidates, rows)
    preview = merge_preview(candidate, pledge)
    assert [p.is_new for p in preview] == [False, False, True]


def test_the_merge_page_previews_and_merges_only_new_targets(
    client, editor, pledge, candidates
):
    rows = [TREES[0], {"metric": "예산", "value": "2500000000000", "unit": "원"}]
    candidate = _candidate(candidates, rows)
    client.force_login(editor)
    url = reverse("candidate-merge", args=[candidate.public_id])
    page = client.get(url, {"pledge": "trees"}).content.decode()
    assert "The pledge already has it" in page
    assert "New: will be added" in page
    # Numbers are written for people, not as raw digits.
    assert "2.5 trillion" in page and "2500000000000" not in page
    response = client.post(url, {"pledge": "trees", "add_targets": "1"})
    assert response.status_code == 302
    assert pledge.targets.count() == 3
    assert pledge.targets.filter(value=Decimal("2000000000")).count() == 1


@pytest.mark.parametrize("q", ["20억 그루", "two billion trees", "Plant two"])
def test_the_merge_page_finds_the_pledge_by_its_title_in_either_language(
    client, editor, pledge, candidates, q
):
    other = PledgeFactory(title="청년 주택", title_en="Homes for the young")
    client.force_login(editor)
    url = reverse("candidate-merge", args=[candidates[0].public_id])
    page = client.get(url, {"q": q}).content.decode()
    assert f"?pledge={pledge.slug}" in page
    assert f"?pledge={other.slug}" not in page


def test_the_htmx_search_answers_with_the_result_list_only(
    client, editor, pledge, candidates
):
    client.force_login(editor)
    url = reverse("candidate-merge", args=[candidates[0].public_id])
    response = client.get(
        url, {"q": "trees", "partial": "results"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="merge-results"')
    assert "<html" not in body and f"?pledge={pledge.slug}" in body


def test_a_duplicate_from_the_same_article_is_suggested_first(
    client, editor, candidates, forest_service
):
    """Before: no suggestion, the editor had to type a slug."""
    first = candidates[0]
    # The engine folds the two statements into one candidate; a second one
    # from the same article (as after an earlier pipeline) is what is merged.
    said = ARTICLE.splitlines()[1]
    start = ARTICLE.index(said)
    second = Candidate.objects.create(
        source=first.source,
        fingerprint="second-statement",
        pipeline_version=first.pipeline_version,
        quote=said,
        quote_start=start,
        quote_end=start + len(said),
        title="나무 30억 그루 심기",
        owner=forest_service,
        targets=first.targets,
    )
    published = candidate_accept(
        actor=editor,
        candidate=first,
        data=AcceptInput(
            title="나무 30억 그루 심기",
            owner=forest_service,
            targets=target_inputs(first.targets),
        ),
    )
    unrelated = PledgeFactory(owner=forest_service, title="산불 진화 헬기 도입")
    client.force_login(editor)
    url = reverse("candidate-merge", args=[second.public_id])
    page = client.get(url, {"q": "헬기"}).content.decode()
    assert "published from this article" in page
    assert page.index(f"?pledge={quote(published.slug)}") < page.index(
        f"?pledge={unrelated.slug}"
    )


def test_an_unknown_pledge_on_the_merge_page_is_a_404_with_the_page(
    client, editor, candidates
):
    client.force_login(editor)
    url = reverse("candidate-merge", args=[candidates[0].public_id])
    response = client.get(url, {"pledge": "no-such-pledge"})
    assert response.status_code == 404
    assert "No such pledge." in response.content.decode()
    assert Target.objects.count() == 0
