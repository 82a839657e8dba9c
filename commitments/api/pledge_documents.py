"""Pledge bodies for the read API, served from their stored documents.

`commitments.api.pledge_rows` builds a body from the pledge's row and five
bulk queries; doing that for every request made the uncached list ~15 times
the cost of a static file. Here each body is built once and kept
(`PledgeDocument`); a page of pledges is then the page's query with each
document joined in, and only documents that are missing or no longer match
their pledge are built again (and stored for the next reader).

When a stored body may be served: its fingerprint (below) equals the one the
pledge row gives now. Every write the services make to the pledge or to what
hangs off it saves the pledge (`pledge_flags_refresh`), which moves
`updated_at`; the flags a daily bulk job sets without saving, the owner a
merge moves pledges to, and whether it is overdue today are in the
fingerprint too. Writes to what a body shows but the pledge row doesn't hold
are covered by signals, inside the write's transaction ("Invalidation").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from commitments.api.caching import dumps
from commitments.api.pledge_rows import row_is_overdue, unlinked_bodies
from commitments.api.representations import Links
from commitments.api.selectors import pledge_document_values, pledge_values
from commitments.models import (
    Category,
    Citation,
    Measurement,
    Owner,
    Pledge,
    PledgeDocument,
    Source,
    StatusUpdate,
    Target,
)


def fingerprint(row: dict[str, Any], today: date) -> str:
    """What a body was built from: the pledge's version, the columns a bulk
    write may change without moving it, and whether it is overdue today (the
    one part of a body computed against the date)."""
    parts = [
        row["updated_at"],
        row["owner_id"],
        row["status"],
        row["official_status"],
        row["is_stale"],
        row["has_disagreement"],
        row_is_overdue(row, today),
    ]
    return "|".join(str(part) for part in parts)


# A slug of letters, digits, "-" and "_" (what SlugField allows) needs no
# escaping inside a JSON string.
PLAIN_SLUG = re.compile(r"[-\w]+")


class _LinkWriter:
    """Appends a body's two links, the request's prefixes encoded once."""

    def __init__(self, links: Links) -> None:
        # Each an encoded JSON string without its closing quote.
        self.html = json.dumps(links.pledge_html_prefix(), ensure_ascii=False)[:-1]
        self.api = json.dumps(f"{links.api_root}/pledges/")[:-1]

    def __call__(self, body: str, row: dict[str, Any]) -> str:
        slug = row["slug"]
        if not PLAIN_SLUG.fullmatch(slug):
            slug = json.dumps(slug, ensure_ascii=False)[1:-1]
        # The stored body is one JSON object: the links go before its brace.
        return (
            f'{body[:-1]},"html_url":{self.html}{slug}/",'
            f'"api_url":{self.api}{row["public_id"]}"}}'
        )


def _build(ids: list[int], prints: dict[int, str]) -> dict[int, str]:
    """Bodies for `ids`, built afresh and stored under `prints`."""
    rows = list(pledge_values(Pledge.objects.filter(pk__in=ids)))
    built = {
        row["id"]: dumps(body).decode("utf-8")
        for row, body in zip(rows, unlinked_bodies(rows), strict=True)
    }
    PledgeDocument.objects.bulk_create(
        [
            PledgeDocument(pledge_id=pk, fingerprint=prints[pk], body=body)
            for pk, body in built.items()
        ],
        update_conflicts=True,
        unique_fields=["pledge"],
        update_fields=["fingerprint", "body"],
    )
    return built


def _stale(rows: list[dict[str, Any]]) -> tuple[dict[int, str], list[int]]:
    today = timezone.localdate()
    prints = {row["id"]: fingerprint(row, today) for row in rows}
    stale = [
        row["id"]
        for row in rows
        if row["api_document__fingerprint"] != prints[row["id"]]
    ]
    return prints, stale


def pledge_documents(rows: Iterable[dict[str, Any]], links: Links) -> list[str]:
    """The JSON text of each row's body (rows from
    `selectors.pledge_document_values`), in order."""
    rows = list(rows)
    prints, stale = _stale(rows)
    fresh = _build(stale, prints) if stale else {}
    with_links = _LinkWriter(links)
    return [
        with_links(fresh.get(row["id"]) or row["api_document__body"], row)
        for row in rows
    ]


# --- Invalidation -------------------------------------------------------------
#
# Two kinds of write reach a body without the pledge row showing it:
# - A row of the pledge's own (a target, a measurement, a citation, an
#   update) written outside the services, which save the pledge anyway: its
#   document is deleted, and the next read builds it again.
# - What several pledges share (an owner's or a category's names, a source's
#   title): those pledges' `updated_at` moves. Moving the version (rather
#   than deleting) also keeps a reader racing the write correct: a body built
#   from the old state is stored under the old fingerprint and never served.
#   And it puts those pledges at the end of the API's sync order, so a client
#   syncing with cursors gets the new name in every pledge that shows it.


def _forget(pledge_ids: Any) -> None:
    PledgeDocument.objects.filter(pledge_id__in=pledge_ids).delete()


def _touch(pledge_ids: Any) -> None:
    Pledge.objects.filter(pk__in=pledge_ids).update(updated_at=timezone.now())


def _pledge_row_changed(instance: Any, **kwargs: Any) -> None:
    _forget([instance.pledge_id])


def _measurement_changed(instance: Measurement, **kwargs: Any) -> None:
    _forget(Target.objects.filter(pk=instance.target_id).values("pledge_id"))


def _owner_changed(instance: Owner, created: bool = False, **kwargs: Any) -> None:
    if not created:
        _touch(Pledge.objects.filter(owner_id=instance.pk).values("pk"))


def _category_changed(instance: Category, created: bool = False, **kwargs: Any) -> None:
    if not created:
        _touch(Pledge.objects.filter(categories=instance.pk).values("pk"))


def _source_changed(instance: Source, created: bool = False, **kwargs: Any) -> None:
    if not created:
        _touch(Citation.objects.filter(source_id=instance.pk).values("pledge_id"))


def _categories_set(
    instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not reverse:  # pledge.categories.set(...): the pledge itself
        _forget([instance.pk])
    elif action == "pre_clear":  # category.pledges.clear(): its pledges, before
        _forget(Pledge.objects.filter(categories=instance.pk).values("pk"))
    elif pk_set:  # category.pledges.add(...): the pledges named
        _forget(list(pk_set))


def connect_invalidation() -> None:
    handlers: list[tuple[Any, Any, tuple[Any, ...]]] = [
        (Target, _pledge_row_changed, (post_save, post_delete)),
        (Citation, _pledge_row_changed, (post_save, post_delete)),
        (StatusUpdate, _pledge_row_changed, (post_save, post_delete)),
        (Measurement, _measurement_changed, (post_save, post_delete)),
        # Deleting an owner, category or source leaves no pledge showing it
        # (pledges and citations protect them, a category's links go first).
        (Owner, _owner_changed, (post_save,)),
        (Category, _category_changed, (post_save,)),
        (Source, _source_changed, (post_save,)),
    ]
    for model, handler, signals in handlers:
        for signal in signals:
            signal.connect(
                handler,
                sender=model,
                dispatch_uid=f"pledge-document-{handler.__name__}-{signal}-{model}",
            )
    m2m_changed.connect(
        _categories_set,
        sender=Pledge.categories.through,
        dispatch_uid="pledge-document-categories",
    )


def documents_refresh(*, chunk_size: int = 500) -> int:
    """Build every missing or outdated document ahead of the readers (after a
    bulk load, and on a schedule); returns how many were built. Reads build
    what this has not reached, so it only moves work off the request path."""
    built = 0
    last = 0
    while True:
        rows = list(
            pledge_document_values(Pledge.objects.filter(pk__gt=last)).order_by("pk")[
                :chunk_size
            ]
        )
        if not rows:
            return built
        prints, stale = _stale(rows)
        if stale:
            built += len(_build(stale, prints))
        last = rows[-1]["id"]


def page_json(documents: list[str], next_cursor: str | None, has_more: bool) -> bytes:
    """A list page's body (`PledgePageOut`), from bodies already encoded."""
    tail = dumps({"next_cursor": next_cursor, "has_more": has_more}).decode()
    return f'{{"items":[{",".join(documents)}],{tail[1:]}'.encode()
