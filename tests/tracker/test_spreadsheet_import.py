"""Spreadsheet import (editors): CSV or XLSX → preview with per-row errors →
nothing written until confirmed → each row through the record's services.
Bad files get a clear message and a 4xx."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from commitments.models import AuditEvent, Citation, Owner, Pledge, StatusUpdate, Target
from tests.factories import CategoryFactory, OwnerFactory, PledgeFactory
from tracker.spreadsheet_import.planning import parse_deadline, parse_target
from tracker.spreadsheet_import.reading import spreadsheet_rows

pytestmark = pytest.mark.django_db

HEADER = "title,title_en,owner,deadline,targets,status,source_url,wording\n"
ROWS = (
    "공공주택 10만 호 공급,Supply 100000 homes,서울특별시,2030,"
    '"공공주택: 10만 호; 착공 2만 호/년",in_progress,https://news.example.org/a,'
    "2030년까지 공공주택 10만 호를 공급하겠다.\n"
    "Plant trees,,Scottish Government,2032-06,2 billion trees cumulative,,,\n"
)


def upload(client, content: bytes, name: str = "pledges.csv"):
    return client.post(
        reverse("spreadsheet-import"), {"file": SimpleUploadedFile(name, content)}
    )


def token_of(response) -> str:
    return response.context["token"]


def test_a_csv_is_previewed_then_imported_through_the_services(client, editor):
    seoul = OwnerFactory(name="서울특별시", name_en="Seoul")
    client.force_login(editor)
    response = upload(client, (HEADER + ROWS).encode("utf-8-sig"))
    assert response.status_code == 200
    plans = response.context["plans"]
    assert [p["errors"] for p in plans] == [[], []]
    assert plans[0]["owner_id"] == seoul.pk and plans[1]["owner_id"] is None
    # Nothing written by the preview.
    assert not Pledge.objects.exists() and Owner.objects.count() == 1
    response = client.post(
        reverse("spreadsheet-import-confirm"), {"token": token_of(response)}
    )
    assert response.status_code == 302
    housing = Pledge.objects.get(title="공공주택 10만 호 공급")
    assert housing.owner == seoul and housing.deadline.isoformat() == "2030-12-31"
    assert [(t.metric, t.value, t.unit, t.period) for t in housing.targets.all()] == [
        ("공공주택", 100000, "호", "none"),
        ("착공", 20000, "호", "per_year"),
    ]
    assert housing.status == "in_progress"
    assert StatusUpdate.objects.get(pledge=housing).evidence_url.endswith("/a")
    citation = Citation.objects.get(pledge=housing)
    assert citation.source.url == "https://news.example.org/a"
    trees = Pledge.objects.get(title="Plant trees")
    assert trees.owner.name == "Scottish Government"
    assert trees.deadline_precision == "month"
    (target,) = trees.targets.all()
    assert (target.value, target.unit, target.period) == (
        2000000000,
        "trees",
        "cumulative",
    )
    for action in (
        "pledge.create",
        "pledge.import",
        "owner.create",
        "status_update.post",
    ):
        assert AuditEvent.objects.filter(
            action__startswith=action.split(".")[0]
        ).exists()
    assert AuditEvent.objects.filter(action="pledge.import").count() == 2
    assert housing.history.exists()


def test_a_confirmed_preview_cannot_be_imported_twice(client, editor):
    client.force_login(editor)
    token = token_of(upload(client, (HEADER + ROWS).encode()))
    client.post(reverse("spreadsheet-import-confirm"), {"token": token})
    response = client.post(reverse("spreadsheet-import-confirm"), {"token": token})
    assert response.status_code == 302
    assert Pledge.objects.count() == 2


def test_rows_with_errors_are_shown_and_skipped(client, editor):
    PledgeFactory(title="Already here", owner=OwnerFactory(name="정부"))
    CategoryFactory(name="주거", name_en="Housing")
    client.force_login(editor)
    content = (
        "title,owner,deadline,status,source_url,categories,targets\n"
        "Good one,정부,2030-02-30,,,,\n"
        "Bad status,정부,,maybe,,,\n"
        "No evidence,정부,,kept,,,\n"
        "Already here,정부,,,,,\n"
        ",정부,,,,,\n"
        "Bad link,정부,,,ftp://x,,\n"
        "Unknown field,정부,,,,Space,\n"
        "No number,정부,,,,Housing,lots of homes\n"
        "Fine,정부,2031,,,Housing,5 homes\n"
    ).encode()
    response = upload(client, content)
    plans = response.context["plans"]
    errors = {p["title"] or "(empty)": " ".join(p["errors"]) for p in plans}
    assert "not a real date" in errors["Good one"]
    assert "not a status" in errors["Bad status"]
    assert "source URL" in errors["No evidence"]
    assert "already on the tracker" in errors["Already here"]
    assert "title is empty" in errors["(empty)"]
    assert "http" in errors["Bad link"]
    assert "Unknown category" in errors["Unknown field"]
    assert "no number" in errors["No number"]
    assert errors["Fine"] == ""
    assert response.context["ready"] == 1
    client.post(reverse("spreadsheet-import-confirm"), {"token": token_of(response)})
    assert set(Pledge.objects.values_list("title", flat=True)) == {
        "Already here",
        "Fine",
    }


def test_korean_excel_csv_in_cp949_is_read(client, editor):
    client.force_login(editor)
    content = "제목,주체,기한\n지하철 연장,서울특별시,2030년 6월\n".encode("cp949")
    response = upload(client, content)
    (plan,) = response.context["plans"]
    assert plan["title"] == "지하철 연장" and plan["owner_name"] == "서울특별시"
    assert plan["deadline"] == "2030-06-30"


def test_an_xlsx_is_read(client, editor):
    book = Workbook()
    book.active.append(
        ["title", "owner", "deadline", "target_value", "target_unit", "target_period"]
    )
    book.active.append(["Bus lanes", "Seoul", None, 10, "km", "per year"])
    out = io.BytesIO()
    book.save(out)
    client.force_login(editor)
    response = upload(client, out.getvalue(), "pledges.xlsx")
    (plan,) = response.context["plans"]
    assert plan["errors"] == []
    assert plan["targets"] == [
        {"metric": "Bus lanes", "value": "10", "unit": "km", "period": "per_year"}
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"title,owner\n", "no pledges"),
        (b"name,who\nx,y\n", "Missing columns: title, owner"),
        (b"title,owner\n\xff\xfe\xfa,\x80\xff\n", "encoding"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a spreadsheet"),
        (b"PK\x03\x04 definitely not a zip", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    ],
)
def test_bad_files_get_a_clear_message(client, editor, content, message):
    client.force_login(editor)
    response = upload(client, content)
    assert response.status_code in (400, 422)
    assert message in response.content.decode()
    assert not Pledge.objects.exists()


def test_a_file_over_10_mb_is_refused(client, editor):
    client.force_login(editor)
    response = upload(client, b"title,owner\n" + b"x" * (10 * 1024 * 1024))
    assert response.status_code == 413
    assert "10 MB" in response.content.decode()


def test_the_templates_download_and_read_back_without_errors(client, editor):
    client.force_login(editor)
    csv_file = client.get(reverse("spreadsheet-template", args=["csv"]))
    assert csv_file["Content-Disposition"].endswith('.csv"')
    assert csv_file.content.startswith(b"\xef\xbb\xbf")
    xlsx_file = client.get(reverse("spreadsheet-template", args=["xlsx"]))
    assert load_workbook(io.BytesIO(xlsx_file.content)).active["A1"].value == "title"
    for content, name in ((csv_file.content, "t.csv"), (xlsx_file.content, "t.xlsx")):
        response = upload(client, content, name)
        assert [p["errors"] for p in response.context["plans"]] == [[]]
    assert client.get(reverse("spreadsheet-template", args=["pdf"])).status_code == 404


def test_only_editors_import(client, journalist):
    client.force_login(journalist)
    assert client.get(reverse("spreadsheet-import")).status_code == 403
    assert upload(client, (HEADER + ROWS).encode()).status_code == 403
    assert (
        client.post(reverse("spreadsheet-import-confirm"), {"token": "x"}).status_code
        == 403
    )


def test_the_korean_upload_page_is_in_korean(client, editor):
    client.force_login(editor)
    body = client.get(
        reverse("spreadsheet-import"), HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()
    assert "스프레드시트" in body


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("100,000 homes", ("T", "100000", "homes", "none")),
        ("주택: 8만 호 누적", ("주택", "80000", "호", "cumulative")),
        ("착공 2만 호/년", ("착공", "20000", "호", "per_year")),
        ("1.5 million people per month", ("T", "1500000", "people", "per_month")),
    ],
)
def test_target_cells(item, expected):
    target = parse_target(item, default_metric="T")
    assert (
        target["metric"],
        target["value"],
        target["unit"],
        target["period"],
    ) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2030", ("2030-12-31", "year")),
        ("2030-02", ("2030-02-28", "month")),
        ("2030.6.15", ("2030-06-15", "day")),
        ("2030년 6월 15일", ("2030-06-15", "day")),
    ],
)
def test_deadline_cells(text, expected):
    assert parse_deadline(text) == expected


def test_semicolon_and_tab_separated_files_are_read():
    rows = spreadsheet_rows(data=b"title;owner\nA;B\n")
    assert rows[0]["title"] == "A"
    rows = spreadsheet_rows(data=b"title\towner\nA\tB\n")
    assert rows[0]["owner"] == "B"
    assert Target.objects.count() == 0
