"""Owners and categories pages (editors): create, edit, merge, and a fresh
tracker's accept form lists the categories editors create."""

import pytest
from django.urls import reverse

from commitments.models import Category, Owner, OwnerRedirect, Pledge
from tests.factories import OwnerFactory, PledgeFactory
from tracker.review.forms import AcceptForm

pytestmark = pytest.mark.django_db


def test_only_editors_manage_owners(client, journalist):
    client.force_login(journalist)
    assert client.get(reverse("directory-owners")).status_code == 403
    assert (
        client.post(reverse("directory-owner-new"), {"name": "정부"}).status_code == 403
    )
    assert not Owner.objects.exists()


def test_an_editor_creates_finds_and_edits_an_owner(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("directory-owner-new"),
        {
            "name": "서울특별시",
            "name_en": "Seoul",
            "kind": "organisation",
            "aliases": "서울시\n서울",
        },
    )
    assert response.status_code == 302
    owner = Owner.objects.get(slug="seoul")
    assert owner.aliases == ["서울시", "서울"]
    listing = client.get(reverse("directory-owners"), {"q": "서울시"}).content.decode()
    assert "서울특별시" in listing
    response = client.post(
        reverse("directory-owner", args=["seoul"]),
        {
            "name": "서울특별시",
            "name_en": "Seoul City",
            "kind": "organisation",
            "aliases": "",
            "slug": "seoul",
        },
    )
    assert response.status_code == 302
    assert Owner.objects.get(pk=owner.pk).name_en == "Seoul City"


def test_an_owner_without_a_name_is_a_422(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("directory-owner-new"), {"name": "", "kind": "organisation"}
    )
    assert response.status_code == 422
    assert not Owner.objects.exists()


def test_merging_on_the_page_moves_pledges_and_redirects(client, editor):
    survivor = OwnerFactory(slug="government", name="대한민국 정부")
    duplicate = OwnerFactory(slug="jeongbu", name="정부")
    pledge = PledgeFactory(owner=duplicate)
    client.force_login(editor)
    response = client.post(
        reverse("directory-owner-merge", args=["jeongbu"]),
        {"survivor": str(survivor.pk)},
    )
    assert response.status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).owner == survivor
    assert OwnerRedirect.objects.filter(old_slug="jeongbu").exists()
    assert client.get(reverse("owner-detail", args=["jeongbu"])).status_code == 301


def test_merging_into_itself_is_refused(client, editor):
    owner = OwnerFactory(slug="solo")
    client.force_login(editor)
    response = client.post(
        reverse("directory-owner-merge", args=["solo"]), {"survivor": str(owner.pk)}
    )
    assert response.status_code == 422
    assert Owner.objects.filter(pk=owner.pk).exists()


def test_categories_created_here_fill_the_accept_form(client, editor):
    assert not AcceptForm().fields["categories"].queryset.exists()
    client.force_login(editor)
    response = client.post(
        reverse("directory-categories"),
        {"name": "주거", "name_en": "Housing", "slug": ""},
    )
    assert response.status_code == 302
    assert [c.slug for c in AcceptForm().fields["categories"].queryset] == ["housing"]
    response = client.post(
        reverse("directory-category", args=["housing"]),
        {"name": "주거·부동산", "name_en": "Housing", "slug": "housing"},
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="housing").name == "주거·부동산"
    assert client.get(reverse("category-detail", args=["housing"])).status_code == 200


def test_a_taken_category_slug_is_a_clear_error(client, editor):
    Category.objects.create(slug="housing", name="주거")
    client.force_login(editor)
    response = client.post(
        reverse("directory-categories"), {"name": "주택", "slug": "housing"}
    )
    assert response.status_code == 422
    assert "already used" in response.content.decode()


def test_the_newsroom_menu_links_editors_to_owners_and_import(
    client, editor, journalist
):
    client.force_login(editor)
    page = client.get(reverse("desk")).content.decode()
    assert reverse("directory-owners") in page and reverse("spreadsheet-import") in page
    client.force_login(journalist)
    page = client.get(reverse("desk")).content.decode()
    assert reverse("directory-owners") not in page
