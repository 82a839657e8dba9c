"""Every write leaves who, when and what; a correction never deletes."""

from datetime import date

import pytest
from django.db.models import ProtectedError
from django.utils import timezone

from commitments import services
from commitments.models import AuditEvent, Measurement, StatusUpdate
from commitments.statuses import Status
from tests.factories import PledgeFactory, TargetFactory
from tracker.desk.services import pledge_follow, pledge_unfollow

pytestmark = pytest.mark.django_db

URL = "https://example.org/evidence"


def test_every_desk_write_leaves_who_when_and_what(journalist, editor):
    target = TargetFactory()
    pledge = target.pledge
    started = timezone.now()
    update = services.status_update_post(
        actor=journalist, pledge=pledge, status=Status.KEPT, note="n", evidence_url=URL
    )
    measurement = services.measurement_record(
        actor=journalist,
        target=target,
        value=5,
        as_of=date(2024, 1, 1),
        evidence_url=URL,
    )
    fix = services.status_update_correct(
        actor=editor, update=update, status=Status.BROKEN, reason="wrong"
    )
    mfix = services.measurement_correct(
        actor=editor, measurement=measurement, value=4, reason="typo"
    )
    amendment = services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 1, 1),
        reason="r",
        wording_after="x",
    )
    pledge_follow(user=journalist, pledge=pledge)
    pledge_unfollow(user=journalist, pledge=pledge)

    expected = [
        ("status_update.post", journalist, str(update.public_id)),
        ("measurement.record", journalist, str(measurement.public_id)),
        ("status_update.correct", editor, str(fix.public_id)),
        ("measurement.correct", editor, str(mfix.public_id)),
        ("amendment.record", editor, str(amendment.pk)),
        ("pledge.follow", journalist, str(pledge.public_id)),
        ("pledge.unfollow", journalist, str(pledge.public_id)),
    ]
    rows = list(AuditEvent.objects.order_by("at", "id"))
    assert [(r.action, r.actor, r.object_id) for r in rows] == expected
    assert all(r.at >= started for r in rows)
    assert all(r.data for r in rows)


def test_a_correction_never_deletes_and_the_original_cannot_be_deleted(
    journalist, editor
):
    target = TargetFactory()
    pledge = target.pledge
    update = services.status_update_post(
        actor=journalist, pledge=pledge, status=Status.KEPT, note="n", evidence_url=URL
    )
    measurement = services.measurement_record(
        actor=journalist,
        target=target,
        value=5,
        as_of=date(2024, 1, 1),
        evidence_url=URL,
    )
    services.status_update_correct(
        actor=editor, update=update, status=Status.BROKEN, reason="wrong"
    )
    services.measurement_correct(
        actor=editor, measurement=measurement, value=4, reason="typo"
    )
    assert StatusUpdate.objects.filter(pk=update.pk).exists()
    assert Measurement.objects.filter(pk=measurement.pk).exists()
    assert StatusUpdate.objects.count() == 2 and Measurement.objects.count() == 2
    with pytest.raises(ProtectedError):
        update.delete()
    with pytest.raises(ProtectedError):
        measurement.delete()


def test_pledge_edits_keep_field_level_history_with_the_user(client, editor):
    pledge = PledgeFactory(deadline=date(2026, 12, 31))
    client.force_login(editor)
    services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 1, 1),
        reason="연기",
        deadline_after=date(2028, 12, 31),
    )
    versions = list(pledge.history.order_by("history_date"))
    delta = versions[-1].diff_against(versions[-2])
    assert "deadline" in delta.changed_fields
    change = next(c for c in delta.changes if c.field == "deadline")
    assert change.old == date(2026, 12, 31) and change.new == date(2028, 12, 31)
