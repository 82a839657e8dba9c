"""Editors' decisions on candidates: accept, merge, reject, reopen, bulk
reject; each stores reviewer and time; a double accept is a conflict."""

import datetime
from decimal import Decimal

import pytest

from commitments.errors import Conflict, PermissionDenied, ValidationFailed
from commitments.models import AuditEvent, Citation, Owner, Pledge
from tests.factories import OwnerFactory, PledgeFactory, TargetFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate
from tracker.review.matching import similarity
from tracker.review.services import (
    AcceptInput,
    candidate_accept,
    candidate_merge,
    candidate_reject,
    candidate_reopen,
    candidates_bulk_reject,
    target_inputs,
)

pytestmark = pytest.mark.django_db

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)


@pytest.fixture
def seoul() -> Owner:
    return OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])


@pytest.fixture
def candidates(journalist, seoul) -> list[Candidate]:
    source, _ = source_ingest_text(actor=journalist, body=ARTICLE, language="ko")
    runner.job_run(source_id=source.pk)
    return list(Candidate.objects.filter(source=source).order_by("quote_start"))


def accept_input(candidate: Candidate, **overrides) -> AcceptInput:  # type: ignore[no-untyped-def]
    fields = {
        "title": candidate.title,
        "owner": candidate.owner,
        "targets": target_inputs(candidate.targets),
        **overrides,
    }
    return AcceptInput(**fields)


def test_accepting_publishes_a_pledge_with_targets_and_a_verbatim_citation(
    candidates, editor
):
    housing = candidates[0]
    pledge = candidate_accept(
        actor=editor,
        candidate=housing,
        data=accept_input(housing, title_en="50,000 homes for young people"),
    )
    assert pledge.original_wording == housing.quote
    assert [int(t.value) for t in pledge.targets.all()] == [50000]
    citation = Citation.objects.get(pledge=pledge)
    assert citation.quote == housing.quote
    assert citation.source.body[citation.quote_start : citation.quote_end] == (
        housing.quote
    )
    housing.refresh_from_db()
    assert housing.state == Candidate.State.ACCEPTED
    assert housing.pledge == pledge
    assert housing.decided_by == editor and housing.decided_at is not None
    assert AuditEvent.objects.filter(action="candidate.accept").count() == 1


def test_a_double_accept_is_a_conflict_and_publishes_one_pledge(candidates, editor):
    housing = candidates[0]
    candidate_accept(actor=editor, candidate=housing, data=accept_input(housing))
    with pytest.raises(Conflict) as caught:
        candidate_accept(actor=editor, candidate=housing, data=accept_input(housing))
    assert caught.value.http_status == 409
    assert Pledge.objects.count() == 1


def test_accepting_can_create_the_owner(candidates, editor):
    housing = candidates[0]
    pledge = candidate_accept(
        actor=editor,
        candidate=housing,
        data=accept_input(housing, owner=None, new_owner_name="서울주택도시공사"),
    )
    assert pledge.owner.name == "서울주택도시공사"


def test_invalid_targets_roll_the_accept_back(candidates, editor):
    housing = candidates[0]
    with pytest.raises(ValidationFailed):
        candidate_accept(
            actor=editor,
            candidate=housing,
            data=accept_input(
                housing, targets=target_inputs([{"metric": "homes", "value": "-3"}])
            ),
        )
    housing.refresh_from_db()
    assert housing.state == Candidate.State.PENDING
    assert Pledge.objects.count() == 0


def test_merging_adds_the_citation_and_only_new_targets(candidates, editor, seoul):
    housing = candidates[0]
    existing = PledgeFactory(owner=seoul, title="청년 주택 5만호 공급")
    TargetFactory(pledge=existing, value=Decimal("50000"), unit="호")
    extra = [
        *housing.targets,
        {"metric": "임대 비율", "value": "30", "unit": "%", "period": "none"},
    ]
    candidate_merge(
        actor=editor,
        candidate=housing,
        pledge=existing,
        targets=target_inputs(extra),
    )
    assert Citation.objects.filter(pledge=existing).count() == 1
    assert sorted(int(t.value) for t in existing.targets.all()) == [30, 50000]
    housing.refresh_from_db()
    assert (housing.state, housing.pledge, housing.decided_by) == (
        Candidate.State.MERGED,
        existing,
        editor,
    )


