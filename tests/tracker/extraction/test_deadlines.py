from __future__ import annotations

import datetime

import pytest

from tracker.extraction.deadlines import english_deadlines, korean_deadlines

PUBLISHED = datetime.date(2025, 2, 6)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2030년까지 공급한다", "2030", "year"),
        ("2026년 말까지 완공", "2026-12-31", "year"),
        ("내년 상반기 착공", "2026-06-30", "half"),
        ("올해 하반기 개통", "2025-12-31", "half"),
        ("올해 설립한다", "2025", "year"),
        ("연내 마련한다", "2025", "year"),
        ("연말까지 확정한다", "2025-12-31", "year"),
        ("내년 중 설립", "2026", "year"),
        ("내후년 개관", "2027", "year"),
        ("향후 5년간 투자", "2030", "year"),
        ("앞으로 3년 동안", "2028", "year"),
        ("5년 내 달성", "2030", "year"),
        ("오는 2027년까지 4년간", "2027", "year"),
        ("2030년 15배 확충", "2030", "year"),
        ("2026년 3월까지", "2026-03-31", "month"),
        ("2025년 3월 1일부터가 아니라 2025년 9월 30일까지", "2025-09-30", "day"),
        ("2027년 2분기", "2027-06-30", "quarter"),
        ("내년 3분기", "2026-09-30", "quarter"),
    ],
)
def test_korean_deadlines_resolve_against_the_publication_date(
    text: str, value: str, precision: str
) -> None:
    found = korean_deadlines(text, PUBLISHED)
    assert (found[-1].value, found[-1].precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "1957년 스푸트니크 쇼크",
        "2005년 대비 30% 감축",
        "2026년부터 시행",
        "지난해 5월 문을 연",
        "민선 8기",
        "2024년에 개관했다",
    ],
)
def test_korean_past_years_start_dates_and_baselines_are_not_deadlines(
    text: str,
) -> None:
    assert korean_deadlines(text, PUBLISHED) == []


def test_relative_korean_deadlines_need_a_publication_date() -> None:
    assert korean_deadlines("내년 상반기 착공", None) == []
    assert korean_deadlines("2030년까지", None)[0].value == "2030"


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("by 2029", "2029", "year"),
        ("by the end of next year", "2026-12-31", "year"),
        ("by the end of 2026", "2026-12-31", "year"),
        ("within five years", "2030", "year"),
        ("over the next two years", "2027", "year"),
        ("in the first half of 2026", "2026-06-30", "half"),
        ("in the second half of 2027", "2027-12-31", "half"),
        ("next year", "2026", "year"),
        ("later this year", "2025", "year"),
        ("by March 2026", "2026-03-31", "month"),
        ("by March 15, 2026", "2026-03-15", "day"),
        ("in the third quarter of 2026", "2026-09-30", "quarter"),
        ("within 10 years", "2035", "year"),
        ("in 2030", "2030", "year"),
    ],
)
def test_english_deadlines_resolve_against_the_publication_date(
    text: str, value: str, precision: str
) -> None:
    found = english_deadlines(text, PUBLISHED)
    assert (found[-1].value, found[-1].precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    ["Seoul Vision 2030", "in 2019 the city", "the 2030 plan", "for 2030"],
)
def test_english_labels_and_past_years_are_not_deadlines(text: str) -> None:
    assert english_deadlines(text, PUBLISHED) == []


def test_only_a_year_never_invents_a_month_or_day() -> None:
    (d,) = english_deadlines("homes by 2029", PUBLISHED)
    assert d.value == "2029"
    (k,) = korean_deadlines("2030년까지", PUBLISHED)
    assert k.value == "2030"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026년부터 2033까지 5조원을 들인다", "2033"),
        ("2027~2031년 총 8천억원", "2031"),
        ("민선 9기 내 일자리 10만개", "2030-06-30"),
        ("민선 8기 임기 동안 주택 5만호", "2026-06-30"),
        ("6년간 1조원을 투입한다", "2030"),
    ],
)
def test_korean_ranges_terms_and_programme_spans(text: str, value: str) -> None:
    assert [d.value for d in korean_deadlines(text, PUBLISHED)] == [value]


def test_a_span_restating_the_written_year_is_one_horizon() -> None:
    (d,) = korean_deadlines("2031년까지 7년간 3조원", PUBLISHED)
    assert (d.value, d.kind) == ("2031", "horizon")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the ferry line will open in late 2026", "2026"),
        ("works start by mid-2027", "2027"),
        ("500 buses over a decade", "2035"),
        ("spend £2bn over the next three years", "2028"),
        ("The Homes for All plan 2025-2031 sets out", "2031"),
    ],
)
def test_english_parts_of_years_decades_and_plan_ranges(text: str, value: str) -> None:
    assert [d.value for d in english_deadlines(text, PUBLISHED)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # N years counted from a start year: the start year is the first
        ("구는 내년부터 3년간 도서관을 짓는다", "2028"),
        ("군은 2026년부터 4년 동안 도로를 넓힌다", "2029"),
        ("도는 올해부터 두 해가 아니라 5년간 예산을 늘린다", "2029"),
    ],
)
def test_korean_spans_from_a_start_year_end_n_minus_one_years_later(
    text: str, value: str
) -> None:
    found = korean_deadlines(text, PUBLISHED)
    assert [d.value for d in found][-1] == value
