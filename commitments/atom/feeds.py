"""Atom feeds of status updates: all of them, per pledge, per owner and per
category, each in Korean (/feeds/ko/…) and English (/feeds/en/…)."""

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

from commitments.models import Category, Owner, Pledge, StatusUpdate
from commitments.statuses import status_label

ITEMS_PER_FEED = 50
LANGUAGES = ("ko", "en")

TEXT = {
    "ko": {
        "all": "공약 추적: 모든 상태 변경",
        "all_sub": "공약의 이행 상태 평가와 정정, 최신순.",
        "pledge": "공약 추적: {}",
        "owner": "공약 추적: {}의 공약",
        "category": "공약 추적: {} 분야",
        "item": "{pledge}: {previous} → {status}",
        "official": "(공식 발표) ",
        "correction": "(정정) ",
    },
    "en": {
        "all": "Pledge tracker: every status change",
        "all_sub": "Verdicts on pledges and corrections, newest first.",
        "pledge": "Pledge tracker: {}",
        "owner": "Pledge tracker: pledges by {}",
        "category": "Pledge tracker: {}",
        "item": "{pledge}: {previous} → {status}",
        "official": "(official claim) ",
        "correction": "(correction) ",
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


class UpdatesFeed(Feed):
    """Every status update, newest first."""

    feed_type = Atom1Feed

    def get_object(  # type: ignore[override]
        self, request: HttpRequest, language: str, **kwargs: str
    ) -> Subject:
        # The language travels with the object (and each item), never on
        # `self`: one Feed instance serves every request, from many threads.
        if language not in LANGUAGES:
            raise Http404("No feed in that language.")
        if any("\x00" in v for v in kwargs.values()):
            raise Http404("No such feed.")
        # The feed's xml:lang comes from the active language (per thread).
        translation.activate(language)
        return Subject(language, self.subject(**kwargs))

    def subject(self, **kwargs: str) -> object | None:
        return None

    def updates(self, obj: object | None) -> QuerySet[StatusUpdate]:
        return StatusUpdate.objects.all()

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

    def items(self, subject: Subject) -> list[StatusUpdate]:
        rows = list(
            self.updates(subject.obj)
            .select_related("pledge")
            .order_by("-created_at", "-id")[:ITEMS_PER_FEED]
        )
        for row in rows:
            row.feed_language = subject.language  # type: ignore[attr-defined]
        return rows

    # --- per item ---
    def item_title(self, item: StatusUpdate) -> str:
        lang = item.feed_language  # type: ignore[attr-defined]
        prefix = ""
        if item.kind == StatusUpdate.Kind.OFFICIAL:
            prefix = TEXT[lang]["official"]
        elif item.kind == StatusUpdate.Kind.CORRECTION:
            prefix = TEXT[lang]["correction"]
        return prefix + TEXT[lang]["item"].format(
            pledge=_name(item.pledge, lang),
            previous=status_label(item.previous_status, lang),
            status=status_label(item.status, lang),
        )

    def item_description(self, item: StatusUpdate) -> str:
        return item.note

    def item_link(self, item: StatusUpdate) -> str:
        return (
            _url("pledge-detail", item.pledge.slug, "pledges")
            + f"#update-{item.public_id}"
        )

    def item_guid(self, item: StatusUpdate) -> str:
        return f"urn:uuid:{item.public_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: StatusUpdate) -> datetime:
        return item.created_at

    def item_updateddate(self, item: StatusUpdate) -> datetime:
        return item.created_at

    def item_author_name(self, item: StatusUpdate) -> str:
        return "Pledge tracker" if item.feed_language == "en" else "공약 추적"  # type: ignore[attr-defined]


class PledgeUpdatesFeed(UpdatesFeed):
    def subject(self, **kwargs: str) -> Pledge:
        pledge = Pledge.objects.filter(slug=kwargs["slug"]).first()
        if pledge is None:
            raise Http404("No pledge with that slug.")
        return pledge

    def updates(self, obj: Pledge) -> QuerySet[StatusUpdate]:  # type: ignore[override]
        return StatusUpdate.objects.filter(pledge=obj)

    def page(self, obj: Pledge) -> str:
        return _url("pledge-detail", obj.slug, "pledges")


class OwnerUpdatesFeed(UpdatesFeed):
    def subject(self, **kwargs: str) -> Owner:
        owner = Owner.objects.filter(slug=kwargs["slug"]).first()
        if owner is None:
            raise Http404("No owner with that slug.")
        return owner

    def updates(self, obj: Owner) -> QuerySet[StatusUpdate]:  # type: ignore[override]
        # Sub-owners included, as on the owner's page and in the API.
        return StatusUpdate.objects.filter(
            pledge__owner_id__in=Owner.objects.subtree_ids(obj)
        )

    def page(self, obj: Owner) -> str:
        return _url("owner-detail", obj.slug, "owners")


class CategoryUpdatesFeed(UpdatesFeed):
    def subject(self, **kwargs: str) -> Category:
        category = Category.objects.filter(slug=kwargs["slug"]).first()
        if category is None:
            raise Http404("No category with that slug.")
        return category

    def updates(self, obj: Category) -> QuerySet[StatusUpdate]:  # type: ignore[override]
        return StatusUpdate.objects.filter(
            pledge__in=Pledge.categories.through.objects.filter(category=obj).values(
                "pledge_id"
            )
        )

    def page(self, obj: Category) -> str:
        return _url("category-detail", obj.slug, "categories")
