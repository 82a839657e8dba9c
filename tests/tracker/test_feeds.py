"""Feed polling against a local fixture server: conditional GET, each item
ingested once, a broken feed recorded without losing anything."""

import pytest
from django.core.management import call_command

from commitments.errors import ValidationFailed
from commitments.models import Source
from tests.tracker.fixtures.server import FEED_ETAG, fixture_server
from tracker.extraction_runs.tasks import sweep_stuck_jobs_task
from tracker.ingest.source_feeds import feed_actor, feed_poll, feeds_poll_due
from tracker.ingest.tasks import poll_source_feeds_task
from tracker.models import Feed, FeedItem
from tracker.safe_http.errors import FetchError

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.INGEST_ALLOWED_HOSTS = ["127.0.0.1"]
    with fixture_server() as server:
        yield server


@pytest.fixture
def feed(site):
    return Feed.objects.create(url=f"{site.base}/feed.xml", name="Fixture News")


def test_polling_a_feed_ingests_each_item(feed):
    counts = feed_poll(feed=feed, actor=feed_actor())
    assert counts == {"new": 2, "seen": 0, "errors": 0}
    assert Source.objects.count() == 2
    assert set(FeedItem.objects.values_list("guid", flat=True)) == {
        "fixture-busan-jobs",
        "fixture-incheon-trees",
    }
    busan = Source.objects.get(url="http://fixture.example/busan-jobs")
    assert "청년 일자리 2만개를 창출하겠다고" in busan.body
    assert busan.published_on.isoformat() == "2025-03-03"
    feed.refresh_from_db()
    assert feed.etag == FEED_ETAG
    assert feed.last_modified
    assert feed.last_result.startswith("ok: 2 new")


def test_a_second_poll_sends_the_etag_and_gets_a_304(feed, site):
    feed_poll(feed=feed, actor=feed_actor())
    counts = feed_poll(feed=feed, actor=feed_actor())
    assert counts["new"] == 0
    assert site.seen[-1]["headers"]["If-None-Match"] == FEED_ETAG
    assert "If-Modified-Since" in site.seen[-1]["headers"]
    feed.refresh_from_db()
    assert "304" in feed.last_result
    assert Source.objects.count() == 2


def test_items_already_seen_are_not_ingested_again(feed):
    feed_poll(feed=feed, actor=feed_actor())
    counts = feed_poll(feed=feed, actor=feed_actor(), force=True)
    assert counts == {"new": 0, "seen": 2, "errors": 0}
    assert FeedItem.objects.count() == 2
    assert Source.objects.count() == 2


def test_a_feed_that_is_not_xml_is_an_error_and_loses_nothing(feed, site):
    feed_poll(feed=feed, actor=feed_actor())
    broken = Feed.objects.create(url=f"{site.base}/not-a-feed", name="Broken")
    with pytest.raises(ValidationFailed) as caught:
        feed_poll(feed=broken, actor=feed_actor())
    assert caught.value.code == "invalid_feed"
    broken.refresh_from_db()
    assert broken.last_result.startswith("error")
    assert Source.objects.count() == 2
    assert FeedItem.objects.count() == 2


def test_a_missing_feed_is_recorded(site):
    gone = Feed.objects.create(url=f"{site.base}/missing", name="Gone")
    with pytest.raises(FetchError):
        feed_poll(feed=gone, actor=feed_actor())
    gone.refresh_from_db()
    assert "HTTP 404" in gone.last_result


def test_due_feeds_are_polled_and_a_broken_one_does_not_stop_the_rest(feed, site):
    Feed.objects.create(url=f"{site.base}/not-a-feed", name="Broken")
    Feed.objects.create(url=f"{site.base}/feed.xml?inactive", name="Off", active=False)
    total = feeds_poll_due(actor=feed_actor())
    assert total == {"feeds": 2, "new": 2, "errors": 1}
    # Just polled: not due again until the interval passes.
    assert feeds_poll_due(actor=feed_actor())["feeds"] == 0


def test_the_beat_task_and_the_command_poll_feeds(feed, capsys):
    assert poll_source_feeds_task.apply().get()["new"] == 2
    call_command("poll_feeds", "--force")
    assert "0 new, 2 seen" in capsys.readouterr().out


def test_the_beat_schedule_polls_feeds_and_sweeps_jobs(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {poll_source_feeds_task.name, sweep_stuck_jobs_task.name} <= tasks
