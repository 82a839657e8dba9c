"""English pages show English titles and names wherever they exist, and
sorting by title follows the title shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import StatusUpdate
from commitments.statuses import Status
from tests.factories import OwnerFactory, PledgeFactory

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/evidence"


def titles_in_order(html: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=html.index)


def test_sorting_by_title_in_english_follows_the_english_title(client):
    # Korean order: 가 < 나 < 다; English order: Apples (다) < Bananas (가) < 나.
    PledgeFactory(slug="ga", title="가 공약", title_en="Bananas")
    PledgeFactory(slug="na", title="나 공약", title_en="")
    PledgeFactory(slug="da", title="다 공약", title_en="Apples")
    english = client.get(reverse("pledge-list"), {"sort": "title"}).content.decode()
    assert titles_in_order(english, ["Apples", "Bananas", "나 공약"]) == [
        "Apples",
        "Bananas",
        "나 공약",
    ]
    korean = client.get(
        reverse("pledge-list"), {"sort": "title"}, HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert titles_in_order(korean, ["가 공약", "나 공약", "다 공약"]) == [
        "가 공약",
        "나 공약",
        "다 공약",
    ]


def test_the_corrections_log_shows_the_english_title(client, journalist, editor):
    pledge = PledgeFactory(title="공공주택 공급", title_en="Public housing supply")
    original = services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.KEPT,
        note="Done.",
        evidence_url=URL,
    )
    StatusUpdate.objects.filter(pk=original.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    original.refresh_from_db()
    services.status_update_correct(
        actor=editor, update=original, status=Status.BROKEN, reason="Wrong year."
    )
    english = client.get(reverse("corrections-log")).content.decode()
    assert "Public housing supply" in english
    assert "공공주택 공급" not in english
    korean = client.get(
        reverse("corrections-log"), HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert "공공주택 공급" in korean


def test_the_desk_list_shows_english_titles_and_owner_names(client, journalist):
    owner = OwnerFactory(name="서울시", name_en="Seoul City")
    PledgeFactory(owner=owner, title="공공주택 공급", title_en="Public housing supply")
    client.force_login(journalist)
    html = client.get(reverse("desk")).content.decode()
    assert html.index("Public housing supply") < html.index("공공주택 공급")
    assert "<td>Seoul City</td>" in html
