"""The newsroom API reads the header lines of pasted text (URL:, DATE:,
TITLE:, or 주소/날짜/제목) exactly as the submission form does."""

import json
from datetime import date

import pytest
from django.test import Client

from commitments.models import Source
from tracker.apikeys.services import api_key_create

pytestmark = pytest.mark.django_db

URL = "/api/v1/newsroom/sources"


def _post(user, body: dict, lang: str = "en"):  # type: ignore[no-untyped-def]
    _, raw = api_key_create(user=user, name="header-lines")
    return Client().post(
        URL,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}", "Accept-Language": lang},
    )


def test_header_lines_describe_the_source_and_are_cut_from_the_text(journalist):
    text = (
        "URL: https://news.example.org/ferry\n"
        "DATE: 2025.4.7\n"
        "TITLE: Island ferry to run hourly\n"
        "The province said it will run the island ferry every hour by 2027.\n"
    )
    response = _post(journalist, {"text": text})
    assert response.status_code == 202, response.content
    source = Source.objects.get()
    assert source.url == "https://news.example.org/ferry"
    assert source.title == "Island ferry to run hourly"
    assert source.published_on == date(2025, 4, 7)
    assert source.body.startswith("The province said")


def test_korean_header_lines_are_read_and_sent_fields_win(journalist):
    text = "제목: 청년 주택 공급\n날짜: 2025년 3월 5일\n서울시는 청년 주택을 짓겠다고 밝혔다.\n"
    response = _post(journalist, {"text": text, "title": "서울시 청년 주택"})
    assert response.status_code == 202
    source = Source.objects.get()
    assert (source.title, source.published_on) == ("서울시 청년 주택", date(2025, 3, 5))
    assert source.body.startswith("서울시는")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("DATE: soon", "The DATE: line is not a date"),
        ("URL: news.example.org", "The URL: line is not a web address"),
    ],
)
def test_an_unreadable_header_line_is_a_422_and_nothing_is_stored(
    journalist, line, message
):
    response = _post(journalist, {"text": f"{line}\n서울시는 짓겠다.\n"})
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["details"]["field"]) == ("bad_header", "text")
    assert message in body["message"]
    assert Source.objects.count() == 0


def test_the_header_error_is_in_korean_for_a_korean_client(journalist):
    response = _post(journalist, {"text": "DATE: soon\n서울시는 짓겠다.\n"}, lang="ko")
    assert response.status_code == 422
    assert "DATE:" in response.json()["message"]
    assert "not a date" not in response.json()["message"]
