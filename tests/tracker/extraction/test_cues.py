from __future__ import annotations

import pytest

from tracker.extraction.cues import korean_cues
from tracker.extraction.english_cues import english_cues
from tracker.extraction.sentences import segment


def _ko(text: str):
    (s,) = segment(text, "ko")
    return korean_cues(s.text, s.tokens, s.headline)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("서울시는 2030년까지 주택 80만호를 공급하겠다고 밝혔다.", "-겠-"),
        ("총 1만명의 AI 인재를 배출하겠다는 목표를 밝혔다.", "-겠다는 목표"),
        ("정부는 국산 AI반도체 상용화를 지원할 계획이다.", "-ㄹ 계획"),
        ("시는 내년에 센터를 개설할 예정이다.", "-ㄹ 예정"),
        ("시는 규제를 완화할 방침이다.", "-ㄹ 방침"),
        ("정부는 공공기관 이전을 추진하기로 했다.", "-기로 하다"),
        ("시는 탄소 배출 40% 감축을 목표로 한다.", "목표로 하다"),
        ("정부는 민간부문 AI 투자를 65조원으로 확대한다.", "declarative"),
        ("서울시는 청년 일자리를 확대합니다.", "declarative"),
        ("서울시는 더 큰 규모의 AI 테크시티를 준비하고 있다.", "준비하고 있다"),
        ("재개발·재건축을 통해 총 50만 가구 공급", "headline"),
        ("2030년까지 서울에 신규주택 80만호 공급 내걸어", "headline"),
    ],
)
def test_korean_commitment_cues_fire(sentence: str, cue: str) -> None:
    assert cue in _ko(sentence).cues


@pytest.mark.parametrize(
    ("sentence", "negative"),
    [
        ("이 사업은 큰 효과를 낼 것으로 기대된다.", "forecast"),
        ("집값은 내년에 오를 것으로 전망된다.", "forecast"),
        ("교수는 “세계를 놀라게 하는 일이 생길 것”이라고 말했다.", "prediction"),
        (
            "사장은 “생산성을 높이기 위해 노력해야 할 것”이라고 말했다.",
            "recommendation",
        ),
        ("규제를 과감하게 걷어내야 한다.", "recommendation"),
        ("재선을 노리고 내놓은 선거 공약으로 읽힌다.", "interpretation"),
        (
            "서울시는 ‘서울을 AI 실증의 장으로 만들겠다’는 비전 아래 속도를 내고 있다.",
            "slogan",
        ),
        ("시는 다음 달 간담회를 개최할 예정이다.", "event"),
    ],
)
def test_korean_negatives_are_recognised(sentence: str, negative: str) -> None:
    assert negative in _ko(sentence).negatives


@pytest.mark.parametrize(
    "sentence",
    [
        "서울 AI 허브를 개관했고, 이 일대가 AI 특구로 지정됐다고 설명했다.",
        "서울시는 5일 자문회의를 개최했다.",
        "참석자들은 인재 확보를 최우선 과제로 꼽았다.",
        "오세훈 서울시장, ‘AI산업 육성 전략 자문회의’ 개최",
        "딥시크는 미국 주도 AI 산업의 스푸트니크 모먼트다.",
        "서울은 이미 잠재력이 충분한 도시다.",
    ],
)
def test_past_events_and_descriptions_carry_no_cue(sentence: str) -> None:
    assert _ko(sentence).strength < 0.5


