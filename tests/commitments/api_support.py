"""Shared set-up for the public API tests."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection

from commitments import services
from commitments.api import caching
from commitments.models import Citation, Pledge
from tests.factories import (
    CategoryFactory,
    OwnerFactory,
    PledgeFactory,
    SourceFactory,
    TargetFactory,
)
from tests.services import services_required


def skip_without_postgres() -> None:
    """Skip a module of transactional PostgreSQL tests before any database
    set-up (a skipped transactional test would still flush the database),
    unless REQUIRE_SERVICES makes the missing service a failure."""
    if connection.vendor != "postgresql" and not services_required():
        pytest.skip(
            "DATABASE_URL does not point at PostgreSQL", allow_module_level=True
        )


@pytest.fixture
def api_settings(settings):
    """No settle delay (rows are visible at once) and fresh rate-limit counts."""
    settings.API_SYNC_SETTLE_SECONDS = 0
    settings.API_SYNC_CLOCK_MARGIN_SECONDS = 0
    cache.clear()
    caching.clear_local()
    yield settings
    cache.clear()
    caching.clear_local()


def full_pledge(journalist, **kwargs) -> Pledge:
    """A pledge with a category, a measured target, a citation and a verdict."""
    owner = kwargs.pop("owner", None) or OwnerFactory()
    pledge = PledgeFactory(owner=owner, made_on=date(2024, 1, 1), **kwargs)
    pledge.categories.add(CategoryFactory())
    target = TargetFactory(
        pledge=pledge, value=Decimal("1000"), deadline=date(2030, 1, 1)
    )
    source = SourceFactory()
    Citation.objects.create(pledge=pledge, source=source, quote="주택 1000호를 공급")
    services.measurement_record(
        actor=journalist,
        target=target,
        value=250,
        as_of=date(2025, 1, 1),
        evidence_url="https://example.org/m",
    )
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status="in_progress",
        note="착공했다.",
        evidence_url="https://example.org/e",
    )
    pledge.refresh_from_db()
    return pledge
