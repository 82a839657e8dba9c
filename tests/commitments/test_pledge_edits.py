"""Editing a published pledge (editors): each edit kept with who, when and
why; public edits reach the corrections log; measured targets stay."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from commitments import services
from commitments.errors import PermissionDenied, ValidationFailed
from commitments.models import AuditEvent, Measurement, Pledge, PledgeEdit, Target
from commitments.services.pledges import TargetInput
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory, TargetFactory

pytestmark = pytest.mark.django_db


def edit(editor, pledge, **changes):
    fields = {
        "title": pledge.title,
        "title_en": pledge.title_en,
        "summary": pledge.summary,
        "owner": pledge.owner,
        "categories": list(pledge.categories.all()),
        "deadline": pledge.deadline,
        "deadline_precision": pledge.deadline_precision,
        "reason": "The headline misquoted the number.",
    }
    fields.update(changes)
    return services.pledge_edit(actor=editor, pledge=pledge, **fields)


def test_an_edit_is_kept_with_who_when_and_why_and_is_public(editor):
    pledge = PledgeFactory(title="주택 1만호 공급")
    kept = edit(editor, pledge, title="주택 10만호 공급", deadline=date(2030, 12, 31))
    pledge.refresh_from_db()
    assert pledge.title == "주택 10만호 공급"
    assert pledge.deadline_precision == "day"
    assert kept.author == editor and kept.is_public
    assert kept.reason == "The headline misquoted the number."
    assert {c["field"] for c in kept.changes} == {
        "title",
        "deadline",
        "deadline_precision",
    }
    assert {
        "field": "title",
        "before": "주택 1만호 공급",
        "after": "주택 10만호 공급",
    } in kept.changes
    audit = AuditEvent.objects.get(action="pledge.edit")
    assert audit.actor == editor and audit.data["reason"] == kept.reason
    latest = pledge.history.first()
    assert latest.history_change_reason == kept.reason
    assert latest.history_user == editor


def test_changing_only_categories_is_kept_but_not_public(editor):
    pledge = PledgeFactory()
    kept = edit(editor, pledge, categories=[CategoryFactory(name="주거")])
    assert not kept.is_public
    assert list(pledge.categories.values_list("name", flat=True)) == ["주거"]


def test_changing_the_owner_is_public_and_drops_a_duplicate_co_owner(editor):
    pledge = PledgeFactory()
    other = OwnerFactory(name="서울특별시")
    pledge.co_owners.add(other)
    kept = edit(editor, pledge, owner=other)
    pledge.refresh_from_db()
    assert pledge.owner == other and not pledge.co_owners.exists()
    assert kept.is_public and kept.changes[0]["field"] == "owner"


def test_journalists_cannot_edit(journalist):
    pledge = PledgeFactory(title="Old")
    with pytest.raises(PermissionDenied):
        edit(journalist, pledge, title="New")
    assert Pledge.objects.get(pk=pledge.pk).title == "Old"


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_edit_needs_a_reason(editor, reason):
    pledge = PledgeFactory(title="Old")
    with pytest.raises(ValidationFailed) as err:
        edit(editor, pledge, title="New", reason=reason)
    assert err.value.code == "reason_required"
    assert not PledgeEdit.objects.exists()


def test_an_edit_that_changes_nothing_is_refused(editor):
    pledge = PledgeFactory()
    with pytest.raises(ValidationFailed) as err:
        edit(editor, pledge)
    assert err.value.code == "nothing_changed"


def test_a_stale_edit_is_refused(editor):
    pledge = PledgeFactory(title="Old")
    version = services.pledge_version(pledge)
    edit(editor, pledge, title="Newer")
    with pytest.raises(Exception) as err:
        edit(editor, pledge, title="Stale", expected_version=version)
    assert getattr(err.value, "code", "") == "stale_form"


def test_targets_can_be_added_changed_and_removed_each_with_a_reason(editor):
    pledge = PledgeFactory()
    added = services.pledge_target_add(
        actor=editor,
        pledge=pledge,
        target=TargetInput(metric="Trees", value="2000000000", unit="trees"),
        reason="The article's second number was missed.",
    )
    changed = services.pledge_target_change(
        actor=editor,
        target=added,
        metric="Trees planted",
        value="3000000000",
        unit="trees",
        reason="Three billion, not two.",
    )
    assert changed.value == Decimal("3000000000")
    services.pledge_target_remove(actor=editor, target=changed, reason="A duplicate.")
    assert not Target.objects.filter(pledge=pledge).exists()
    edits = list(PledgeEdit.objects.filter(pledge=pledge).order_by("id"))
    assert [e.reason for e in edits] == [
        "The article's second number was missed.",
        "Three billion, not two.",
        "A duplicate.",
    ]
    assert all(e.is_public for e in edits)
    assert edits[1].changes[0]["before"].startswith("Trees: 2000000000")
    assert edits[2].changes[0]["after"] == ""


def test_a_target_with_measurements_cannot_be_removed_and_says_why(editor):
    target = TargetFactory()
    Measurement.objects.create(
        target=target,
        value=10,
        as_of=date(2024, 1, 1),
        evidence_url="https://example.org/m",
        author=editor,
    )
    with pytest.raises(ValidationFailed) as err:
        services.pledge_target_remove(actor=editor, target=target, reason="dup")
    assert err.value.code == "target_has_measurements"
    assert "measurements" in err.value.message
    with translation.override("ko"), pytest.raises(ValidationFailed) as err_ko:
        services.pledge_target_remove(actor=editor, target=target, reason="dup")
    assert "측정" in err_ko.value.message
    assert Target.objects.filter(pk=target.pk).exists()


def test_public_edits_appear_in_the_corrections_log_with_their_reason(editor, client):
    pledge = PledgeFactory(title="Bus lanes")
    edit(editor, pledge, title="Bus lanes on 10 roads", reason="Misread the count.")
    edit(
        editor,
        Pledge.objects.get(pk=pledge.pk),
        categories=[CategoryFactory()],
        reason="Filing only (internal).",
    )
    body = client.get(reverse("corrections-log")).content.decode()
    assert "Bus lanes on 10 roads" in body
    assert "Misread the count." in body
    assert "Filing only (internal)." not in body
