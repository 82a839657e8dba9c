"""A real Celery worker killed with SIGKILL mid-extraction: a replacement
worker extracts the article within 60 s, once, without beat. The dead
worker's claim is a lease nobody renews any more; the replacement sweeps at
start-up and takes the job over when the lease lapses."""

import os
import signal
import time

import pytest

from tests.factories import OwnerFactory
from tests.services import require_redis, start_worker, stop_worker
from tracker.ingest.services import source_ingest_text
from tracker.models import Candidate, ExtractionJob

ARTICLE = (
    "서울시는 5일 청년 주거 대책을 발표했다.\n"
    "오세훈 서울시장은 2030년까지 청년 주택 5만호를 공급하겠다고 밝혔다.\n"
    "또 2028년까지 공공 보육시설 300곳을 새로 짓겠다고 약속했다.\n"
)
# What a normal run stores for ARTICLE (tests/tracker/test_jobs.py).
NORMAL_RUN_CANDIDATES = 2
State = ExtractionJob.State


def wait_for(source_id: int, states: set[str], timeout: float) -> ExtractionJob:
    deadline = time.monotonic() + timeout
    while True:
        job = ExtractionJob.objects.get(source_id=source_id)
        if job.state in states or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_extraction_is_replaced_within_a_minute(journalist):
    require_redis()
    OwnerFactory(slug="seoul", name="서울시", aliases=["서울시", "오세훈"])
    # The first worker holds its claim for a long time, as a huge article would.
    doomed = start_worker("doomed", env={"EXTRACTION_TEST_DELAY_SECONDS": "120"})
    replacement = None
    try:
        source, _ = source_ingest_text(actor=journalist, body=ARTICLE, language="ko")
        job = wait_for(source.pk, {State.EXTRACTING}, timeout=30)
        assert job.state == State.EXTRACTING, "the first worker never claimed it"
        assert job.sent_at is not None and job.lease_expires_at is not None
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
        available = time.monotonic()
        replacement = start_worker("replacement")
        job = wait_for(source.pk, {State.READY, State.FAILED}, timeout=60)
        took = time.monotonic() - available
    finally:
        if doomed.poll() is None:
            doomed.kill()
            doomed.wait()
        if replacement is not None:
            stop_worker(replacement)
    assert job.state == State.READY, f"still {job.state} after {took:.0f} s"
    assert took < 60
    # Exactly once: the killed run stored nothing, the replacement one set.
    assert job.attempts == 2
    assert Candidate.objects.filter(source=source).count() == NORMAL_RUN_CANDIDATES
