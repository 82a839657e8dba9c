"""A journalist sets their own public name (what their verdicts are signed
with); the newsroom home says when there is none; readers see the name,
never the login name."""

import pytest
from django.urls import reverse

from commitments import services
from commitments.models import AuditEvent
from commitments.statuses import Status
from tests.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_asks_for_a_public_name_when_there_is_none(client, journalist):
    client.force_login(journalist)
    page = client.get(reverse("newsroom-home")).content.decode()
    assert "Your verdicts are published without a name." in page
    assert reverse("newsroom-public-name") in page


def test_a_journalist_sets_a_korean_name_and_verdicts_carry_it(client, journalist):
    client.force_login(journalist)
    response = client.post(
        reverse("newsroom-public-name"), {"last_name": "김", "first_name": "민아"}
    )
    assert response.status_code == 302
    journalist.refresh_from_db()
    assert (journalist.last_name, journalist.first_name) == ("김", "민아")
    assert AuditEvent.objects.get(action="user.public_name").data == {
        "before": "",
        "after": "김민아",
    }
    assert "Your verdicts are signed “김민아”." in (
        client.get(reverse("newsroom-home")).content.decode()
    )
    pledge = PledgeFactory()
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.IN_PROGRESS,
        note="착공했다.",
        evidence_url="https://news.example.org/x",
    )
    client.logout()
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert "By 김민아," in page
    assert journalist.username not in page


def test_an_over_long_name_is_a_422_and_keeps_the_stored_name(client, journalist):
    journalist.first_name = "Mina"
    journalist.save()
    client.force_login(journalist)
    response = client.post(reverse("newsroom-public-name"), {"first_name": "x" * 151})
    assert response.status_code == 422
    journalist.refresh_from_db()
    assert journalist.first_name == "Mina"


def test_the_page_is_in_korean(client, journalist):
    client.force_login(journalist)
    client.cookies["django_language"] = "ko"
    page = client.get(reverse("newsroom-public-name")).content.decode()
    assert "공개 이름" in page and "로그인 아이디는 보이지" in page


def test_a_reader_without_a_role_cannot_open_it(client, reader):
    client.force_login(reader)
    assert client.get(reverse("newsroom-public-name")).status_code == 403
