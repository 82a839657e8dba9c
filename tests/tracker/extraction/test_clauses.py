"""One sentence, several pledges: coordinated clauses with targets of their
own become separate candidates (sentences written for these tests)."""

import datetime

from tracker.extraction import extract

DAY = datetime.date(2026, 3, 2)


def _found(text: str) -> list[tuple[int, list[float]]]:
    return [
        (c.part, [t.value for t in c.targets]) for c in extract(text, published_on=DAY)
    ]


def test_korean_clauses_joined_by_go_become_two_candidates():
    text = "광주시는 2029년까지 체육관 8곳을 새로 짓고 공공 와이파이 1200곳을 설치한다."
    found = extract(text, published_on=DAY)
    assert [(c.part, [t.value for t in c.targets]) for c in found] == [
        (1, [8]),
        (2, [1200]),
    ]
    # both keep the whole sentence as their verbatim quote and its deadline
    assert {c.quote for c in found} == {text}
    assert all(t.deadline == "2029" for c in found for t in c.targets)


def test_korean_two_objects_of_one_predicate_stay_one_candidate():
    text = "광주시는 2029년까지 체육관 8곳과 도서관 3곳을 새로 짓는다."
    assert _found(text) == [(0, [8, 3])]


def test_english_clauses_with_their_own_verbs_become_two_candidates():
    text = (
        "The county council will build 900 affordable homes by 2028 and open "
        "three new health centres by 2027."
    )
    found = extract(text, published_on=DAY)
    assert [(c.part, [t.value for t in c.targets]) for c in found] == [
        (1, [900]),
        (2, [3]),
    ]
    assert [t.deadline for c in found for t in c.targets] == ["2028", "2027"]


def test_english_two_objects_of_one_verb_stay_one_candidate():
    text = "The county council will build 900 homes and 40 shops by 2028."
    assert _found(text) == [(0, [900, 40])]


def test_each_marked_item_of_a_listed_plan_is_a_candidate_dated_by_the_plan():
    text = (
        "울산시는 2028년까지의 해양관광 계획을 내놨다.\n"
        "핵심 사업은 ▲요트 계류장 300석 확충 ▲해변 산책로 8㎞ 조성 ▲관광 안내 강화 등이다.\n"
    )
    items = [c for c in extract(text, published_on=DAY) if c.part]
    assert [[t.value for t in c.targets] for c in items] == [[300], [8]]
    assert [c.title.split()[-1] for c in items] == ["확충", "조성"]
    # the plan's horizon dates items that state no deadline of their own
    assert all(
        t.deadline == "2028" and t.deadline_inferred for c in items for t in c.targets
    )


def test_a_year_that_dates_one_target_is_not_a_plan_horizon():
    text = (
        "울산시는 2027년까지 요트 계류장 300석을 확충한다.\n"
        "또 해변 산책로 8㎞를 조성한다.\n"
    )
    found = extract(text, published_on=DAY)
    walk = next(c for c in found if any(t.value == 8 for t in c.targets))
    assert all(t.deadline is None for t in walk.targets)


def test_a_headline_fragment_titles_its_object_before_the_deadline():
    (c,) = extract("[교통 2030] 부산~김해 경전철 2029년까지 연장", published_on=DAY)
    assert c.title == "부산~김해 경전철 연장"
