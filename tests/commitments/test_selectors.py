"""Every count and rate the dashboards show, checked against hand-built data."""

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.http.request import QueryDict
from django.utils import timezone

from commitments.models import Pledge
from commitments.pages import counts as status_counting
from commitments.pages import filters as list_filters
from commitments.pages import selectors
from commitments.search import pledge_search
from commitments.statuses import STATUS_INFO
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def record():
    """Ten pledges whose counts are easy to check by eye.

    kept ×3, broken ×2, in_progress ×2 (one overdue), partially_kept ×1
    (past deadline: final, so not overdue), stalled ×1 (overdue), not_rated ×1.
    """
    city = OwnerFactory(slug="city", name="서울특별시", name_en="Seoul")
    mayor = OwnerFactory(slug="mayor", name="서울시장", name_en="Mayor", parent=city)
    housing = OwnerFactory(slug="housing", name="주택정책실", parent=city)
    unit = OwnerFactory(slug="housing-unit", name="공공주택과", parent=housing)
    other = OwnerFactory(slug="other", name="부산광역시")
    homes = CategoryFactory(slug="homes", name="주택")
    roads = CategoryFactory(slug="roads", name="교통")
    now = timezone.now()
    rows = [
        ("k1", "kept", mayor, days(-100), [homes], ""),
        ("k2", "kept", housing, days(30), [homes], "kept"),
        ("k3", "kept", other, None, [roads], ""),
        ("b1", "broken", unit, days(-5), [homes], "in_progress"),
        ("b2", "broken", other, days(200), [roads], ""),
        ("p1", "in_progress", unit, days(-1), [homes, roads], "kept"),
        ("p2", "in_progress", city, days(89), [], ""),
        ("pk", "partially_kept", city, days(-30), [roads], ""),
        ("s1", "stalled", other, days(-400), [], "in_progress"),
        ("n1", "not_rated", city, days(91), [], "kept"),
    ]
    pledges = {}
    for i, (slug, status, owner, deadline, cats, official) in enumerate(rows):
        pledge = PledgeFactory(
            slug=slug,
            title=f"공약 {slug}",
            status=status,
            owner=owner,
            deadline=deadline,
            official_status=official,
            # Disagreement as the flags service computes it (not_rated never).
            has_disagreement=bool(
                official and status != "not_rated" and official != status
            ),
            last_update_at=now - timedelta(hours=i) if slug != "n1" else None,
        )
        pledge.categories.set(cats)
        pledges[slug] = pledge
    return {
        "pledges": pledges,
        "owners": {"city": city, "mayor": mayor, "housing": housing, "unit": unit},
        "other": other,
        "homes": homes,
        "roads": roads,
    }


def test_status_counts_count_each_status_and_the_total(record):
    counts = status_counting.status_counts(Pledge.objects.all(), on=TODAY)
    assert counts.total == 10
    assert counts.by_status == {
        "not_rated": 1,
        "not_started": 0,
        "in_progress": 2,
        "stalled": 1,
        "partially_kept": 1,
        "kept": 3,
        "broken": 2,
        "withdrawn": 0,
        "unratable": 0,
    }
    assert [row["code"] for row in counts.rows] == list(STATUS_INFO)


def test_rates_are_shares_of_all_pledges_and_partially_kept_is_not_kept(record):
    counts = status_counting.status_counts(Pledge.objects.all(), on=TODAY)
    assert counts.kept_rate == pytest.approx(0.3)
    assert counts.broken_rate == pytest.approx(0.2)
    assert counts.in_progress_rate == pytest.approx(0.2)
    assert counts.rate("partially_kept") == pytest.approx(0.1)


def test_overdue_means_deadline_passed_and_status_not_final(record):
    # b1 broken (final), pk partially kept (final), k1 kept (final): not overdue.
    # p1 in progress a day late, s1 stalled: overdue. Today's deadline is not late.
    counts = status_counting.status_counts(Pledge.objects.all(), on=TODAY)
    assert counts.overdue == 2
    later = status_counting.status_counts(Pledge.objects.all(), on=days(90))
    assert later.overdue == 3  # p2 (deadline day 89) is now late as well


