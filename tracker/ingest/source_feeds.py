"""Polling RSS/Atom feeds with conditional GET; each item is ingested once."""

import hashlib
import logging
from datetime import date, datetime, timedelta

import feedparser
import lxml.etree
import lxml.html
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.errors import DomainError, ValidationFailed
from commitments.models import Source
from commitments.roles import User
from tracker.ingest.services import source_ingest_text, source_ingest_url
from tracker.ingest.text import looks_binary
from tracker.models import Feed, FeedItem
from tracker.safe_http.client import FEED_TYPES, fetch
from tracker.shorten import fits_field, shorten_to_field

log = logging.getLogger(__name__)
# An entry with this much text is the article itself (a full-text feed).
FULL_TEXT_MIN_CHARS = 200


def _guid_of(entry: feedparser.FeedParserDict, link: str) -> str:
    """The entry's identity in its feed. One too long for the column is stored
    as its hash: still unique, where a cut one could match another entry."""
    guid = (entry.get("id") or link or entry.get("title") or "").strip()
    if fits_field(guid, FeedItem, "guid"):
        return guid
    return "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except (ValueError, AttributeError):
        return None


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The entry's own content (full text feeds), as plain text."""
    html = ""
    for content in entry.get("content") or []:
        html = max(html, content.get("value") or "", key=len)
    html = html or entry.get("summary") or ""
    if not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    # Entry HTML is a fragment, not a page: trafilatura's boilerplate
    # detection would throw short fragments away, so just take the text.
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def feed_poll(*, feed: Feed, actor: User, force: bool = False) -> dict[str, int]:
    """Poll one feed. Returns counts {"new", "seen", "errors"}; records the
    result, ETag and Last-Modified on the feed. A feed that is not XML is
    recorded as an error (and raises ValidationFailed) without touching
    items already stored."""
    headers: dict[str, str] = {}
    if not force:
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
    now = timezone.now()
    try:
        result = fetch(feed.url, accept=FEED_TYPES, headers=headers)
    except DomainError as exc:
        _record(feed, now, f"error: {exc.message}")
        raise
    if result.not_modified:
        _record(feed, now, "not modified (304)")
        return {"new": 0, "seen": 0, "errors": 0}
    parsed = feedparser.parse(result.body if not looks_binary(result.body) else b"")
    if not parsed.get("version"):
        _record(feed, now, "error: not an RSS or Atom feed")
        raise ValidationFailed(
            _("That address is not an RSS or Atom feed."),
            code="invalid_feed",
            field="url",
        )
    counts = {"new": 0, "seen": 0, "errors": 0}
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        guid = _guid_of(entry, link)
        if not guid:
            counts["errors"] += 1
            continue
        try:
            with transaction.atomic():
                item = FeedItem.objects.create(
                    feed=feed,
                    guid=guid,
                    # A cut link would point elsewhere: keep it whole or not at all.
                    link=link if fits_field(link, FeedItem, "link") else "",
                )
        except IntegrityError:
            counts["seen"] += 1
            continue
        try:
            source = _ingest_entry(entry, link=link, actor=actor)
        except DomainError as exc:
            FeedItem.objects.filter(pk=item.pk).update(error=exc.message[:500])
            counts["errors"] += 1
            continue
        FeedItem.objects.filter(pk=item.pk).update(source=source)
        counts["new"] += 1
    # A validator that does not fit is not kept (a cut one would be sent back
    # wrong): the next poll is then unconditional.
    etag = result.headers.get("etag", "")
    modified = result.headers.get("last-modified", "")
    feed.etag = etag if fits_field(etag, Feed, "etag") else ""
    feed.last_modified = modified if fits_field(modified, Feed, "last_modified") else ""
    _record(
        feed,
        now,
        f"ok: {counts['new']} new, {counts['seen']} seen, {counts['errors']} errors",
        extra=["etag", "last_modified"],
    )
    return counts


def _ingest_entry(
    entry: feedparser.FeedParserDict, *, link: str, actor: User
) -> Source:
    text = _entry_text(entry)
    # The feed's title is the publisher's, not the journalist's: fit it.
    title = shorten_to_field(entry.get("title") or "", Source, "title")
    # Full-text feeds carry the article; short summaries mean: fetch the page
    # (and keep the summary if the page cannot be fetched).
    if len(text) < FULL_TEXT_MIN_CHARS and link:
        try:
            source, _created = source_ingest_url(actor=actor, url=link)
        except DomainError:
            if not text.strip():
                raise
        else:
            return source
    source, _created = source_ingest_text(
        actor=actor,
        body=text,
        url=link,
        title=title,
        published_on=_entry_date(entry),
    )
    return source


def _record(
    feed: Feed, when: datetime, result: str, extra: list[str] | None = None
) -> None:
    feed.last_polled_at = when
    feed.last_result = result[:500]
    feed.save(update_fields=["last_polled_at", "last_result", *(extra or [])])


FEED_USERNAME = "feed-poller"


def feed_actor() -> User:
    """The system journalist that feed items are ingested as."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from commitments.roles import JOURNALISTS

    user, created = get_user_model().objects.get_or_create(username=FEED_USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=JOURNALISTS))
    return user


def feeds_due(now: datetime | None = None) -> list[Feed]:
    now = now or timezone.now()
    due = []
    for feed in Feed.objects.filter(active=True):
        if (
            feed.last_polled_at is None
            or feed.last_polled_at + timedelta(minutes=feed.poll_interval_minutes)
            <= now
        ):
            due.append(feed)
    return due


def feeds_poll_due(*, actor: User) -> dict[str, int]:
    """Poll every active feed whose interval has passed; a broken feed is
    recorded on its row and does not stop the others."""
    total = {"feeds": 0, "new": 0, "errors": 0}
    for feed in feeds_due():
        total["feeds"] += 1
        try:
            counts = feed_poll(feed=feed, actor=actor)
        except DomainError:
            total["errors"] += 1
            continue
        total["new"] += counts["new"]
        total["errors"] += counts["errors"]
    return total
