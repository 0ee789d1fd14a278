"""Reads shaped for display."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Claim


@dataclass(frozen=True)
class ClaimInContext:
    before: str
    content: str
    after: str


def claim_in_context(claim: Claim) -> ClaimInContext:
    """The paragraph holding the claim, split around the claim's span."""
    text = claim.article.text
    start, end = max(0, claim.start), min(len(text), claim.end)
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end < 0:
        paragraph_end = len(text)
    return ClaimInContext(text[paragraph_start:start], text[start:end], text[end:paragraph_end])
