"""Plain dataclasses that leave the extraction package (JSON-safe via asdict)."""

from __future__ import annotations

from dataclasses import dataclass, field


class ExtractionInputError(ValueError):
    """The input cannot be analysed (too large, undecodable, not text)."""


@dataclass
class TargetSpec:
    value: float
    unit: str
    period: str | None = None  # "per year" / "per month" / None
    deadline: str | None = None  # "YYYY" or "YYYY-MM-DD"
    deadline_precision: str | None = None  # year/half/quarter/month/day
    deadline_inferred: bool = False
    text: str = ""
    component_of: int | None = None
    baseline: float | None = None


@dataclass
class QuoteSpan:
    quote: str
    start: int
    end: int


@dataclass
class ExtractedPledge:
    quote: str
    start: int
    end: int
    title: str
    owner: str | None
    targets: list[TargetSpec] = field(default_factory=list)
    score: float = 0.0
    cues: list[str] = field(default_factory=list)
    language: str = "ko"
    extra_quotes: list[QuoteSpan] = field(default_factory=list)
    # 0 for a whole sentence; 1, 2… for the coordinated clauses of one
    # sentence that state pledges of their own (same quote, own targets).
    part: int = 0
