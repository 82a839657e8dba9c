"""Refusals are routine: a 403 and a 404 are each one log line without a
traceback, so the tracebacks left in the log are the real errors."""

import logging

import pytest
from django.test import Client

from commitments.api import document_reads
from commitments.pages import selectors as page_selectors

pytestmark = pytest.mark.django_db


def request_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request"]


def assert_one_line_without_traceback(caplog: pytest.LogCaptureFixture) -> None:
    records = request_records(caplog)
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text
    # The handler's own output is one line too.
    assert len(logging.Formatter().format(records[0]).splitlines()) == 1


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a selector broke")


def test_a_403_from_a_newsroom_page_is_one_line_without_a_traceback(
    client, reader, caplog
):
    client.force_login(reader)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.get("/newsroom/review/")
    assert response.status_code == 403
    assert_one_line_without_traceback(caplog)
    assert "/newsroom/review/" in request_records(caplog)[0].getMessage()


def test_a_403_from_the_api_is_one_line_without_a_traceback(client, reader, caplog):
    client.force_login(reader)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/api/v1/newsroom/sources",
            '{"text": "서울시는 주택을 공급하겠다."}',
            content_type="application/json",
        )
    assert response.status_code == 403
    assert_one_line_without_traceback(caplog)


@pytest.mark.parametrize("path", ["/pledges/no-such-pledge/", "/api/xyz"])
def test_a_404_is_one_line_without_a_traceback(client, caplog, path):
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    assert response.status_code == 404
    assert_one_line_without_traceback(caplog)


@pytest.mark.parametrize(
    "patch,path",
    [
        ((page_selectors, "dashboard_summary"), "/"),
        ((document_reads, "document_row"), "/api/v1/pledges/raised-in-a-selector"),
    ],
)
def test_a_real_500_still_logs_its_traceback(monkeypatch, caplog, patch, path):
    monkeypatch.setattr(*patch, boom)
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 500
    records = [r for r in request_records(caplog) if r.levelno == logging.ERROR]
    assert len(records) == 1
    assert records[0].exc_info is not None
    assert "Traceback" in caplog.text
    assert "a selector broke" in caplog.text
