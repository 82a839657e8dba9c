"""Pledge bodies for the read API, served from their stored documents.

`commitments.api.pledge_rows` builds a body from the pledge's row and five
bulk queries; doing that for every request made the uncached list ~15 times
the cost of a static file. Here each body is built once and kept
(`PledgeDocument`); a page of pledges is then the page's query with each
document joined in, and only documents that are missing or no longer match
their pledge are built again (and stored for the next reader).

When a stored body may be served: what it was built from (stored beside it)
equals what the pledge row gives now; `document_reads` has the database
compare them. Every write the services make to the pledge or to what
hangs off it saves the pledge (`pledge_flags_refresh`), which moves
`updated_at`; the flags a daily bulk job sets without saving, the owner a
merge moves pledges to, and whether it is overdue today are compared too
(`document_reads.BUILT_FROM`). Writes to what a body shows but the pledge
row doesn't hold are covered by signals, inside the write's transaction
("Invalidation").
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from commitments.api.caching import dumps
from commitments.api.document_reads import (
    BUILT_FROM,
    document_page,
    document_rows_after,
)
from commitments.api.pagination import Page
from commitments.api.pledge_rows import row_is_overdue, unlinked_bodies
from commitments.api.representations import Links
from commitments.api.selectors import pledge_values
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

# A slug of letters, digits, "-" and "_" (what SlugField allows) needs no
# escaping inside a JSON string.
PLAIN_SLUG = re.compile(r"[-\w]+")


class _LinkWriter:
    """Appends a body's two links, the request's prefixes encoded once."""

    def __init__(self, links: Links) -> None:
        # Each an encoded JSON string without its closing quote.
        html = json.dumps(links.pledge_html_prefix(), ensure_ascii=False)[:-1]
        api = json.dumps(f"{links.api_root}/pledges/")[:-1]
        self.html = f',"html_url":{html}'
        self.api = f'/","api_url":{api}'

    def __call__(self, body: bytes, row: dict[str, Any]) -> bytes:
        slug = row["slug"]
        if not PLAIN_SLUG.fullmatch(slug):
            slug = json.dumps(slug, ensure_ascii=False)[1:-1]
        # The stored body is one JSON object: the links go before its brace.
        return body[:-1] + f'{self.html}{slug}{self.api}{row["public_id"]}"}}'.encode()


def _build(ids: list[int]) -> dict[int, bytes]:
    """Bodies for the pledges `ids`, built afresh and stored with what they
    were built from.

    The pledge row is read before what hangs off it, so a write racing the
    build leaves a body no older than the columns stored with it: if the
    write moved the pledge, the next read sees the columns differ and builds
    again; it never serves a body older than the pledge it names.
    """
    rows = list(pledge_values(Pledge.objects.filter(pk__in=ids)))
    today = timezone.localdate()
    built = {
        row["id"]: dumps(body)
        for row, body in zip(rows, unlinked_bodies(rows), strict=True)
    }
    PledgeDocument.objects.bulk_create(
        [
            PledgeDocument(
                pledge_id=row["id"],
                body=built[row["id"]].decode(),
                overdue=row_is_overdue(row, today),
                **{column: row[source] for column, source in BUILT_FROM},
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["pledge"],
        update_fields=[*(column for column, _ in BUILT_FROM), "overdue", "body"],
    )
    return built


def _stale(rows: list[dict[str, Any]]) -> list[int]:
    """The rows whose stored body is missing or outdated."""
    return [row["id"] for row in rows if not row["fresh"]]


def pledge_documents(rows: Iterable[dict[str, Any]], links: Links) -> list[bytes]:
    """The JSON of each row's body (rows from `document_reads`), in order."""
    rows = list(rows)
    stale = _stale(rows)
    fresh = _build(stale) if stale else {}
    with_links = _LinkWriter(links)
    return [with_links(fresh.get(row["id"]) or row["body"], row) for row in rows]


def page_documents(
    filtered: QuerySet[Pledge] | None, *, cursor: str | None, limit: int, links: Links
) -> tuple[Page, list[bytes]]:
    """A list page (`document_reads.document_page`) and its bodies.

    A body built on the request reads the pledge again, and a write landing
    between the page's query and that read would put a newer version of the
    pledge at the older one's place in the sync order: served now and again
    at its own place later. So a page with bodies to build is read again,
    and built, in one snapshot (REPEATABLE READ on PostgreSQL; a SQLite
    transaction is one already). A page whose bodies are all stored costs
    nothing more.
    """
    page = document_page(filtered, cursor=cursor, limit=limit)
    if not _stale(page.rows):
        return page, pledge_documents(page.rows, links)
    with _snapshot():
        page = document_page(filtered, cursor=cursor, limit=limit)
        return page, pledge_documents(page.rows, links)


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    if connection.in_atomic_block:  # already one transaction (a caller's)
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


# --- Invalidation -------------------------------------------------------------
#
# Two kinds of write reach a body without the pledge row showing it:
# - A row of the pledge's own (a target, a measurement, a citation, an
#   update) written outside the services, which save the pledge anyway: its
#   document is deleted, and the next read builds it again.
# - What several pledges share (an owner's or a category's names, a source's
#   title): those pledges' `updated_at` moves. Moving the version (rather
#   than deleting) also keeps a reader racing the write correct: a body built
#   from the old state is stored with the old version and never served.
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
        rows = document_rows_after(last, chunk_size)
        if not rows:
            return built
        if stale := _stale(rows):
            built += len(_build(stale))
        last = rows[-1]["id"]


def page_json(documents: list[bytes], next_cursor: str | None, has_more: bool) -> bytes:
    """A list page's body (`PledgePageOut`), from bodies already encoded."""
    tail = dumps({"next_cursor": next_cursor, "has_more": has_more})
    return b'{"items":[' + b",".join(documents) + b"]," + tail[1:]
