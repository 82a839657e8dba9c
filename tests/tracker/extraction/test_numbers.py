from __future__ import annotations

import pytest

from tracker.extraction.english_numbers import english_quantities
from tracker.extraction.numbers import korean_quantities, parse_korean_number
from tracker.extraction.sentences import segment


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("1만", 10_000),
        ("4000", 4_000),
        ("48조6888억", 48_688_800_000_000),
        ("9천800", 9_800),
        ("3천500만", 35_000_000),
        ("2억5000만", 250_000_000),
        ("1.5조", 1_500_000_000_000),
        ("5만2천", 52_000),
        ("40만", 400_000),
        ("65조", 65_000_000_000_000),
        ("1,000", 1_000),
        ("12억", 1_200_000_000),
        ("3백", 300),
        ("1조2천억", 1_200_000_000_000),
        ("2천억", 200_000_000_000),
        ("3백만", 3_000_000),
        ("5천만", 50_000_000),
    ],
)
def test_korean_number_expressions_are_read_with_their_magnitudes(
    expr: str, value: float
) -> None:
    assert parse_korean_number(expr) == value


def _ko(sentence: str) -> list[tuple[float, str, str | None]]:
    return [(q.value, q.unit, q.period) for q in korean_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("총 1만명의 AI 인재를 배출", [(10_000, "명", None)]),
        ("청년취업사관학교(연 4000명)", [(4_000, "명", "per year")]),
        (
            "연평균 약 8만 가구, 총 80만 가구",
            [(80_000, "가구", "per year"), (800_000, "가구", None)],
        ),
        ("48조6888억원을 투입", [(48_688_800_000_000, "원", None)]),
        ("9천800가구를 공급", [(9_800, "가구", None)]),
        ("3천500만t을 감축", [(35_000_000, "t", None)]),
        ("2억5000만원 지원", [(250_000_000, "원", None)]),
        ("1.5조원 투입", [(1_500_000_000_000, "원", None)]),
        ("GPU 15배 확대", [(15, "배", None)]),
        ("산업 70%, 공공 95%", [(70, "%", None), (95, "%", None)]),
        ("최대 2조원 규모", [(2_000_000_000_000, "원", None)]),
        ("신규주택 80만호 공급", [(800_000, "호", None)]),
        ("누적 100만명 달성", [(1_000_000, "명", None)]),
        ("매월 50명 채용", [(50, "명", "per month")]),
        ("8대 산업별 대책", [(8, "산업", None)]),
        ("나무 3천 그루", [(3_000, "그루", None)]),
        ("매년 1천억원을 투입", [(100_000_000_000, "원", "per year")]),
    ],
)
def test_korean_quantities_carry_value_unit_and_period(
    sentence: str, expected: list[tuple[float, str, str | None]]
) -> None:
    assert _ko(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "2030년까지 공급한다",
        "민선 8기 오세훈 시장",
        "16대 전략을 발표했다",
        "제1차 국가인공지능위원회",
        "본관 8층 간담회장",
        "5일 서울시청에서",
        "1957년 스푸트니크 쇼크",
        "가구를 공급한다",
        "공급 확대와 구축",
        "지하철 9호선 연장",
        "3개월 안에",
        "COVID-19 대응",
        "만 19세 청년",
    ],
)
def test_dates_ordinals_labels_and_ordinary_words_are_not_targets(
    sentence: str,
) -> None:
    assert korean_quantities(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "baseline"),
    [
        ("5만2천대에서 40만대까지 늘린다", 400_000, 52_000),
        ("국제도시경쟁력을 17위에서 5위로", 5, 17),
        ("2만명 → 22만명", 220_000, 20_000),
        ("2005년 대비 30% 감축", 30, 2005),
    ],
)
def test_korean_ranges_keep_the_start_as_baseline(
    sentence: str, value: float, baseline: float
) -> None:
    (q,) = korean_quantities(sentence)
    assert (q.value, q.baseline) == (value, baseline)


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("총 1만명", "총"),
        ("최대 2조원", "최대"),
        ("약 8만 가구", "약"),
        ("15배 이상", "이상"),
    ],
)
def test_korean_qualifiers_are_kept_in_the_text(sentence: str, qualifier: str) -> None:
    (q,) = korean_quantities(sentence)
    assert q.qualifier == qualifier
    assert qualifier in q.text


