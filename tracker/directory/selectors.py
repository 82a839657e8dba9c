"""Reads for the owners and categories pages."""

from django.db.models import Count, QuerySet

from commitments.models import Category, Owner


def owners_listed(*, q: str = "") -> list[Owner]:
    """Owners with their pledge counts, filtered by any of their names.

    Filtered in Python: the owners table is small, and aliases are JSON, which
    SQLite stores with non-ASCII escaped (a Korean alias would never match).
    """
    owners: list[Owner] = list(
        Owner.objects.select_related("parent")
        .annotate(pledge_count=Count("pledges", distinct=True))
        .order_by("name", "pk")
    )
    needle = q.strip()[:200].casefold()
    if not needle:
        return owners
    return [
        o
        for o in owners
        if any(
            needle in str(text).casefold()
            for text in [o.name, o.name_en, o.slug, *(o.aliases or [])]
        )
    ]


def categories_listed() -> QuerySet[Category]:
    return Category.objects.annotate(pledge_count=Count("pledges")).order_by(
        "name", "pk"
    )
