"""The public corrections log, mounted at /corrections/."""

from django.urls import path

from commitments import corrections_views

urlpatterns = [
    path("", corrections_views.corrections_log, name="corrections-log"),
]
