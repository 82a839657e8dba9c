"""Build the read API's stored pledge bodies that are missing or outdated.

    manage.py refresh_api_documents

Reads build what is missing on their own; this moves the work off the
request path after a bulk load (`generate_synthetic`, a restore). The same
runs every ten minutes under Celery beat.
"""

from typing import Any

from django.core.management.base import BaseCommand

from commitments.api.pledge_documents import documents_refresh


class Command(BaseCommand):
    help = "Build the read API's stored pledge bodies that are missing or outdated."

    def handle(self, *args: Any, **options: Any) -> None:
        built = documents_refresh()
        self.stdout.write(f"Built {built} pledge documents.")
