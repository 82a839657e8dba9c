from __future__ import annotations

import pytest

from tracker.extraction import extract
from tracker.extraction.dedup import dedup, unit_key
from tracker.extraction.records import ExtractedPledge, TargetSpec


def _cand(
    quote: str, start: int, score: float, *targets: tuple[float, str]
) -> ExtractedPledge:
    return ExtractedPledge(
        quote=quote,
        start=start,
        end=start + len(quote),
        title="t",
        owner=None,
        targets=[TargetSpec(value=v, unit=u, text=f"{v}{u}") for v, u in targets],
        score=score,
        cues=["will"],
    )


def test_headline_and_body_with_the_same_target_become_one_candidate() -> None:
    head = _cand("80만호 공급 내걸어", 0, 0.7, (800000, "호"))
    body = _cand(
        "총 80만 가구를 공급하겠다는 목표를 잡았다.", 100, 0.95, (800000, "가구")
    )
    (c,) = dedup([head, body])
    assert c.quote == body.quote
    assert [q.quote for q in c.extra_quotes] == [head.quote]


def test_different_pledges_stay_apart() -> None:
    a = _cand("A 5000명 채용", 0, 0.8, (5000, "명"))
    b = _cand("B 3조원 투입", 50, 0.8, (3e12, "원"))
    assert len(dedup([a, b])) == 2


def test_a_headline_naming_two_pledges_does_not_join_them() -> None:
    head = _cand("65조원 투자…GPU 15배 확충", 0, 0.7, (65e12, "원"), (15, "배"))
    gpu = _cand("GPU 규모를 15배 확충할 계획이다.", 100, 0.9, (15, "배"))
    inv = _cand("AI 투자를 총 65조원으로 확대한다.", 200, 0.9, (65e12, "원"))
    assert len(dedup([head, gpu, inv])) == 2


def test_near_identical_quotes_merge_without_shared_targets() -> None:
    a = _cand("The city will expand the Seoul Learn program to more students.", 0, 0.6)
    b = _cand(
        "The city will expand the Seoul Learn program to more students soon.", 90, 0.55
    )
    (c,) = dedup([a, b])
    assert c.start == 0


def test_merging_fills_a_missing_deadline_from_the_other_statement() -> None:
    a = _cand("GPU 15배 확충", 0, 0.9, (15, "배"))
    b = _cand("2030년까지 GPU 15배 확대한다.", 50, 0.5, (15, "배"))
    b.targets[0].deadline = "2030"
    (c,) = dedup([a, b])
    assert c.targets[0].deadline == "2030"
    assert c.targets[0].deadline_inferred


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("호", "가구"),
        ("가구", "세대"),
        ("homes", "units"),
        ("원", "KRW"),
        ("퍼센트", "%"),
    ],
)
def test_units_that_count_the_same_thing_compare_equal(a: str, b: str) -> None:
    assert unit_key(a) == unit_key(b)


def test_extract_folds_a_headline_into_the_body_pledge() -> None:
    text = (
        "San Francisco to plant 2,000 trees in carbon-neutral effort\n\n"
        "Chief among the city's steps will be a project to plant 2,000 trees over the "
        "next two years to absorb carbon dioxide.\n"
    )
    (c,) = extract(text, language="en")
    assert c.quote.startswith("Chief among")
    assert c.extra_quotes[0].quote.startswith("San Francisco to plant")
    assert (
        text[c.extra_quotes[0].start : c.extra_quotes[0].end] == c.extra_quotes[0].quote
    )


def test_two_sentences_sharing_a_total_but_adding_their_own_figures_stay_apart() -> (
    None
):
    a = _cand("시는 2030년까지 주택 80만호를 공급하겠다고 밝혔다.", 0, 0.9, (8e5, "호"))
    b = _cand(
        "시는 연평균 8만호, 총 80만호를 공급할 계획이다.",
        80,
        0.8,
        (8e4, "호"),
        (8e5, "호"),
    )
    assert len(dedup([a, b])) == 2


def test_the_same_share_of_different_things_is_not_the_same_pledge() -> None:
    a = _cand("정부는 온실가스를 50% 감축하겠다고 밝혔다.", 0, 0.9, (50, "%"))
    b = _cand("공공기관 전기차 비율 50% 달성", 80, 0.7, (50, "%"))
    b.cues = ["headline"]
    assert len(dedup([a, b])) == 2


def test_the_same_figure_by_another_year_is_another_pledge() -> None:
    a = _cand("시는 2026년까지 나무 1만그루를 심겠다고 밝혔다.", 0, 0.9, (1e4, "그루"))
    b = _cand("나무 1만그루 더 심기", 80, 0.7, (1e4, "그루"))
    a.targets[0].deadline, b.targets[0].deadline = "2026", "2030"
    assert len(dedup([a, b])) == 2
