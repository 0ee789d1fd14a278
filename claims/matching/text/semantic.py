"""Score two claims by meaning (their embeddings' cosine), in one language or across two.

Raw cosines of multilingual-e5 run high: unrelated news sentences score 0.73-0.85 and
translations about 0.90. So the cosine is mapped onto the matcher's 0..1 scale with
`COSINE_THRESHOLD` landing on `MATCH_THRESHOLD`, and `COSINE_FLOOR` on zero. Embeddings
barely see numbers ("rose 10 percent" and "rose 25 percent" score 0.96), so the lexical
key's numbers, which are the same in both languages, still decide: numbers that differ
on both sides divide the score as in `claim_similarity`. The thresholds are calibrated on
the cross-language development set by `bench/matching.py`.
"""

from __future__ import annotations

from collections import Counter

from .normalize import MatchKey
from .similarity import MATCH_THRESHOLD, NUMBER_CONFLICT_FACTOR, NUMBER_MISSING_FACTOR, SAME_SPEAKER_BONUS, Match

COSINE_THRESHOLD = 0.90  # at or above: the same claim (score MATCH_THRESHOLD or more)
COSINE_FLOOR = 0.80  # at or below: unrelated (score 0)
METHOD = "embedding"


def cosine_score(cosine: float) -> float:
    """The cosine on the matcher's 0..1 scale: FLOOR -> 0, THRESHOLD -> MATCH_THRESHOLD, 1 -> 1."""
    if cosine >= COSINE_THRESHOLD:
        return MATCH_THRESHOLD + (1 - MATCH_THRESHOLD) * min(1.0, (cosine - COSINE_THRESHOLD) / (1 - COSINE_THRESHOLD))
    return max(0.0, MATCH_THRESHOLD * (cosine - COSINE_FLOOR) / (COSINE_THRESHOLD - COSINE_FLOOR))


def semantic_similarity(a: MatchKey, b: MatchKey, cosine: float, *, same_speaker: bool = False) -> Match:
    """Score two claims 0..1 from their embeddings' cosine, checked against the numbers both state."""
    score = cosine_score(cosine)
    reasons = [f"meaning {cosine:.3f}" + ("" if a.lang == b.lang else f" ({a.lang} / {b.lang})")]
    if same_speaker:
        score = min(1.0, score + SAME_SPEAKER_BONUS)
        reasons.append(f"same speaker +{SAME_SPEAKER_BONUS}")
    if a.number_list != b.number_list:
        count_a, count_b = Counter(a.number_list), Counter(b.number_list)
        only_a, only_b = set(count_a - count_b), set(count_b - count_a)
        if only_a and only_b:
            score *= NUMBER_CONFLICT_FACTOR
            reasons.append(f"numbers differ: {', '.join(sorted(only_a))} vs {', '.join(sorted(only_b))}")
        else:
            score *= NUMBER_MISSING_FACTOR
            reasons.append(f"numbers only on one side: {', '.join(sorted(only_a or only_b))}")
    elif a.numbers:
        reasons.append(f"numbers agree: {', '.join(sorted(a.numbers))}")
    return Match(round(score, 4), METHOD, tuple(reasons))
