"""`manage.py poll_feeds`: poll feeds now (all active ones, or those given)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from commitments.errors import DomainError
from tracker.ingest.source_feeds import feed_actor, feed_poll
from tracker.models import Feed


class Command(BaseCommand):
    help = "Poll RSS/Atom feeds with conditional GET; new items are ingested once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("urls", nargs="*", help="only these feed URLs")
        parser.add_argument(
            "--force", action="store_true", help="ignore ETag/Last-Modified"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        feeds = Feed.objects.filter(active=True)
        if options["urls"]:
            feeds = Feed.objects.filter(url__in=options["urls"])
        actor = feed_actor()
        for feed in feeds:
            try:
                counts = feed_poll(feed=feed, actor=actor, force=options["force"])
            except DomainError as exc:
                self.stderr.write(f"{feed.name}: {exc.message}")
                continue
            self.stdout.write(
                f"{feed.name}: {counts['new']} new, {counts['seen']} seen, "
                f"{counts['errors']} errors"
            )
