"""The JSON shape of an extraction, shared by the command line and the benchmarks."""

from __future__ import annotations

from .types import ExtractedClaim, Extraction


def claim_to_dict(claim: ExtractedClaim) -> dict:
    return {
        "start": claim.start,
        "end": claim.end,
        "content": claim.content,
        "speaker": claim.speaker,
        "cue": claim.cue,
        "via": claim.via,
        "kind": claim.kind,
        "date": claim.date.isoformat() if claim.date else None,
        "checkworthiness": round(claim.checkworthiness, 4),
        "flags": list(claim.flags),
        "gaps": list(claim.gaps),
    }


def extraction_to_dict(article_id, extraction: Extraction) -> dict:
    return {
        "id": article_id,
        "lang": extraction.lang,
        "text": extraction.text,
        "title": extraction.title,
        "authors": list(extraction.authors),
        "published": extraction.published.isoformat() if extraction.published else None,
        "outlet": extraction.outlet,
        "claims": [claim_to_dict(c) for c in extraction.claims],
    }
