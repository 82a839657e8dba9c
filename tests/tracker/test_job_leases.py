"""Extraction claims are leases: a live worker's heartbeat keeps its claim, a
dead worker's claim lapses and the next message (or sweep) takes the job
over; the sweeper also re-sends jobs whose message was lost or never sent."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from commitments.models import Source
from config.celery import app as celery_app
from tests.factories import OwnerFactory
from tracker.extraction_runs import lease, runner
from tracker.extraction_runs.tasks import extract_source_task, sweep_stuck_jobs_task
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate, ExtractionJob

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


def held_by_a_dead_worker(source: Source, *, lapsed_seconds_ago: float) -> None:
    """What a worker killed mid-extraction leaves behind."""
    now = timezone.now()
    Candidate.objects.filter(source=source).delete()
    ExtractionJob.objects.filter(source=source).update(
        state=State.EXTRACTING,
        claimed_by="dead-host/4242/0000",
        started_at=now - timedelta(seconds=60),
        lease_expires_at=now - timedelta(seconds=lapsed_seconds_ago),
        attempts=1,
    )


@pytest.mark.django_db
def test_a_message_takes_over_a_job_whose_lease_lapsed(source):
    held_by_a_dead_worker(source, lapsed_seconds_ago=1)
    assert extract_source_task.apply(args=[source.pk]).get() == State.READY
    job = ExtractionJob.objects.get(source=source)
    assert job.state == State.READY and job.attempts == 2
    assert job.claimed_by != "dead-host/4242/0000"
    assert job.lease_expires_at is None
    assert Candidate.objects.filter(source=source).count() == 2


@pytest.mark.django_db
def test_a_live_lease_is_not_taken_over(source):
    held_by_a_dead_worker(source, lapsed_seconds_ago=-20)  # 20 s left
    assert runner.job_run(source_id=source.pk) == "busy"
    assert 15 < runner.job_busy_for(source_id=source.pk) <= 20
    job = ExtractionJob.objects.get(source=source)
    assert job.state == State.EXTRACTING and job.attempts == 1
    # The task reports it as skipped (another worker holds it).
    assert extract_source_task.apply(args=[source.pk]).get() == "skipped"


@pytest.mark.django_db
def test_a_lapsed_claim_with_no_attempts_left_is_left_to_the_sweeper(source, settings):
    held_by_a_dead_worker(source, lapsed_seconds_ago=1)
    ExtractionJob.objects.filter(source=source).update(
        attempts=settings.EXTRACTION_MAX_ATTEMPTS
    )
    assert runner.job_run(source_id=source.pk) == "skipped"
    assert runner.job_busy_for(source_id=source.pk) is None
    assert sweep_stuck_jobs_task() == 0
    assert ExtractionJob.objects.get(source=source).state == State.FAILED


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_keeps_a_running_workers_claim(source, settings):
    """The run lasts three lease lengths; the lease is renewed meanwhile, so a
    second message never takes the job over from the live worker."""
    settings.EXTRACTION_LEASE_SECONDS = 1
    settings.EXTRACTION_TEST_DELAY_SECONDS = 3
    # With autocommit the ingest already ran the (eager) task: start over.
    Candidate.objects.filter(source=source).delete()
    ExtractionJob.objects.filter(source=source).update(state=State.QUEUED, attempts=0)
    results: list[str] = []

    def run() -> None:
        try:
            results.append(runner.job_run(source_id=source.pk))
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    leases, rivals = [], []
    deadline = time.monotonic() + 2.5
    while time.monotonic() < deadline:
        job = ExtractionJob.objects.get(source=source)
        if job.state == State.EXTRACTING:
            leases.append(job.lease_expires_at)
            rivals.append(runner.job_run(source_id=source.pk))
        time.sleep(0.2)
    worker.join(timeout=30)
    assert results == [State.READY]
    assert leases and len(set(leases)) >= 3, "the lease was renewed"
    assert set(rivals) == {"busy"}
    job = ExtractionJob.objects.get(source=source)
    assert job.state == State.READY and job.attempts == 1
    assert Candidate.objects.filter(source=source).count() == 2


@pytest.mark.django_db
def test_a_worker_taken_over_does_not_overwrite_its_successor(source):
    claim = lease.job_claim(source_id=source.pk)
    assert claim.won
    # Presumed dead: its lease lapsed and a successor claimed the job.
    ExtractionJob.objects.filter(source=source).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    successor = lease.job_claim(source_id=source.pk)
    assert successor.won and successor.token != claim.token
    assert lease.renew(job_pk=source.extraction_job.pk, token=claim.token) is False
    assert lease.renew(job_pk=source.extraction_job.pk, token=successor.token)


@pytest.mark.django_db
def test_the_sweeper_requeues_a_lapsed_claim_and_rechecks_live_ones(
    source, journalist, django_capture_on_commit_callbacks
):
    other, _ = source_ingest_text(
        actor=journalist, body=ARTICLE + "\n추가 문장.", language="ko"
    )
    held_by_a_dead_worker(source, lapsed_seconds_ago=1)
    held_by_a_dead_worker(other, lapsed_seconds_ago=-10)
    ExtractionJob.objects.filter(source=other).update(sent_at=timezone.now())
    sweep = lease.jobs_stuck()
    assert sweep.resend == [source.pk]
    ((recheck, seconds),) = sweep.recheck
    assert recheck == other.pk and 5 < seconds <= 10
    job = ExtractionJob.objects.get(source=source)
    assert job.state == State.QUEUED and job.claimed_by == ""
    assert ExtractionJob.objects.get(source=other).state == State.EXTRACTING


@pytest.fixture
def eager_celery():
    """Sent tasks run in this process (no worker), even when REDIS_URL is set."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.mark.django_db
def test_the_sweeper_resends_a_requeued_job_whose_message_was_lost(
    source, eager_celery, django_capture_on_commit_callbacks
):
    """A job put back to queued after it had started (a transient failure,
    or an earlier sweep) keeps its started_at; if that message is lost too,
    the job must still be sent again."""
    long_ago = timezone.now() - timedelta(hours=1)
    ExtractionJob.objects.filter(source=source).update(
        state=State.QUEUED, started_at=long_ago, sent_at=long_ago, attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert sweep_stuck_jobs_task.apply().get() == 1
    assert len(callbacks) == 1
    job = ExtractionJob.objects.get(source=source)
    # Sent again (eagerly here) and run.
    assert job.state == State.READY and job.sent_at > long_ago


@pytest.mark.django_db
def test_the_sweeper_sends_a_job_the_broker_never_got(source):
    ExtractionJob.objects.filter(source=source).update(sent_at=None)
    assert lease.jobs_stuck().resend == [source.pk]
    ExtractionJob.objects.filter(source=source).update(sent_at=timezone.now())
    assert lease.jobs_stuck().resend == []


@pytest.mark.django_db
def test_a_requeued_job_counts_as_unsent_until_its_message_is_sent(
    source, editor, django_capture_on_commit_callbacks
):
    from tracker.extraction_runs import services as jobs

    runner.job_run(source_id=source.pk)
    ExtractionJob.objects.filter(source=source).update(sent_at=timezone.now())
    with django_capture_on_commit_callbacks() as callbacks:  # not sent
        jobs.job_requeue(actor=editor, source=source)
    assert len(callbacks) == 1
    assert ExtractionJob.objects.get(source=source).sent_at is None
    assert lease.jobs_stuck().resend == [source.pk]
