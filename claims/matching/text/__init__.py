"""Find near-duplicate claims: pure Python, no Django.

``match_key`` normalises a claim's text once and ``fingerprint`` shortens it to the
words a database index finds candidates by; ``claim_similarity`` and
``rank_candidates`` score the candidates found.
"""

from .normalize import MatchKey, fingerprint, match_key, trigrams
from .similarity import MATCH_THRESHOLD, Match, claim_similarity, rank_candidates, trigram_similarity

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
