"""The newsroom's pages as a new user meets them: header lines of pasted text
describe the source, the Korean desk defines statuses in Korean, evidence on
file is named (picker and public page), recent submissions link and count,
a journalist's 403 is a translated page, newsroom users land on the newsroom
home, review screens show no internals, and verdicts carry a byline."""

import logging
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments import services
from commitments.models import Citation, Source, StatusUpdate
from commitments.statuses import STATUS_INFO, Status
from tests.factories import PledgeFactory, SourceFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate
from tracker.templatetags.newsroom_format import english_amount, korean_amount

pytestmark = pytest.mark.django_db

ARTICLE = (
    "URL: https://news.example.org/forest\n"
    "DATE: 2025-03-05\n"
    "TITLE: 산림청, 나무 30억 그루 심는다\n"
    "산림청은 2050년까지 나무 30억 그루를 심겠다고 밝혔다.\n"
)


def korean(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "ko"


def english(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"


# --- 4. header lines --------------------------------------------------------------


def test_header_lines_of_pasted_text_describe_the_source(client, editor):
    client.force_login(editor)
    response = client.post(reverse("submit-article"), {"text": ARTICLE})
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.url == "https://news.example.org/forest"
    assert source.title == "산림청, 나무 30억 그루 심는다"
    assert source.published_on == date(2025, 3, 5)
    # The engine and the highlights see the article alone.
    assert source.body.startswith("산림청은")
    runner.job_run(source_id=source.pk)
    candidate = Candidate.objects.get(source=source)
    assert source.body[candidate.quote_start : candidate.quote_end] == candidate.quote


def test_korean_header_lines_are_read_too(client, editor):
    client.force_login(editor)
    text = "제목: 청년 주택 공급\n날짜: 2025년 3월 5일\n서울시는 청년 주택을 짓겠다고 밝혔다.\n"
    client.post(reverse("submit-article"), {"text": text})
    source = Source.objects.get()
    assert (source.title, source.published_on) == ("청년 주택 공급", date(2025, 3, 5))
    assert source.body.startswith("서울시는")


def test_a_bad_header_date_is_a_form_error_and_nothing_is_stored(client, editor):
    client.force_login(editor)
    english(client)
    response = client.post(
        reverse("submit-article"), {"text": "DATE: soon\n서울시는 짓겠다.\n"}
    )
    assert response.status_code == 422
    assert "The DATE: line is not a date" in response.content.decode()
    assert Source.objects.count() == 0


def test_the_public_page_says_where_the_pledge_was_reported(client, editor):
    source, _ = source_ingest_text(
        actor=editor,
        body="산림청은 나무를 심겠다고 밝혔다.",
        url="https://news.example.org/forest",
        title="산림청 발표",
        published_on=date(2025, 3, 5),
    )
    pledge = PledgeFactory()
    Citation.objects.create(pledge=pledge, source=source, quote="나무를 심겠다")
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert "산림청 발표</a>" in page and "2025-03-05" in page


# --- 5. statuses in Korean ---------------------------------------------------------


def test_the_korean_desk_defines_statuses_in_korean(client, journalist):
    pledge = PledgeFactory()
    client.force_login(journalist)
    korean(client)
    page = client.get(reverse("desk-pledge", args=[pledge.slug])).content.decode()
    for info in STATUS_INFO.values():
        assert info.definition_ko in page
        assert info.definition_en not in page
    english(client)
    page = client.get(reverse("desk-pledge", args=[pledge.slug])).content.decode()
    assert STATUS_INFO["kept"].definition_en in page


# --- 6. evidence on file -----------------------------------------------------------


def test_the_source_picker_names_sources_and_the_public_page_shows_them(
    client, journalist
):
    pledge = PledgeFactory()
    untitled = SourceFactory(url="", title="", publisher="", published_on=None)
    titled = SourceFactory(title="예산 통과", published_on=date(2025, 4, 1))
    for source in (untitled, titled):
        Citation.objects.create(pledge=pledge, source=source, quote="q")
    client.force_login(journalist)
    desk = client.get(reverse("desk-pledge", args=[pledge.slug])).content.decode()
    assert "예산 통과 — Example News, 2025-04-01" in desk
    assert f">{untitled.public_id}<" not in desk
    client.post(
        reverse("desk-status-update", args=[pledge.slug]),
        {
            "kind": "newsroom",
            "status": Status.IN_PROGRESS,
            "note": "예산이 통과됐다.",
            "evidence_source": str(untitled.public_id),
            "version": services.pledge_version(pledge),
        },
    )
    assert StatusUpdate.objects.get().evidence_source == untitled
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    # Before: "Evidence:" followed by nothing.
    assert f"“{untitled.body[:20]}" in page


# --- 9. submissions, 403, landing ----------------------------------------------------


def test_recent_submissions_link_the_source_and_count_candidates(client, journalist):
    client.force_login(journalist)
    english(client)
    client.post(reverse("submit-article"), {"text": ARTICLE})
    source = Source.objects.get()
    runner.job_run(source_id=source.pk)
    page = client.get(reverse("submit-article")).content.decode()
    assert '<a href="https://news.example.org/forest"' in page
    assert "산림청, 나무 30억 그루 심는다" in page
    assert "1 candidate" in page
    assert "(untitled article)" not in page


def test_a_journalist_gets_a_translated_403_page_logged_on_one_line(
    client, journalist, caplog
):
    client.force_login(journalist)
    korean(client)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("review-queue"))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="ko">' in page and "newsroom-nav" in page
    assert "이 페이지를 열 수 없습니다" in page
    lines = [r for r in caplog.records if r.name == "django.request"]
    assert len(lines) == 1 and lines[0].exc_info is None


@pytest.mark.parametrize(
    ("who", "lands_on"), [("journalist", "newsroom-home"), ("reader", "home")]
)
def test_after_login_newsroom_users_land_on_the_newsroom_home(
    client, request, who, lands_on
):
    user = request.getfixturevalue(who)
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(lands_on)


def test_the_newsroom_nav_counts_waiting_candidates_and_attention(client, editor):
    source, _ = source_ingest_text(
        actor=editor, body="산림청은 2050년까지 나무 30억 그루를 심겠다고 밝혔다."
    )
    runner.job_run(source_id=source.pk)
    PledgeFactory(is_overdue=True)
    client.force_login(editor)
    english(client)
    page = client.get(reverse("newsroom-home")).content.decode()
    assert "Candidates waiting: </span>1<" in page
    assert "Pledges needing attention: </span>1<" in page


# --- 10. no internals, readable numbers --------------------------------------------


def test_review_screens_hide_internals_and_format_numbers(client, editor):
    source, _ = source_ingest_text(
        actor=editor,
        body="기획재정부는 2030년까지 2조 5000억 원을 투자하겠다고 밝혔다.",
    )
    runner.job_run(source_id=source.pk)
    client.force_login(editor)
    korean(client)
    page = client.get(reverse("review-source", args=[source.public_id])).content
    text = page.decode()
    job = source.extraction_job
    job.refresh_from_db()
    assert job.pipeline_version not in text
    assert " ms" not in text and "<code>" not in text
    assert "2500000000000" not in text
    assert "2조 5000억" in text


@pytest.mark.parametrize(
    ("value", "ko", "en"),
    [
        ("2500000000000", "2조 5000억", "2.5 trillion"),
        ("48688800000000", "48조 6888억", "48.6888 trillion"),
        ("123456789", "1억 2345만 6789", "123,456,789"),
        ("2000000000", "20억", "2 billion"),
        ("150", "150", "150"),
        ("12.5", "12.5", "12.5"),
    ],
)
def test_amounts_in_words(value, ko, en):
    from decimal import Decimal

    assert korean_amount(Decimal(value)) == ko
    assert english_amount(Decimal(value)) == en


# --- Bylines ---------------------------------------------------------------------------


def test_each_public_verdict_shows_the_journalists_name_and_date(client, journalist):
    journalist.first_name, journalist.last_name = "Mina", "Kim"
    journalist.save()
    pledge = PledgeFactory()
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status=Status.IN_PROGRESS,
        note="착공했다.",
        evidence_url="https://news.example.org/x",
    )
    english(client)
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    # Pages show dates in the site's time zone (Seoul): after 15:00 UTC it is
    # already tomorrow there.
    today = timezone.localdate(StatusUpdate.objects.get().created_at).isoformat()
    assert f"By Mina Kim, {today}" in page
    assert f"Rated by Mina Kim on {today}" in page
