"""Spreadsheet import (editors), mounted under /newsroom/."""

from django.urls import path

from tracker.spreadsheet_import import views

urlpatterns = [
    path("import/", views.upload, name="spreadsheet-import"),
    path("import/confirm/", views.confirm, name="spreadsheet-import-confirm"),
    path(
        "import/template.<str:kind>", views.template_file, name="spreadsheet-template"
    ),
]
