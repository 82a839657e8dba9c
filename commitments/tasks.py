"""Celery tasks for the record: thin wrappers that call one service."""

from celery import shared_task

from commitments import services


@shared_task(name="commitments.tasks.pledge_flags_recompute_task")
def pledge_flags_recompute_task() -> int:
    """Daily: deadlines pass and updates age without anyone touching a pledge."""
    return services.pledge_flags_recompute_all()


@shared_task(name="commitments.tasks.export_dump_task")
def export_dump_task() -> list[str]:
    """Nightly: write today's CSV and JSON dumps of every pledge."""
    from django.conf import settings

    from commitments.api.export import write_dump

    paths = write_dump(today=services.today_local(), base_url=settings.PUBLIC_BASE_URL)
    return [p.name for p in paths]


@shared_task(name="commitments.tasks.export_files_refresh_task")
def export_files_refresh_task() -> list[str]:
    """Build the export files the record's current state lacks (a no-op
    while nothing has changed)."""
    from django.conf import settings

    from commitments.api.export_files import files_refresh

    return files_refresh(settings.PUBLIC_BASE_URL)


@shared_task(name="commitments.tasks.api_documents_refresh_task")
def api_documents_refresh_task() -> int:
    """Build the read API's stored pledge bodies that writes made outdated."""
    from commitments.api.pledge_documents import documents_refresh

    return documents_refresh()