def test_weak_future_on_a_plain_verb_is_weaker_than_on_an_action_noun() -> None:
    vague = _ko("오 시장은 “다시 뛰겠다”고 말했다.")
    concrete = _ko("오 시장은 “주택을 공급하겠다”고 말했다.")
    assert vague.strength < concrete.strength


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The city will plant 2,000 trees.", "will"),
        ("We’ll do it by working with builders.", "will"),
        ("The city plans to build 5,000 homes.", "plans to"),
        ("Oh said the city aims at reducing emissions.", "aims to"),
        ("The government pledged to cut waiting lists.", "pledge"),
        ("The mayor vowed to end homelessness.", "vowed"),
        ("He also promised to offer a variety of housing types.", "promised"),
        ("The Government is “absolutely committed” to its pledge.", "committed to"),
        ("The ministry intends to hire 3,000 teachers.", "intends to"),
        ("It’s what we’re going to do.", "going to"),
        ("The city targets zero emissions by 2050.", "target"),
        ("The goal of the plan is to plant trees.", "goal"),
        ("He suggested the city build new homes.", "proposed"),
        ("The city will be carbon neutral by 2050.", "by 20XX"),
        ("San Francisco to plant 2,000 trees in carbon-neutral effort", "headline"),
    ],
)
def test_english_commitment_cues_fire(sentence: str, cue: str) -> None:
    headline = not sentence.endswith(".")
    assert cue in english_cues(sentence, headline).cues


@pytest.mark.parametrize(
    ("sentence", "negative"),
    [
        ("The price tag was expected to be worked into the budget.", "forecast"),
        ("Prices are forecast to rise.", "forecast"),
        ("Cities should invest more.", "recommendation"),
        ("Organizations that have committed to the Paris Agreement.", "past"),
        ("I will run again to make a better city.", "candidacy"),
        ("San Francisco is scheduled to host the summit.", "event"),
        ("A public consultation will be held in the town hall on 4 May.", "event"),
        ("The committee will meet again next week.", "event"),
        ("The plan may be delayed.", "hedge"),
        ("There will be sanctions if the building doesn’t go ahead.", "conditional"),
    ],
)
def test_english_negatives_are_recognised(sentence: str, negative: str) -> None:
    assert negative in english_cues(sentence, False).negatives


def test_meeting_a_target_is_not_a_scheduled_event() -> None:
    r = english_cues("The council will meet its 2030 housing target.", False)
    assert "event" not in r.negatives


def test_a_conditional_does_not_veto_a_campaign_promise_if_elected() -> None:
    r = english_cues("We will build 10,000 homes if elected.", False)
    assert "conditional" not in r.negatives


@pytest.mark.parametrize(
    "sentence",
    [
        "The city will work to close gaps in housing.",
        "I’m going to work in partnership with the developers.",
        "They announced they would continue to work with the United Nations.",
        "The plan will cost an estimated $1.2 billion over four years.",
        "The project will take three years.",
    ],
)
def test_english_effort_and_would_cues_are_weak(sentence: str) -> None:
    assert english_cues(sentence, False).strength < 0.5


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("시는 2028년까지 공공주택 5만호를 짓는다는 계획이다.", "-ㄴ다는 계획"),
        ("도는 청년 창업기업 500곳을 육성한다는 구상이다.", "-ㄴ다는 구상"),
        ("구는 모든 경로당에 냉방기를 설치한다는 방침이다.", "-ㄴ다는 방침"),
        ("정부는 원전 비중을 30%로 높인다는 포부를 밝혔다.", "-ㄴ다는 포부"),
        ("군은 귀농 가구를 두 배로 늘리는 게 목표다.", "-ㄴ다는 목표"),
        ("공영주차장 40곳을 새로 짓는 실행 계획이다.", "-ㄴ다는 계획"),
        ("시는 노후 하수관을 교체하는 안이다.", "-ㄴ다는 안"),
    ],
)
def test_a_plan_stated_as_a_noun_over_a_non_past_clause_is_a_cue(
    sentence: str, cue: str
) -> None:
    assert cue in _ko(sentence).cues


@pytest.mark.parametrize(
    "sentence",
    [
        "도지사는 2027년까지 도로 120㎞를 확장한다고 밝혔다.",
        "장관은 연구비를 두 배로 늘린다고 말했다.",
        "시장은 심야버스 노선을 신설한다고 설명했다.",
    ],
)
def test_a_non_past_plan_reported_under_a_past_verb_is_a_cue(sentence: str) -> None:
    assert "-ㄴ다고 밝혔다" in _ko(sentence).cues


