"""Celery tasks delivering webhooks, retried with exponential backoff."""

import logging

from celery import Task, shared_task
from kombu.exceptions import OperationalError as BrokerError

from tracker.webhooks import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="tracker.webhooks.tasks.webhook_deliver_task",
    acks_late=True,
    # Nobody reads the result; subscribing to it blocks sends when Redis is down.
    ignore_result=True,
    max_retries=None,  # the service decides when to stop (WEBHOOK_MAX_ATTEMPTS)
)
# The Task annotation is a string: celery's Task is generic only in its stubs.
def webhook_deliver_task(self: "Task[[int], str]", delivery_id: int) -> str:
    outcome = services.webhook_attempt(delivery_id=delivery_id)
    if outcome.retry:
        raise self.retry(countdown=services.backoff_seconds(outcome.attempt))
    return "delivered" if outcome.delivered else "stopped"


def webhook_send(delivery_id: int) -> bool:
    """Hand a delivery to the broker; False when it is down (the delivery
    stays pending in the outbox and the sweeper sends it later)."""
    try:
        webhook_deliver_task.apply_async(args=(delivery_id,), retry=False)
    except BrokerError as exc:
        logger.warning("broker unreachable, webhook %s waits: %s", delivery_id, exc)
        return False
    return True


@shared_task(name="tracker.webhooks.tasks.webhook_sweep_task", ignore_result=True)
def webhook_sweep_task() -> int:
    """Periodic: send outbox rows never sent (the process died after the
    commit) and deliveries whose retry was lost."""
    due = services.deliveries_due()
    for delivery_id in due:
        webhook_send(delivery_id)
    return len(due)
