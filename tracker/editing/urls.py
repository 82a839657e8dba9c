"""Editing published pledges (editors), mounted under /newsroom/."""

from django.urls import path

from tracker.editing import views

urlpatterns = [
    path("pledges/<str:slug>/edit/", views.pledge_edit, name="pledge-edit"),
    path(
        "pledges/<str:slug>/edit/targets/",
        views.target_add,
        name="pledge-edit-target-add",
    ),
    path(
        "pledges/<str:slug>/edit/targets/<int:target_id>/",
        views.target_change,
        name="pledge-edit-target",
    ),
    path(
        "pledges/<str:slug>/edit/targets/<int:target_id>/remove/",
        views.target_remove,
        name="pledge-edit-target-remove",
    ),
]
