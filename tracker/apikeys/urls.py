"""API keys (create, list, revoke), under /newsroom/."""

from django.urls import path

from tracker.apikeys import views

urlpatterns = [
    path("api-keys/", views.api_keys, name="api-keys"),
    path(
        "api-keys/<int:key_id>/revoke/",
        views.api_key_revoke_view,
        name="api-key-revoke",
    ),
]
