"""Reads for pages and the API. Selectors own select_related/prefetch_related,
so a page's query count does not grow with the number of pledges."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from commitments.models import Citation, Pledge, StatusUpdate, Target


def pledge_list(*, limit: int | None = None) -> QuerySet[Pledge]:
    queryset = (
        Pledge.objects.select_related("owner")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("position", "id"))
        )
        .order_by("-updated_at", "-id")
    )
    return queryset[:limit] if limit else queryset


def pledge_detail(*, slug: str) -> Pledge:
    queryset = Pledge.objects.select_related("owner", "owner__parent").prefetch_related(
        "categories",
        Prefetch("targets", queryset=Target.objects.order_by("position", "id")),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
        Prefetch(
            "status_updates",
            queryset=StatusUpdate.objects.select_related("author", "evidence_source"),
        ),
    )
    try:
        return queryset.get(slug=slug)
    except Pledge.DoesNotExist as exc:
        raise Http404("No pledge with that address.") from exc
