"""Bulk exports: streamed CSV (Korean intact for spreadsheets) and JSON, and
the nightly dump that can be downloaded."""

import csv
import io
import json
from datetime import date

import pytest

from commitments import services
from commitments.api.export import CSV_COLUMNS
from commitments.api.schemas import PledgeOut
from commitments.tasks import export_dump_task
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]


def body_of(response) -> bytes:
    assert response.streaming, "exports must be streamed"
    return b"".join(response.streaming_content)


def test_csv_export_parses_back_with_korean_intact(client, journalist, settings):
    settings.EXPORT_CHUNK_SIZE = 2  # several chunks, as with a large record
    pledge = full_pledge(journalist, title="서울시 청년 주택 10만호 공급")
    PledgeFactory.create_batch(4)
    response = client.get("/api/v1/export/pledges.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    raw = body_of(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 BOM for spreadsheet programs"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5
    row = next(r for r in rows if r["id"] == str(pledge.public_id))
    assert row["title"] == "서울시 청년 주택 10만호 공급"
    assert row["status_ko"] == "추진 중"
    assert row["owner_name"] == pledge.owner.name
    assert row["categories"] == pledge.categories.get().slug
    assert row["url"].endswith(f"/pledges/{pledge.slug}/")


def test_json_export_has_every_pledge_in_the_api_shape(client, journalist, settings):
    settings.EXPORT_CHUNK_SIZE = 2
    full_pledge(journalist)
    PledgeFactory.create_batch(4)
    response = client.get("/api/v1/export/pledges.json")
    assert response.status_code == 200
    items = json.loads(body_of(response))["items"]
    assert len(items) == 5
    for item in items:
        PledgeOut.model_validate(item)
    assert len({i["id"] for i in items}) == 5


def test_the_nightly_dump_is_written_and_can_be_downloaded(
    client, journalist, settings, tmp_path
):
    settings.EXPORT_DIR = str(tmp_path / "exports")
    full_pledge(journalist, title="부산 공약")
    names = export_dump_task.apply().get()
    today = services.today_local().isoformat()
    assert sorted(names) == [f"pledges-{today}.csv", f"pledges-{today}.json"]
    listing = client.get("/api/v1/export/dumps").json()["items"]
    assert {i["name"] for i in listing} == set(names)
    csv_entry = next(i for i in listing if i["name"].endswith(".csv"))
    assert csv_entry["url"].endswith(f"/api/v1/export/dumps/{csv_entry['name']}")
    download = client.get(f"/api/v1/export/dumps/{csv_entry['name']}")
    assert download.status_code == 200
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "부산 공약" in text


def test_old_dumps_are_pruned(settings, tmp_path, db):
    from commitments.api.export import write_dump

    settings.EXPORT_DIR = str(tmp_path)
    settings.EXPORT_KEEP_DUMPS = 2
    for day in (1, 2, 3):
        write_dump(today=date(2026, 1, day), base_url="https://example.org")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pledges-2026-01-02.csv",
        "pledges-2026-01-02.json",
        "pledges-2026-01-03.csv",
        "pledges-2026-01-03.json",
    ]
