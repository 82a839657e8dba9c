"""The review queue and source pages, the accept form, submission and keys."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Pledge, Source
from tests.factories import OwnerFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import ApiKey, Candidate, ExtractionJob

pytestmark = pytest.mark.django_db

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다. <script>alert('x')</script>\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)


@pytest.fixture(autouse=True)
def english(settings):
    # Messages are checked in English; Korean ones are tested by their codes.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def seoul():
    return OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])


@pytest.fixture
def source(editor, seoul) -> Source:
    source, _ = source_ingest_text(
        actor=editor, body=ARTICLE, title="청년 주거 <b>대책</b>", language="ko"
    )
    runner.job_run(source_id=source.pk)
    return source


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_queue_lists_sources_newest_first_with_state_and_pending_count(
    editor_client, source, editor
):
    newer, _ = source_ingest_text(actor=editor, body="대구시는 공원을 만들 계획이다.")
    page = editor_client.get(reverse("review-queue")).content.decode()
    assert page.index(str(newer.public_id)) < page.index(str(source.public_id))
    assert "2 / 2" in page  # pending / all for the extracted source
    # The queued one polls for live progress; the ready one does not.
    assert f'hx-get="{reverse("review-source-status", args=[newer.public_id])}"' in page
    assert (
        f'hx-get="{reverse("review-source-status", args=[source.public_id])}"'
        not in page
    )


def test_the_status_fragment_stops_polling_when_ready(editor_client, source):
    url = reverse("review-source-status", args=[source.public_id])
    ExtractionJob.objects.filter(source=source).update(state="extracting")
    assert 'hx-trigger="every 2s"' in editor_client.get(url).content.decode()
    ExtractionJob.objects.filter(source=source).update(state="ready")
    fragment = editor_client.get(url).content.decode()
    assert "hx-get" not in fragment and "2 pending" in fragment
    # Polled from the source page: once done, the page reloads itself.
    assert editor_client.get(f"{url}?reload=1")["HX-Refresh"] == "true"
    ExtractionJob.objects.filter(source=source).update(state="extracting")
    page = editor_client.get(reverse("review-source", args=[source.public_id]))
    assert f'hx-get="{url}?reload=1"' in page.content.decode()


def test_the_source_page_highlights_every_quote_and_escapes_the_article(
    editor_client, source
):
    page = editor_client.get(reverse("review-source", args=[source.public_id]))
    html = page.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;대책&lt;/b&gt;" in html
    for candidate in Candidate.objects.filter(source=source):
        assert f'id="q-{candidate.public_id}"' in html
        assert f'id="c-{candidate.public_id}"' in html
    # Highest score first.
    ordered = list(Candidate.objects.filter(source=source).order_by("-score"))
    assert html.index(f'id="c-{ordered[0].public_id}"') < html.index(
        f'id="c-{ordered[1].public_id}"'
    )
    assert "review.js" in html
    assert 'style="' not in html  # the CSP forbids inline styles


def test_the_accept_form_is_prefilled_and_publishes(editor_client, source, seoul):
    candidate = Candidate.objects.get(source=source, quote__contains="5만호")
    url = reverse("candidate-accept", args=[candidate.public_id])
    form = editor_client.get(url).context["form"]
    targets = editor_client.get(url).context["targets"]
    assert form.initial["title"] == candidate.title
    assert form.initial["owner"] == seoul
    assert targets.forms[0].initial["value"] == "50000"
    response = editor_client.post(
        url,
        {
            "title": "청년 주택 5만호",
            "title_en": "50,000 youth homes",
            "owner": seoul.pk,
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "0",
            "targets-0-metric": "청년 주택",
            "targets-0-value": "50000",
            "targets-0-unit": "호",
            "targets-0-period": "cumulative",
            "targets-0-deadline": "2030-12-31",
            "targets-0-deadline_precision": "year",
            "targets-1-metric": "역세권 청년 주택",
            "targets-1-value": "20000",
            "targets-1-unit": "호",
            "targets-1-period": "cumulative",
            "targets-1-component_of": "1",
        },
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get(title_en="50,000 youth homes")
    total, part = pledge.targets.all()
    assert part.component_of == total
    candidate.refresh_from_db()
    assert candidate.state == "accepted"
    # The public page shows the pledge with its citation.
    public = editor_client.get(reverse("pledge-detail", args=[pledge.slug]))
    assert public.status_code == 200
    assert "청년 주택 5만호" in public.content.decode()


def test_an_invalid_accept_form_is_a_422_and_keeps_the_input(editor_client, source):
    candidate = Candidate.objects.filter(source=source)[0]
    url = reverse("candidate-accept", args=[candidate.public_id])
    response = editor_client.post(
        url,
        {
            "title": "제목",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-metric": "x",
            "targets-0-value": "many",
            "targets-0-period": "none",
        },
    )
    assert response.status_code == 422
    assert response.context["form"]["title"].value() == "제목"
    assert Pledge.objects.count() == 0


def test_a_second_accept_from_a_stale_page_is_a_409(editor_client, source, seoul):
    candidate = Candidate.objects.filter(source=source)[0]
    url = reverse("candidate-accept", args=[candidate.public_id])
    data = {
        "title": "제목",
        "owner": seoul.pk,
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }
    assert editor_client.post(url, data).status_code == 302
    again = editor_client.post(url, data)
    assert again.status_code == 409
    assert "already decided" in again.content.decode()
    assert Pledge.objects.count() == 1


def test_reject_merge_and_reopen_from_the_source_page(editor_client, source, seoul):
    first, second = Candidate.objects.filter(source=source).order_by("quote_start")
    bad = editor_client.post(
        reverse("candidate-reject", args=[first.public_id]), {"reason": "nope"}
    )
    assert bad.status_code == 422
    editor_client.post(
        reverse("candidate-reject", args=[first.public_id]), {"reason": "opinion"}
    )
    first.refresh_from_db()
    assert first.state == "rejected"
    editor_client.post(reverse("candidate-reopen", args=[first.public_id]))
    first.refresh_from_db()
    assert first.state == "pending"
    pledge = Pledge.objects.create(
        slug="nurseries", title="보육시설", original_wording="…", owner=seoul
    )
    unknown = editor_client.post(
        reverse("candidate-merge", args=[second.public_id]), {"pledge": "nope"}
    )
    assert unknown.status_code == 404
    editor_client.post(
        reverse("candidate-merge", args=[second.public_id]),
        {"pledge": pledge.slug, "add_targets": "1"},
    )
    second.refresh_from_db()
    assert (second.state, second.pledge) == ("merged", pledge)
    assert pledge.targets.count() == len(second.targets)


def test_bulk_reject(editor_client, source):
    ids = [str(c.public_id) for c in Candidate.objects.filter(source=source)]
    url = reverse("review-bulk-reject", args=[source.public_id])
    assert editor_client.post(url, {"reason": "opinion"}).status_code == 422
    response = editor_client.post(url, {"reason": "duplicate", "candidates": ids})
    assert response.status_code == 302
    assert set(Candidate.objects.values_list("state", "reject_reason")) == {
        ("rejected", "duplicate")
    }


def test_unknown_ids_are_404_pages(editor_client):
    missing = "00000000-0000-0000-0000-000000000000"
    assert (
        editor_client.get(reverse("review-source", args=[missing])).status_code == 404
    )
    response = editor_client.post(
        reverse("candidate-reject", args=[missing]), {"reason": "opinion"}
    )
    assert response.status_code == 404


def test_submitting_text_a_file_and_bad_input(client, journalist):
    client.force_login(journalist)
    url = reverse("submit-article")
    empty = client.post(url, {"text": "  "})
    assert empty.status_code == 422
    assert (
        "Paste the article text" in empty.content.decode()
        or empty.context["form"].errors
    )
    binary = client.post(
        url,
        {"file": SimpleUploadedFile("x.txt", b"\x00\x01\x02" * 100, "text/plain")},
    )
    assert binary.status_code == 422
    assert "binary" in str(binary.context["form"].errors)
    kept = client.post(url, {"text": "\x00bad", "title": "keep me"})
    assert kept.context["form"]["title"].value() == "keep me"
    assert Source.objects.count() == 0
    ok = client.post(url, {"text": ARTICLE, "publisher": "Example"})
    assert ok.status_code == 302 and ok["Location"] == url
    upload = SimpleUploadedFile(
        "other.txt", "부산시는 2030년까지 나무를 심겠다고 밝혔다.".encode("cp949")
    )
    assert client.post(url, {"file": upload}).status_code == 302
    assert Source.objects.count() == 2
    page = client.get(url).content.decode()
    assert "Your recent submissions" in page


def test_an_editor_is_taken_to_the_source_after_submitting(editor_client):
    response = editor_client.post(reverse("submit-article"), {"text": ARTICLE})
    source = Source.objects.get()
    assert response["Location"] == reverse("review-source", args=[source.public_id])


def test_api_keys_are_shown_once_listed_and_revoked(client, journalist):
    client.force_login(journalist)
    url = reverse("api-keys")
    response = client.post(url, {"name": "laptop"})
    raw = response.context["raw_key"]
    assert raw.startswith("pt_") and raw in response.content.decode()
    # @never_cache: no browser or shared cache may keep the page.
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))
    listing = client.get(url).content.decode()
    assert raw not in listing
    key = ApiKey.objects.get(user=journalist)
    assert key.prefix in listing
    client.post(reverse("api-key-revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_someone_elses_key_cannot_be_revoked(client, journalist, editor):
    from tracker.apikeys.services import api_key_create

    key, _raw = api_key_create(user=editor, name="editor's")
    client.force_login(journalist)
    client.post(reverse("api-key-revoke", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is None


def test_the_newsroom_nav_shows_links_by_role(client, journalist, editor):
    client.force_login(journalist)
    page = client.get(reverse("submit-article")).content.decode()
    assert reverse("submit-article") in page and reverse("api-keys") in page
    assert reverse("review-queue") not in page
    client.force_login(editor)
    page = client.get(reverse("submit-article")).content.decode()
    assert reverse("review-queue") in page
