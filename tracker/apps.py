from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Newsroom workflow")

    def ready(self) -> None:
        # Webhooks listen to the record's events (commitments never imports us).
        from tracker.webhooks import receivers

        receivers.connect()
