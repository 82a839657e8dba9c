"""Overdue means one thing everywhere: the deadline has passed and the status
is not final. On the day a deadline passes, before the daily flags job has
refreshed the stored `is_overdue` flag, the pages, the API list and its
`is_overdue` field, the stats and the desk all already call the pledge
overdue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Pledge
from commitments.statuses import Status
from tests.commitments.api_support import api_settings  # noqa: F401
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]


@pytest.fixture
def record():
    today = timezone.localdate()
    owner = OwnerFactory(slug="city")
    category = CategoryFactory(slug="housing")
    late = PledgeFactory(
        slug="late",
        title="Late bridge",
        owner=owner,
        status=Status.IN_PROGRESS,
        deadline=today - timedelta(days=1),
    )
    kept = PledgeFactory(
        slug="kept",
        title="Kept park",
        owner=owner,
        status=Status.KEPT,
        deadline=today - timedelta(days=1),
    )
    undated = PledgeFactory(
        slug="undated", title="Undated plan", owner=owner, deadline=None
    )
    due_today = PledgeFactory(
        slug="due-today", title="Due today", owner=owner, deadline=today
    )
    for pledge in (late, kept, undated, due_today):
        pledge.categories.add(category)
    # The daily job has not run yet: every stored flag still says "not overdue".
    Pledge.objects.update(is_overdue=False)
    assert not Pledge.objects.filter(is_overdue=True).exists()
    return {"late": late, "kept": kept, "undated": undated, "due_today": due_today}


def test_the_queryset_method_and_the_python_check_agree(record):
    today = timezone.localdate()
    assert set(Pledge.objects.overdue(today).values_list("slug", flat=True)) == {"late"}
    assert {p.slug for p in Pledge.objects.all() if p.is_overdue_on(today)} == {"late"}
    # The next day, what was due today is overdue too.
    tomorrow = today + timedelta(days=1)
    assert set(Pledge.objects.overdue(tomorrow).values_list("slug", flat=True)) == {
        "late",
        "due-today",
    }


def test_the_pages_count_and_flag_it(client, record):
    home = client.get(reverse("home"))
    assert home.context["counts"].overdue == 1
    listed = client.get(reverse("pledge-list"), {"overdue": "1"})
    assert [p.slug for p in listed.context["page"].object_list] == ["late"]
    assert "flag-overdue" in listed.content.decode()
    owner = client.get(reverse("owner-detail", args=["city"]))
    assert owner.context["card"].counts.overdue == 1
    category = client.get(reverse("category-detail", args=["housing"]))
    assert category.context["counts"].overdue == 1
    detail = client.get(reverse("pledge-detail", args=["late"]))
    assert "flag-overdue" in detail.content.decode()


def test_the_api_list_filter_and_field(client, record):
    def items(**params: str) -> dict[str, bool]:
        response = client.get("/api/v1/pledges", params)
        assert response.status_code == 200, response.content
        return {p["slug"]: p["is_overdue"] for p in response.json()["items"]}

    assert items(overdue="true") == {"late": True}
    assert items(overdue="false") == {
        "kept": False,
        "undated": False,
        "due-today": False,
    }
    one = client.get("/api/v1/pledges/late").json()
    assert one["is_overdue"] is True


def test_the_stats(client, record):
    response = client.get("/api/v1/stats")
    assert response.status_code == 200
    assert response.json()["overdue"] == 1


def test_the_desk(client, journalist, record):
    client.force_login(journalist)
    page = client.get(reverse("desk"), {"flag": "overdue"})
    assert [p.slug for p in page.context["page"].object_list] == ["late"]
    assert "flag-overdue" in page.content.decode()
    attention = client.get(reverse("desk"), {"flag": "attention"})
    assert "late" in {p.slug for p in attention.context["page"].object_list}
    tools = client.get(reverse("desk-pledge", args=["late"]))
    assert "flag-overdue" in tools.content.decode()
    not_late = client.get(reverse("desk-pledge", args=["kept"]))
    assert "flag-overdue" not in not_late.content.decode()