def test_rejecting_needs_a_known_reason_and_can_be_reopened(candidates, editor):
    housing = candidates[0]
    with pytest.raises(ValidationFailed):
        candidate_reject(actor=editor, candidate=housing, reason="meh")
    candidate_reject(actor=editor, candidate=housing, reason="past_action")
    housing.refresh_from_db()
    assert housing.state == Candidate.State.REJECTED
    assert housing.reject_reason == "past_action"
    assert housing.decided_by == editor
    with pytest.raises(Conflict):
        candidate_reject(actor=editor, candidate=housing, reason="opinion")
    candidate_reopen(actor=editor, candidate=housing)
    housing.refresh_from_db()
    assert housing.state == Candidate.State.PENDING and housing.reject_reason == ""
    assert AuditEvent.objects.filter(action="candidate.reopen").exists()


def test_an_accepted_candidate_cannot_be_reopened(candidates, editor):
    housing = candidates[0]
    candidate_accept(actor=editor, candidate=housing, data=accept_input(housing))
    with pytest.raises(Conflict):
        candidate_reopen(actor=editor, candidate=housing)


def test_bulk_reject_skips_candidates_already_decided(candidates, editor):
    housing, nurseries = candidates
    candidate_accept(actor=editor, candidate=housing, data=accept_input(housing))
    done = candidates_bulk_reject(
        actor=editor, candidates=[housing, nurseries], reason="too_vague"
    )
    assert done == 1
    assert Candidate.objects.get(pk=nurseries.pk).state == Candidate.State.REJECTED
    assert Candidate.objects.get(pk=housing.pk).state == Candidate.State.ACCEPTED


@pytest.mark.parametrize(
    "decide",
    [
        lambda user, c: candidate_accept(actor=user, candidate=c, data=accept_input(c)),
        lambda user, c: candidate_reject(actor=user, candidate=c, reason="opinion"),
        lambda user, c: candidate_merge(
            actor=user, candidate=c, pledge=PledgeFactory()
        ),
        lambda user, c: candidates_bulk_reject(
            actor=user, candidates=[c], reason="opinion"
        ),
        lambda user, c: candidate_reopen(actor=user, candidate=c),
    ],
)
def test_a_journalist_cannot_decide(candidates, journalist, decide):
    with pytest.raises(PermissionDenied):
        decide(journalist, candidates[0])
    assert Candidate.objects.filter(state=Candidate.State.PENDING).count() == 2


def test_a_candidate_gets_the_existing_pledge_as_suggested_match(
    journalist, editor, seoul
):
    """The same pledge reported by another outlet: same owner, same number,
    similar wording → suggested, so it becomes one pledge with two citations."""
    existing = PledgeFactory(
        owner=seoul, title="청년 주택 5만호 공급", title_en="50,000 youth homes"
    )
    TargetFactory(pledge=existing, value=Decimal("50000"), unit="호")
    PledgeFactory(owner=seoul, title="공공 도서관 10곳 건립")
    PledgeFactory(title="청년 주택 5만호 공급")  # same words, another owner
    source, _ = source_ingest_text(actor=journalist, body=ARTICLE, language="ko")
    runner.job_run(source_id=source.pk)
    housing = Candidate.objects.get(source=source, quote__contains="5만호")
    assert housing.suggested_pledge == existing
    assert housing.suggestion_score >= 0.35
    nurseries = Candidate.objects.get(source=source, quote__contains="보육시설")
    assert nurseries.suggested_pledge is None


def test_similarity_works_across_korean_word_endings_and_english():
    assert similarity("청년 주택 공급", "청년주택을 공급하겠다") > 0.4
    assert similarity("AI Tech City", "an AI tech city") > 0.7
    assert similarity("청년 주택", "AI Tech City") == 0


def test_accepting_as_proposed_dates_the_pledge_by_its_targets(candidates, editor):
    housing = candidates[0]
    pledge = candidate_accept(
        actor=editor, candidate=housing, data=accept_input(housing)
    )
    assert pledge.deadline is not None
    assert pledge.deadline.year == 2030


def test_a_deadline_the_editor_gives_wins_over_the_targets(candidates, editor):
    housing = candidates[0]
    pledge = candidate_accept(
        actor=editor,
        candidate=housing,
        data=accept_input(
            housing, deadline=datetime.date(2029, 6, 30), deadline_precision="month"
        ),
    )
    assert pledge.deadline == datetime.date(2029, 6, 30)
