"""Celery tasks for the record: thin wrappers that call one service."""

from celery import shared_task

from commitments import services


@shared_task(name="commitments.tasks.pledge_flags_recompute_task")
def pledge_flags_recompute_task() -> int:
    """Daily: deadlines pass and updates age without anyone touching a pledge."""
    return services.pledge_flags_recompute_all()
