"""Bylines on public pages: the journalist's public name (the full name on
the account), never the login name; Korean names family name first; an
account with no name signs nothing but the date."""

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.bylines import public_name
from commitments.models import StatusUpdate
from commitments.statuses import Status
from tests.factories import JournalistFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def _verdict_page(client, journalist) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    pledge = PledgeFactory()
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.IN_PROGRESS,
        note="착공했다.",
        evidence_url="https://news.example.org/x",
    )
    client.cookies["django_language"] = "en"
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    # Pages show dates in the site's time zone (Seoul), not UTC.
    return page, timezone.localdate(StatusUpdate.objects.get().created_at).isoformat()


def test_a_journalist_without_a_name_is_never_shown_by_login_name(client):
    journalist = JournalistFactory(username="mkim-login@example.org")
    page, today = _verdict_page(client, journalist)
    assert "mkim-login" not in page
    assert f"Rated on {today}" in page


def test_a_korean_name_is_written_family_name_first(client):
    journalist = JournalistFactory(username="mkim", first_name="민아", last_name="김")
    page, today = _verdict_page(client, journalist)
    assert f"By 김민아, {today}" in page
    assert "mkim" not in page


def test_public_name_rules():
    assert public_name(None) == ""
    assert public_name(JournalistFactory(first_name="Mina", last_name="Kim")) == (
        "Mina Kim"
    )
    assert (
        public_name(JournalistFactory(first_name=" 민아 ", last_name="김")) == "김민아"
    )
    assert public_name(JournalistFactory(first_name="", last_name="Kim")) == "Kim"
    assert public_name(JournalistFactory(username="nobody-public")) == ""
