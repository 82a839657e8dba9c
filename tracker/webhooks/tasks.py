"""Celery task delivering one webhook delivery, retried with exponential backoff."""

from celery import shared_task

from tracker.webhooks import services


@shared_task(
    bind=True,
    name="tracker.webhooks.tasks.webhook_deliver_task",
    acks_late=True,
    max_retries=None,  # the service decides when to stop (WEBHOOK_MAX_ATTEMPTS)
)
def webhook_deliver_task(self, delivery_id: int) -> str:  # type: ignore[no-untyped-def]
    outcome = services.webhook_attempt(delivery_id=delivery_id)
    if outcome.retry:
        raise self.retry(countdown=services.backoff_seconds(outcome.attempt))
    return "delivered" if outcome.delivered else "stopped"


@shared_task(name="tracker.webhooks.tasks.webhook_sweep_task")
def webhook_sweep_task() -> int:
    """Periodic: re-queue deliveries whose retry was lost."""
    due = services.deliveries_due()
    for delivery_id in due:
        webhook_deliver_task.delay(delivery_id)
    return len(due)
