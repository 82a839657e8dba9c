"""Fitting text from outside the newsroom into the record's fields.

Services refuse over-long input (`commitments.services.check_max_length`):
a person can shorten what they typed. Text nobody typed — a page's <title>,
a feed entry's title, the engine's proposed title — has no one to ask, so
the adapter that brings it in shortens it here, visibly (an ellipsis, at a
word boundary), before it reaches a service.
"""

from typing import cast

from django.db import models

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut at the last word
    boundary that fits, with an ellipsis (a hard cut when the text has no
    space in its second half, as Korean compounds or long URLs may not)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,.;:·-–—") + ELLIPSIS


def shorten_to_field(text: str, model: type[models.Model], name: str) -> str:
    """`shorten` to the max_length of `model`'s field `name`."""
    # `name` is a text field, never a relation (which has no max_length).
    limit = cast(models.Field, model._meta.get_field(name)).max_length
    return text.strip() if limit is None else shorten(text, limit)


def fits_field(text: str, model: type[models.Model], name: str) -> bool:
    """Whether `text` fits the field as it is. For values a cut would make
    wrong rather than short (an ETag, a link, a language code)."""
    # `name` is a text field, never a relation (which has no max_length).
    limit = cast(models.Field, model._meta.get_field(name)).max_length
    return limit is None or len(text) <= limit
