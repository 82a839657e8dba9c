"""Corrections: a new row points at the original, which stays; the pledge's
status is recomputed from the effective verdicts; the correction is announced
and listed on the public corrections log."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import events, services
from commitments.errors import Conflict, PermissionDenied, ValidationFailed
from commitments.models import AuditEvent, Measurement, StatusUpdate
from commitments.progress import target_progress
from commitments.statuses import Status
from commitments.timeline import pledge_timeline
from tests.factories import PledgeFactory, TargetFactory

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/evidence"


def verdict(actor, pledge, status, kind=StatusUpdate.Kind.NEWSROOM, **extra):
    return services.status_update_post(
        actor=actor,
        pledge=pledge,
        status=status,
        note="Budget passed.",
        kind=kind,
        evidence_url=URL,
        **extra,
    )


@pytest.fixture
def captured_events():
    seen: list[tuple[str, dict]] = []

    def receiver(sender, event_type, payload, **kwargs):
        seen.append((event_type, payload))

    events.record_event.connect(receiver)
    yield seen
    events.record_event.disconnect(receiver)


def test_correcting_the_latest_verdict_changes_the_status_and_keeps_the_original(
    journalist, editor, django_capture_on_commit_callbacks, captured_events
):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    with django_capture_on_commit_callbacks(execute=True):
        correction = services.status_update_correct(
            actor=editor,
            update=original,
            status=Status.PARTIALLY_KEPT,
            reason="Only half of the homes were finished.",
        )
    pledge.refresh_from_db()
    assert pledge.status == Status.PARTIALLY_KEPT
    original.refresh_from_db()
    assert original.status == Status.KEPT  # untouched
    assert correction.corrects == original
    assert correction.kind == StatusUpdate.Kind.CORRECTION
    assert correction.previous_status == Status.KEPT
    assert correction.correction_reason == "Only half of the homes were finished."
    assert correction.evidence_url == URL  # inherited from the original
    assert StatusUpdate.objects.filter(pledge=pledge).count() == 2
    assert [t for t, _ in captured_events] == [events.CORRECTION_PUBLISHED]
    payload = captured_events[0][1]
    assert payload["corrects"] == str(original.public_id)
    assert payload["object"] == "status_update"


def test_correcting_an_older_verdict_does_not_override_a_newer_one(journalist, editor):
    pledge = PledgeFactory()
    old = verdict(journalist, pledge, Status.NOT_STARTED)
    verdict(journalist, pledge, Status.IN_PROGRESS)
    services.status_update_correct(
        actor=editor, update=old, status=Status.STALLED, reason="Misread the date."
    )
    pledge.refresh_from_db()
    assert pledge.status == Status.IN_PROGRESS


def test_correcting_an_official_report_updates_the_disagreement_flag(
    journalist, editor
):
    pledge = PledgeFactory()
    verdict(journalist, pledge, Status.IN_PROGRESS)
    official = verdict(journalist, pledge, Status.KEPT, kind=StatusUpdate.Kind.OFFICIAL)
    pledge.refresh_from_db()
    assert pledge.has_disagreement is True
    services.status_update_correct(
        actor=editor,
        update=official,
        status=Status.IN_PROGRESS,
        reason="The city's table said 추진 중; we copied the wrong row.",
    )
    pledge.refresh_from_db()
    assert pledge.official_status == Status.IN_PROGRESS
    assert pledge.status == Status.IN_PROGRESS
    assert pledge.has_disagreement is False


def test_an_original_can_be_corrected_only_once_then_the_correction_is_corrected(
    journalist, editor
):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    first = services.status_update_correct(
        actor=editor, update=original, status=Status.BROKEN, reason="Wrong."
    )
    with pytest.raises(Conflict) as excinfo:
        services.status_update_correct(
            actor=editor, update=original, status=Status.STALLED, reason="Again."
        )
    assert excinfo.value.code == "already_corrected"
    services.status_update_correct(
        actor=editor, update=first, status=Status.STALLED, reason="Still wrong."
    )
    pledge.refresh_from_db()
    assert pledge.status == Status.STALLED
    assert StatusUpdate.objects.filter(pledge=pledge).count() == 3


def test_a_correction_needs_a_reason_and_a_status_in_the_taxonomy(journalist, editor):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    with pytest.raises(ValidationFailed) as no_reason:
        services.status_update_correct(
            actor=editor, update=original, status=Status.BROKEN, reason="  "
        )
    assert no_reason.value.code == "reason_required"
    with pytest.raises(ValidationFailed) as bad_status:
        services.status_update_correct(
            actor=editor, update=original, status="mostly_kept", reason="x"
        )
    assert bad_status.value.code == "unknown_status"
    assert StatusUpdate.objects.filter(pledge=pledge).count() == 1


def test_journalists_cannot_correct(journalist):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    with pytest.raises(PermissionDenied):
        services.status_update_correct(
            actor=journalist, update=original, status=Status.BROKEN, reason="x"
        )
    assert StatusUpdate.objects.filter(corrects__isnull=False).count() == 0


def test_a_stale_form_cannot_correct(journalist, editor):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    pledge.refresh_from_db()
    opened = services.pledge_version(pledge)
    verdict(journalist, pledge, Status.BROKEN)
    with pytest.raises(Conflict) as excinfo:
        services.status_update_correct(
            actor=editor,
            update=original,
            status=Status.IN_PROGRESS,
            reason="x",
            expected_version=opened,
        )
    assert excinfo.value.code == "stale_form"


def test_correcting_a_measurement_replaces_it_in_progress_and_keeps_it(
    journalist, editor
):
    target = TargetFactory(value=Decimal(100))
    original = services.measurement_record(
        actor=journalist,
        target=target,
        value=90,
        as_of=date(2024, 1, 1),
        evidence_url=URL,
    )
    correction = services.measurement_correct(
        actor=editor, measurement=original, value=60, reason="Typo: 60, not 90."
    )
    assert correction.as_of == date(2024, 1, 1)
    assert correction.evidence_url == URL
    assert Measurement.objects.filter(pk=original.pk).exists()
    progress = target_progress(target, list(target.measurements.all()))
    assert progress.current == Decimal(60)


def test_a_measurement_correction_cannot_be_dated_in_the_future(journalist, editor):
    target = TargetFactory()
    original = services.measurement_record(
        actor=journalist,
        target=target,
        value=1,
        as_of=date(2024, 1, 1),
        evidence_url=URL,
    )
    with pytest.raises(ValidationFailed) as excinfo:
        services.measurement_correct(
            actor=editor,
            measurement=original,
            value=2,
            as_of=timezone.localdate() + timedelta(days=1),
            reason="x",
        )
    assert excinfo.value.code == "future_date"


def test_the_timeline_shows_the_original_as_corrected_with_the_reason(
    journalist, editor
):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    correction = services.status_update_correct(
        actor=editor, update=original, status=Status.BROKEN, reason="Wrong year."
    )
    entries = pledge_timeline(pledge=pledge)
    assert [e.kind for e in entries] == ["correction", "status"]
    assert entries[1].corrected_by == correction
    assert entries[0].of == "status"


def test_the_public_corrections_log_lists_each_correction_and_its_delay(
    client, journalist, editor
):
    # No English title: English readers see the Korean one.
    pledge = PledgeFactory(title="공공주택 공급", title_en="")
    original = verdict(journalist, pledge, Status.KEPT)
    StatusUpdate.objects.filter(pk=original.pk).update(
        created_at=timezone.now() - timedelta(days=12)
    )
    original.refresh_from_db()
    services.status_update_correct(
        actor=editor, update=original, status=Status.BROKEN, reason="Wrong year."
    )
    target = TargetFactory(pledge=pledge, metric="Homes finished")
    m = services.measurement_record(
        actor=journalist,
        target=target,
        value=5,
        as_of=date(2024, 1, 1),
        evidence_url=URL,
    )
    services.measurement_correct(actor=editor, measurement=m, value=3, reason="Typo.")
    response = client.get(reverse("corrections-log"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wrong year." in html and "Typo." in html
    assert "12 days after the original" in html
    assert "the same day as the original" in html
    assert "공공주택 공급" in html


def test_every_correction_leaves_an_audit_row(journalist, editor):
    pledge = PledgeFactory()
    original = verdict(journalist, pledge, Status.KEPT)
    correction = services.status_update_correct(
        actor=editor, update=original, status=Status.BROKEN, reason="Wrong."
    )
    row = AuditEvent.objects.get(action="status_update.correct")
    assert row.actor == editor
    assert row.object_id == str(correction.public_id)
    assert row.data["before"] == Status.KEPT and row.data["after"] == Status.BROKEN


def test_latest_reports_place_a_correction_where_its_original_sits(journalist, editor):
    from commitments.timeline import latest_reports

    pledge = PledgeFactory()
    old = verdict(journalist, pledge, Status.NOT_STARTED)
    newer = verdict(journalist, pledge, Status.IN_PROGRESS)
    official = verdict(journalist, pledge, Status.KEPT, kind=StatusUpdate.Kind.OFFICIAL)
    services.status_update_correct(
        actor=editor, update=old, status=Status.STALLED, reason="r"
    )
    fixed_official = services.status_update_correct(
        actor=editor, update=official, status=Status.STALLED, reason="r"
    )
    latest = latest_reports(StatusUpdate.objects.filter(pledge=pledge))
    assert latest["newsroom"] == newer
    assert latest["official"] == fixed_official
