"""Owners and categories (editors), mounted under /newsroom/."""

from django.urls import path

from tracker.directory import views

urlpatterns = [
    path("owners/", views.owner_list, name="directory-owners"),
    path("owners/new/", views.owner_create, name="directory-owner-new"),
    path("owners/<str:slug>/", views.owner_edit, name="directory-owner"),
    path("owners/<str:slug>/merge/", views.owner_merge, name="directory-owner-merge"),
    path("categories/", views.category_list, name="directory-categories"),
    path("categories/<str:slug>/", views.category_edit, name="directory-category"),
]
