"""Readers' reports inbox (editors), mounted under /newsroom/."""

from django.urls import path

from tracker.reader_reports import views

urlpatterns = [
    path("reports/", views.inbox, name="reader-reports"),
    path("reports/<uuid:public_id>/close/", views.close, name="reader-report-close"),
]
