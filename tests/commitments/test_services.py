from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commitments import services
from commitments.errors import PermissionDenied, ValidationFailed
from commitments.models import AuditEvent, Measurement, Pledge, StatusUpdate, Target
from commitments.statuses import Status
from tests.factories import OwnerFactory, PledgeFactory, SourceFactory, TargetFactory

pytestmark = pytest.mark.django_db


def make_pledge(editor, **extra):
    source, _ = services.source_store(
        actor=editor,
        body="시장은 2030년까지 공공주택 8만호를 공급하겠다고 밝혔다. 다른 문장.",
    )
    defaults = dict(
        actor=editor,
        title="공공주택 8만호 공급",
        title_en="80,000 public homes",
        owner=OwnerFactory(),
        original_wording="공공주택 8만호를 공급하겠다",
        deadline=date(2030, 12, 31),
        deadline_precision="year",
        targets=[services.TargetInput(metric="Homes", value=80000, unit="호")],
        citation=services.CitationInput(
            source=source,
            quote="시장은 2030년까지 공공주택 8만호를 공급하겠다고 밝혔다.",
        ),
    )
    defaults.update(extra)
    return services.pledge_create(**defaults)


# --- pledge_create -------------------------------------------------------------


def test_editor_creates_a_pledge_with_targets_citation_and_audit_row(editor):
    pledge = make_pledge(editor)
    assert pledge.status == Status.NOT_RATED
    assert pledge.slug == "80000-public-homes"
    assert [t.value for t in pledge.targets.all()] == [Decimal("80000")]
    citation = pledge.citations.get()
    assert (
        citation.source.body[citation.quote_start : citation.quote_end]
        == citation.quote
    )
    assert AuditEvent.objects.filter(
        action="pledge.create", object_id=str(pledge.public_id), actor=editor
    ).exists()


def test_journalist_cannot_create_a_pledge(journalist):
    with pytest.raises(PermissionDenied):
        make_pledge(journalist)
    assert Pledge.objects.count() == 0


def test_reader_without_a_role_cannot_create_a_pledge(reader):
    with pytest.raises(PermissionDenied):
        make_pledge(reader)


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "   "), ("original_wording", ""), ("deadline_precision", "century")],
)
def test_pledge_create_rejects_missing_or_invalid_fields(editor, field, value):
    with pytest.raises(ValidationFailed) as err:
        make_pledge(editor, **{field: value})
    assert err.value.field == field
    assert Pledge.objects.count() == 0


def test_pledge_create_rolls_back_everything_when_a_target_is_invalid(editor):
    with pytest.raises(ValidationFailed):
        make_pledge(
            editor,
            targets=[
                services.TargetInput(metric="ok", value=1),
                services.TargetInput(metric="bad", value="-5"),
            ],
        )
    assert Pledge.objects.count() == 0
    assert Target.objects.count() == 0


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "-1", "1e30"])
def test_target_values_must_be_finite_non_negative_numbers(editor, value):
    with pytest.raises(ValidationFailed):
        make_pledge(editor, targets=[services.TargetInput(metric="m", value=value)])


def test_components_point_at_their_total(editor):
    pledge = make_pledge(
        editor,
        targets=[
            services.TargetInput(metric="total", value=10000, period="per_year"),
            services.TargetInput(
                metric="a", value=4000, period="per_year", component_of=0
            ),
            services.TargetInput(
                metric="b", value=6000, period="per_year", component_of=0
            ),
        ],
    )
    total, *parts = pledge.targets.order_by("position")
    assert [p.component_of_id for p in parts] == [total.pk, total.pk]
    assert sum(p.value for p in total.components.all()) == total.value


def test_a_component_cannot_point_forward(editor):
    with pytest.raises(ValidationFailed):
        make_pledge(
            editor,
            targets=[
                services.TargetInput(metric="a", value=1, component_of=1),
                services.TargetInput(metric="b", value=2),
            ],
        )


def test_citation_quote_must_be_verbatim_in_the_source(editor):
    source = SourceFactory(body="원문에 있는 문장입니다.")
    with pytest.raises(ValidationFailed) as err:
        make_pledge(
            editor,
            citation=services.CitationInput(source=source, quote="원문에 없는 문장"),
        )
    assert err.value.code == "quote_not_in_source"


def test_slugs_stay_unique_when_titles_repeat(editor):
    first = make_pledge(editor)
    second = make_pledge(editor, citation=None)
    assert first.slug != second.slug
    assert second.slug.startswith(first.slug)


# --- source_store --------------------------------------------------------------


def test_the_same_article_is_stored_once_even_with_different_white_space(editor):
    first, created = services.source_store(actor=editor, body="첫 문장.\r\n둘째 문장.")
    again, created_again = services.source_store(
        actor=editor, body="첫 문장.\n  둘째   문장.  "
    )
    assert created and not created_again
    assert first.pk == again.pk


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_empty_article_text_is_refused(editor, body):
    with pytest.raises(ValidationFailed) as err:
        services.source_store(actor=editor, body=body)
    assert err.value.code == "empty_text"


# --- status_update_post --------------------------------------------------------


def test_newsroom_verdict_sets_status_and_records_the_previous_one(editor, journalist):
    pledge = make_pledge(editor)
    update = services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.IN_PROGRESS,
        note="Budget passed.",
        evidence_url="https://example.org/budget",
    )
    second = services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.STALLED,
        note="Works halted.",
        evidence_url="https://example.org/halt",
    )
    pledge.refresh_from_db()
    assert (update.previous_status, update.status) == (
        Status.NOT_RATED,
        Status.IN_PROGRESS,
    )
    assert (second.previous_status, second.status) == (
        Status.IN_PROGRESS,
        Status.STALLED,
    )
    assert pledge.status == Status.STALLED
    assert pledge.last_update_at == second.created_at
    assert (
        AuditEvent.objects.filter(action="status_update.post", actor=journalist).count()
        == 2
    )


