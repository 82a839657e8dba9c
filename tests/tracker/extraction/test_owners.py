from __future__ import annotations

import pytest

from tracker.extraction import extract
from tracker.extraction.english_owners import english_subject
from tracker.extraction.owners import (
    classify_ko,
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


@pytest.mark.parametrize(
    ("sentence", "name", "official"),
    [
        ("청송군은 내년까지 도서관 3곳을 짓는다.", "청송군", True),
        ("전라남도는 섬 주민 지원을 늘린다.", "전라남도", True),
        ("4차디지털위원회는 인력 500명을 양성한다.", "4차디지털위원회", True),
        ("해양수산부가 항만 2곳을 개발한다.", "해양수산부", True),
        ("김영희 목포시장은 다리를 놓겠다고 말했다.", "김영희 목포시장", True),
        ("군 관계자는 도로를 넓히겠다고 밝혔다.", "군", True),
        ("고속철도는 2027년 개통한다.", "고속철도", None),
        ("미세먼지 농도는 30% 낮춘다.", "미세먼지 농도", None),
        ("주택 시장은 안정될 것이다.", "주택 시장", None),
        (
            "한빛전자 박민수 대표는 공장을 짓겠다고 말했다.",
            "한빛전자 박민수 대표",
            False,
        ),
    ],
)
def test_korean_actors_are_read_by_rules_of_the_language(
    sentence: str, name: str, official: bool | None
) -> None:
    (s,) = segment(sentence, "ko")
    actor = korean_subject(s.tokens, s.text)
    assert actor is not None
    assert (actor.name, actor.official) == (name, official)


@pytest.mark.parametrize(
    ("sentence", "name", "official"),
    [
        (
            "The federal government will spend $2 billion on bridges.",
            "Federal government",
            True,
        ),
        ("The council said that the city would plant 500 trees.", "Council", True),
        (
            "Minister Ada Brown said the scheme would open next year.",
            "Minister Ada Brown",
            True,
        ),
        (
            "The Scottish Government has pledged 10,000 homes.",
            "Scottish Government",
            True,
        ),
        (
            "Rail fares will rise, Transport Secretary Sam Lee has said.",
            "Transport Secretary Sam Lee",
            True,
        ),
        ("More trees will be planted in the park.", None, None),
        ("Professor Kim said the plan would fail.", "Professor Kim", False),
        (
            "The trade body's chief executive, Ann Hall, added: “Wind will grow.”",
            "Hall",
            False,
        ),
    ],
)
def test_english_actors_are_noun_phrases_never_clauses(
    sentence: str, name: str | None, official: bool | None
) -> None:
    actor = english_subject(sentence)
    if name is None:
        assert actor is None or actor.official is not True
    else:
        assert actor is not None
        assert (actor.name, actor.official) == (name, official)


def test_a_photo_caption_is_not_a_source_of_owners() -> None:
    from tracker.extraction.owners import is_caption

    assert is_caption("The city plans 40 parks by 2030 (pic credit: Jo Bloggs)")
    assert is_caption("서울시는 공원을 만든다. /사진=서울시 제공")
    assert not is_caption("The city plans 40 parks by 2030.")


def test_sentences_without_a_subject_carry_the_articles_main_actor() -> None:
    text = (
        "목포시는 2030년까지 공공주택 5000가구를 공급하겠다고 밝혔다. "
        "또 2028년까지 공원 12곳을 새로 조성한다."
    )
    owners = {c.owner for c in extract(text, language="ko")}
    assert owners == {"목포시"}


def test_a_bare_office_stands_for_the_full_name_the_article_gave() -> None:
    text = (
        "Springfield Mayor Lisa Grant unveiled a plan on Monday. "
        "The city will build 3,000 homes by 2030, the mayor said."
    )
    (c,) = extract(text, language="en")
    assert c.owner == "Springfield Mayor Lisa Grant"


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        (
            "Net Zero Secretary Mairi McAllan said the plan will cut emissions.",
            "Net Zero Secretary Mairi McAllan",
        ),
        (
            "Housing Minister Sean O’Neill said the council will build 500 homes.",
            "Housing Minister Sean O’Neill",
        ),
        (
            "The minister, Jane Smith-Jones, said it would open two clinics.",
            "Minister Jane Smith-Jones",
        ),
    ],
)
def test_english_personal_names_keep_every_word(sentence: str, owner: str) -> None:
    actor = english_subject(sentence)
    assert actor is not None and actor.official
    assert actor.name == owner


def test_a_named_government_body_as_subject_owns_what_its_minister_announced() -> None:
    (c,) = extract(
        "The Scottish government will fund 900 new nurses by 2028, "
        "health secretary Neil Gray said.",
        language="en",
    )
    assert c.owner == "Scottish government"


def test_the_minister_alone_stands_for_the_articles_main_actor() -> None:
    text = (
        "The Scottish government will fund 900 new nurses by 2028, health "
        "secretary Neil Gray said.\n\nA new workforce board will be set up in "
        "Glasgow, the minister added."
    )
    owners = [c.owner for c in extract(text, language="en")]
    assert owners == ["Scottish government", "Scottish government"]
