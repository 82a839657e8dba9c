"""The database itself refuses broken rows, whatever code writes them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from commitments.models import Pledge, StatusUpdate, Target
from tests.factories import PledgeFactory, SourceFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db


def refused(fn) -> bool:
    try:
        with transaction.atomic():
            fn()
    except IntegrityError:
        return True
    return False


def test_pledge_status_must_be_in_the_taxonomy():
    pledge = PledgeFactory()
    assert refused(lambda: Pledge.objects.filter(pk=pledge.pk).update(status="sort_of"))
    assert refused(
        lambda: Pledge.objects.filter(pk=pledge.pk).update(official_status="meh")
    )


def test_pledge_slugs_are_unique():
    PledgeFactory(slug="same")
    assert refused(lambda: PledgeFactory(slug="same"))


def test_source_content_hash_is_unique():
    source = SourceFactory()
    assert refused(
        lambda: SourceFactory(body=source.body, content_hash=source.content_hash)
    )


@pytest.mark.parametrize("field", ["value", "baseline_value"])
def test_target_values_are_not_negative(field):
    target = TargetFactory()
    assert refused(
        lambda: Target.objects.filter(pk=target.pk).update(**{field: Decimal("-1")})
    )


def test_status_update_without_evidence_is_refused_unless_not_rated():
    pledge = PledgeFactory()
    author = UserFactory()
    common = dict(pledge=pledge, previous_status="not_rated", note="n", author=author)
    assert refused(lambda: StatusUpdate.objects.create(status="kept", **common))
    StatusUpdate.objects.create(status="not_rated", **common)


def test_a_cited_source_cannot_be_deleted(editor):
    from commitments.models import Citation

    pledge = PledgeFactory()
    source = SourceFactory()
    Citation.objects.create(
        pledge=pledge, source=source, quote="q", quote_start=0, quote_end=1
    )
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        source.delete()
