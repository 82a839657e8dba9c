"""Export files: a download sends the file kept for the record's current
state, never one of an older state; the first download after a change
streams live and keeps its file; a cut-short or overtaken build keeps
nothing; the beat task builds what is missing."""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import services
from commitments.api import export_files
from commitments.models import Citation, Measurement, Source
from commitments.tasks import export_files_refresh_task
from tests.commitments.api_support import api_settings, full_pledge  # noqa: F401
from tests.factories import PledgeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_settings")]
URL = "/api/v1/export/pledges.json"


def kept_files() -> list[Path]:
    folder = export_files.folder()
    return sorted(folder.iterdir()) if folder.is_dir() else []


def download(client, url: str = URL) -> tuple[object, bytes]:
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_first_download_streams_and_the_next_is_the_kept_file(client, journalist):
    full_pledge(journalist, title="청년 주택 공급")
    first, live = download(client)
    assert isinstance(first, StreamingHttpResponse)
    assert [p.name for p in kept_files()] == [
        f"pledges-{export_files.state_key(_links())}.json"
    ]
    second, sent = download(client)
    assert isinstance(second, FileResponse)
    assert sent == live
    assert int(second["Content-Length"]) == len(live)
    assert second["Content-Disposition"] == 'attachment; filename="pledges.json"'
    assert first["ETag"] == second["ETag"]
    assert json.loads(sent)["complete"] is True


def _links():
    from commitments.api.representations import Links

    return Links.for_request(None, "http://testserver")


def _titles(body: bytes) -> list[str]:
    return [item["title"] for item in json.loads(body)["items"]]


def test_a_service_write_is_in_the_very_next_download(client, journalist):
    pledge = full_pledge(journalist)
    download(client)
    services.status_update_post(
        actor=journalist,
        pledge=pledge,
        status="kept",
        note="완공",
        evidence_url="https://example.org/done",
    )
    response, body = download(client)
    assert isinstance(response, StreamingHttpResponse), "the old file is not sent"
    assert json.loads(body)["items"][0]["status"]["code"] == "kept"


def test_writes_outside_the_services_are_in_the_next_download(client, journalist):
    pledge = full_pledge(journalist)
    download(client)
    # A measurement written straight to the table: the pledge row is untouched.
    Measurement.objects.create(
        target=pledge.targets.get(),
        value=Decimal("900"),
        as_of=date(2025, 6, 1),
        author=journalist,
        evidence_url="https://example.org/direct",
    )
    _, body = download(client)
    assert json.loads(body)["items"][0]["progress_percent"] == 90
    # A source retitled: only the citation shows it.
    source = Source.objects.get()
    source.title = "새 제목"
    source.save()
    _, body = download(client)
    assert json.loads(body)["items"][0]["citations"][0]["title"] == "새 제목"
    # An owner renamed.
    owner = pledge.owner
    owner.name = "국토교통부"
    owner.save()
    _, body = download(client)
    assert json.loads(body)["items"][0]["owner"]["name"] == "국토교통부"
    # A citation deleted (a max() of ids would not see it).
    Citation.objects.filter(pledge=pledge).delete()
    _, body = download(client)
    assert json.loads(body)["items"][0]["citations"] == []


def test_the_file_of_an_older_state_is_removed_when_a_newer_is_kept(client):
    PledgeFactory(title="첫 공약")
    download(client)
    older = kept_files()
    PledgeFactory(title="둘째 공약")
    download(client)
    newer = kept_files()
    assert len(older) == len(newer) == 1 and older != newer
    assert sorted(_titles(newer[0].read_bytes())) == ["둘째 공약", "첫 공약"]


def test_a_download_cut_short_keeps_no_file(client, settings):
    settings.EXPORT_CHUNK_SIZE = 1
    PledgeFactory.create_batch(3)
    links = _links()
    body = export_files.stream_and_keep(
        "pledges", "json", links, export_files.state_key(links)
    )
    next(body)
    next(body)
    # The client went away: the server closes the response's iterator.
    body.close()
    assert kept_files() == []
    assert isinstance(client.get(URL), StreamingHttpResponse)


def test_a_build_the_record_overtook_is_not_kept(client, settings):
    settings.EXPORT_CHUNK_SIZE = 1
    PledgeFactory.create_batch(3, title="먼저")
    response = client.get(URL)
    chunks = iter(response.streaming_content)
    body = next(chunks) + next(chunks)
    PledgeFactory(title="나중")  # written while the download streams
    body += b"".join(chunks)
    assert json.loads(body)["complete"] is True
    assert kept_files() == [], "its bytes may predate the write"
    _, fresh = download(client)
    assert "나중" in _titles(fresh)


def test_a_new_day_is_a_new_file(client, monkeypatch):
    # Whether a pledge is overdue is computed against today.
    PledgeFactory(deadline=timezone.localdate() + timedelta(days=1))
    _, today = download(client)
    assert json.loads(today)["items"][0]["is_overdue"] is False
    later = timezone.localdate() + timedelta(days=2)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    response, tomorrow = download(client)
    assert isinstance(response, StreamingHttpResponse)
    assert json.loads(tomorrow)["items"][0]["is_overdue"] is True


def test_each_origin_has_its_own_file(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "tracker.example.org"]
    PledgeFactory()
    download(client)
    response, body = download(client, URL)
    assert isinstance(response, FileResponse)
    other = client.get(URL, HTTP_HOST="tracker.example.org")
    assert isinstance(other, StreamingHttpResponse)
    assert b"http://tracker.example.org/" in b"".join(other.streaming_content)


def test_the_beat_task_builds_every_missing_file_once(settings, journalist):
    settings.PUBLIC_BASE_URL = "https://pledges.example.org"
    full_pledge(journalist)
    names = export_files_refresh_task()
    assert sorted(n.rsplit("-", 1)[0] for n in names) == [
        "measurements",
        "measurements",
        "pledges",
        "pledges",
    ]
    stamps = {p: p.stat().st_mtime_ns for p in kept_files()}
    assert len(stamps) == 4
    # Nothing changed: nothing is written again.
    assert export_files_refresh_task() == names
    assert {p: p.stat().st_mtime_ns for p in kept_files()} == stamps
    csv = next(p for p in kept_files() if p.name.startswith("pledges-"))
    assert csv.suffix in (".csv", ".json")
    assert b"https://pledges.example.org/" in csv.read_bytes()


def test_a_kept_file_costs_two_queries(client, django_assert_num_queries):
    PledgeFactory.create_batch(5)
    download(client)
    # The state's key, and the Last-Modified time.
    with CaptureQueriesContext(connection) as queries:
        response, _ = download(client)
    assert isinstance(response, FileResponse)
    assert len(queries) == 2, [q["sql"] for q in queries]
