"""Extraction benchmark (prints figures; not a test).

    .venv/bin/python bench/extraction.py [CORPUS_DIR] [--articles 200]

Reads article files from CORPUS_DIR (default ../shared/corpus/dev, else the
project's fixture tracker/fixtures), repeats them to at least
--articles, and reports cold start (first extract, Kiwi model load included),
articles/s after warm-up, peak memory, and the floor: kiwipiepy's own
Kiwi.tokenize on the same texts.
"""

from __future__ import annotations

import argparse
import datetime
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extraction.cli import split_header  # noqa: E402


def load_corpus(folder: Path) -> list[tuple[str, datetime.date | None]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        headers, offset = split_header(raw)
        date = headers.get("DATE")
        out.append(
            (raw[offset:], datetime.date.fromisoformat(date[:10]) if date else None)
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=None)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    candidates = (
        [Path(args.corpus)]
        if args.corpus
        else [
            ROOT.parent / "shared" / "corpus" / "dev",
            ROOT / "tracker" / "fixtures",
        ]
    )
    folder = next((p for p in candidates if p.is_dir() and any(p.glob("*.txt"))), None)
    if folder is None:
        print("no corpus found", file=sys.stderr)
        return 2
    corpus = load_corpus(folder)
    reps = -(-args.articles // len(corpus))
    work = (corpus * reps)[: max(args.articles, len(corpus))]
    chars = sum(len(t) for t, _ in work)

    started = time.perf_counter()
    from tracker.extraction import extract
    from tracker.extraction.sentences import get_kiwi

    extract(corpus[0][0], published_on=corpus[0][1])
    cold = time.perf_counter() - started

    for text, date in corpus:  # warm-up
        extract(text, published_on=date)
    started = time.perf_counter()
    found = 0
    for text, date in work:
        found += len(extract(text, published_on=date))
    ours = time.perf_counter() - started

    kiwi = get_kiwi()
    for text, _ in corpus:
        kiwi.tokenize(text)
    started = time.perf_counter()
    for text, _ in work:
        kiwi.tokenize(text)
    floor = time.perf_counter() - started

    tracemalloc.start()
    for text, date in corpus:
        extract(text, published_on=date)
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    n = len(work)
    print(
        f"corpus: {folder} ({len(corpus)} files, repeated to {n} articles, {chars:,} chars)"
    )
    print(f"cold start (import + Kiwi load + first extract): {cold:.2f} s")
    print(
        f"extract:         {n / ours:8.1f} articles/s  ({ours / n * 1000:.1f} ms/article, {found} candidates)"
    )
    print(
        f"floor (tokenize):{n / floor:8.1f} articles/s  ({floor / n * 1000:.1f} ms/article)"
    )
    print(f"ratio extract/floor time: {ours / floor:.2f}x")
    print(
        f"peak memory: maxrss {rss:.0f} MiB; Python heap peak per pass {py_peak / 2**20:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
