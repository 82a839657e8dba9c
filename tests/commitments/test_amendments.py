"""Amendments: official changes recorded with reason and date; the original
wording and targets stay visible."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commitments import services
from commitments.errors import Conflict, PermissionDenied, ValidationFailed
from commitments.models import Amendment, AuditEvent, Target
from commitments.timeline import pledge_timeline
from tests.factories import PledgeFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_an_amendment_records_wording_before_and_after_and_keeps_the_original(editor):
    pledge = PledgeFactory(original_wording="주택 10만호를 2026년까지 공급")
    amendment = services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 3, 1),
        reason="부지 확보 지연",
        wording_after="주택 8만호를 2028년까지 공급",
    )
    pledge.refresh_from_db()
    assert pledge.original_wording == "주택 10만호를 2026년까지 공급"
    assert amendment.wording_before == "주택 10만호를 2026년까지 공급"
    assert amendment.wording_after == "주택 8만호를 2028년까지 공급"
    assert services.pledge_current_wording(pledge) == "주택 8만호를 2028년까지 공급"
    second = services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 9, 1),
        reason="예산 조정",
        wording_after="주택 7만호를 2028년까지 공급",
    )
    assert second.wording_before == "주택 8만호를 2028년까지 공급"


def test_target_changes_keep_the_old_value_in_the_amendment_and_history(editor):
    target = TargetFactory(value=Decimal(100000))
    pledge = target.pledge
    amendment = services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 3, 1),
        reason="사업 축소",
        target_changes=[
            services.TargetChange(target_id=target.pk, field="value", after="80000")
        ],
        deadline_after=date(2028, 12, 31),
    )
    target.refresh_from_db()
    pledge.refresh_from_db()
    assert target.value == Decimal(80000)
    assert pledge.deadline == date(2028, 12, 31)
    change = amendment.target_changes[0]
    assert change["field"] == "value"
    assert Decimal(change["before"]) == Decimal(100000)
    assert Decimal(change["after"]) == Decimal(80000)
    assert amendment.target_changes[1]["field"] == "deadline"
    old_values = [Decimal(v) for v in target.history.values_list("value", flat=True)]
    assert Decimal(100000) in old_values


def test_amendments_need_a_reason_a_change_and_a_past_date(editor):
    pledge = PledgeFactory()
    with pytest.raises(ValidationFailed) as no_reason:
        services.amendment_record(
            actor=editor,
            pledge=pledge,
            changed_on=date(2024, 1, 1),
            reason="",
            wording_after="x",
        )
    assert no_reason.value.code == "reason_required"
    with pytest.raises(ValidationFailed) as nothing:
        services.amendment_record(
            actor=editor, pledge=pledge, changed_on=date(2024, 1, 1), reason="r"
        )
    assert nothing.value.code == "nothing_changed"
    with pytest.raises(ValidationFailed) as future:
        services.amendment_record(
            actor=editor,
            pledge=pledge,
            changed_on=timezone.localdate() + timedelta(days=1),
            reason="r",
            wording_after="x",
        )
    assert future.value.code == "future_date"
    assert not Amendment.objects.exists()


def test_a_target_of_another_pledge_cannot_be_amended(editor):
    pledge = PledgeFactory()
    foreign = TargetFactory()
    with pytest.raises(ValidationFailed):
        services.amendment_record(
            actor=editor,
            pledge=pledge,
            changed_on=date(2024, 1, 1),
            reason="r",
            target_changes=[
                services.TargetChange(target_id=foreign.pk, field="value", after=1)
            ],
        )
    foreign.refresh_from_db()
    assert foreign.value == Decimal(100000)


def test_journalists_cannot_record_amendments(journalist):
    pledge = PledgeFactory()
    with pytest.raises(PermissionDenied):
        services.amendment_record(
            actor=journalist,
            pledge=pledge,
            changed_on=date(2024, 1, 1),
            reason="r",
            wording_after="x",
        )
    assert not Amendment.objects.exists()


def test_a_stale_form_cannot_amend(editor, journalist):
    pledge = PledgeFactory()
    opened = services.pledge_version(pledge)
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status="in_progress",
        note="n",
        evidence_url="https://example.org/a",
    )
    with pytest.raises(Conflict):
        services.amendment_record(
            actor=editor,
            pledge=pledge,
            changed_on=date(2024, 1, 1),
            reason="r",
            wording_after="x",
            expected_version=opened,
        )
    assert not Amendment.objects.exists()


def test_amendments_appear_on_the_timeline_and_leave_an_audit_row(editor):
    pledge = PledgeFactory()
    amendment = services.amendment_record(
        actor=editor,
        pledge=pledge,
        changed_on=date(2024, 1, 1),
        reason="r",
        wording_after="x",
    )
    assert [e.obj for e in pledge_timeline(pledge=pledge)] == [amendment]
    row = AuditEvent.objects.get(action="amendment.record")
    assert row.actor == editor and row.data["reason"] == "r"
    assert Target.objects.count() == 0
