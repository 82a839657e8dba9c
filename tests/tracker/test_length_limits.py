"""Length limits in the newsroom: what an editor or journalist typed is
refused when too long (422 `too_long`, nothing stored); text nobody typed
(page metadata, feed entries, the engine's proposals) is shortened visibly,
at a word boundary with an ellipsis, so the article is not lost."""

import json

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.errors import ValidationFailed
from commitments.models import Owner, Pledge, Source
from tests.factories import OwnerFactory, SourceFactory
from tracker.apikeys.services import api_key_create
from tracker.extraction.records import ExtractedPledge, TargetSpec
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_file
from tracker.ingest.source_feeds import _guid_of
from tracker.models import ApiKey, Candidate
from tracker.review.services import owner_for_name
from tracker.shorten import ELLIPSIS, shorten

pytestmark = pytest.mark.django_db

API = "/api/v1/newsroom"
ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
)


def post(client, url, data):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def candidate(client, editor) -> Candidate:
    OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    client.force_login(editor)
    response = post(client, f"{API}/sources", {"text": ARTICLE})
    source = Source.objects.get(public_id=response.json()["id"])
    runner.job_run(source_id=source.pk)
    return Candidate.objects.filter(source=source).first()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "가" * 301}, "title"),
        ({"title": "ok", "title_en": "e" * 301}, "title_en"),
        (
            {"title": "ok", "targets": [{"metric": "m", "value": 1, "unit": "u" * 41}]},
            "targets.0.unit",
        ),
        ({"title": "ok", "new_owner_name": "가" * 201}, "owner"),
        (
            {
                "title": "ok",
                "new_owner_name": "새 기관",
                "new_owner_name_en": "e" * 201,
            },
            "new_owner_name_en",
        ),
    ],
)
def test_accepting_with_an_over_long_field_is_a_422_and_changes_nothing(
    client, candidate, payload, field
):
    owners = Owner.objects.count()
    response = post(client, f"{API}/candidates/{candidate.public_id}/accept", payload)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "too_long"
    assert body["details"]["field"] == field
    candidate.refresh_from_db()
    assert candidate.state == "pending"
    assert not Pledge.objects.exists()
    assert Owner.objects.count() == owners


def test_an_api_key_name_over_100_characters_is_refused(journalist):
    with pytest.raises(ValidationFailed) as caught:
        api_key_create(user=journalist, name="k" * 101)
    assert (caught.value.code, caught.value.field) == ("too_long", "name")
    assert not ApiKey.objects.exists()


def test_an_owner_name_is_refused_not_cut(editor):
    with pytest.raises(ValidationFailed) as caught:
        owner_for_name(actor=editor, name="가" * 201)
    assert caught.value.code == "too_long"
    assert not Owner.objects.filter(name__startswith="가").exists()


# --- text nobody typed ---------------------------------------------------------


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis():
    assert shorten("short enough", 20) == "short enough"
    cut = shorten("one two three four five", 12)
    assert cut == "one two" + ELLIPSIS
    assert len(cut) <= 12
    # No space in the second half (a Korean compound): a hard cut.
    hard = shorten("가" * 50, 10)
    assert hard == "가" * 9 + ELLIPSIS
    assert len(hard) == 10


def test_an_uploaded_page_with_a_long_title_is_ingested_with_its_title_shortened(
    journalist,
):
    title = "서울시 청년 주거 대책 " * 60  # about 780 characters
    html = (
        f"<html><head><title>{title}</title></head><body><article>"
        f"<p>{ARTICLE}</p></article></body></html>"
    )
    upload = SimpleUploadedFile("page.html", html.encode(), "text/html")
    source, created = source_ingest_file(actor=journalist, upload=upload)
    assert created
    assert len(source.title) <= 500
    assert source.title.endswith(ELLIPSIS)
    assert source.title.startswith("서울시 청년 주거 대책")
    # Cut between words, not inside one.
    assert title.startswith(source.title[: -len(ELLIPSIS)] + " ")


def test_a_feed_guid_too_long_for_its_column_is_kept_as_its_hash():
    long_id = "urn:x:" + "a" * 1200
    feed = feedparser.parse(
        f"<rss><channel><item><guid>{long_id}</guid><title>t</title></item>"
        "</channel></rss>"
    )
    guid = _guid_of(feed.entries[0], "")
    assert guid.startswith("sha256:") and len(guid) <= 1000
    assert _guid_of(feed.entries[0], "") == guid  # stable: seen again next poll
    short = feedparser.parse(
        "<rss><channel><item><guid>g-1</guid></item></channel></rss>"
    )
    assert _guid_of(short.entries[0], "") == "g-1"


def test_the_engines_over_long_proposals_are_stored_shortened_for_review():
    source = SourceFactory(body="본문 " * 50)
    found = ExtractedPledge(
        quote="본문",
        start=0,
        end=2,
        title="청년 주택 " * 80,  # 480 characters
        owner="서울특별시 " * 50,
        language="ko",
        targets=[TargetSpec(value=5, unit="만호 " * 30, text="문장 " * 100)],
    )
    assert runner.candidates_store(source=source, found=[found]) == 1
    stored = Candidate.objects.get(source=source)
    assert len(stored.title) <= 300 and stored.title.endswith(ELLIPSIS)
    assert len(stored.owner_name) <= 200 and stored.owner_name.endswith(ELLIPSIS)
    target = stored.targets[0]
    assert len(target["unit"]) <= 40 and target["unit"].endswith(ELLIPSIS)
    assert len(target["text"]) <= 200 and target["text"].endswith(ELLIPSIS)
    assert len(target["metric"]) <= 300
