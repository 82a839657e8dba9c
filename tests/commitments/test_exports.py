"""Bulk exports: streamed CSV (Korean intact for spreadsheets) and JSON of
pledges and measurements, each ending in a mark that says it is complete and
stating the data licence; and the nightly dumps."""

import csv
import io
import json
import shutil
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import services
from commitments.api import export_files
from commitments.api.export import CSV_COLUMNS
from commitments.api.schemas import MeasurementOut, PledgeOut
from commitments.models import Pledge
from commitments.tasks import export_dump_task
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import PledgeFactory, TargetFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]
EXTRA_JSON_FIELDS = {"progress_percent", "latest_measurement", "latest_verdict_at"}


def body_of(response) -> bytes:
    assert response.streaming, "exports must be streamed"
    return b"".join(response.streaming_content)


def csv_export(client, path: str) -> tuple[list[dict], str]:
    """The rows and the closing comment line of a CSV export."""
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    raw = body_of(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 BOM for spreadsheet programs"
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n")
    body, trailer = text[:-2].rsplit("\r\n", 1)
    assert trailer.startswith("# complete: ")
    return list(csv.DictReader(io.StringIO(body + "\r\n"))), trailer


def test_csv_export_parses_back_with_korean_intact(client, journalist, settings):
    settings.EXPORT_CHUNK_SIZE = 2  # several chunks, as with a large record
    pledge = full_pledge(journalist, title="서울시 청년 주택 10만호 공급")
    PledgeFactory.create_batch(4)
    rows, trailer = csv_export(client, "/api/v1/export/pledges.csv")
    assert list(rows[0]) == CSV_COLUMNS
    # The first columns are the ones the export always had, in their order.
    assert CSV_COLUMNS[:3] == ["id", "slug", "title"]
    assert CSV_COLUMNS[19:22] == ["latest_update_at", "updated_at", "url"]
    assert len(rows) == 5
    assert trailer.startswith("# complete: 5 pledges; licence: CC BY 4.0 ")
    row = next(r for r in rows if r["id"] == str(pledge.public_id))
    assert row["title"] == "서울시 청년 주택 10만호 공급"
    assert row["status_ko"] == "추진 중"
    assert row["owner_name"] == pledge.owner.name
    assert row["categories"] == pledge.categories.get().slug
    assert row["url"].endswith(f"/pledges/{pledge.slug}/")
    assert row["targets"] == str(pledge.targets.get())
    update = pledge.status_updates.get()
    assert row["latest_update_at"] == update.created_at.isoformat().replace(
        "+00:00", "Z"
    )


def test_csv_has_progress_latest_measurement_and_verdict_date(
    client, journalist, settings
):
    pledge = full_pledge(journalist)
    rows, _ = csv_export(client, "/api/v1/export/pledges.csv")
    row = rows[0]
    target = pledge.targets.get()
    assert row["progress_percent"] == "25"  # 250 of 1000
    assert row["latest_measurement_value"] == "250"
    assert row["latest_measurement_unit"] == target.unit
    assert row["latest_measurement_metric"] == target.metric
    assert row["latest_measurement_as_of"] == "2025-01-01"
    verdict = pledge.status_updates.get()
    assert row["latest_verdict_at"] == verdict.created_at.isoformat().replace(
        "+00:00", "Z"
    )


def test_progress_follows_corrections_and_averages_headline_targets(
    client, journalist, editor
):
    pledge = full_pledge(journalist)
    first = pledge.targets.get()
    services.measurement_correct(
        actor=editor,
        measurement=first.measurements.get(),
        value=500,
        reason="The ministry revised the figure.",
        evidence_url="https://example.org/fix",
    )
    second = TargetFactory(pledge=pledge, value=Decimal("10"), position=1)
    services.measurement_record(
        actor=journalist,
        target=second,
        value=10,
        as_of=date(2025, 6, 1),
        evidence_url="https://example.org/m2",
    )
    # A component does not count twice: only headline targets are averaged.
    part = TargetFactory(
        pledge=pledge, value=Decimal("100"), position=2, component_of=first
    )
    services.measurement_record(
        actor=journalist,
        target=part,
        value=1,
        as_of=date(2025, 3, 1),
        evidence_url="https://example.org/m3",
    )
    # A verdict is not the only kind of update: an official report is later.
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status="kept",
        kind="official",
        note="The city says it is done.",
        evidence_url="https://example.org/o",
    )
    rows, _ = csv_export(client, "/api/v1/export/pledges.csv")
    row = rows[0]
    assert row["progress_percent"] == "75"  # (50% + 100%) / 2
    assert row["latest_measurement_value"] == "10"
    assert row["latest_measurement_as_of"] == "2025-06-01"
    newest = pledge.status_updates.order_by("-created_at", "-id")
    official, verdict = newest[0], newest[1]
    assert row["latest_update_at"] == official.created_at.isoformat().replace(
        "+00:00", "Z"
    )
    assert row["latest_verdict_at"] == verdict.created_at.isoformat().replace(
        "+00:00", "Z"
    )


