from __future__ import annotations

import dataclasses
import datetime
import json
import time

import pytest

from tracker.extraction import (
    PIPELINE_VERSION,
    ExtractedPledge,
    ExtractionInputError,
    extract,
)

SEED_DATE = datetime.date(2025, 2, 6)
GAZETTEER = {
    "서울시": "seoul-metropolitan-government",
    "서울특별시": "seoul-metropolitan-government",
    "오세훈": "seoul-metropolitan-government",
    "오 시장": "seoul-metropolitan-government",
}


@pytest.fixture(scope="module")
def seed_candidates(seed_text: str) -> list[ExtractedPledge]:
    return extract(seed_text, published_on=SEED_DATE, gazetteer=GAZETTEER)


def test_seed_article_yields_the_ai_talent_pledge_with_its_parts(
    seed_candidates: list[ExtractedPledge],
) -> None:
    talent = next(c for c in seed_candidates if "1만명" in c.quote)
    values = {t.value: t for t in talent.targets}
    assert set(values) == {4000, 6000, 10000}
    total = talent.targets.index(values[10000])
    assert values[4000].component_of == total
    assert values[6000].component_of == total
    assert all(t.period == "per year" for t in talent.targets)
    assert talent.owner == "seoul-metropolitan-government"
    assert talent.title == "AI 인재 연 1만명 배출"


def test_seed_article_yields_the_ai_tech_city(
    seed_candidates: list[ExtractedPledge],
) -> None:
    assert any("AI 테크시티" in c.quote for c in seed_candidates)


@pytest.mark.parametrize(
    "phrase",
    [
        "만들겠다’는 비전 아래",  # background slogan
        "‘서울 AI 허브’를 개관했고",  # past accomplishment
        "세계를 깜짝 놀라게 하는 일이 생길 것",  # expert prediction
        "노력해야 할 것",  # executive's recommendation
        "중요한 역할을 하게 될 것으로 기대한다",  # professor's hope
        "자문회의’ 개최",  # event headline
    ],
)
def test_seed_article_hard_negatives_are_rejected(
    seed_candidates: list[ExtractedPledge], phrase: str
) -> None:
    assert not any(phrase in c.quote for c in seed_candidates)


def test_seed_quotes_are_verbatim_slices(
    seed_text: str, seed_candidates: list[ExtractedPledge]
) -> None:
    assert seed_candidates
    for c in seed_candidates:
        assert seed_text[c.start : c.end] == c.quote
        for q in c.extra_quotes:
            assert seed_text[q.start : q.end] == q.quote


def test_candidates_serialise_to_json(seed_candidates: list[ExtractedPledge]) -> None:
    data = json.loads(json.dumps([dataclasses.asdict(c) for c in seed_candidates]))
    first = data[0]
    assert {
        "quote",
        "start",
        "end",
        "title",
        "owner",
        "targets",
        "score",
        "cues",
    } <= set(first)
    assert 0 <= first["score"] <= 1


def test_scores_are_between_zero_and_one(
    seed_candidates: list[ExtractedPledge],
) -> None:
    assert all(0 < c.score <= 1 for c in seed_candidates)


def test_pipeline_version_is_a_string() -> None:
    assert isinstance(PIPELINE_VERSION, str) and PIPELINE_VERSION


@pytest.mark.parametrize(
    ("text", "value", "deadline"),
    [
        ("정부는 2030년까지 공공주택 5만 가구를 공급하겠다고 밝혔다.", 50000, "2030"),
        ("시는 내년 상반기까지 전기버스 300대를 도입할 계획이다.", 300, "2026-06-30"),
        ("도는 연말까지 청년 일자리 2천개를 창출하기로 했다.", 2000, "2025-12-31"),
        ("The city will build 10,000 homes by 2029.", 10000, "2029"),
        ("The ministry plans to hire 3,000 nurses within five years.", 3000, "2030"),
        (
            "The government pledged to plant 2 million trees by the end of next year.",
            2e6,
            "2026-12-31",
        ),
    ],
)
def test_simple_pledges_are_found_with_target_and_deadline(
    text: str, value: float, deadline: str
) -> None:
    (c,) = extract(text, published_on=SEED_DATE)
    assert any(t.value == value and t.deadline == deadline for t in c.targets)


