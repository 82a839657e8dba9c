"""The feeds index (/feeds/): every feed we publish, with its address."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from commitments.atom.feeds import LANGUAGES
from commitments.models import Category, Owner


@require_safe
def feeds_index(request: HttpRequest) -> HttpResponse:
    def addresses(name: str, *args: str) -> dict[str, str]:
        return {
            lang: request.build_absolute_uri(reverse(name, args=[lang, *args]))
            for lang in LANGUAGES
        }

    return render(
        request,
        "commitments/feeds_index.html",
        {
            "site": addresses("feed-updates"),
            "categories": [
                (c, addresses("feed-category", c.slug))
                for c in Category.objects.order_by("name")
            ],
            "owners": [
                (o, addresses("feed-owner", o.slug))
                for o in Owner.objects.only("slug", "name", "name_en").order_by("name")
            ],
            "pledge_pattern": request.build_absolute_uri("/feeds/")
            + "<ko|en>/pledges/<slug>/",
        },
    )
