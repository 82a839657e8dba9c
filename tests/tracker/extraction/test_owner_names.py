from __future__ import annotations

import pytest

from tracker.extraction.owner_names import (
    KnownOwner,
    is_abbreviation,
    match_owner,
    normalise,
    office_body,
    same_owner,
)

# Made-up owners: the rules must hold for names the corpus never saw.
OWNERS = [
    KnownOwner("daejeon", "대전광역시", "Daejeon Metropolitan City"),
    KnownOwner("chungbuk", "충청북도", "North Chungcheong Province"),
    KnownOwner("gangwon", "강원특별자치도"),
    KnownOwner("mois", "행정안전부", "Ministry of the Interior and Safety"),
    KnownOwner("mafra", "농림축산식품부"),
    KnownOwner("mayor-han", "한지민 대전시장", "Daejeon Mayor Han Ji-min"),
    KnownOwner("mayor-hong", "홍길동 청주시장"),
    KnownOwner("scot", "Scottish Government", aliases=("Holyrood government",)),
    KnownOwner("pm-smith", "Prime Minister Jane Smithers"),
]


@pytest.mark.parametrize(
    ("proposed", "key"),
    [
        ("대전시", "daejeon"),
        ("대전", "daejeon"),
        ("충북", "chungbuk"),
        ("충북도", "chungbuk"),
        ("강원도", "gangwon"),
        ("행안부", "mois"),
        ("농식품부", "mafra"),
        ("the Scottish government", "scot"),
        ("  SCOTTISH   Government ", "scot"),
        ("The Holyrood Government", "scot"),
        ("Prime Minister Jane Smithers", "pm-smith"),
        ("UK Prime Minister Jane Smithers", "pm-smith"),
    ],
)
def test_short_forms_match_the_known_owner(proposed: str, key: str) -> None:
    found = match_owner(proposed, OWNERS)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "proposed",
    ["부산시", "교육부", "국방부", "Welsh Government", "Minister John Smithers", ""],
)
def test_names_of_other_owners_match_nothing(proposed: str) -> None:
    assert match_owner(proposed, OWNERS) is None


def test_surname_and_office_match_the_person_the_article_names() -> None:
    article = "한지민 대전시장은 14일 계획을 밝혔다. 한 시장은 이어 말했다."
    found = match_owner("한 시장", OWNERS, context=article)
    assert found is not None and found.key == "mayor-han"


def test_surname_and_office_match_nobody_when_the_article_names_someone_else() -> None:
    article = "한석규 대전시장 권한대행은 말했다. 한 시장은 이어 말했다."
    assert match_owner("한 시장", OWNERS, context=article) is None


def test_an_english_surname_matches_the_person_the_article_names() -> None:
    article = "Prime Minister Jane Smithers said on Monday. Smithers added more."
    found = match_owner("Smithers", OWNERS, context=article)
    assert found is not None and found.key == "pm-smith"


def test_two_people_sharing_surname_and_office_are_ambiguous_without_context() -> None:
    owners = [
        KnownOwner("a", "김하나 부천시장"),
        KnownOwner("b", "김두리 안산시장"),
    ]
    assert match_owner("김 시장", owners) is None


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("과기정통부", "과학기술정보통신부", True),
        ("기재부", "기획재정부", True),
        ("식약처", "식품의약품안전처", True),
        ("국토부", "국토교통부", True),
        ("교육부", "교통부", False),
        ("국방부", "국토교통부", False),
        ("식약처", "식품의약품안전청", False),
    ],
)
def test_ministry_abbreviations_follow_the_syllable_rule(
    short: str, long: str, expected: bool
) -> None:
    assert is_abbreviation(short, long) is expected


def test_same_owner_ignores_case_spacing_and_articles() -> None:
    assert same_owner("the Town Council", "town  council")
    assert normalise("The Mayor’s Office") == "mayor office"
    assert not same_owner("Town Council", "County Council")


@pytest.mark.parametrize(
    ("person", "body"),
    [("한지민 대전시장", "대전시"), ("박 경기도지사", "경기도"), ("정부", None)],
)
def test_an_office_holder_names_the_body_they_head(
    person: str, body: str | None
) -> None:
    assert office_body(person) == body
