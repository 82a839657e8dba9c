"""What a worker does with one extraction job: claim it, run the engine,
store the candidates, record the outcome. The job row's state is the truth:

queued → extracting (claimed by exactly one worker with a conditional UPDATE,
held by a lease its heartbeat renews: see `lease`) → ready | failed. The
sweep task re-sends jobs whose worker died and jobs whose message was lost.

Nothing here enqueues: `tasks` calls this module, `services` enqueues."""

import hashlib
import logging
import time
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments.models import DeadlinePrecision, Owner, Source, Target
from tracker.extraction import (
    PIPELINE_VERSION,
    ExtractedPledge,
    ExtractionInputError,
    extract,
)
from tracker.extraction_runs import lease
from tracker.models import Candidate, ExtractionJob
from tracker.review.matching import pledge_match
from tracker.review.owners import owner_matching
from tracker.shorten import fits_field, shorten_to_field

log = logging.getLogger(__name__)
State = ExtractionJob.State
CandidateState = Candidate.State

PERIODS = {
    "per year": Target.Period.PER_YEAR,
    "per month": Target.Period.PER_MONTH,
    "cumulative": Target.Period.CUMULATIVE,
}


def fingerprint_of(quote: str, part: int = 0) -> str:
    """A candidate's identity within its source: its quote, and for one of
    several pledges stated by one sentence, which clause it is (a whole
    sentence keeps the fingerprint it always had)."""
    normal = " ".join(unicodedata.normalize("NFC", quote).split())
    if part:
        normal += f"\x00part {part}"
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _deadline(text: str | None) -> str:
    """Engine deadlines are "YYYY" or "YYYY-MM-DD"; targets store a date."""
    if not text:
        return ""
    if len(text) == 4 and text.isdigit():
        return f"{text}-12-31"
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return ""


def targets_json(found: ExtractedPledge) -> list[dict[str, Any]]:
    """The engine's targets as editable rows, totals before their components
    (pledge_create wants a component after the total it belongs to)."""
    specs = list(found.targets)
    order = sorted(range(len(specs)), key=lambda i: specs[i].component_of is not None)
    position = {old: new for new, old in enumerate(order)}
    rows: list[dict[str, Any]] = []
    for old in order:
        t = specs[old]
        value = int(t.value) if float(t.value).is_integer() else t.value
        rows.append(
            {
                "metric": shorten_to_field(
                    t.text or f"{value} {t.unit}", Target, "metric"
                ),
                "value": str(value),
                "unit": shorten_to_field(t.unit, Target, "unit"),
                "period": PERIODS.get(t.period or "", Target.Period.NONE),
                "deadline": _deadline(t.deadline),
                "deadline_precision": (
                    t.deadline_precision
                    if t.deadline_precision in DeadlinePrecision.values
                    else ""
                ),
                "deadline_inferred": t.deadline_inferred,
                "text": shorten_to_field(t.text, Target, "text"),
                "component_of": (
                    position.get(t.component_of) if t.component_of is not None else None
                ),
                "baseline": t.baseline,
            }
        )
    return rows


def candidates_store(*, source: Source, found: Sequence[ExtractedPledge]) -> int:
    """Store the engine's candidates for `source`. Idempotent by (source,
    fingerprint): running twice, or two workers at once, never duplicates;
    a newer pipeline version refreshes pending candidates and keeps every
    decision already made. Returns how many candidates the source has."""
    owners = {o.slug: o for o in Owner.objects.all()}
    for item in found:
        fingerprint = fingerprint_of(item.quote, item.part)
        owner = owners.get(item.owner or "") or owner_matching(
            item.owner or "", context=source.body
        )
        targets = targets_json(item)
        suggested, suggestion_score = pledge_match(
            owner=owner,
            title=item.title,
            quote=item.quote,
            target_values=[t["value"] for t in targets],
        )
        language = item.language or ""
        # The engine's text goes into fields with a max_length: what does not
        # fit is shortened visibly (tracker/shorten.py), for the editor to fix
        # on review, rather than cut silently or refused (nobody typed it).
        fields = {
            "pipeline_version": PIPELINE_VERSION,
            "quote": item.quote,
            "quote_start": item.start,
            "quote_end": item.end,
            "extra_quotes": [
                {"quote": q.quote, "start": q.start, "end": q.end}
                for q in item.extra_quotes
            ],
            "title": shorten_to_field(item.title, Candidate, "title"),
            "language": language if fits_field(language, Candidate, "language") else "",
            "owner_name": shorten_to_field(
                owner.name if owner else item.owner or "", Candidate, "owner_name"
            ),
            "owner": owner,
            "targets": targets,
            "score": max(0.0, min(1.0, float(item.score))),
            "cues": list(item.cues),
            "suggested_pledge": suggested,
            "suggestion_score": suggestion_score or None,
        }
        existing = Candidate.objects.filter(
            source=source, fingerprint=fingerprint
        ).first()
        if existing is not None:
            if existing.state == CandidateState.PENDING:
                Candidate.objects.filter(
                    pk=existing.pk, state=CandidateState.PENDING
                ).update(**fields)
            elif existing.pipeline_version != PIPELINE_VERSION:
                # Decided: keep the decision and what was decided on.
                Candidate.objects.filter(pk=existing.pk).update(
                    pipeline_version=PIPELINE_VERSION
                )
            continue
        try:
            with transaction.atomic():
                Candidate.objects.create(
                    source=source, fingerprint=fingerprint, **fields
                )
        except IntegrityError:
            # Another worker stored it between our read and insert.
            continue
    return Candidate.objects.filter(source=source).count()


