"""The public corrections log, mounted at /corrections/."""

from django.urls import path

from commitments.corrections import views

urlpatterns = [
    path("", views.corrections_log, name="corrections-log"),
]
