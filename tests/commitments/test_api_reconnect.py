"""The read API's prepared reads make their own cursors
(`commitments.api.document_reads`); they still check a reused connection
first, as Django's cursors do (CONN_HEALTH_CHECKS): after the database ended
the session (a restart, an administrator, a failover), the next read is
served, not a 500. Real PostgreSQL; skips without it, fails under
REQUIRE_SERVICES=1."""

import select

import psycopg
import pytest
from django.db import connection

from tests.commitments.api_support import (  # noqa: F401
    api_settings,
    skip_without_postgres,
)
from tests.factories import PledgeFactory
from tests.services import database_url_for_subprocess

skip_without_postgres()

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("api_settings"),
]


@pytest.fixture(autouse=True)
def _reads_only(settings):
    # The response cache's version stamp is a query of Django's own, which
    # would make the check first: the read must be the request's only query.
    settings.API_RESPONSE_CACHE_SECONDS = 0


def _end_this_session() -> None:
    """Has another session terminate ours, and waits for the news to reach
    our socket (what a server restart does to every connection)."""
    pid = connection.connection.info.backend_pid
    with psycopg.connect(database_url_for_subprocess(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    poller = select.poll()
    poller.register(connection.connection.fileno(), select.POLLIN)
    assert poller.poll(5000), "the terminated session's socket never became readable"


@pytest.mark.parametrize("read", ["detail", "list"])
def test_a_read_after_the_database_ended_the_session_is_served(client, read):
    pledge = PledgeFactory()
    path = (
        f"/api/v1/pledges/{pledge.public_id}"
        if read == "detail"
        else "/api/v1/pledges?limit=5"
    )
    assert client.get(path).status_code == 200
    old_pid = connection.connection.info.backend_pid

    _end_this_session()
    # What Django does as the next request starts (the test client skips it).
    connection.close_if_unusable_or_obsolete()
    response = client.get(path)

    assert response.status_code == 200, response.content
    body = response.json()
    ids = [body["id"]] if read == "detail" else [p["id"] for p in body["items"]]
    assert ids == [str(pledge.public_id)]
    assert connection.connection.info.backend_pid != old_pid


def test_a_healthy_connection_is_not_checked_with_a_round_trip(
    client, django_assert_num_queries
):
    pledge = PledgeFactory()
    path = f"/api/v1/pledges/{pledge.public_id}"
    assert client.get(path).status_code == 200
    connection.close_if_unusable_or_obsolete()
    # One query: the read. (Django's check would be a `SELECT 1` first.)
    with django_assert_num_queries(1):
        assert client.get(path).status_code == 200
