"""Attributed claims from news articles: pure Python, no Django.

`extract()` is the one entry point; everything else here is a step it calls.
"""

from .budget import ExtractionTimeout
from .pipeline import DEFAULT_BUDGET_SECONDS, EXTRACTOR_VERSION, extract
from .types import ExtractedClaim, Extraction

__all__ = [
    "DEFAULT_BUDGET_SECONDS",
    "EXTRACTOR_VERSION",
    "ExtractedClaim",
    "Extraction",
    "ExtractionTimeout",
    "extract",
]