def test_official_self_report_does_not_change_our_verdict_but_flags_disagreement(
    editor, journalist
):
    pledge = make_pledge(editor)
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.STALLED,
        note="No progress.",
        evidence_url="https://example.org/a",
    )
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.KEPT,
        note="City says done.",
        kind=StatusUpdate.Kind.OFFICIAL,
        evidence_url="https://seoul.go.kr/report",
    )
    pledge.refresh_from_db()
    assert pledge.status == Status.STALLED
    assert pledge.official_status == Status.KEPT
    assert pledge.has_disagreement is True


def test_agreeing_self_report_is_not_a_disagreement(editor, journalist):
    pledge = make_pledge(editor)
    for kind in (StatusUpdate.Kind.NEWSROOM, StatusUpdate.Kind.OFFICIAL):
        services.status_update_post(
            actor=journalist,
            pledge=pledge,
            status=Status.IN_PROGRESS,
            note="n",
            kind=kind,
            evidence_url="https://example.org/x",
        )
    pledge.refresh_from_db()
    assert pledge.has_disagreement is False


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.NOT_RATED])
def test_every_status_but_not_rated_needs_evidence(editor, journalist, status):
    pledge = make_pledge(editor)
    with pytest.raises(ValidationFailed) as err:
        services.status_update_post(
            actor=journalist, pledge=pledge, status=status, note="n"
        )
    assert err.value.code == "evidence_required"
    assert StatusUpdate.objects.count() == 0


def test_not_rated_needs_no_evidence(editor, journalist):
    pledge = make_pledge(editor)
    update = services.status_update_post(
        actor=journalist, pledge=pledge, status=Status.NOT_RATED, note="Recorded."
    )
    assert update.evidence_url == "" and update.evidence_source is None


def test_a_source_counts_as_evidence(editor, journalist):
    pledge = make_pledge(editor)
    source = SourceFactory()
    update = services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.KEPT,
        note="Done.",
        evidence_source=source,
    )
    assert update.evidence_source == source


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"status": "sort_of_kept"}, "unknown_status"),
        ({"note": "  "}, "note_required"),
        ({"status": Status.UNRATABLE, "note": ""}, "note_required"),
        ({"evidence_url": "javascript:alert(1)"}, "invalid_url"),
        ({"evidence_url": "ftp://example.org/file"}, "invalid_url"),
        ({"kind": "correction"}, "validation_failed"),
    ],
)
def test_status_update_rejects_bad_input_and_writes_nothing(
    editor, journalist, kwargs, code
):
    pledge = make_pledge(editor)
    args = dict(
        actor=journalist,
        pledge=pledge,
        status=Status.KEPT,
        note="n",
        evidence_url="https://e.org",
    )
    args.update(kwargs)
    with pytest.raises(ValidationFailed) as err:
        services.status_update_post(**args)
    assert err.value.code == code
    pledge.refresh_from_db()
    assert pledge.status == Status.NOT_RATED
    assert StatusUpdate.objects.count() == 0


def test_readers_cannot_post_status_updates(editor, reader):
    pledge = make_pledge(editor)
    with pytest.raises(PermissionDenied):
        services.status_update_post(
            actor=reader, pledge=pledge, status=Status.NOT_RATED, note="n"
        )


# --- measurement_record --------------------------------------------------------


def test_journalist_records_a_measurement(journalist):
    target = TargetFactory(unit="호")
    measurement = services.measurement_record(
        actor=journalist,
        target=target,
        value="12500",
        as_of=date(2025, 6, 30),
        unit="호",
        evidence_url="https://example.org/stats",
    )
    assert measurement.value == Decimal("12500")
    assert measurement.author == journalist
    target.pledge.refresh_from_db()
    assert target.pledge.last_update_at == measurement.created_at


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"as_of": timezone.localdate() + timedelta(days=1)}, "future_date"),
        ({"unit": "명"}, "wrong_unit"),
        ({"value": "-3"}, "validation_failed"),
        ({"value": "lots"}, "validation_failed"),
        ({"evidence_url": ""}, "evidence_required"),
        ({"evidence_url": "file:///etc/passwd"}, "invalid_url"),
    ],
)
def test_measurement_rejects_bad_input(journalist, kwargs, code):
    target = TargetFactory(unit="호")
    args = dict(
        actor=journalist,
        target=target,
        value=1,
        as_of=date(2025, 1, 1),
        evidence_url="https://e.org",
    )
    args.update(kwargs)
    with pytest.raises(ValidationFailed) as err:
        services.measurement_record(**args)
    assert err.value.code == code
    assert Measurement.objects.count() == 0


# --- computed flags ------------------------------------------------------------


def test_overdue_and_stale_flags_are_recomputed_in_bulk(settings):
    settings.STALE_AFTER_DAYS = 30
    past = PledgeFactory(deadline=date(2020, 12, 31))
    kept = PledgeFactory(deadline=date(2020, 12, 31), status=Status.KEPT)
    future = PledgeFactory(deadline=date(2999, 1, 1))
    Pledge.objects.filter(pk=future.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    changed = services.pledge_flags_recompute_all()
    flags = {p.pk: (p.is_overdue, p.is_stale) for p in Pledge.objects.all()}
    assert flags[past.pk] == (True, False)
    assert flags[kept.pk] == (False, False)
    assert flags[future.pk] == (False, True)
    assert changed == 2
    assert services.pledge_flags_recompute_all() == 0
