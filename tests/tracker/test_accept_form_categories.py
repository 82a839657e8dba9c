"""The accept form on a fresh tracker: with no categories yet, it says so and
links the editor to where categories are created; once there are some, it
lists them instead."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def accept_url(editor) -> str:
    source, _ = source_ingest_text(
        actor=editor, body="서울시는 2027년까지 공원 30곳을 만들겠다고 밝혔다."
    )
    runner.job_run(source_id=source.pk)
    candidate = Candidate.objects.filter(source=source).first()
    return reverse("candidate-accept", args=[candidate.public_id])


def test_an_empty_category_list_links_to_category_creation(client, editor, accept_url):
    client.force_login(editor)
    page = client.get(accept_url).content.decode()
    link = f'<a href="{reverse("directory-categories")}">Create categories</a>'
    assert link in page


def test_the_link_is_in_korean_on_the_korean_page(client, editor, accept_url):
    client.force_login(editor)
    client.cookies["django_language"] = "ko"
    page = client.get(accept_url).content.decode()
    assert f'<a href="{reverse("directory-categories")}">분야를 만든</a>' in page


def test_with_categories_the_form_lists_them_and_no_link(client, editor, accept_url):
    CategoryFactory(name="주거", name_en="Housing")
    client.force_login(editor)
    page = client.get(accept_url).content.decode()
    assert "Create categories" not in page
    assert "주거" in page
