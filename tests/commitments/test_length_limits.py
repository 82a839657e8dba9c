"""Over-long input is refused with `too_long`, never cut: the record stores
exactly what was given or nothing."""

import pytest

from commitments import services
from commitments.errors import ValidationFailed
from commitments.models import Pledge, Source, Target
from tests.commitments.test_services import make_pledge

pytestmark = pytest.mark.django_db


def refused(call, *, field: str) -> ValidationFailed:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as caught:
        call()
    assert caught.value.code == "too_long"
    assert caught.value.field == field
    return caught.value


@pytest.mark.parametrize("name", ["title", "title_en"])
def test_a_pledge_title_one_character_too_long_is_refused(editor, name):
    error = refused(lambda: make_pledge(editor, **{name: "가" * 301}), field=name)
    assert "300" in error.message and "301" in error.message
    assert not Pledge.objects.exists()


def test_a_title_of_exactly_the_limit_is_stored_whole(editor):
    pledge = make_pledge(editor, title="가" * 300)
    assert pledge.title == "가" * 300


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({"metric": "m" * 301}, "targets.0.metric"),
        ({"metric": "Homes", "unit": "u" * 41}, "targets.0.unit"),
        ({"metric": "Homes", "text": "t" * 201}, "targets.0.text"),
    ],
)
def test_an_over_long_target_field_refuses_the_whole_pledge(editor, spec, field):
    target = services.TargetInput(value=1, **spec)
    refused(lambda: make_pledge(editor, targets=[target]), field=field)
    assert not Pledge.objects.exists()
    assert not Target.objects.exists()


def test_adding_an_over_long_target_to_a_pledge_changes_nothing(editor):
    pledge = make_pledge(editor)
    before = list(pledge.targets.values_list("metric", flat=True))
    refused(
        lambda: services.pledge_targets_add(
            actor=editor,
            pledge=pledge,
            targets=[services.TargetInput(metric="x", value=5, unit="u" * 41)],
        ),
        field="targets.0.unit",
    )
    assert list(pledge.targets.values_list("metric", flat=True)) == before


@pytest.mark.parametrize(
    ("name", "limit"), [("title", 500), ("publisher", 200), ("language", 8)]
)
def test_a_source_with_an_over_long_field_is_not_stored(editor, name, limit):
    refused(
        lambda: services.source_store(
            actor=editor, body="기사 본문.", **{name: "x" * (limit + 1)}
        ),
        field=name,
    )
    assert not Source.objects.exists()


def test_a_web_address_over_2000_characters_is_refused(editor):
    url = "https://example.org/" + "a" * 1981
    refused(
        lambda: services.source_store(actor=editor, body="기사 본문.", url=url),
        field="url",
    )
    assert not Source.objects.exists()
