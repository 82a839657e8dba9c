"""Celery tasks for ingestion: polling the RSS/Atom source feeds we watch."""

from celery import shared_task

from tracker.ingest.source_feeds import feed_actor, feeds_poll_due


@shared_task(name="tracker.ingest.poll_source_feeds", acks_late=True)
def poll_source_feeds_task() -> dict:
    return feeds_poll_due(actor=feed_actor())
