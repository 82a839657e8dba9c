"""The Atom feeds we publish, mounted at /feeds/: the index at /feeds/,
/feeds/<ko|en>/updates/ and the same per pledge, owner and category."""

from django.urls import path

from commitments.atom import feeds, views

urlpatterns = [
    path("", views.feeds_index, name="feeds-index"),
    path("<str:language>/updates/", feeds.UpdatesFeed(), name="feed-updates"),
    path(
        "<str:language>/pledges/<str:slug>/",
        feeds.PledgeUpdatesFeed(),
        name="feed-pledge",
    ),
    path(
        "<str:language>/owners/<str:slug>/",
        feeds.OwnerUpdatesFeed(),
        name="feed-owner",
    ),
    path(
        "<str:language>/categories/<str:slug>/",
        feeds.CategoryUpdatesFeed(),
        name="feed-category",
    ),
]
