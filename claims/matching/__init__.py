"""Find near-duplicate claims: pure Python, no Django.

``match_key`` normalises a claim's text once (store its ``search_text`` for a
database prefilter); ``claim_similarity`` and ``rank_candidates`` score the
candidates the prefilter returns.
"""

from claims.matching.normalize import MatchKey, fingerprint, match_key, trigrams
from claims.matching.similarity import MATCH_THRESHOLD, Match, claim_similarity, rank_candidates, trigram_similarity

__all__ = [
    "MATCH_THRESHOLD",
    "Match",
    "MatchKey",
    "claim_similarity",
    "fingerprint",
    "match_key",
    "rank_candidates",
    "trigram_similarity",
    "trigrams",
]
