"""Atom feeds of changes to the record (`commitments.atom.entries`): all of
them, per pledge, per owner and per category, each in Korean (/feeds/ko/…)
and English (/feeds/en/…)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from commitments.atom.entries import Entry, entries
from commitments.models import Category, Owner, Pledge

ITEMS_PER_FEED = 50
LANGUAGES = ("ko", "en")

TEXT = {
    "ko": {
        "all": "공약 추적: 모든 변경",
        "all_sub": "새 공약, 이행 평가, 측정값, 정정과 공약 변경, 최신순.",
        "pledge": "공약 추적: {}",
        "owner": "공약 추적: {}의 공약",
        "category": "공약 추적: {} 분야",
    },
    "en": {
        "all": "Pledge tracker: every change",
        "all_sub": (
            "New pledges, verdicts, measurements, corrections and amendments, "
            "newest first."
        ),
        "pledge": "Pledge tracker: {}",
        "owner": "Pledge tracker: pledges by {}",
        "category": "Pledge tracker: {}",
    },
}


def _name(obj: Owner | Category | Pledge, language: str) -> str:
    if isinstance(obj, Pledge):
        return (obj.title_en if language == "en" else "") or obj.title
    return (obj.name_en if language == "en" else "") or obj.name


def _url(name: str, slug: str, fallback: str) -> str:
    try:
        return reverse(name, args=[slug])
    except NoReverseMatch:
        return f"/{fallback}/{slug}/"


@dataclass(frozen=True)
class Subject:
    language: str
    obj: Any


@dataclass(frozen=True)
class Item:
    """An entry with the language of the feed it is in (one Feed instance
    serves every request, from many threads: nothing per request on `self`)."""

    entry: Entry
    language: str


class UpdatesFeed(Feed):
    """Every change to the record, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, language: str, **kwargs: str) -> Subject:
        if language not in LANGUAGES:
            raise Http404("No feed in that language.")
        if any("\x00" in v for v in kwargs.values()):
            raise Http404("No such feed.")
        # The feed's xml:lang comes from the active language (per thread).
        translation.activate(language)
        return Subject(language, self.subject(**kwargs))

    def subject(self, **kwargs: str) -> object | None:
        return None

    def pledges(self, obj: Any) -> QuerySet[Pledge] | None:
        """The pledges this feed is about; None for all of them."""
        return None

    # --- feed-level ---
    def title(self, subject: Subject) -> str:
        if subject.obj is None:
            return TEXT[subject.language]["all"]
        key = type(subject.obj).__name__.lower()
        return TEXT[subject.language][key].format(_name(subject.obj, subject.language))

    def subtitle(self, subject: Subject) -> str:
        if isinstance(subject.obj, Pledge):
            return subject.obj.original_wording[:300]
        return TEXT[subject.language]["all_sub"]

    def link(self, subject: Subject) -> str:
        return self.page(subject.obj) if subject.obj is not None else "/"

    def page(self, obj: Any) -> str:
        return "/"

    def items(self, subject: Subject) -> list[Item]:
        found = entries(
            language=subject.language,
            pledges=self.pledges(subject.obj),
            limit=ITEMS_PER_FEED,
        )
        return [Item(entry, subject.language) for entry in found]

    # --- per item ---
    def item_title(self, item: Item) -> str:
        # Atom titles are text: the feed generator escapes them for XML.
        return item.entry.title

    def item_description(self, item: Item) -> str:
        # Atom summaries are HTML: article text and notes are escaped first,
        # so a reader shows "<script>" as text, never runs it.
        return escape(item.entry.description).replace("\n", "<br>")

    def item_link(self, item: Item) -> str:
        page = _url("pledge-detail", item.entry.pledge.slug, "pledges")
        return page + (f"#{item.entry.anchor}" if item.entry.anchor else "")

    def item_guid(self, item: Item) -> str:
        return item.entry.uid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Item) -> datetime:
        return item.entry.at

    def item_updateddate(self, item: Item) -> datetime:
        return item.entry.at

    def item_categories(self, item: Item) -> list[str]:
        return [item.entry.kind]

    def item_author_name(self, item: Item) -> str:
        return "Pledge tracker" if item.language == "en" else "공약 추적"


class PledgeUpdatesFeed(UpdatesFeed):
    def subject(self, **kwargs: str) -> Pledge:
        pledge = Pledge.objects.filter(slug=kwargs["slug"]).first()
        if pledge is None:
            raise Http404("No pledge with that slug.")
        return pledge

    def pledges(self, obj: Pledge) -> QuerySet[Pledge]:
        return Pledge.objects.filter(pk=obj.pk)

    def page(self, obj: Pledge) -> str:
        return _url("pledge-detail", obj.slug, "pledges")


class OwnerUpdatesFeed(UpdatesFeed):
    def subject(self, **kwargs: str) -> Owner:
        owner = Owner.objects.filter(slug=kwargs["slug"]).first()
        if owner is None:
            raise Http404("No owner with that slug.")
        return owner

    def pledges(self, obj: Owner) -> QuerySet[Pledge]:
        # Sub-owners included, as on the owner's page and in the API.
        return Pledge.objects.owned_by(obj)

    def page(self, obj: Owner) -> str:
        return _url("owner-detail", obj.slug, "owners")


class CategoryUpdatesFeed(UpdatesFeed):
    def subject(self, **kwargs: str) -> Category:
        category = Category.objects.filter(slug=kwargs["slug"]).first()
        if category is None:
            raise Http404("No category with that slug.")
        return category

    def pledges(self, obj: Category) -> QuerySet[Pledge]:
        return Pledge.objects.filter(
            pk__in=Pledge.categories.through.objects.filter(category=obj).values(
                "pledge_id"
            )
        )

    def page(self, obj: Category) -> str:
        return _url("category-detail", obj.slug, "categories")