def test_disagreements_count_official_reports_that_differ(record):
    # k2 agrees (kept/kept); n1 is not rated, so nothing to disagree with.
    counts = status_counting.status_counts(Pledge.objects.all(), on=TODAY)
    assert counts.disagreements == 3  # b1, p1, s1


def test_rates_are_none_when_there_are_no_pledges(db):
    counts = status_counting.status_counts(Pledge.objects.all(), on=TODAY)
    assert counts.total == 0
    assert counts.kept_rate is None and counts.broken_rate is None


def test_dashboard_summary_counts_match_the_record(record):
    summary = selectors.dashboard_summary(on=TODAY)
    assert summary.as_of == TODAY
    assert summary.counts.total == 10
    assert summary.counts.overdue == 2
    assert summary.counts.by_status["kept"] == 3


def test_recently_updated_is_newest_first_and_skips_never_updated(record):
    summary = selectors.dashboard_summary(on=TODAY, limit=3)
    assert [p.slug for p in summary.recent] == ["k1", "k2", "k3"]
    all_recent = selectors.dashboard_summary(on=TODAY, limit=20).recent
    assert "n1" not in [p.slug for p in all_recent]


def test_upcoming_deadlines_are_open_pledges_due_within_90_days(record):
    summary = selectors.dashboard_summary(on=TODAY)
    # p2 (day 89) is open; k2 (day 30) is kept; n1 (day 91) is too far.
    assert [p.slug for p in summary.upcoming] == ["p2"]
    assert summary.upcoming_total == 1


def test_category_breakdown_counts_each_category(record):
    summary = selectors.dashboard_summary(on=TODAY)
    by_slug = {b.obj.slug: b.counts for b in summary.categories}
    homes = by_slug["homes"]  # k1, k2, b1, p1
    assert homes.total == 4
    assert homes.by_status["kept"] == 2
    assert homes.kept_rate == pytest.approx(0.5)
    assert homes.overdue == 1  # p1
    roads = by_slug["roads"]  # k3, b2, p1, pk
    assert roads.total == 4
    assert roads.broken_rate == pytest.approx(0.25)


def test_owner_breakdown_counts_direct_pledges_largest_first(record):
    summary = selectors.dashboard_summary(on=TODAY)
    totals = [(b.obj.slug, b.counts.total) for b in summary.owners]
    assert totals[0] in {("city", 3), ("other", 3)}
    assert dict(totals) == {
        "city": 3,
        "other": 3,
        "housing-unit": 2,
        "mayor": 1,
        "housing": 1,
    }


def test_owner_scorecard_rolls_up_sub_owners(record):
    card = selectors.owner_scorecard(slug="city", on=TODAY)
    # The city, the mayor, housing and housing's unit: everything but "other".
    assert card.counts.total == 7
    assert card.counts.by_status["kept"] == 2
    assert card.counts.kept_rate == pytest.approx(2 / 7)
    assert card.counts.overdue == 1  # p1
    assert card.own_counts.total == 3
    children = {b.obj.slug: b.counts.total for b in card.children}
    assert children == {"mayor": 1, "housing": 3}  # housing includes its unit
    assert card.ancestors == []


def test_owner_scorecard_lists_the_chain_above(record):
    card = selectors.owner_scorecard(slug="housing-unit", on=TODAY)
    assert [o.slug for o in card.ancestors] == ["city", "housing"]
    assert card.counts.total == 2
    assert card.children == []


def test_unknown_owner_is_not_found(record):
    with pytest.raises(Http404):
        selectors.owner_scorecard(slug="nobody")