@pytest.mark.parametrize(
    "text",
    [
        "이 사업은 큰 효과를 낼 것으로 기대된다.",
        "서울시는 지난해 AI 허브를 개관했다.",
        "김 교수는 “정부가 투자를 늘려야 한다”고 말했다.",
        "Experts say the city should build more homes.",
        "The mayor opened the new library last year.",
        "Prices are expected to rise 5 percent next year.",
        "The company's CEO said it will hire 500 people next year.",
    ],
)
def test_forecasts_opinions_and_past_events_are_not_pledges(text: str) -> None:
    assert extract(text, published_on=SEED_DATE) == []


def test_follow_up_sentence_with_the_parts_joins_the_pledge() -> None:
    text = (
        "시는 2030년까지 총 80만 가구를 공급하겠다는 목표를 잡았다. "
        "세부적으로 보면 재개발·재건축을 통해 총 50만 가구를 공급한다. "
        "각각 26만 가구, 24만 가구다."
    )
    (c,) = extract(text, published_on=datetime.date(2021, 9, 15))
    assert c.quote == text
    parts = {t.value: t for t in c.targets}
    assert parts[260000].deadline == "2030" and parts[260000].deadline_inferred
    assert parts[260000].component_of == c.targets.index(parts[500000])


def test_relative_clause_time_word_does_not_date_the_target() -> None:
    text = "올해 설립되는 사관학교(연 4000명)를 통해 총 1만명의 인재를 배출하겠다고 밝혔다."
    (c,) = extract(text, published_on=SEED_DATE)
    assert all(t.deadline is None for t in c.targets)


def test_each_english_target_takes_the_deadline_of_its_own_clause() -> None:
    text = (
        "Oh said the city aims at reducing its carbon emissions footprint to 40 percent "
        "of the current level by 2030, and targets zero emissions by 2050."
    )
    (c,) = extract(text, published_on=datetime.date(2021, 9, 15))
    assert {(t.value, t.deadline) for t in c.targets} == {(40, "2030"), (0, "2050")}


def test_establishing_one_body_counts_as_a_target_of_one() -> None:
    (c,) = extract(
        "The city will also plan to set up an investment board next year.",
        published_on=datetime.date(2021, 9, 15),
    )
    assert [(t.value, t.deadline) for t in c.targets] == [(1, "2022")]


def test_owner_falls_back_to_the_main_official_actor() -> None:
    text = (
        "서울시는 14일 서울비전 2030을 발표했다.\n"
        "2030년까지 신규주택 80만호를 공급할 계획이다."
    )
    (c,) = extract(text, published_on=datetime.date(2021, 9, 15))
    assert c.owner == "서울시"


def test_city_shorthand_subject_is_owned_by_the_main_actor() -> None:
    text = (
        "부산시장은 “2028년까지 공공임대주택 3만호를 공급하겠다”고 밝혔다.\n"
        "또 시는 내년 상반기 중 북항 재개발 2단계 사업을 착공한다.\n"
    )
    found = extract(text, published_on=datetime.date(2024, 3, 10))
    assert [c.owner for c in found] == ["부산시장", "부산시장"]


def test_owner_uses_the_gazetteer_key() -> None:
    (c,) = extract(
        "서울시는 2030년까지 신규주택 80만호를 공급할 계획이다.",
        published_on=datetime.date(2021, 9, 15),
        gazetteer=GAZETTEER,
    )
    assert c.owner == "seoul-metropolitan-government"


# --- bad input ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "• 인쇄\n배너\n"])
def test_empty_or_boilerplate_only_text_gives_no_candidates(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02binary",
        "abc\x00def" * 10,
        "".join(chr(i % 31 + 1) for i in range(500)),
    ],
)
def test_binary_looking_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(ExtractionInputError, match="binary"):
        extract(text)


def test_bytes_instead_of_text_is_a_clear_error() -> None:
    with pytest.raises(ExtractionInputError, match="decode"):
        extract(b"\xff\xfe")  # type: ignore[arg-type]