def owner_gazetteer() -> dict[str, str]:
    """Every owner's names and aliases → the owner's slug (the engine's key)."""
    gazetteer: dict[str, str] = {}
    for slug, name, name_en, aliases in Owner.objects.values_list(
        "slug", "name", "name_en", "aliases"
    ):
        for alias in [name, name_en, *(aliases or [])]:
            if isinstance(alias, str) and alias.strip():
                gazetteer.setdefault(alias.strip(), slug)
    return gazetteer


def job_run(*, source_id: int) -> str:
    """Claim and run one extraction. Returns the job state afterwards,
    "skipped" when the job is done or gone, or "busy" while another worker's
    live lease holds it (ask again when the lease lapses: `job_busy_for`).

    ExtractionInputError is permanent (failed); any other exception puts the
    job back to queued and propagates, so the task can retry it. Every write
    after the claim is conditional on still holding it: a worker that was
    presumed dead and taken over never overwrites its successor's state."""
    claim = lease.job_claim(source_id=source_id)
    if not claim.won:
        return "busy" if claim.busy_for is not None else "skipped"
    job = ExtractionJob.objects.select_related("source").get(source_id=source_id)
    ours = ExtractionJob.objects.filter(
        pk=job.pk, state=State.EXTRACTING, claimed_by=claim.token
    )
    source = job.source
    started = time.perf_counter()
    try:
        with lease.Heartbeat(job_pk=job.pk, token=claim.token):
            _test_delay()
            gazetteer = owner_gazetteer()
            found = extract(
                source.body,
                published_on=source.published_on,
                language=source.language or None,
                gazetteer=gazetteer,
                max_chars=settings.EXTRACTION_MAX_CHARS,
            )
            extracted = time.perf_counter()
            stored = candidates_store(source=source, found=found)
    except ExtractionInputError as exc:
        ours.update(
            state=State.FAILED,
            error=str(exc)[:2000],
            pipeline_version=PIPELINE_VERSION,
            finished_at=timezone.now(),
            lease_expires_at=None,
            timings={"total_ms": round((time.perf_counter() - started) * 1000, 1)},
        )
        return State.FAILED
    except Exception as exc:
        ours.update(
            state=State.QUEUED,
            lease_expires_at=None,
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    done = time.perf_counter()
    if not ours.update(
        state=State.READY,
        pipeline_version=PIPELINE_VERSION,
        finished_at=timezone.now(),
        lease_expires_at=None,
        error="",
        timings={
            "extract_ms": round((extracted - started) * 1000, 1),
            "store_ms": round((done - extracted) * 1000, 1),
            "total_ms": round((done - started) * 1000, 1),
            "candidates": stored,
        },
    ):
        # Taken over while we ran (our lease lapsed): the candidates are
        # stored idempotently, the successor records the outcome.
        log.warning("job %s was taken over before it finished", job.pk)
    return State.READY


def _test_delay() -> None:
    """Reliability tests hold a claim this long to kill the worker
    mid-extraction; always 0 outside them."""
    if settings.EXTRACTION_TEST_DELAY_SECONDS:
        time.sleep(settings.EXTRACTION_TEST_DELAY_SECONDS)


def job_busy_for(*, source_id: int) -> float | None:
    """Seconds until the live lease on the job lapses (None: not held)."""
    held = (
        ExtractionJob.objects.filter(source_id=source_id, state=State.EXTRACTING)
        .values_list("lease_expires_at", flat=True)
        .first()
    )
    now = timezone.now()
    if held is None or held <= now:
        return None
    return (held - now).total_seconds()


def job_mark_failed(*, source_id: int, error: str) -> None:
    """Give up after the last retry: the error stays on the job for editors."""
    ExtractionJob.objects.filter(source_id=source_id).exclude(state=State.READY).update(
        state=State.FAILED,
        error=error[:2000],
        finished_at=timezone.now(),
        lease_expires_at=None,
    )
