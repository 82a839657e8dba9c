from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commitments import selectors


def home(request: HttpRequest) -> HttpResponse:
    pledges = selectors.pledge_list(limit=200)
    return render(request, "commitments/home.html", {"pledges": pledges})


def pledge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pledge = selectors.pledge_detail(slug=slug)
    return render(request, "commitments/pledge_detail.html", {"pledge": pledge})
