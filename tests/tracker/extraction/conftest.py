from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "tracker" / "fixtures" / "seed-article.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's body (header lines removed)."""
    from tracker.extraction.cli import split_header

    raw = SEED.read_text(encoding="utf-8")
    _, offset = split_header(raw)
    return raw[offset:]