@pytest.mark.parametrize(
    "sentence",
    [
        "시장은 도로를 확장했다고 밝혔다.",
        "장관은 연구비가 충분하다고 말했다.",
    ],
)
def test_a_past_or_descriptive_report_is_not_a_reported_plan(sentence: str) -> None:
    assert "-ㄴ다고 밝혔다" not in _ko(sentence).cues


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("충청북도는 임기 내 관광객 유치 목표를 3천만명으로 설정했다.", "목표 설정"),
        ("위원회는 청년 주거 지원을 담은 종합대책을 12일 심의·의결했다.", "대책 의결"),
        ("시는 전기차 충전소 확충 계획을 마련했다고 밝혔다.", "계획 마련"),
        ("군은 인구 5만명 회복이라는 목표를 갖고 있다.", "목표를 갖고 있다"),
    ],
)
def test_adopting_or_holding_a_plan_document_is_a_cue(sentence: str, cue: str) -> None:
    assert cue in _ko(sentence).cues


def test_a_goal_set_in_a_past_term_is_not_an_adopted_plan() -> None:
    cues = _ko("시는 목표를 10만개로 설정했던 지난 임기에 8만개를 만들었다.").cues
    assert not any(c.endswith("설정") for c in cues)


def test_ize_verbs_are_actions_without_a_lexicon_entry() -> None:
    r = _ko("시는 골목상권을 활성화한다.")
    assert "declarative" in r.cues
    assert r.action == "활성화"


def test_a_passive_of_result_is_a_cue() -> None:
    assert "declarative" in _ko("시내버스 300대가 전기버스로 교체된다.").cues


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The council has committed to a £40 million flood scheme.", "has committed"),
        ("The ministry has pledged 900 new nurses.", "has committed"),
        ("Setting a target to triple solar capacity by 2035.", "target set"),
        ("The budget includes £3 billion of investment in rail.", "funding"),
        ("The mayor announced $50 million to plant 10,000 trees.", "funding"),
        (
            "It is feasible to build at least 20,000 homes by 2032, the minister said.",
            "to-infinitive target",
        ),
        ("Ministers plan to open 40 clinics.", "plans to"),
    ],
)
def test_english_commitments_without_a_modal_are_cues(sentence: str, cue: str) -> None:
    assert cue in english_cues(sentence, False).cues


@pytest.mark.parametrize(
    "sentence",
    [
        "This is part of the mayor's plan to cut traffic.",
        "Funding comes through the National Transport Plan to widen roads.",
    ],
)
def test_the_noun_plan_is_not_the_verb_plan(sentence: str) -> None:
    assert "plans to" not in english_cues(sentence, False).cues


@pytest.mark.parametrize(
    "sentence",
    [
        "An estimated £5 billion will be required every year.",
        "The grant will be used mainly for repairs.",
        "This starts a new era, which will provide thousands of jobs.",
        "By 2030 the region will be at the forefront of battery making.",
    ],
)
def test_will_of_requirements_relative_clauses_and_states_is_no_commitment(
    sentence: str,
) -> None:
    assert "will" not in english_cues(sentence, False).cues


@pytest.mark.parametrize(
    ("sentence", "negative"),
    [
        ("Hydrogen is set to become a major fuel by 2040.", "forecast"),
        ("The mayor hopes the fund can attract twice as much money.", "hedge"),
        ("Councils that have pledged support were thanked.", "past"),
    ],
)
def test_forecasts_hopes_and_third_party_pledges_are_negatives(
    sentence: str, negative: str
) -> None:
    assert negative in english_cues(sentence, False).negatives


def test_a_plan_already_described_and_now_announced_is_no_adoption_cue() -> None:
    cues = _ko("교육청은 이 같은 내용의 종합계획을 발표했다.").cues
    assert "종합계획 발표" not in cues