def test_a_pledge_without_targets_or_updates_has_empty_new_columns(client):
    PledgeFactory()
    rows, _ = csv_export(client, "/api/v1/export/pledges.csv")
    for name in CSV_COLUMNS[22:]:
        assert rows[0][name] == "", name


def test_json_export_items_are_the_api_representation_plus_export_fields(
    client, journalist, settings
):
    settings.EXPORT_CHUNK_SIZE = 2
    pledge = full_pledge(journalist)
    PledgeFactory.create_batch(4)
    response = client.get("/api/v1/export/pledges.json")
    assert response.status_code == 200
    assert (
        response["Link"]
        == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    )
    data = json.loads(body_of(response))
    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert data["count"] == 5 and data["complete"] is True
    items = data["items"]
    assert len(items) == 5
    for item in items:
        PledgeOut.model_validate(item)
    assert len({i["id"] for i in items}) == 5
    # Field for field what the API's own pledge endpoint says.
    exported = next(i for i in items if i["id"] == str(pledge.public_id))
    api = client.get(f"/api/v1/pledges/{pledge.public_id}").json()
    assert {k: v for k, v in exported.items() if k not in EXTRA_JSON_FIELDS} == api
    assert exported["progress_percent"] == 25
    assert exported["latest_measurement"]["value"] == "250"
    assert exported["latest_verdict_at"] == api["latest_update"]["created_at"]


def test_measurement_exports_list_every_measurement_and_correction(
    client, journalist, editor, settings
):
    settings.EXPORT_CHUNK_SIZE = 1
    pledge = full_pledge(journalist, title="부산 공약")
    original = pledge.targets.get().measurements.get()
    fixed = services.measurement_correct(
        actor=editor,
        measurement=original,
        value=300,
        reason="오타 수정",
        evidence_url="https://example.org/fix",
    )
    rows, trailer = csv_export(client, "/api/v1/export/measurements.csv")
    assert trailer.startswith("# complete: 2 measurements; licence: CC BY 4.0")
    assert [r["id"] for r in rows] == [str(original.public_id), str(fixed.public_id)]
    assert rows[1]["corrects"] == str(original.public_id)
    assert rows[1]["correction_reason"] == "오타 수정"
    assert rows[1]["value"] == "300"
    assert rows[1]["pledge_title"] == "부산 공약"
    assert rows[1]["pledge_url"].endswith(f"/pledges/{pledge.slug}/")

    data = json.loads(body_of(client.get("/api/v1/export/measurements.json")))
    assert data["count"] == 2 and data["complete"] is True
    assert data["licence"]["name"] == "CC BY 4.0"
    api = client.get("/api/v1/measurements").json()["items"]
    assert data["items"] == api
    for item in data["items"]:
        MeasurementOut.model_validate(item)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/export/pledges.csv",
        "/api/v1/export/pledges.json",
        "/api/v1/export/measurements.csv",
        "/api/v1/export/measurements.json",
    ],
)
def test_export_queries_do_not_grow_with_the_rows_in_a_chunk(
    client, journalist, settings, path
):
    """A fixed number of queries per chunk: no query per pledge."""
    settings.EXPORT_CHUNK_SIZE = 1000

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            body_of(client.get(path))
        return len(ctx)

    full_pledge(journalist)
    few = queries()
    for _ in range(6):
        full_pledge(journalist)
    assert queries() == few


def test_empty_record_exports_are_complete_and_valid(client):
    rows, trailer = csv_export(client, "/api/v1/export/pledges.csv")
    assert rows == [] and trailer.startswith("# complete: 0 pledges")
    data = json.loads(body_of(client.get("/api/v1/export/measurements.json")))
    assert data["items"] == [] and data["count"] == 0 and data["complete"]


def test_a_write_changes_the_export_etag(client, journalist):
    pledge = full_pledge(journalist)
    first = client.get("/api/v1/export/pledges.csv")["ETag"]
    assert client.get("/api/v1/export/pledges.csv")["ETag"] == first
    services.measurement_record(
        actor=journalist,
        target=pledge.targets.get(),
        value=600,
        as_of=date(2025, 9, 1),
        evidence_url="https://example.org/later",
    )
    assert client.get("/api/v1/export/pledges.csv")["ETag"] != first


