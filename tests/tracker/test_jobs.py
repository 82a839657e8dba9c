"""Extraction jobs: one claim wins, reruns never duplicate candidates,
failures are recorded, stuck jobs are swept, decisions survive upgrades."""

import threading
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from commitments.models import Source
from tests.factories import OwnerFactory
from tracker.extraction import extract
from tracker.extraction_runs import runner
from tracker.extraction_runs import services as jobs
from tracker.extraction_runs.runner import candidates_store
from tracker.extraction_runs.tasks import extract_source_task, sweep_stuck_jobs_task
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate, ExtractionJob
from tracker.review.services import candidate_reject

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)
State = ExtractionJob.State


@pytest.fixture
def source(journalist) -> Source:
    OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    source, _ = source_ingest_text(actor=journalist, body=ARTICLE, language="ko")
    return source


def candidate_rows(source: Source) -> list[tuple]:
    return sorted(
        Candidate.objects.filter(source=source).values_list("fingerprint", "quote")
    )


def restart(source: Source) -> None:
    Candidate.objects.filter(source=source).delete()
    ExtractionJob.objects.filter(source=source).update(state=State.QUEUED)


@pytest.mark.django_db
def test_a_job_runs_once_and_a_second_run_is_skipped(source):
    assert runner.job_run(source_id=source.pk) == State.READY
    first = candidate_rows(source)
    assert len(first) == 2
    assert runner.job_run(source_id=source.pk) == "skipped"
    assert extract_source_task.apply(args=[source.pk]).get() == "skipped"
    assert candidate_rows(source) == first
    job = ExtractionJob.objects.get(source=source)
    assert job.attempts == 1 and job.finished_at and job.started_at


@pytest.mark.django_db(transaction=True)
def test_the_task_run_twice_concurrently_leaves_one_set_of_candidates(source):
    # With autocommit the ingest already ran the (eager) task: start over.
    restart(source)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(extract_source_task.apply(args=[source.pk]).get())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == ["ready", "skipped"]
    assert len(candidate_rows(source)) == 2


@pytest.mark.django_db(transaction=True)
def test_storing_the_same_candidates_concurrently_never_duplicates(source):
    """Even without the claim (a swept job racing its old worker), the
    (source, fingerprint) constraint keeps one row per candidate."""
    restart(source)
    found = extract(ARTICLE, language="ko")
    barrier = threading.Barrier(3)

    def store() -> None:
        try:
            barrier.wait(timeout=10)
            candidates_store(source=source, found=found)
        finally:
            connection.close()

    threads = [threading.Thread(target=store) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(candidate_rows(source)) == len(found) == 2


@pytest.mark.django_db
def test_the_gazetteer_is_every_owner_name_and_alias():
    OwnerFactory(slug="busan", name="부산광역시", name_en="Busan", aliases=["부산시"])
    assert runner.owner_gazetteer() == {
        "부산광역시": "busan",
        "Busan": "busan",
        "부산시": "busan",
    }


@pytest.mark.django_db
def test_input_the_engine_refuses_fails_the_job_with_the_error(source, settings):
    settings.EXTRACTION_MAX_CHARS = 10
    assert extract_source_task.apply(args=[source.pk]).get() == State.FAILED
    job = ExtractionJob.objects.get(source=source)
    assert job.state == State.FAILED
    assert job.error
    assert job.pipeline_version


@pytest.mark.django_db
def test_a_transient_failure_puts_the_job_back_in_the_queue(source, monkeypatch):
    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("database went away")

    monkeypatch.setattr(runner, "candidates_store", broken)
    with pytest.raises(OperationalError):
        runner.job_run(source_id=source.pk)
    job = ExtractionJob.objects.get(source=source)
    assert job.state == State.QUEUED
    assert "database went away" in job.error
    monkeypatch.undo()
    assert runner.job_run(source_id=source.pk) == State.READY
    assert ExtractionJob.objects.get(source=source).attempts == 2


@pytest.mark.django_db
def test_the_task_retries_transient_failures_with_backoff():
    options = extract_source_task
    assert options.acks_late is True
    assert OperationalError.__mro__[1] in options.autoretry_for or any(
        issubclass(OperationalError, exc) for exc in options.autoretry_for
    )
    assert options.retry_backoff and options.max_retries


@pytest.mark.django_db
def test_the_sweeper_requeues_a_stuck_job(
    source, settings, django_capture_on_commit_callbacks
):
    ExtractionJob.objects.filter(source=source).update(
        state=State.EXTRACTING,
        started_at=timezone.now() - timedelta(hours=1),
        attempts=1,
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert sweep_stuck_jobs_task.apply().get() == 1
    assert len(callbacks) == 1  # the task, sent again
    assert ExtractionJob.objects.get(source=source).state == State.QUEUED
    assert runner.job_run(source_id=source.pk) == State.READY
    assert len(candidate_rows(source)) == 2


@pytest.mark.django_db
def test_the_sweeper_leaves_recent_jobs_and_gives_up_after_max_attempts(
    source, settings
):
    ExtractionJob.objects.filter(source=source).update(
        state=State.EXTRACTING, started_at=timezone.now(), attempts=1
    )
    assert sweep_stuck_jobs_task() == 0
    ExtractionJob.objects.filter(source=source).update(
        started_at=timezone.now() - timedelta(hours=1),
        attempts=settings.EXTRACTION_MAX_ATTEMPTS,
    )
    assert sweep_stuck_jobs_task() == 0
    assert ExtractionJob.objects.get(source=source).state == State.FAILED


@pytest.mark.django_db
def test_re_extracting_with_a_newer_pipeline_keeps_every_decision(
    source, editor, monkeypatch, django_capture_on_commit_callbacks
):
    runner.job_run(source_id=source.pk)
    first, second = Candidate.objects.filter(source=source).order_by("quote_start")
    candidate_reject(actor=editor, candidate=first, reason="too_vague")
    monkeypatch.setattr(runner, "PIPELINE_VERSION", "9.9.9")
    with django_capture_on_commit_callbacks() as callbacks:
        job = jobs.job_requeue(actor=editor, source=source)
    assert job.state == State.QUEUED and len(callbacks) == 1
    runner.job_run(source_id=source.pk)
    job.refresh_from_db()
    assert job.state == State.READY and job.pipeline_version == "9.9.9"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == Candidate.State.REJECTED
    assert first.reject_reason == "too_vague"
    assert first.decided_by == editor
    assert second.state == Candidate.State.PENDING
    assert {first.pipeline_version, second.pipeline_version} == {"9.9.9"}
    assert Candidate.objects.filter(source=source).count() == 2
