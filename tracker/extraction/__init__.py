"""Pledge extraction: article text in, candidate pledges out. No Django here."""

from .pipeline import PIPELINE_VERSION, extract
from .records import ExtractedPledge, ExtractionInputError, QuoteSpan, TargetSpec

__all__ = [
    "PIPELINE_VERSION",
    "ExtractedPledge",
    "ExtractionInputError",
    "QuoteSpan",
    "TargetSpec",
    "extract",
]