def test_the_nightly_dump_is_written_and_can_be_downloaded(
    client, journalist, settings, tmp_path
):
    settings.EXPORT_DIR = str(tmp_path / "exports")
    full_pledge(journalist, title="부산 공약")
    names = export_dump_task.apply().get()
    today = services.today_local().isoformat()
    assert sorted(names) == [
        f"measurements-{today}.csv",
        f"measurements-{today}.json",
        f"pledges-{today}.csv",
        f"pledges-{today}.json",
    ]
    listing = client.get("/api/v1/export/dumps").json()["items"]
    assert {i["name"] for i in listing} == set(names)
    csv_entry = next(i for i in listing if i["name"] == f"pledges-{today}.csv")
    assert csv_entry["url"].endswith(f"/api/v1/export/dumps/{csv_entry['name']}")
    download = client.get(f"/api/v1/export/dumps/{csv_entry['name']}")
    assert download.status_code == 200
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "부산 공약" in text
    assert text.splitlines()[-1].startswith("# complete: 1 pledges;")
    dump = client.get(f"/api/v1/export/dumps/measurements-{today}.json")
    assert json.loads(b"".join(dump.streaming_content))["count"] == 1


def test_old_dumps_are_pruned(settings, tmp_path, db):
    from commitments.api.export import write_dump

    settings.EXPORT_DIR = str(tmp_path)
    settings.EXPORT_KEEP_DUMPS = 2
    for day in (1, 2, 3):
        write_dump(today=date(2026, 1, day), base_url="https://example.org")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{name}-2026-01-{day}.{kind}"
        for name in ("measurements", "pledges")
        for day in ("02", "03")
        for kind in ("csv", "json")
    ]


def test_overdue_is_computed_against_today_as_in_the_api(client):
    """The stored flag is refreshed by a daily job; the export, like the API
    and the pages, does not wait for it."""
    late = PledgeFactory(deadline=date(2001, 1, 1), status="in_progress")
    Pledge.objects.filter(pk=late.pk).update(is_overdue=False)  # a stale flag
    done = PledgeFactory(deadline=date(2001, 1, 1), status="kept")
    rows, _ = csv_export(client, "/api/v1/export/pledges.csv")
    flags = {r["slug"]: r["is_overdue"] for r in rows}
    assert flags == {late.slug: "true", done.slug: "false"}
    items = json.loads(body_of(client.get("/api/v1/export/pledges.json")))["items"]
    api = client.get(f"/api/v1/pledges/{late.public_id}").json()
    exported = next(i for i in items if i["slug"] == late.slug)
    assert exported["is_overdue"] is True == api["is_overdue"]


def test_timestamps_and_ids_are_written_as_the_api_writes_them(client):
    """The database writes timestamps and public ids as text (export_sql);
    they must read as `caching.iso_datetime` and `str(uuid)` write them, with
    and without microseconds."""
    from datetime import UTC, datetime

    from commitments.api.caching import iso_datetime

    whole, fraction = PledgeFactory.create_batch(2)
    stamps = {
        whole.pk: datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
        fraction.pk: datetime(2025, 3, 4, 5, 6, 7, 890, tzinfo=UTC),
    }
    for pk, stamp in stamps.items():
        Pledge.objects.filter(pk=pk).update(updated_at=stamp, created_at=stamp)
    data = json.loads(body_of(client.get("/api/v1/export/pledges.json")))
    rows, _ = csv_export(client, "/api/v1/export/pledges.csv")
    for pledge in (whole, fraction):
        expected = iso_datetime(stamps[pledge.pk])
        item = next(i for i in data["items"] if i["id"] == str(pledge.public_id))
        assert item["updated_at"] == item["created_at"] == expected
        row = next(r for r in rows if r["id"] == str(pledge.public_id))
        assert row["updated_at"] == expected
    assert expected.endswith(".000890Z")


def test_the_exports_json_encoder_writes_what_the_apis_does():
    from commitments.api import caching

    items = [
        {
            "text": '부산 "따옴표" \\ \n\t\x00\x1f\u2028 é',
            "on": date(2025, 1, 2),
            "amount": Decimal("1.50"),
            "none": None,
            "flag": True,
            "n": 3,
            "share": 0.25,
            "nested": [{"a": []}],
        },
        {},
    ]
    assert b"[" + caching.dumps_items(items) + b"]" == caching.dumps(items)
    assert caching.dumps_items([]) == b""


def test_relations_read_by_id_lists_in_batches_give_the_same_exports(
    client, journalist, monkeypatch
):
    """Measurements and sources are read by the chunk's ids, cut into lists
    of `IN_BATCH`: however they are cut, the exports say the same."""
    from commitments.api import export_sql

    for n in range(3):
        full_pledge(journalist, title=f"공약 {n}")
    paths = ["/api/v1/export/pledges.csv", "/api/v1/export/pledges.json"]
    whole = [body_of(client.get(path)) for path in paths]
    monkeypatch.setattr(export_sql, "IN_BATCH", 1)
    # Built again, not sent from the files the first downloads kept.
    shutil.rmtree(export_files.folder())
    assert [body_of(client.get(path)) for path in paths] == whole
