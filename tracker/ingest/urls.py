"""Article submission, under /newsroom/."""

from django.urls import path

from tracker.ingest import views

urlpatterns = [
    path("submit/", views.submit_article, name="submit-article"),
]
