from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_role_groups(**kwargs: Any) -> None:
    """The role groups exist after every migrate, and after every flush.

    The data migration creates them once; this keeps them when a database is
    flushed (Django's TransactionTestCase does that between tests, and emits
    post_migrate afterwards).
    """
    from django.contrib.auth.models import Group

    from commitments.roles import EDITORS, JOURNALISTS

    using = kwargs.get("using", "default")
    for name in (JOURNALISTS, EDITORS):
        Group.objects.using(using).get_or_create(name=name)


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Pledge record")

    def ready(self) -> None:
        post_migrate.connect(ensure_role_groups, sender=self)
        from commitments.api import export_files, pledge_documents
        from commitments.summary_cache import connect_invalidation

        connect_invalidation()
        pledge_documents.connect_invalidation()
        export_files.connect_invalidation()
