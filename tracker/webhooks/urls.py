"""Webhook subscribers, for editors."""

from django.urls import path

from tracker.webhooks import views as webhooks

urlpatterns = [
    path("webhooks/", webhooks.webhooks, name="webhooks"),
    path(
        "webhooks/<uuid:public_id>/delete/",
        webhooks.webhook_delete,
        name="webhook-delete",
    ),
    path(
        "webhooks/<uuid:public_id>/enable/",
        webhooks.webhook_enable,
        name="webhook-enable",
    ),
]
