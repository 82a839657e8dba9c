"""The owner the engine proposes from the text becomes the pledge's owner
when an editor publishes as proposed: matched to the record by name, alias
or short form, created only when the record has no such body."""

import json

import pytest
from django.urls import reverse

from commitments.models import Owner, Pledge
from tests.factories import OwnerFactory
from tracker.extraction import extract
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate
from tracker.review.owners import owner_matching
from tracker.review.services import AcceptInput, candidate_accept, target_inputs

pytestmark = pytest.mark.django_db

# Written for these tests: a city office and a mayor named in full.
KO_ARTICLE = (
    "부산시는 12일 해안 관광 활성화 계획을 내놨다.\n"
    "박형준 부산시장은 2029년까지 해안 산책로 40㎞를 새로 조성하겠다고 밝혔다.\n"
)
# The city itself as the subject: "부산시" is the short form of 부산광역시.
KO_CITY_ARTICLE = (
    "부산시는 2029년까지 해안 산책로 40㎞를 새로 조성하겠다고 12일 밝혔다.\n"
)
EN_ARTICLE = (
    "The Welsh Government said on Monday it will build 20,000 low-carbon social "
    "homes by 2026.\n"
)


def _candidate(journalist, body: str, language: str) -> Candidate:
    source, _ = source_ingest_text(actor=journalist, body=body, language=language)
    runner.job_run(source_id=source.pk)
    return Candidate.objects.filter(source=source).order_by("quote_start").first()


def _as_proposed(candidate: Candidate) -> AcceptInput:
    return AcceptInput(title=candidate.title, targets=target_inputs(candidate.targets))


def test_with_no_owners_on_record_the_engine_still_proposes_one(journalist):
    assert Owner.objects.count() == 0
    candidate = _candidate(journalist, KO_ARTICLE, "ko")
    assert candidate.owner is None
    assert "부산" in candidate.owner_name


def test_publishing_as_proposed_creates_the_proposed_owner(journalist, editor):
    candidate = _candidate(journalist, KO_ARTICLE, "ko")
    pledge = candidate_accept(
        actor=editor, candidate=candidate, data=_as_proposed(candidate)
    )
    assert pledge.owner.name == candidate.owner_name
    assert Owner.objects.count() == 1


def test_a_short_form_matches_the_owner_on_record_instead_of_a_duplicate(
    journalist, editor
):
    busan = OwnerFactory(slug="busan", name="부산광역시", aliases=[])
    candidate = _candidate(journalist, KO_CITY_ARTICLE, "ko")
    assert candidate.owner == busan  # matched when the candidate was stored
    pledge = candidate_accept(
        actor=editor, candidate=candidate, data=_as_proposed(candidate)
    )
    assert pledge.owner == busan
    assert Owner.objects.count() == 1


def test_an_owner_created_after_extraction_is_matched_on_publishing(journalist, editor):
    candidate = _candidate(journalist, KO_CITY_ARTICLE, "ko")
    busan = OwnerFactory(slug="busan", name="부산광역시", aliases=[])
    pledge = candidate_accept(
        actor=editor, candidate=candidate, data=_as_proposed(candidate)
    )
    assert pledge.owner == busan
    assert Owner.objects.count() == 1


def test_owner_matching_refuses_a_name_that_is_not_on_record(db):
    OwnerFactory(slug="daegu", name="대구광역시", aliases=[])
    assert owner_matching("부산시") is None
    assert owner_matching("대구시").slug == "daegu"
    assert owner_matching("") is None


def test_publishing_through_the_api_with_no_owner_typed_uses_the_proposal(
    client, journalist, editor
):
    candidate = _candidate(journalist, EN_ARTICLE, "en")
    assert candidate.owner_name
    client.force_login(editor)
    response = client.post(
        f"/api/v1/newsroom/candidates/{candidate.public_id}/accept",
        json.dumps({}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pledge = Pledge.objects.get(slug=response.json()["slug"])
    assert pledge.owner.name == candidate.owner_name


def test_an_owner_picked_in_the_form_wins_over_the_prefilled_new_owner_name(
    client, journalist, editor
):
    picked = OwnerFactory(slug="coast", name="해안관리청", aliases=[])
    candidate = _candidate(journalist, KO_ARTICLE, "ko")
    client.force_login(editor)
    url = reverse("candidate-accept", args=[candidate.public_id])
    form = client.get(url).context["form"]
    assert form.initial["new_owner_name"] == candidate.owner_name
    response = client.post(
        url,
        {
            "title": candidate.title,
            "owner": picked.pk,
            "new_owner_name": form.initial["new_owner_name"],
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    assert Pledge.objects.get().owner == picked
    assert Owner.objects.count() == 1


def test_publishing_as_proposed_succeeds_on_the_first_try_with_the_blank_extra_row(
    client, journalist, editor
):
    # What the browser sends for the prefilled form: every prefilled row, plus
    # the blank extra row whose period and precision selects still submit.
    candidate = _candidate(journalist, KO_ARTICLE, "ko")
    client.force_login(editor)
    url = reverse("candidate-accept", args=[candidate.public_id])
    page = client.get(url)
    form, targets = page.context["form"], page.context["targets"]
    data = {
        "title": form.initial["title"],
        "new_owner_name": form.initial["new_owner_name"],
        "targets-TOTAL_FORMS": str(len(targets.forms)),
        "targets-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(targets.forms):
        data[f"targets-{i}-period"] = row.initial.get("period", "none")
        data[f"targets-{i}-deadline_precision"] = row.initial.get(
            "deadline_precision", ""
        )
        for name in ("metric", "value", "unit", "deadline", "text"):
            value = row.initial.get(name)
            if value:
                data[f"targets-{i}-{name}"] = str(value)
    assert len(targets.forms) == len(candidate.targets) + 1
    response = client.post(url, data)
    assert response.status_code == 302, response.context["targets"].errors
    pledge = Pledge.objects.get()
    assert pledge.targets.count() == len(candidate.targets)
    assert pledge.owner.name == candidate.owner_name


def test_two_pledges_of_one_sentence_are_stored_once_each(journalist):
    text = (
        "광주시는 2029년까지 체육관 8곳을 새로 짓고 공공 와이파이 1200곳을 설치한다.\n"
    )
    source, _ = source_ingest_text(actor=journalist, body=text, language="ko")
    runner.job_run(source_id=source.pk)
    # storing the engine's output again (a re-run) adds nothing
    again = extract(source.body, published_on=source.published_on, language="ko")
    assert len(again) == 2
    runner.candidates_store(source=source, found=again)
    stored = Candidate.objects.filter(source=source).order_by("title")
    assert stored.count() == 2
    assert {c.quote for c in stored} == {text.strip()}
    assert len({c.fingerprint for c in stored}) == 2
