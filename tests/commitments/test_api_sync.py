"""Sync completeness: a client paging with cursors and `updated_since` while
another thread (its own database connection) inserts and updates pledges ends
with exactly the record: nothing missed, no version served twice."""

import random
import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.utils import timezone

from commitments.models import Pledge
from tests.commitments.api_support import skip_without_postgres
from tests.factories import OwnerFactory, PledgeFactory
from tests.services import require_postgres

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.services,
]
skip_without_postgres()


def writer(owner_id: int, stop: threading.Event, errors: list, seed: int) -> None:
    """Insert and edit pledges in short transactions, some held open a while
    (a row stamped before a later one commits after it: the hard case)."""
    rng = random.Random(seed)
    try:
        n = 0
        while not stop.is_set():
            n += 1
            with transaction.atomic():
                if rng.random() < 0.4:
                    PledgeFactory(owner_id=owner_id, slug=f"w{seed}-{n}")
                else:
                    ids = list(Pledge.objects.values_list("pk", flat=True))
                    pledge = Pledge.objects.get(pk=rng.choice(ids))
                    pledge.title = f"edit {seed}-{n}"
                    pledge.save()
                time.sleep(rng.choice([0, 0, 0.01, 0.2]))
    except Exception as exc:
        errors.append(exc)
    finally:
        close_old_connections()
        connection.close()


def test_a_syncing_client_ends_with_exactly_the_record(settings):
    require_postgres()
    settings.API_RATE_LIMIT_ANON = "100000/min"
    # The production defaults: rows settle for 1 s before they are served.
    settings.API_SYNC_SETTLE_SECONDS = 1.0
    settings.API_SYNC_CLOCK_MARGIN_SECONDS = 1.0
    # Cached pages only delay what a poll sees (never lose it); keep the
    # catch-up below short.
    settings.API_RESPONSE_CACHE_SECONDS = 1
    cache.clear()
    owner = OwnerFactory()
    since = timezone.now() - timedelta(seconds=1)
    PledgeFactory.create_batch(30, owner=owner)

    client = Client()
    seen: dict[str, str] = {}  # id -> updated_at of the version we hold
    versions: set[tuple[str, str]] = set()
    cursor = None

    def pull() -> bool:
        nonlocal cursor
        params = {"limit": 7, "updated_since": since.isoformat()}
        if cursor:
            params["cursor"] = cursor
        response = client.get("/api/v1/pledges", params)
        assert response.status_code == 200, response.content
        body = response.json()
        for item in body["items"]:
            version = (item["id"], item["updated_at"])
            assert version not in versions, f"served twice: {version}"
            versions.add(version)
            seen[item["id"]] = item["updated_at"]
        cursor = body["next_cursor"] or cursor
        return body["has_more"]

    stop = threading.Event()
    errors: list = []
    threads = [
        threading.Thread(target=writer, args=(owner.pk, stop, errors, seed))
        for seed in (1, 2)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline:
        pull()
        time.sleep(0.02)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    assert not errors, errors
    # Catch up: poll until everything has settled and been served.
    time.sleep(
        settings.API_SYNC_SETTLE_SECONDS + settings.API_RESPONSE_CACHE_SECONDS + 0.2
    )
    while pull():
        pass
    pull()

    from commitments.api.caching import iso_datetime

    expected = {
        str(p.public_id): iso_datetime(p.updated_at)
        for p in Pledge.objects.filter(updated_at__gte=since)
    }
    assert len(expected) > 30, "the writers inserted pledges"
    assert len(versions) > len(expected), "the writers edited pledges mid-sync"
    missing = expected.keys() - seen.keys()
    assert not missing, f"missed {len(missing)} pledges"
    stale = {k for k in expected if seen[k] != expected[k]}
    assert not stale, f"{len(stale)} pledges held in an old version"
    assert seen == expected


def test_a_body_built_for_a_page_is_the_version_the_page_read(
    client, monkeypatch, settings
):
    """A write that commits between a page's query and the building of its
    bodies must not put the newer version at the older one's place: the page
    is read again and built in one snapshot, so it serves the version it
    sorted by, and the newer one comes once, at its own place."""
    require_postgres()
    from commitments.api import pledge_documents

    settings.API_SYNC_SETTLE_SECONDS = 0.1
    settings.API_SYNC_CLOCK_MARGIN_SECONDS = 0.1
    settings.API_RESPONSE_CACHE_SECONDS = 0
    pledge = PledgeFactory(title="처음 제목")
    time.sleep(0.2)  # settled: the page may serve it
    old_version = pledge.updated_at
    original = pledge_documents._build
    wrote: list[bool] = []

    def build_after_a_write(ids):  # type: ignore[no-untyped-def]
        if not wrote:
            wrote.append(True)

            def edit() -> None:
                try:
                    Pledge.objects.filter(pk=pledge.pk).update(
                        title="고친 제목", updated_at=timezone.now()
                    )
                finally:
                    connection.close()

            thread = threading.Thread(target=edit)
            thread.start()
            thread.join()
        return original(ids)

    monkeypatch.setattr(pledge_documents, "_build", build_after_a_write)
    since = (old_version - timedelta(seconds=5)).isoformat()
    first = client.get("/api/v1/pledges", {"updated_since": since}).json()
    assert wrote, "the page had a body to build"
    from commitments.api.caching import iso_datetime

    assert [i["updated_at"] for i in first["items"]] == [iso_datetime(old_version)]
    assert first["items"][0]["title"] == "처음 제목"
    # The newer version is served once, after the cursor, when it settles.
    time.sleep(0.2)
    later = client.get(
        "/api/v1/pledges", {"updated_since": since, "cursor": first["next_cursor"]}
    ).json()
    assert [i["title"] for i in later["items"]] == ["고친 제목"]
