"""Who holds an extraction job, for how long, and what happens when they die.

A worker claims a job with a conditional UPDATE that writes its claim token
and a lease (`EXTRACTION_LEASE_SECONDS`). A heartbeat thread renews the lease
while the worker runs, so a live claim never lapses; a worker killed with
SIGKILL stops renewing and its lease lapses within one lease length. Then a
redelivered or re-sent message may take the job over (`job_claim`), and the
sweeper (`jobs_stuck`) puts it back in the queue.

Nothing here enqueues: `tasks` sends the messages these functions ask for."""

import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone

from tracker.models import ExtractionJob

log = logging.getLogger(__name__)
State = ExtractionJob.State


def claim_token() -> str:
    """Unique per claim; says which process holds it, for operators."""
    return f"{socket.gethostname()}/{os.getpid()}/{secrets.token_hex(4)}"[:200]


def lease_length() -> timedelta:
    return timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS)


@dataclass(frozen=True)
class Claim:
    won: bool
    token: str = ""
    # When the claim was refused because a live lease holds the job: seconds
    # until that lease lapses (when it is worth asking again).
    busy_for: float | None = None


def job_claim(*, source_id: int) -> Claim:
    """queued → extracting, or take over an `extracting` job whose lease
    lapsed (its worker is gone). Only the caller whose UPDATE wins holds it.

    A job that has used up its attempts is not taken over: it keeps killing
    its workers (e.g. out of memory), and the sweeper marks it failed."""
    now = timezone.now()
    token = claim_token()
    claimable = Q(state=State.QUEUED) | Q(
        state=State.EXTRACTING,
        lease_expires_at__lt=now,
        attempts__lt=settings.EXTRACTION_MAX_ATTEMPTS,
    )
    won = (
        ExtractionJob.objects.filter(source_id=source_id)
        .filter(claimable)
        .update(
            state=State.EXTRACTING,
            claimed_by=token,
            lease_expires_at=now + lease_length(),
            started_at=now,
            finished_at=None,
            attempts=F("attempts") + 1,
            error="",
        )
    )
    if won == 1:
        return Claim(won=True, token=token)
    held = (
        ExtractionJob.objects.filter(source_id=source_id, state=State.EXTRACTING)
        .values_list("lease_expires_at", flat=True)
        .first()
    )
    if held is None or held <= now:
        # Done, gone, or a lapsed claim with no attempts left (the sweeper
        # marks it failed): nothing to wait for.
        return Claim(won=False)
    return Claim(won=False, busy_for=(held - now).total_seconds())


@dataclass
class Heartbeat:
    """Renews the claim's lease every third of its length until stopped, or
    until `EXTRACTION_TIME_LIMIT_SECONDS` have passed: a hung extraction must
    not hold its job forever."""

    job_pk: int
    token: str
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> "Heartbeat":
        if connection.in_atomic_block:
            # Run inside a caller's transaction (in-process runs in tests):
            # another connection can neither see the claim nor write it
            # without waiting on that transaction's lock.
            return self
        self._thread = threading.Thread(
            target=self._run, name=f"lease-{self.job_pk}", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            # Never wait long: a renewal stuck on a lock must not hold the run.
            self._thread.join(timeout=2)

    def _run(self) -> None:
        interval = max(0.5, settings.EXTRACTION_LEASE_SECONDS / 3)
        give_up = time.monotonic() + settings.EXTRACTION_TIME_LIMIT_SECONDS
        try:
            while not self._stop.wait(interval):
                if time.monotonic() > give_up:
                    log.warning("job %s ran past its time limit", self.job_pk)
                    return
                renew(job_pk=self.job_pk, token=self.token)
        except Exception:
            log.warning(
                "renewing the lease of job %s failed", self.job_pk, exc_info=True
            )
        finally:
            connection.close()


def renew(*, job_pk: int, token: str) -> bool:
    """Extend the lease; False when the claim is no longer ours."""
    return bool(
        ExtractionJob.objects.filter(
            pk=job_pk, state=State.EXTRACTING, claimed_by=token
        ).update(lease_expires_at=timezone.now() + lease_length())
    )


@dataclass(frozen=True)
class Sweep:
    resend: list[int]  # source ids to send now
    recheck: list[tuple[int, float]]  # (source id, seconds): live leases


def _lapsed(now: datetime) -> Q:
    stuck_before = now - timedelta(minutes=settings.EXTRACTION_STUCK_AFTER_MINUTES)
    # Rows claimed before leases existed have none: judge them by their age.
    return Q(lease_expires_at__lt=now) | Q(
        lease_expires_at__isnull=True, started_at__lt=stuck_before
    )


def jobs_stuck() -> Sweep:
    """What the sweeper (beat, and every worker at start-up) re-sends:

    - `extracting` jobs whose lease lapsed (their worker died) go back to
      `queued`, up to `EXTRACTION_MAX_ATTEMPTS`, then `failed`;
    - `queued` jobs never sent (the broker was down when they were made);
    - `queued` jobs last sent longer ago than `EXTRACTION_STUCK_AFTER_MINUTES`
      (the message was lost: a broker restarted empty, a retry went missing);
    - `extracting` jobs under a live lease are listed to be checked again when
      it lapses, so a job whose worker just died runs without waiting for the
      next sweep (or for beat at all)."""
    now = timezone.now()
    stuck_before = now - timedelta(minutes=settings.EXTRACTION_STUCK_AFTER_MINUTES)
    resend: list[int] = []
    stuck = ExtractionJob.objects.filter(_lapsed(now), state=State.EXTRACTING)
    for job in stuck:
        same = ExtractionJob.objects.filter(
            pk=job.pk, state=State.EXTRACTING, claimed_by=job.claimed_by
        )
        if job.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            same.update(
                state=State.FAILED,
                error="Gave up: the job was stuck too many times.",
                finished_at=now,
                lease_expires_at=None,
            )
            continue
        if same.filter(started_at=job.started_at).update(
            state=State.QUEUED, claimed_by="", lease_expires_at=None
        ):
            resend.append(job.source_id)
    resend.extend(
        ExtractionJob.objects.filter(state=State.QUEUED)
        .filter(Q(sent_at__isnull=True) | Q(sent_at__lt=stuck_before))
        .exclude(source_id__in=resend)
        .values_list("source_id", flat=True)
    )
    recheck = [
        (source_id, max(0.0, (lease - now).total_seconds()))
        for source_id, lease in ExtractionJob.objects.filter(
            state=State.EXTRACTING, lease_expires_at__gte=now
        ).values_list("source_id", "lease_expires_at")
        # Never None by the filter; the check tells the type checker.
        if lease is not None
    ]
    return Sweep(resend=resend, recheck=recheck)


def job_sent(*, source_id: int) -> None:
    """The job's message reached the broker."""
    ExtractionJob.objects.filter(source_id=source_id).update(sent_at=timezone.now())
