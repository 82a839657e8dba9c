"""Suggestions weigh what is promised (object words), not one shared value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import OwnerFactory, PledgeFactory, TargetFactory
from tracker.review.matching import pledge_match, specificity

pytestmark = pytest.mark.django_db


def _pledge(owner, title: str, wording: str, values: list[str]):  # type: ignore[no-untyped-def]
    p = PledgeFactory(owner=owner, title=title, title_en="", original_wording=wording)
    for v in values:
        TargetFactory(pledge=p, value=Decimal(v), unit="명")
    return p


def test_a_new_pledge_sharing_only_a_small_number_is_not_suggested() -> None:
    owner = OwnerFactory(name="가람군", name_en="Garam County")
    _pledge(owner, "청년 창업가 150명 육성", "청년 창업가 150명을 육성하겠다.", ["150"])
    found, score = pledge_match(
        owner=owner,
        title="요양보호사 150명 채용",
        quote="군은 내년까지 요양보호사 150명을 채용한다.",
        target_values=[150],
    )
    assert (found, score) == (None, 0.0)


def test_ten_thousand_shared_by_two_plans_does_not_make_them_one() -> None:
    owner = OwnerFactory(name="Riverton Council", name_en="Riverton Council")
    _pledge(
        owner, "Plant 10,000 trees", "The council will plant 10,000 trees.", ["10000"]
    )
    found, _ = pledge_match(
        owner=owner,
        title="10,000 free bus passes for pensioners",
        quote="The council will issue 10,000 free bus passes for pensioners.",
        target_values=[10000],
    )
    assert found is None


def test_the_same_plan_restated_in_other_words_is_suggested() -> None:
    owner = OwnerFactory(name="가람군")
    pledge = _pledge(
        owner,
        "공공임대주택 3200가구 공급",
        "가람군은 2028년까지 공공임대주택 3200가구를 공급하겠다고 밝혔다.",
        ["3200"],
    )
    found, score = pledge_match(
        owner=owner,
        title="공공임대주택 3200가구 공급",
        quote="군은 오는 2028년까지 공공임대주택 3200가구를 짓는다.",
        target_values=[3200],
        deadlines=["2028"],
    )
    assert found == pledge and score > 0.5


def test_a_different_deadline_argues_against_the_same_pledge() -> None:
    owner = OwnerFactory(name="Riverton Council")
    pledge = _pledge(
        owner, "Open a youth centre", "The council will open a youth centre.", ["1"]
    )
    TargetFactory(pledge=pledge, value=Decimal("1"), unit="centre")
    pledge.deadline = None
    pledge.save()
    same, s1 = pledge_match(
        owner=owner,
        title="Open a youth centre",
        quote="A youth centre will open.",
        target_values=[1],
        deadlines=[],
    )
    assert same == pledge
    pledge.targets.update(deadline="2026-12-31")
    other, s2 = pledge_match(
        owner=owner,
        title="Open a youth centre",
        quote="A youth centre will open.",
        target_values=[1],
        deadlines=["2031"],
    )
    assert other is None or s2 < s1


def test_specific_figures_say_more_than_round_small_ones() -> None:
    assert specificity(Decimal("48688800000000")) == 1.0
    assert specificity(Decimal("800000")) > specificity(Decimal("10000"))
    assert specificity(Decimal("10000")) > specificity(Decimal("150"))
    assert specificity(Decimal("150")) > specificity(Decimal("1"))