def _en(sentence: str) -> list[tuple[float, str, str | None]]:
    return [(q.value, q.unit, q.period) for q in english_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("build 10,000 homes", [(10_000, "homes", None)]),
        ("1.5 million new homes in England", [(1_500_000, "new homes", None)]),
        ("the $4 million cost", [(4_000_000, "USD", None)]),
        ("two trillion won", [(2_000_000_000_000, "KRW", None)]),
        ("a 40 percent cut", [(40, "%", None)]),
        ("cut 40% of emissions", [(40, "%", None)]),
        ("80,000 units per year", [(80_000, "units", "per year")]),
        ("5,000 nurses annually", [(5_000, "nurses", "per year")]),
        ("300 buses a year", [(300, "buses", "per year")]),
        ("1,200 jobs each year", [(1_200, "jobs", "per year")]),
        ("zero emissions by 2050", [(0, "emissions", None)]),
        ("Zero emissions by 2050", [(0, "emissions", None)]),
        ("£2bn for schools", [(2_000_000_000, "GBP", None)]),
        ("plant 2000 trees", [(2_000, "trees", None)]),
        ("an annual 500 homes", [(500, "homes", "per year")]),
        ("plant 10,000 trees along the river", [(10_000, "trees", None)]),
        ("cut road deaths by half", [(50, "%", None)]),
        ("reduce waiting lists by a third", [(33.3, "%", None)]),
        ("halve the backlog", [(50, "%", None)]),
    ],
)
def test_english_quantities_carry_value_unit_and_period(
    sentence: str, expected: list[tuple[float, str, str | None]]
) -> None:
    assert _en(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "by 2029",
        "in 2030 the city",
        "April 19 (UPI) -- the mayor",
        "SEOUL, Sept. 15 (Korea Bizwire)",
        "over the next two years",
        "within five years",
        "on the one level",
        "one of the cities",
        "the 3rd time",
        "Net Zero Secretary Jane Doe said the plan",
        "the Formula One race will be held",
    ],
)
def test_english_years_dates_and_durations_are_not_targets(sentence: str) -> None:
    assert english_quantities(sentence) == []


def test_english_range_keeps_the_start_as_baseline() -> None:
    (q,) = english_quantities("from 20,000 to 220,000 jobs")
    assert (q.value, q.baseline) == (220_000, 20_000)


def test_english_qualifier_is_recorded() -> None:
    (q,) = english_quantities("as many as 80,000 units per year")
    assert q.qualifier == "as many as"


def _ko_tok(sentence: str) -> list[tuple[float, str]]:
    from tracker.extraction.sentences import segment

    (s,) = segment(sentence, "ko")
    return [(q.value, q.unit) for q in korean_quantities(s.text, s.tokens)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("구는 공영주택 1만 2500가구를 짓는다.", [(12_500, "가구")]),
        ("시는 임대주택 4만 800호를 공급한다.", [(40_800, "호")]),
        ("도는 예산 3억 2000만원을 쓴다.", [(320_000_000, "원")]),
    ],
)
def test_spaced_korean_numerals_are_read_as_one_number(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    assert _ko_tok(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("군은 경로당에 안마의자 12대를 보낸다.", "대"),
        ("시는 전동차 8량을 새로 들인다.", "량"),
        ("구는 현수막 40장을 내건다.", "장"),
        ("도는 특성화고 3개교를 새로 연다.", "개교"),
    ],
)
def test_any_counter_noun_after_a_number_is_its_unit(sentence: str, unit: str) -> None:
    assert [u for _, u in _ko_tok(sentence)] == [unit]


def test_a_count_of_plan_components_is_not_a_target() -> None:
    assert _ko_tok("시는 52개의 세부 실천과제를 추진한다.") == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("시는 쓰레기 매립량을 4분의 1로 줄인다.", 25.0),
        ("정부는 석탄발전 비중을 7대 3으로 바꾼다.", 30.0),
        ("구는 슈퍼컴퓨터 성능을 20배 늘린다.", 20.0),
        ("시는 2040년까지 탄소배출 제로를 달성한다.", 0.0),
    ],
)
def test_fractions_ratios_multipliers_and_zero_are_quantities(
    sentence: str, value: float
) -> None:
    assert value in [v for v, _ in _ko_tok(sentence)]


def test_a_period_word_reaches_over_bare_nouns_before_the_figure() -> None:
    (q,) = korean_quantities("연평균 발전 설비 3GW를 짓는다.")
    assert q.period == "per year"


def test_a_period_word_inside_another_word_is_not_a_period() -> None:
    (q,) = korean_quantities("연구하는 박사급 인재 500명을 키운다.")
    assert q.period is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The city will plant 3,000 trees since funding arrived.", [(3000, "trees")]),
        ("It will add 400 jobs while cutting costs.", [(400, "jobs")]),
        ("The state will triple the number of wind farms.", [(3, "x")]),
        ("The fleet will double in size.", [(2, "x")]),
        ("Capacity will grow 12 times by 2035.", [(12, "x")]),
        ("Emissions fall 55% below 1995 levels.", [(55, "%")]),
        ("It will bring tens of thousands of jobs.", []),
    ],
)
def test_english_units_multipliers_and_baseline_years(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    assert [(q.value, q.unit) for q in english_quantities(sentence)] == expected


def test_a_superseded_english_target_becomes_the_baseline() -> None:
    (q,) = english_quantities("It raised its former 20GW goal to 35GW.")
    assert (q.value, q.baseline) == (35, 20)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("전기차 충전기 5000기를 설치한다.", [(5000, "기")]),
        ("풍력발전기 30기를 세운다.", [(30, "기")]),
        ("원전 2기 건설을 추진한다.", [(2, "기")]),
        ("3기 신도시를 조성한다.", []),
        ("민선 8기 공약을 지킨다.", []),
    ],
)
def test_gi_counts_machines_before_a_particle_or_action_not_before_a_noun(
    sentence: str, expected: list[tuple[float, str]]
) -> None:
    s = segment(sentence, "ko")[0]
    assert [(q.value, q.unit) for q in korean_quantities(s.text, s.tokens)] == expected


def test_an_english_unit_keeps_up_to_four_words_of_its_noun_phrase() -> None:
    (q,) = english_quantities("The board will open 40 new walk-in health centres soon.")
    assert q.unit == "new walk-in health centres"
