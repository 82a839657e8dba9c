from __future__ import annotations

import pytest

from tracker.extraction.owners import (
    classify_ko,
    english_subject,
    korean_subject,
    resolve,
)
from tracker.extraction.sentences import segment

GAZETTEER = {
    "서울시": "seoul-metropolitan-government",
    "서울특별시": "seoul-metropolitan-government",
    "Seoul Metropolitan Government": "seoul-metropolitan-government",
    "오세훈": "seoul-metropolitan-government",
    "오 시장": "seoul-metropolitan-government",
    "Mayor Oh Se-hoon": "seoul-metropolitan-government",
    "과학기술정보통신부": "msit",
}


@pytest.mark.parametrize(
    ("name", "official"),
    [
        ("서울시", True),
        ("오 시장", True),
        ("오세훈 서울시장", True),
        ("정부", True),
        ("과학기술정보통신부", True),
        ("경기도지사", True),
        ("국토교통부 장관", True),
        ("서울대 장병탁 교수", False),
        ("구글클라우드코리아 지기성 사장", False),
        ("김 센터장", False),
        ("유수연 네이션에이 대표", False),
        ("참석자들", False),
        ("딥시크", None),
    ],
)
def test_korean_actors_are_classified_as_officials_or_not(
    name: str, official: bool | None
) -> None:
    assert classify_ko(name) is official


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("서울시는 5일 회의를 개최했다.", "서울시"),
        ("오 시장은 이날 말했다.", "오 시장"),
        ("14일 서울시는 비전을 밝혔다.", "서울시"),
        ("서울대 장병탁 교수는 “도시”라고 말했다.", "서울대 장병탁 교수"),
        ("정부가 인프라를 확충한다.", "정부"),
    ],
)
def test_korean_subject_is_the_topic_or_subject_noun_phrase(
    sentence: str, name: str
) -> None:
    (s,) = segment(sentence, "ko")
    actor = korean_subject(s.tokens, s.text)
    assert actor is not None and actor.name == name


@pytest.mark.parametrize(
    ("sentence", "official"),
    [
        ("San Francisco Mayor Mark Farrell announced a series of measures.", True),
        ("The Seoul city government will work to close gaps.", True),
        ("Professor Kim said the plan would fail.", False),
        ("The company's CEO said it will hire 500 people.", False),
        ("He also promised to offer housing.", None),
        ("Steve Reed said the Government was standing firm.", None),
    ],
)
def test_english_subject_or_speaker_is_classified(
    sentence: str, official: bool | None
) -> None:
    actor = english_subject(sentence)
    assert actor is not None and actor.official is official


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("오세훈 서울시장", "seoul-metropolitan-government"),
        ("오 시장", "seoul-metropolitan-government"),
        ("Seoul Mayor Oh Se-hoon", "seoul-metropolitan-government"),
        ("Busan Mayor Park", None),
        ("Mayor Oh Se-hoon", "seoul-metropolitan-government"),
        ("과학기술정보통신부는", "msit"),
        ("정부", None),
        (None, None),
    ],
)
def test_names_resolve_through_the_gazetteer(name: str | None, key: str | None) -> None:
    assert resolve(name, GAZETTEER) == key


def test_without_a_gazetteer_nothing_resolves() -> None:
    assert resolve("서울시", None) is None
