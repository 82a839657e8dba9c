"""The synthetic record is realistic enough to benchmark and look at."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from commitments.models import Measurement, Owner, Pledge, StatusUpdate
from commitments.statuses import STATUS_INFO

pytestmark = pytest.mark.django_db


def test_generate_synthetic_builds_a_varied_record():
    out = io.StringIO()
    call_command(
        "generate_synthetic",
        pledges=400,
        updates=2000,
        measurements=500,
        seed=3,
        stdout=out,
    )
    assert "400 pledges" in out.getvalue()
    assert Pledge.objects.count() == 400
    assert StatusUpdate.objects.count() == 2000
    assert Measurement.objects.count() == 500
    assert set(Pledge.objects.values_list("status", flat=True)) == set(STATUS_INFO)
    today = timezone.localdate()
    assert Pledge.objects.filter(deadline__lt=today).exists()
    assert Pledge.objects.filter(deadline__gt=today).exists()
    assert Pledge.objects.exclude(title_en="").exists()
    assert Pledge.objects.filter(title_en="").exists()
    assert Owner.objects.filter(parent__isnull=False).exists()
    assert Pledge.objects.filter(has_disagreement=True).exists()
    assert StatusUpdate.objects.filter(kind="official").exists()
    # The pledge's status is its latest newsroom verdict.
    for pledge in Pledge.objects.filter(last_update_at__isnull=False)[:50]:
        latest = (
            pledge.status_updates.exclude(kind="official")
            .order_by("-created_at", "-id")
            .first()
        )
        assert latest.status == pledge.status
    # Measurements are never in the future.
    assert not Measurement.objects.filter(as_of__gt=today).exists()


def test_a_second_run_adds_a_new_batch_without_clashing():
    for seed in (1, 1):
        call_command(
            "generate_synthetic",
            pledges=20,
            updates=40,
            measurements=10,
            seed=seed,
            stdout=io.StringIO(),
        )
    assert Pledge.objects.count() == 40
