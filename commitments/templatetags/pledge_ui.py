"""Small display helpers for the public pages: names and titles in the reader's
language, status labels and definitions, percentages."""

from typing import Any

from django import template
from django.utils.translation import get_language

from commitments.bylines import public_name
from commitments.statuses import STATUS_INFO

register = template.Library()


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


@register.filter
def display_title(pledge: Any) -> str:
    """The English title where one exists and the reader reads English."""
    if _english() and getattr(pledge, "title_en", None):
        return pledge.title_en
    return pledge.title


@register.filter
def display_name(obj: Any) -> str:
    """An owner's or category's name in the reader's language."""
    if obj is None:
        return ""
    if _english() and getattr(obj, "name_en", None):
        return obj.name_en
    return obj.name


@register.filter
def byline(user: Any) -> str:
    """The journalist's public name (never the login name): see bylines."""
    return public_name(user)


@register.filter
def status_label(code: str) -> str:
    info = STATUS_INFO.get(code)
    if info is None:
        return code
    return info.label_en if _english() else info.label_ko


@register.filter
def status_definition(code: str) -> str:
    info = STATUS_INFO.get(code)
    if info is None:
        return ""
    return info.definition_en if _english() else info.definition_ko


@register.filter
def status_final(code: str) -> bool:
    info = STATUS_INFO.get(code)
    return bool(info and info.final)


@register.filter
def overdue_on(pledge: Any, today: Any) -> bool:
    """`{% if pledge|overdue_on:today %}`: the one meaning of overdue
    (`Pledge.is_overdue_on`), never the stored flag that can be a day behind."""
    return bool(today) and pledge.is_overdue_on(today)


@register.filter
def percent(rate: float | None) -> str:
    """0.4567 → "45.7%"; no pledges → "–"."""
    if rate is None:
        return "–"
    return f"{rate * 100:.1f}%"


@register.inclusion_tag("commitments/_download_data.html")
def download_data() -> dict[str, Any]:
    """The "Download the data" box: every export's address and the licence the
    data is published under (the same one the exports state)."""
    from django.conf import settings

    return {
        "licence_name": settings.DATA_LICENCE_NAME,
        "licence_url": settings.DATA_LICENCE_URL,
    }