def test_text_over_the_cap_is_refused_quickly() -> None:
    big = "가" * 5_000_001
    started = time.perf_counter()
    with pytest.raises(ExtractionInputError, match="limit"):
        extract(big)
    assert time.perf_counter() - started < 1


def test_the_cap_is_configurable() -> None:
    with pytest.raises(ExtractionInputError):
        extract("정부는 확대한다." * 10, max_chars=20)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ExtractionInputError, match="language"):
        extract("text", language="fr")


def test_large_text_under_the_cap_runs_in_bounded_time() -> None:
    para = "서울시는 2030년까지 신규주택 80만호를 공급하겠다고 밝혔다. 날씨가 맑았다.\n"
    text = para * 2000  # about 100,000 characters
    started = time.perf_counter()
    found = extract(text, published_on=SEED_DATE)
    assert time.perf_counter() - started < 30
    assert len(found) == 1  # repeated statements fold into one


@pytest.mark.parametrize("language", ["ko", "en"])
def test_text_with_no_sentence_ends_is_handled(language: str) -> None:
    words = "정부는 공급 확대 " if language == "ko" else "the city will build homes "
    text = words * 3000
    started = time.perf_counter()
    found = extract(text, language=language)
    assert time.perf_counter() - started < 30
    for c in found:
        assert text[c.start : c.end] == c.quote


def test_mixed_korean_and_english_article_finds_both() -> None:
    text = (
        "서울시는 2030년까지 신규주택 80만호를 공급하겠다고 밝혔다.\n"
        "The city will also plant 2,000 trees by 2026.\n"
    )
    found = extract(text, published_on=datetime.date(2021, 9, 15))
    assert [c.language for c in found] == ["ko", "en"]


def test_html_article_gives_verbatim_quotes() -> None:
    html = (
        "<html><body><nav>Home</nav><p>The city will build <b>10,000</b> homes by 2029."
        "</p><script>x()</script></body></html>"
    )
    (c,) = extract(html, published_on=SEED_DATE)
    assert html[c.start : c.end] == c.quote
    assert c.targets[0].value == 10000


def test_a_deadline_before_a_descriptive_relative_clause_dates_the_main_verb() -> None:
    (c,) = extract(
        "정부는 2027년까지 반도체에 특화된 직업학교 4곳을 신설한다.",
        published_on=datetime.date(2024, 3, 1),
    )
    assert [(t.value, t.deadline) for t in c.targets] == [(4, "2027")]


def test_same_period_takes_the_period_named_before() -> None:
    cands = extract(
        "정부는 2029년까지 공공임대 12만호를 짓는다. 같은 기간 청년주택 3만호도 공급한다.",
        published_on=datetime.date(2024, 3, 1),
    )
    deadlines = {t.value: t.deadline for c in cands for t in c.targets}
    assert deadlines[30000] == "2029"


def test_a_plans_horizon_dates_later_parts_that_state_none() -> None:
    cands = extract(
        "The Better Buses strategy 2025-2030 was published on Monday.\n"
        "Under the plan, the council will buy 400 electric buses.",
        published_on=datetime.date(2025, 3, 1),
    )
    (t,) = [t for c in cands for t in c.targets if t.value == 400]
    assert (t.deadline, t.deadline_inferred) == ("2030", True)


def test_a_reported_korean_plan_under_a_past_verb_is_a_candidate() -> None:
    (c,) = extract(
        "도지사는 2028년까지 청년 일자리 2만개를 만든다고 밝혔다.",
        published_on=datetime.date(2024, 3, 1),
    )
    assert [(t.value, t.deadline) for t in c.targets] == [(20000, "2028")]


@pytest.mark.parametrize(
    "sentence",
    [
        '구청장은 "아이들이 웃는 마을을 만들겠다"고 말했다.',
        '"We will not stand aside while rents climb," the mayor said.',
    ],
)
def test_a_resolve_with_nothing_to_track_is_not_a_pledge(sentence: str) -> None:
    assert extract(sentence) == []


def test_a_resolve_with_an_action_and_figure_stays_a_pledge() -> None:
    (c,) = extract(
        "We will not raise council tax by more than 3% next year.", language="en"
    )
    assert c.targets
