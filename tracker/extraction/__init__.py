"""Pledge extraction: article text in, candidate pledges out. No Django here."""

from .pipeline import PIPELINE_VERSION, extract
from .records import Candidate, ExtractionInputError, QuoteSpan, TargetSpec

__all__ = [
    "PIPELINE_VERSION",
    "Candidate",
    "ExtractionInputError",
    "QuoteSpan",
    "TargetSpec",
    "extract",
]
