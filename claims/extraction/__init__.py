"""Attributed claims from news articles: pure Python, no Django.

`extract()` is the one entry point; everything else here is a step it calls.
"""

from .pipeline import EXTRACTOR_VERSION, extract
from .types import ExtractedClaim, Extraction

__all__ = ["EXTRACTOR_VERSION", "Extraction", "ExtractedClaim", "extract"]
