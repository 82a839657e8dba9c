"""Ingesting pasted text and uploaded files: stored once, extraction queued
after commit, bad input refused with a clear code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.errors import PermissionDenied, ValidationFailed
from commitments.models import Source
from tests.factories import OwnerFactory
from tracker.extraction_runs import runner
from tracker.ingest.services import source_ingest_file, source_ingest_text
from tracker.models import Candidate, ExtractionJob

pytestmark = pytest.mark.django_db

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
)


def test_pasted_text_is_stored_once_and_extracted_after_commit(
    journalist, django_capture_on_commit_callbacks
):
    OwnerFactory(slug="seoul", name="서울시", name_en="Seoul", aliases=["서울시"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        source, created = source_ingest_text(
            actor=journalist, body=ARTICLE, title="청년 주거", language="ko"
        )
    assert created
    assert len(callbacks) == 1  # the extraction task, sent after commit
    # Ran in-process when there is no broker; with Redis, run it here.
    runner.job_run(source_id=source.pk)
    job = ExtractionJob.objects.get(source=source)
    assert job.state == ExtractionJob.State.READY
    assert job.pipeline_version
    assert "total_ms" in job.timings
    candidate = Candidate.objects.get(source=source)
    assert "5만호" in candidate.quote
    assert source.body[candidate.quote_start : candidate.quote_end] == candidate.quote
    assert candidate.owner is not None and candidate.owner.slug == "seoul"


def test_the_same_article_again_returns_the_existing_source(
    journalist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = source_ingest_text(actor=journalist, body=ARTICLE)
    runner.job_run(source_id=first.pk)
    # Different line endings and spacing: the same article.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again, created = source_ingest_text(
            actor=journalist, body=ARTICLE.replace("\n", "\r\n") + "  "
        )
    assert (again, created) == (first, False)
    assert callbacks == []  # nothing re-queued
    assert Source.objects.count() == 1
    assert Candidate.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_empty_text_is_refused(journalist, body):
    with pytest.raises(ValidationFailed) as caught:
        source_ingest_text(actor=journalist, body=body)
    assert caught.value.code == "empty_text"
    assert Source.objects.count() == 0


def test_binary_text_is_refused(journalist):
    with pytest.raises(ValidationFailed) as caught:
        source_ingest_text(actor=journalist, body="PK\x03\x04\x00\x00binary")
    assert caught.value.code == "binary_content"


def test_a_reader_cannot_ingest(reader):
    with pytest.raises(PermissionDenied):
        source_ingest_text(actor=reader, body=ARTICLE)


def test_an_euc_kr_text_file_is_decoded(journalist):
    upload = SimpleUploadedFile("기사.txt", ARTICLE.encode("euc-kr"), "text/plain")
    source, created = source_ingest_file(actor=journalist, upload=upload)
    assert created
    assert "청년 주택 5만호" in source.body


def test_an_html_file_keeps_the_main_text(journalist):
    html = (
        "<html><head><title>청년 주거</title></head><body><nav>메뉴 홈 정치</nav>"
        "<article><p>서울시는 5일 청년 주거 대책을 발표했다.</p>"
        "<p>오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다. "
        "시는 역세권 규제를 완화하고 공급 속도를 높일 계획이다.</p>"
        "<p>전문가들은 공급 속도가 관건이라고 지적했다.</p></article></body></html>"
    )
    upload = SimpleUploadedFile("article.html", html.encode(), "text/html")
    source, _ = source_ingest_file(actor=journalist, upload=upload)
    assert "청년 주택 5만호" in source.body
    assert "<p>" not in source.body
    assert source.title == "청년 주거"


def test_a_binary_upload_is_refused(journalist):
    upload = SimpleUploadedFile(
        "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(500), "text/plain"
    )
    with pytest.raises(ValidationFailed) as caught:
        source_ingest_file(actor=journalist, upload=upload)
    assert caught.value.code == "binary_content"
    assert Source.objects.count() == 0


def test_an_upload_of_another_type_is_refused(journalist):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4", "application/pdf")
    with pytest.raises(ValidationFailed) as caught:
        source_ingest_file(actor=journalist, upload=upload)
    assert caught.value.code == "unsupported_file"


def test_the_ingest_command_reads_files(journalist, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command("ingest", str(path), "--user", journalist.username)
    assert "new:" in capsys.readouterr().out
    assert Source.objects.count() == 1
    call_command("ingest", str(path), "--user", journalist.username)
    assert "already stored" in capsys.readouterr().out
    assert Source.objects.count() == 1


def test_the_ingest_command_reports_failures(journalist, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="1 of 1 failed"):
        call_command(
            "ingest", str(tmp_path / "missing.txt"), "--user", journalist.username
        )
