"""A real round trip: a task goes through Redis to a worker subprocess and back."""

import time
from datetime import date

import pytest
from django.db import transaction

from commitments.models import Pledge
from commitments.tasks import pledge_flags_recompute_task
from config.celery import ping
from tests.factories import PledgeFactory
from tests.services import require_redis, start_worker, stop_worker


@pytest.fixture
def worker(transactional_db):
    require_redis()
    process = start_worker("roundtrip")
    yield process
    stop_worker(process)


@pytest.mark.services
def test_a_task_round_trips_through_redis_and_a_real_worker(worker):
    result = ping.apply_async(args=[41])
    assert result.get(timeout=30) == 42


@pytest.mark.services
def test_the_worker_writes_to_the_same_database(worker):
    pledge = PledgeFactory(deadline=date(2001, 1, 1))
    assert pledge.is_overdue is False
    assert pledge_flags_recompute_task.apply_async().get(timeout=30) == 1
    pledge.refresh_from_db()
    assert pledge.is_overdue is True


@pytest.mark.services
def test_delay_on_commit_sends_after_the_transaction_commits(worker):
    with transaction.atomic():
        pledge = PledgeFactory(deadline=date(2001, 1, 1))
        # Deferred: nothing is sent while the transaction is open, so the worker
        # can never look for a row it cannot see yet.
        assert pledge_flags_recompute_task.delay_on_commit() is None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pledge.refresh_from_db()
        if pledge.is_overdue:
            break
        time.sleep(0.2)
    assert pledge.is_overdue is True


def test_tasks_run_in_process_when_no_redis_is_configured(
    settings, db, django_capture_on_commit_callbacks
):
    if settings.REDIS_URL:
        pytest.skip("this run uses Redis")
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    PledgeFactory(deadline=date(2001, 1, 1))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert pledge_flags_recompute_task.delay_on_commit() is None
        assert Pledge.objects.filter(is_overdue=True).count() == 0
    assert len(callbacks) == 1
    assert Pledge.objects.filter(is_overdue=True).count() == 1
