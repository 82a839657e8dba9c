"""A probe task: extract the benchmark corpus N times inside a worker child
and report how fast that child went, and which process it was."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

from celery import shared_task

from tracker.extraction.cli import split_header

ROOT = Path(__file__).resolve().parent.parent.parent


def _corpus() -> list[tuple[str, datetime.date | None]]:
    folder = ROOT.parent / "shared" / "corpus" / "dev"
    if not folder.is_dir():
        folder = ROOT / "tracker" / "fixtures"
    out = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        headers, offset = split_header(raw)
        date = headers.get("DATE")
        out.append(
            (raw[offset:], datetime.date.fromisoformat(date[:10]) if date else None)
        )
    return out


@shared_task(name="bench.extract_corpus")
def extract_corpus(rounds: int) -> dict[str, float]:
    from tracker.extraction import extract

    corpus = _corpus()
    started = time.perf_counter()
    # The first article pays for a model load when the child has none yet.
    extract(corpus[0][0], published_on=corpus[0][1])
    first = time.perf_counter() - started
    started = time.perf_counter()
    cpu = time.process_time()
    for _ in range(rounds):
        for text, date in corpus:
            extract(text, published_on=date)
    elapsed = time.perf_counter() - started
    return {
        "pid": os.getpid(),
        "first_s": first,
        "articles": rounds * len(corpus),
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu,
    }
