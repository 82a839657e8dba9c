"""Readers' error reports: a form on each pledge page (no login, CSRF,
honeypot, length limits, a per-address limit) that lands in the newsroom's
inbox, where editors resolve or dismiss each with a note; a resolved report
that changed the record is listed in the public corrections log."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from commitments import services
from commitments.errors import Conflict, PermissionDenied, ValidationFailed
from commitments.models import AuditEvent, ReaderReport
from tests.factories import PledgeFactory

pytestmark = pytest.mark.django_db

MESSAGE = "The figure of 36,000 homes is 30,000 in the city report."


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pledge():
    return PledgeFactory(title="공공주택 공급", title_en="Public housing supply")


def send(client, pledge, **data):
    return client.post(
        reverse("pledge-report", args=[pledge.slug]),
        {"message": MESSAGE, "contact": "", "website": "", **data},
        REMOTE_ADDR="203.0.113.5",
    )


def test_the_pledge_page_carries_the_form(client, pledge):
    html = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert f'action="/pledges/{pledge.slug}/report/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="website"' in html  # the honeypot
    korean = client.get(
        reverse("pledge-detail", args=[pledge.slug]), HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert "오류를 발견하셨나요?" in korean


def test_a_reader_sends_a_report_without_logging_in(client, pledge):
    response = send(client, pledge, contact="reader@example.org")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/pledges/{pledge.slug}/#report")
    report = ReaderReport.objects.get()
    assert report.pledge == pledge and report.message == MESSAGE
    assert report.contact == "reader@example.org"
    assert report.state == ReaderReport.State.OPEN
    assert AuditEvent.objects.filter(action="reader_report.submit").exists()
    # The contact is for the newsroom only.
    page = client.get(reverse("pledge-detail", args=[pledge.slug])).content.decode()
    assert "reader@example.org" not in page


def test_the_form_needs_the_csrf_token(pledge):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("pledge-report", args=[pledge.slug]), {"message": MESSAGE}
    )
    assert response.status_code == 403
    assert not ReaderReport.objects.exists()


def test_the_honeypot_stores_nothing_but_looks_sent(client, pledge):
    response = send(client, pledge, website="http://spam.example")
    assert response.status_code == 302
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"message": "x" * 2001}, "message"),
        ({"message": "short"}, "message"),
        ({"contact": "c" * 201}, "contact"),
        ({"message": ""}, "message"),
    ],
)
def test_bad_input_is_a_400_that_keeps_what_was_typed(client, pledge, data, field):
    response = send(client, pledge, **data)
    assert response.status_code == 400
    assert not ReaderReport.objects.exists()
    assert response.context["report_form"].errors[field]


def test_one_address_may_send_only_a_few(client, pledge, settings):
    settings.READER_REPORTS_PER_HOUR = 2
    assert send(client, pledge).status_code == 302
    assert send(client, pledge).status_code == 302
    limited = send(client, pledge)
    assert limited.status_code == 429
    assert "Too many reports" in limited.content.decode()
    assert ReaderReport.objects.count() == 2
    # Another address is not held back.
    other = client.post(
        reverse("pledge-report", args=[pledge.slug]),
        {"message": MESSAGE},
        REMOTE_ADDR="198.51.100.7",
    )
    assert other.status_code == 302


def test_an_unknown_pledge_is_404_and_get_is_405(client):
    assert client.post("/pledges/nope/report/", {"message": MESSAGE}).status_code == 404
    pledge = PledgeFactory()
    assert client.get(f"/pledges/{pledge.slug}/report/").status_code == 405


# --- The newsroom inbox -------------------------------------------------------


def test_the_inbox_is_for_editors(client, journalist, reader):
    assert client.get(reverse("reader-reports")).status_code == 302
    client.force_login(reader)
    assert client.get(reverse("reader-reports")).status_code == 403
    client.force_login(journalist)
    assert client.get(reverse("reader-reports")).status_code == 403


def test_an_editor_resolves_a_report_and_it_shows_in_the_corrections_log(
    client, editor, pledge
):
    send(client, pledge)
    report = ReaderReport.objects.get()
    client.force_login(editor)
    inbox = client.get(reverse("reader-reports")).content.decode()
    assert MESSAGE in inbox and "Public housing supply" in inbox
    prefix = str(report.pk)
    response = client.post(
        reverse("reader-report-close", args=[report.public_id]),
        {
            f"{prefix}-state": "resolved",
            f"{prefix}-note": "Target corrected to 30,000 homes.",
            f"{prefix}-changed_record": "on",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReaderReport.State.RESOLVED and report.changed_record
    assert report.resolved_by == editor
    log = Client().get(reverse("corrections-log")).content.decode()
    assert "Target corrected to 30,000 homes." in log
    assert "A reader reported an error" in log
    assert MESSAGE not in log  # the reader's words stay in the newsroom


def test_a_dismissed_report_stays_out_of_the_log(client, editor, pledge):
    send(client, pledge)
    report = ReaderReport.objects.get()
    services.reader_report_close(
        actor=editor, report=report, state="dismissed", note="The figure is right."
    )
    log = client.get(reverse("corrections-log")).content.decode()
    assert "The figure is right." not in log
    # Resolved without a change to the record: not a correction either.
    send(client, pledge)
    second = ReaderReport.objects.filter(state="open").get()
    services.reader_report_close(
        actor=editor, report=second, state="resolved", note="Explained to the reader."
    )
    assert (
        "Explained to the reader."
        not in client.get(reverse("corrections-log")).content.decode()
    )


def test_closing_needs_a_note_an_editor_and_an_open_report(editor, journalist, pledge):
    report = services.reader_report_submit(pledge=pledge, message=MESSAGE)
    with pytest.raises(PermissionDenied):
        services.reader_report_close(
            actor=journalist, report=report, state="resolved", note="ok"
        )
    with pytest.raises(ValidationFailed):
        services.reader_report_close(
            actor=editor, report=report, state="resolved", note="  "
        )
    with pytest.raises(ValidationFailed):
        services.reader_report_close(
            actor=editor,
            report=report,
            state="dismissed",
            note="No.",
            changed_record=True,
        )
    services.reader_report_close(
        actor=editor, report=report, state="dismissed", note="No."
    )
    with pytest.raises(Conflict):
        services.reader_report_close(
            actor=editor, report=report, state="resolved", note="Again."
        )


def test_a_bad_close_form_is_a_4xx_and_the_report_stays_open(client, editor, pledge):
    report = services.reader_report_submit(pledge=pledge, message=MESSAGE)
    client.force_login(editor)
    prefix = str(report.pk)
    response = client.post(
        reverse("reader-report-close", args=[report.public_id]),
        {f"{prefix}-state": "resolved", f"{prefix}-note": ""},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("reader-report-close", args=[report.public_id]),
        {
            f"{prefix}-state": "dismissed",
            f"{prefix}-note": "x",
            f"{prefix}-changed_record": "on",
        },
    )
    assert response.status_code == 422
    report.refresh_from_db()
    assert report.state == ReaderReport.State.OPEN
