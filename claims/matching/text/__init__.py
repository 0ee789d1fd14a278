"""Find near-duplicate claims: pure Python, no Django.

``match_key`` normalises a claim's text once and ``fingerprint`` shortens it to the
words a database index finds candidates by; ``claim_similarity`` and
``rank_candidates`` score the candidates found. ``embeddings`` turns claims into
multilingual vectors and ``semantic_similarity`` scores a pair by meaning, across languages.
"""

from .normalize import MatchKey, fingerprint, match_key, trigrams
from .semantic import COSINE_THRESHOLD, combined_similarity, cosine_score, semantic_similarity
from .similarity import MATCH_THRESHOLD, Match, claim_similarity, rank_candidates, trigram_similarity

__all__ = [
    "COSINE_THRESHOLD",
    "MATCH_THRESHOLD",
    "Match",
    "MatchKey",
    "claim_similarity",
    "combined_similarity",
    "cosine_score",
    "fingerprint",
    "match_key",
    "rank_candidates",
    "semantic_similarity",
    "trigram_similarity",
    "trigrams",
]
