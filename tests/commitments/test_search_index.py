"""The search indexes are declared on the model, so `makemigrations` owns them,
and the search queries with the very expressions they are built on: on
PostgreSQL the planner can serve both the full-text and the Korean substring
match from them. On SQLite the same migrations create nothing."""

import pytest
from django.core.management import call_command
from django.db import connection

from commitments.models import Pledge
from commitments.search import pledge_search
from commitments.search_index import PostgresOnlyGinIndex
from tests.factories import PledgeFactory
from tests.services import require_postgres

pytestmark = pytest.mark.django_db

DECLARED = {
    "pledge_search_document_gin",
    "pledge_search_text_trgm",
    "pledge_search_text_bigram",
}
RAW_INDEX = "commitments_pledge_search_gin"


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, Pledge._meta.db_table
        )
    return {name for name, info in constraints.items() if info["index"]}


def _explain(sql: str, params: tuple) -> str:
    with connection.cursor() as cursor:
        # Tiny test tables are cheapest to scan: forbid that, so the plan
        # shows whether an index *can* serve the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_model_declares_both_search_indexes():
    declared = {
        index.name: index
        for index in Pledge._meta.indexes
        if isinstance(index, PostgresOnlyGinIndex)
    }
    assert set(declared) == DECLARED


def test_the_migrations_match_the_declared_indexes():
    # Exits non-zero (SystemExit) if a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_other_databases_get_no_search_index():
    if connection.vendor == "postgresql":
        pytest.skip("checks the databases without GIN indexes")
    assert not DECLARED & _index_names()


@pytest.fixture
def pledges():
    require_postgres()
    PledgeFactory(slug="homes", title="공공주택 3만호 공급", original_wording="x")
    PledgeFactory(
        slug="buses",
        title="버스 노선 확대",
        title_en="More BUS routes",
        summary="주택가 버스",
        original_wording="y",
    )
    PledgeFactory(slug="parks", title="공원 조성", original_wording="z")


def test_postgres_has_the_declared_indexes_and_not_the_raw_one(pledges):
    names = _index_names()
    assert names >= DECLARED
    assert RAW_INDEX not in names


def test_the_search_finds_substrings_and_words_on_postgres(pledges):
    def found(q: str) -> set[str]:
        return set(
            pledge_search(Pledge.objects.all(), q).values_list("slug", flat=True)
        )

    assert found("주택") == {"homes", "buses"}  # inside a compound, and 주택가
    assert found("공공주택") == {"homes"}
    assert found("bus routes") == {"buses"}  # case-insensitive
    assert found("노선") == {"buses"}
    # A substring never spans two fields (title "…확대", title_en "More…"),
    # and no word of this phrase starts a word of the document.
    assert found("대 mo") == set()


def test_postgres_can_serve_the_search_from_both_indexes(pledges):
    sql, params = pledge_search(
        Pledge.objects.all(), "공공주택"
    ).query.sql_with_params()
    plan = _explain(sql, params)
    assert "pledge_search_document_gin" in plan, plan
    assert "pledge_search_text_trgm" in plan, plan
