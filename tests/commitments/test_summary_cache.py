"""The home's counts, the filter form's years and a search's ids are cached
under the record's generation, which every write moves on inside its own
transaction: the page after a write through a service always shows it, and a
repeated view reads no aggregate at all."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from commitments import record_generation, services
from commitments.models import Pledge
from commitments.pages import pagination
from commitments.pages.pagination import CappedPaginator
from commitments.services.flags import pledge_flags_recompute_all
from commitments.statuses import Status
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def _publish(editor, **extra):
    fields = dict(
        actor=editor,
        title="도서관 신설",
        owner=OwnerFactory(),
        original_wording="도서관을 짓겠습니다",
    )
    fields.update(extra)
    return services.pledge_create(**fields)


def _total(client) -> int:
    return client.get("/").context["counts"].total


def test_the_home_shows_a_new_pledge_at_once(client, editor):
    before = _total(client)
    assert _total(client) == before  # served from the cache
    _publish(editor)
    assert _total(client) == before + 1


def test_the_home_shows_a_new_verdict_at_once(client, editor):
    pledge = _publish(editor)
    assert client.get("/").context["counts"].by_status[Status.KEPT] == 0
    services.status_update_post(
        actor=editor,
        pledge=pledge,
        status=Status.KEPT,
        note="완료",
        evidence_url="https://example.org/done",
    )
    assert client.get("/").context["counts"].by_status[Status.KEPT] == 1


def test_a_category_added_shows_in_the_home_breakdown(client, editor):
    pledge = _publish(editor)
    category = CategoryFactory()

    def in_breakdown() -> bool:
        return any(
            b.obj == category for b in client.get("/").context["summary"].categories
        )

    assert not in_breakdown()
    pledge.categories.add(category)
    assert in_breakdown()


def test_a_new_deadline_year_shows_in_the_filter_form(client, editor):
    assert 2091 not in client.get("/pledges/").context["choices"]["years"]
    _publish(editor, deadline=date(2091, 5, 1), deadline_precision="day")
    assert 2091 in client.get("/pledges/").context["choices"]["years"]


def test_a_search_shows_a_new_match_at_once(client, editor):
    _publish(editor, title="공공주택 공급")
    assert client.get("/pledges/", {"q": "주택"}).context["page"].paginator.count == 1
    _publish(editor, title="청년주택 확대")
    page = client.get("/pledges/", {"q": "주택"}).context["page"]
    assert page.paginator.count == 2
    assert {p.title for p in page.object_list} == {"공공주택 공급", "청년주택 확대"}


def test_the_daily_flag_job_moves_the_generation_on(editor):
    # bulk_update sends no signals: the job bumps the generation itself.
    PledgeFactory(deadline=date(2000, 1, 1))
    before = record_generation.current()
    pledge_flags_recompute_all()
    assert record_generation.current() != before


def test_a_bulk_load_moves_the_generation_on():
    before = record_generation.current()
    call_command(
        "generate_synthetic",
        pledges=5,
        updates=5,
        measurements=0,
        seed=3,
        stdout=io.StringIO(),
    )
    assert record_generation.current() != before


def test_a_rolled_back_write_leaves_the_generation(editor):
    before = record_generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        _publish(editor)
        raise RuntimeError("abandon the write")
    assert record_generation.current() == before


def test_a_repeated_home_view_reads_no_aggregate(client, editor):
    _publish(editor)
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"]]
    assert grouped == []


def test_the_count_stops_at_the_cap(monkeypatch, client):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    owner = OwnerFactory()
    for _ in range(5):
        PledgeFactory(owner=owner, status=Status.IN_PROGRESS)
    paginator = CappedPaginator(Pledge.objects.order_by("id"), 2)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (3, True, 2)
    response = client.get(
        "/pledges/", {"status": "in_progress"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "More than 3 pledges" in response.content.decode()
    # A search is capped the same way, from the one query that finds its ids.
    searched = client.get("/pledges/", {"q": "공약"}).context["page"].paginator
    assert searched.count <= 3


def test_the_unfiltered_list_counts_exactly_from_the_cached_total(monkeypatch, client):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    for _ in range(5):
        PledgeFactory()
    paginator = client.get("/pledges/").context["page"].paginator
    assert (paginator.count, paginator.capped) == (5, False)
