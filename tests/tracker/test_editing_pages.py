"""The pledge edit page: editors only, CSRF, every field and the targets,
bad input as a 422 form error with the stored pledge untouched."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from commitments import services
from commitments.models import Measurement, Pledge, PledgeEdit, Target
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory, TargetFactory

pytestmark = pytest.mark.django_db


def form_data(pledge: Pledge, **extra: object) -> dict:
    pledge.refresh_from_db()
    data = {
        "title": pledge.title,
        "title_en": pledge.title_en,
        "summary": pledge.summary,
        "owner": str(pledge.owner_id),
        "deadline": "",
        "deadline_precision": "",
        "reason": "Typo in the headline.",
        "version": services.pledge_version(pledge),
    }
    data.update(extra)
    return data


def test_only_editors_open_the_edit_page(client, journalist, editor):
    pledge = TargetFactory(value=100000).pledge
    url = reverse("pledge-edit", args=[pledge.slug])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(journalist)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(pledge, title="X")).status_code == 403
    client.force_login(editor)
    body = client.get(url).content.decode()
    assert "Reason for the edit" in body
    assert 'value="100000"' in body  # the target's value as typed, not 1E+5
    # The page says how edits differ from amendments, and links to them.
    assert reverse("desk-pledge", args=[pledge.slug]) in body
    assert "amendment" in body


def test_an_editor_edits_every_field(client, editor):
    pledge = PledgeFactory(title="Old title")
    owner = OwnerFactory(name="서울특별시")
    category = CategoryFactory(name="교통")
    client.force_login(editor)
    response = client.post(
        reverse("pledge-edit", args=[pledge.slug]),
        form_data(
            pledge,
            title="New title",
            title_en="New English title",
            summary="A summary.",
            owner=str(owner.pk),
            categories=[str(category.pk)],
            deadline="2030-12-31",
            deadline_precision="year",
        ),
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.title, pledge.title_en, pledge.summary) == (
        "New title",
        "New English title",
        "A summary.",
    )
    assert pledge.owner == owner and list(pledge.categories.all()) == [category]
    assert pledge.deadline == date(2030, 12, 31) and pledge.deadline_precision == "year"
    page = client.get(reverse("pledge-edit", args=[pledge.slug])).content.decode()
    assert "Typo in the headline." in page and editor.username in page


def test_an_edit_without_a_reason_is_a_422_and_changes_nothing(client, editor):
    pledge = PledgeFactory(title="Old title")
    client.force_login(editor)
    response = client.post(
        reverse("pledge-edit", args=[pledge.slug]),
        form_data(pledge, title="New title", reason=""),
    )
    assert response.status_code == 422
    assert "New title" in response.content.decode()  # the input is kept
    assert Pledge.objects.get(pk=pledge.pk).title == "Old title"


def test_a_measured_target_cannot_be_removed_and_the_page_says_why(client, editor):
    target = TargetFactory()
    Measurement.objects.create(
        target=target,
        value=5,
        as_of=date(2024, 1, 1),
        evidence_url="https://example.org/m",
        author=editor,
    )
    client.force_login(editor)
    page = client.get(reverse("pledge-edit", args=[target.pledge.slug]))
    assert "be removed: they would lose what they measure" in page.content.decode()
    response = client.post(
        reverse("pledge-edit-target-remove", args=[target.pledge.slug, target.pk]),
        {f"r{target.pk}-reason": "dup", f"r{target.pk}-version": ""},
    )
    assert response.status_code == 422
    assert "be removed: they would lose what they measure" in response.content.decode()
    assert Target.objects.filter(pk=target.pk).exists()


def test_targets_are_added_changed_and_removed_on_the_page(client, editor):
    pledge = PledgeFactory()
    client.force_login(editor)
    response = client.post(
        reverse("pledge-edit-target-add", args=[pledge.slug]),
        {
            "new-metric": "Trees",
            "new-value": "2000000000",
            "new-unit": "trees",
            "new-period": "cumulative",
            "new-reason": "Missed at review.",
        },
    )
    assert response.status_code == 302
    target = Target.objects.get(pledge=pledge)
    response = client.post(
        reverse("pledge-edit-target", args=[pledge.slug, target.pk]),
        {
            f"t{target.pk}-metric": "Trees planted",
            f"t{target.pk}-value": "3000000000",
            f"t{target.pk}-unit": "trees",
            f"t{target.pk}-period": "cumulative",
            f"t{target.pk}-reason": "Three billion.",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(pk=target.pk).metric == "Trees planted"
    response = client.post(
        reverse("pledge-edit-target-remove", args=[pledge.slug, target.pk]),
        {f"r{target.pk}-reason": "Duplicate."},
    )
    assert response.status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()
    assert PledgeEdit.objects.filter(pledge=pledge).count() == 3


def test_a_target_of_another_pledge_is_404(client, editor):
    pledge, other = PledgeFactory(), TargetFactory()
    client.force_login(editor)
    response = client.post(
        reverse("pledge-edit-target-remove", args=[pledge.slug, other.pk]),
        {f"r{other.pk}-reason": "x"},
    )
    assert response.status_code == 404


def test_the_edit_form_needs_the_csrf_token(editor):
    pledge = PledgeFactory(title="Old title")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        reverse("pledge-edit", args=[pledge.slug]), form_data(pledge, title="New")
    )
    assert response.status_code == 403
    assert Pledge.objects.get(pk=pledge.pk).title == "Old title"


def test_the_desk_page_links_editors_to_the_edit_page(client, editor, journalist):
    pledge = PledgeFactory()
    link = reverse("pledge-edit", args=[pledge.slug])
    client.force_login(editor)
    assert (
        link in client.get(reverse("desk-pledge", args=[pledge.slug])).content.decode()
    )
    client.force_login(journalist)
    assert (
        link
        not in client.get(reverse("desk-pledge", args=[pledge.slug])).content.decode()
    )