def test_filters_narrow_the_list(record):
    def slugs(query: str) -> set[str]:
        filters = list_filters.parse_filters(QueryDict(query))
        assert filters.ignored == []
        return set(
            list_filters.filtered_pledges(filters, on=TODAY).values_list(
                "slug", flat=True
            )
        )

    assert slugs("status=kept") == {"k1", "k2", "k3"}
    assert slugs("status=kept&status=broken") == {"k1", "k2", "k3", "b1", "b2"}
    assert slugs("owner=housing") == {"k2", "b1", "p1"}  # with its unit
    assert slugs("category=roads") == {"k3", "b2", "p1", "pk"}
    assert slugs(f"year={TODAY.year}") == {
        p.slug
        for p in record["pledges"].values()
        if p.deadline and p.deadline.year == TODAY.year
    }
    assert slugs("overdue=1") == {"p1", "s1"}
    assert slugs("disagreement=1") == {"b1", "p1", "s1"}
    assert slugs("status=in_progress&category=homes") == {"p1"}


def test_nonsense_filter_values_are_ignored_and_named(record):
    filters = list_filters.parse_filters(
        QueryDict(
            "status=bogus&owner=nobody&category=none&year=20x6"
            "&overdue=maybe&sort=sideways&q="
        )
    )
    assert filters.ignored == [
        "status",
        "owner",
        "category",
        "year",
        "overdue",
        "sort",
    ]
    assert not filters.active
    assert list_filters.filtered_pledges(filters).count() == 10


def test_filters_round_trip_through_the_url(record):
    filters = list_filters.parse_filters(
        QueryDict("status=kept&owner=city&year=2026&overdue=1&q=공약&sort=deadline")
    )
    assert filters.querydict() == {
        "status": ["kept"],
        "owner": "city",
        "year": 2026,
        "overdue": "1",
        "q": "공약",
        "sort": "deadline",
    }


def test_a_page_past_the_end_is_the_last_page(record):
    page = selectors.pledge_list(page=99, per_page=3)
    assert page.number == 4
    assert len(page.object_list) == 1
    assert selectors.pledge_list(page="abc", per_page=3).number == 1


def test_sorting_by_deadline_puts_the_soonest_first(record):
    filters = list_filters.parse_filters(QueryDict("sort=deadline"))
    page = selectors.pledge_list(filters, per_page=3)
    assert [p.slug for p in page.object_list] == ["s1", "k1", "pk"]


def test_search_finds_korean_words_with_particles_and_inside_compounds(db):
    PledgeFactory(slug="a", title="공공주택을 공급", original_wording="x")
    PledgeFactory(
        slug="b", title="버스 노선 확대", summary="주택가 버스", original_wording="y"
    )
    PledgeFactory(
        slug="c", title="Parks", title_en="More public parks", original_wording="z"
    )
    found = lambda q: set(  # noqa: E731
        pledge_search(Pledge.objects.all(), q).values_list("slug", flat=True)
    )
    assert found("주택") == {"a", "b"}
    assert found("공급") == {"a"}
    assert found("PUBLIC parks") == {"c"}
    assert found("   ") == {"a", "b", "c"}
    assert found("'&|!:*") == set()


def test_latest_verdict_shown_on_the_pledge_page_follows_corrections(
    editor, journalist
):
    from commitments import services
    from commitments.models import StatusUpdate
    from commitments.pages import selectors
    from commitments.statuses import Status
    from tests.factories import PledgeFactory

    pledge = PledgeFactory()
    verdict = services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.IN_PROGRESS,
        note="Budget.",
        evidence_url="https://example.org/a",
    )
    report = services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.KEPT,
        note="City says done.",
        kind=StatusUpdate.Kind.OFFICIAL,
        evidence_url="https://example.org/b",
    )
    correction = services.status_update_correct(
        actor=editor,
        update=report,
        status=Status.STALLED,
        reason="Misread the report.",
        evidence_url="https://example.org/c",
    )
    latest = selectors.latest_updates(selectors.pledge_detail(slug=pledge.slug))
    # Correcting the official report does not turn it into our verdict.
    assert latest["newsroom"] == verdict
    assert latest["official"] == correction
