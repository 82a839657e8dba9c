from __future__ import annotations

import datetime

import pytest

from tracker.extraction import extract
from tracker.extraction.records import TargetSpec
from tracker.extraction.titles import MAX_TITLE, english_title


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "올해 청년취업사관학교(연 4000명)와 대학 연계(연 6000명)로 총 1만명의 AI 인재를 "
            "배출하겠다는 목표를 밝혔다.",
            ["AI 인재", "1만명", "배출"],
        ),
        (
            "정부는 2027년까지 민간부문 AI 투자를 총 65조원으로 확대한다.",
            ["65조원", "확대"],
        ),
        ("서울시는 더 큰 규모의 AI 테크시티를 준비하고 있다.", ["AI 테크시티", "준비"]),
    ],
)
def test_korean_titles_name_object_quantity_and_action(
    sentence: str, words: list[str]
) -> None:
    (c,) = extract(sentence, language="ko")
    for w in words:
        assert w in c.title
    assert len(c.title) <= MAX_TITLE + 1


def test_korean_yearly_total_reads_like_an_editor_title() -> None:
    text = (
        "올해 청년취업사관학교(연 4000명)와 대학 연계(연 6000명)해 총 1만명의 AI 인재를 "
        "배출하겠다는 목표를 밝혔다."
    )
    (c,) = extract(text, language="ko")
    assert c.title == "AI 인재 연 1만명 배출"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "The Government is committed to its pledge to build 1.5 million new homes "
            "in England by 2029.",
            "Build 1.5 million new homes by 2029",
        ),
        (
            "The city will plant 2,000 trees over the next two years.",
            "Plant 2,000 trees over the next two years",
        ),
    ],
)
def test_english_titles_name_the_action_and_the_target(
    sentence: str, title: str
) -> None:
    (c,) = extract(sentence, language="en", published_on=datetime.date(2018, 4, 19))
    assert c.title == title


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        (
            "He said the city will continue to expand the free online program.",
            "Expand the free",
        ),
        ("The mayor promised to offer a variety of housing types.", "Offer a variety"),
    ],
)
def test_english_titles_without_targets_use_the_promised_action(
    sentence: str, start: str
) -> None:
    assert english_title(sentence, [], None).startswith(start)


def test_titles_are_short() -> None:
    long = "The city will " + "build very many things " * 20 + "."
    assert len(english_title(long, [], None)) <= 51


def test_english_title_adds_the_period_of_a_yearly_target() -> None:
    t = TargetSpec(value=80000, unit="units", period="per year", text="80,000 units")
    assert english_title("x", [t], None) == "80,000 units per year"


def test_an_english_title_names_what_the_unit_counts():
    (c,) = extract(
        "The state will restore 4,500 hectares of coastal wetland by 2031.",
        published_on=datetime.date(2026, 1, 5),
    )
    assert c.title.startswith("Restore 4,500 hectares of coastal wetland")


def test_a_korean_title_does_not_repeat_an_object_its_quantity_already_names():
    (c,) = extract(
        "군은 또 매년 귀농 가구 300가구를 유치한다는 방침이다.",
        published_on=datetime.date(2026, 1, 5),
    )
    words = c.title.split()
    assert len(words) == len(set(words)), c.title


@pytest.mark.parametrize(
    ("sentence", "title_start"),
    [
        (
            "The council has pledged to planting 5,000 street trees by 2028.",
            "Plant 5,000",
        ),
        (
            "The ministry is committed to creating 12,000 apprenticeships.",
            "Create 12,000",
        ),
        ("The agency will build 300 flood barriers along the coast.", "Build 300"),
    ],
)
def test_english_titles_start_with_the_verb_before_the_figure(
    sentence: str, title_start: str
) -> None:
    (c,) = extract(sentence, language="en", published_on=datetime.date(2026, 1, 5))
    assert c.title.startswith(title_start)


def test_korean_listed_items_are_titled_by_their_own_object_and_action() -> None:
    text = (
        "군은 ▲공영주차장 2곳 조성 ▲어르신 목욕비 월 2만원 지원 등을 추진할 계획이다."
    )
    titles = [c.title for c in extract(text, language="ko")]
    assert titles == ["공영주차장 2곳 조성", "어르신 목욕비 월 2만원 지원"]


def test_english_passive_set_up_is_titled_by_what_is_set_up() -> None:
    (c,) = extract(
        "A new river restoration taskforce will be established in Leeds this year.",
        language="en",
        published_on=datetime.date(2026, 3, 1),
    )
    assert c.title.startswith("Establish a new river restoration taskforce")
