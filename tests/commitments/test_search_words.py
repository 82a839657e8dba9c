"""Latin words match at word starts and numbers with or without thousands
separators, on SQLite and (with the same pattern) on PostgreSQL."""

import pytest

from commitments.models import Pledge
from commitments.search import pledge_search, word_start_pattern
from tests.factories import PledgeFactory
from tests.services import require_postgres

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(db):
    PledgeFactory(slug="train", title="Train lines", original_wording="x")
    PledgeFactory(
        slug="ai",
        title="AI 테크시티 조성",
        title_en="An AI tech city",
        original_wording="y",
    )
    PledgeFactory(slug="homes", title="공공주택 36,000호 공급", original_wording="z")
    PledgeFactory(slug="big", title="일자리 360,000개", original_wording="w")
    PledgeFactory(slug="plain", title="청년 2000명 채용", original_wording="v")


def found(q: str) -> set[str]:
    return set(pledge_search(Pledge.objects.all(), q).values_list("slug", flat=True))


def check(record_found) -> None:
    assert record_found("AI") == {"ai"}  # not "trAIn"
    assert record_found("ai") == {"ai"}
    assert record_found("tra") == {"train"}
    assert record_found("36000") == {"homes"}  # not 360,000
    assert record_found("36,000") == {"homes"}
    assert record_found("360000") == {"big"}
    assert record_found("2,000") == {"plain"}
    assert record_found("주택") == {"homes"}
    assert record_found("36000호") == {"homes"}


def test_latin_words_at_word_starts_and_numbers_without_separators(record):
    check(found)


def test_the_same_on_postgres(record):
    require_postgres()
    check(found)


def test_the_pattern_anchors_latin_words_and_numbers():
    assert word_start_pattern("ai") == "(?<![A-Z0-9])(?<![0-9],)AI"
    assert word_start_pattern("36") == "(?<![A-Z0-9])(?<![0-9],)3,?6(?!,?[0-9])"
    # A Korean phrase keeps substring matching.
    assert word_start_pattern("주택") == "주택"
