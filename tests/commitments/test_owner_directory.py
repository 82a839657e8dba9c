"""Owners and categories kept by editors: create, edit, aliases, parents, and
merging duplicates (pledges, links, names and history move; the old address
answers 301)."""

import pytest
from django.urls import reverse

from commitments import services
from commitments.errors import PermissionDenied, ValidationFailed
from commitments.models import AuditEvent, Owner, OwnerRedirect, Pledge
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def test_an_editor_creates_and_edits_an_owner_with_aliases_and_a_parent(editor):
    city = services.owner_save(actor=editor, name="서울특별시", name_en="Seoul")
    assert city.slug == "seoul"
    mayor = services.owner_save(
        actor=editor,
        name="서울시장",
        name_en="Mayor of Seoul",
        kind=Owner.Kind.PERSON,
        parent=city,
        aliases=["오 시장", " 오 시장 ", "서울시장", ""],
    )
    assert mayor.parent == city and mayor.aliases == ["오 시장"]
    with pytest.raises(ValidationFailed) as err:
        services.owner_save(actor=editor, owner=city, name=city.name, parent=mayor)
    assert err.value.code == "parent_cycle"
    assert AuditEvent.objects.filter(action="owner.create").count() == 2


def test_journalists_cannot_manage_owners(journalist):
    with pytest.raises(PermissionDenied):
        services.owner_save(actor=journalist, name="정부")


def test_a_renamed_owner_address_redirects(editor, client):
    owner = OwnerFactory(slug="old-name", name="정부")
    services.owner_save(actor=editor, owner=owner, name="대한민국 정부", slug="korea")
    response = client.get(reverse("owner-detail", args=["old-name"]))
    assert response.status_code == 301
    assert response["Location"] == reverse("owner-detail", args=["korea"])


def test_merging_moves_pledges_links_names_children_and_history(editor, client):
    survivor = OwnerFactory(
        slug="government", name="대한민국 정부", name_en="Government"
    )
    duplicate = OwnerFactory(
        slug="jeongbu", name="정부", name_en="", aliases=["중앙정부"]
    )
    child = OwnerFactory(parent=duplicate)
    own = PledgeFactory(owner=duplicate, title="Owned by the duplicate")
    co = PledgeFactory(title="Co-owned")
    co.co_owners.add(duplicate)
    both = PledgeFactory(owner=survivor, title="Survivor owns it")
    both.co_owners.add(duplicate)
    services.owner_merge(actor=editor, duplicate=duplicate, survivor=survivor)
    assert not Owner.objects.filter(pk=duplicate.pk).exists()
    assert Pledge.objects.get(pk=own.pk).owner == survivor
    assert list(Pledge.objects.get(pk=co.pk).co_owners.all()) == [survivor]
    assert not Pledge.objects.get(pk=both.pk).co_owners.exists()
    survivor.refresh_from_db()
    assert survivor.aliases == ["정부", "중앙정부"]
    assert Owner.objects.get(pk=child.pk).parent == survivor
    assert not Pledge.history.filter(owner_id=duplicate.pk).exists()
    assert Pledge.history.filter(id=own.pk, owner_id=survivor.pk).exists()
    assert OwnerRedirect.objects.get(old_slug="jeongbu").owner == survivor
    response = client.get(reverse("owner-detail", args=["jeongbu"]))
    assert response.status_code == 301
    assert response["Location"] == reverse("owner-detail", args=["government"])
    assert AuditEvent.objects.filter(action="owner.merge").exists()


def test_merging_twice_keeps_the_first_address_pointing_at_the_last_survivor(editor):
    a, b, c = OwnerFactory(slug="a"), OwnerFactory(slug="b"), OwnerFactory(slug="c")
    services.owner_merge(actor=editor, duplicate=a, survivor=b)
    services.owner_merge(actor=editor, duplicate=b, survivor=c)
    assert OwnerRedirect.objects.get(old_slug="a").owner == c
    with pytest.raises(ValidationFailed):
        services.owner_save(actor=editor, name="New", slug="a")


def test_an_owner_cannot_merge_into_itself(editor):
    owner = OwnerFactory()
    with pytest.raises(ValidationFailed) as err:
        services.owner_merge(actor=editor, duplicate=owner, survivor=owner)
    assert err.value.code == "same_owner"


def test_an_unknown_owner_address_is_still_404(client):
    assert client.get(reverse("owner-detail", args=["nobody"])).status_code == 404


def test_categories_are_created_and_edited_with_both_names(editor):
    category = services.category_save(actor=editor, name="주거", name_en="Housing")
    assert category.slug == "housing"
    services.category_save(
        actor=editor, category=category, name="주거·부동산", name_en="Housing"
    )
    category.refresh_from_db()
    assert category.name == "주거·부동산"
    CategoryFactory(slug="transport")
    with pytest.raises(ValidationFailed) as err:
        services.category_save(actor=editor, name="교통", slug="transport")
    assert err.value.code == "slug_taken"
