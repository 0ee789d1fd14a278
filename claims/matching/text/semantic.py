"""Score two claims by meaning (their embeddings' cosine), in one language or across two.

Raw cosines of multilingual-e5 run high: unrelated news sentences score 0.75-0.87 and
translations 0.86-0.96, with a median of 0.90; rewordings in one language score higher
still (a median of 0.94). So the cosine is mapped onto the matcher's 0..1 scale with a
threshold landing on `MATCH_THRESHOLD`: `COSINE_THRESHOLD` across languages,
`SAME_LANGUAGE_COSINE_THRESHOLD` within one, and the floor (score 0) as far below each.

Embeddings barely see numbers, negations or names ("rose 10 percent" and "rose 25
percent" score 0.96; "Moscow will send aid" and "Beijing will send aid" 0.93), so what
survives translation still decides: numbers that differ on both sides divide the score as
in `claim_similarity`; a negation on one side only divides it; names (capitalised words)
on both sides with none in common, or each side naming someone the other does not,
lower it. The figures are calibrated on the development split of the cross-language set
by `bench/matching.py`.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from .normalize import MatchKey
from .similarity import (
    MATCH_THRESHOLD,
    NEGATION_FACTOR,
    NUMBER_CONFLICT_FACTOR,
    NUMBER_MISSING_FACTOR,
    SAME_SPEAKER_BONUS,
    Match,
    claim_similarity,
)

COSINE_THRESHOLD = 0.88  # across languages, at or above: the same claim (score MATCH_THRESHOLD or more)
SAME_LANGUAGE_COSINE_THRESHOLD = 0.94  # the same within one language
COSINE_FLOOR = 0.80  # across languages, at or below: unrelated (score 0); within one, as far below its threshold
NAME_CONFLICT_FACTOR = 0.5  # both claims name people or places, and none of them is the same
NAME_DIFFERENCE_FACTOR = 0.6  # each claim names someone the other does not ("Moscow" vs "Beijing")
METHOD = "embedding"


def cosine_score(cosine: float, *, same_language: bool = False) -> float:
    """The cosine on the matcher's 0..1 scale: floor -> 0, threshold -> MATCH_THRESHOLD, 1 -> 1."""
    threshold = SAME_LANGUAGE_COSINE_THRESHOLD if same_language else COSINE_THRESHOLD
    floor = COSINE_FLOOR + (threshold - COSINE_THRESHOLD)
    if cosine >= threshold:
        return MATCH_THRESHOLD + (1 - MATCH_THRESHOLD) * min(1.0, (cosine - threshold) / (1 - threshold))
    return max(0.0, MATCH_THRESHOLD * (cosine - floor) / (threshold - floor))


@lru_cache(maxsize=100_000)
def _same_name(x: str, y: str) -> bool:
    """One name in two spellings: "Rusia" / "Russia", "Moskow" / "Moscow", "Filipina" / "Filipinos"."""
    if x == y:
        return True
    return min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= 0.8


def _name_factor(a: MatchKey, b: MatchKey) -> tuple[float, str]:
    if not a.names or not b.names:
        return 1.0, ""
    only_a = sorted(x for x in a.names if not any(_same_name(x, y) for y in b.capitalised))
    only_b = sorted(y for y in b.names if not any(_same_name(x, y) for x in a.capitalised))
    if len(only_a) == len(a.names):
        return NAME_CONFLICT_FACTOR, f"no name in common: {', '.join(only_a)} vs {', '.join(only_b)}"
    if only_a and only_b:
        return NAME_DIFFERENCE_FACTOR, f"names differ: {', '.join(only_a)} vs {', '.join(only_b)}"
    return 1.0, ""


def _negation_factor(a: MatchKey, b: MatchKey) -> tuple[float, str]:
    """A negation on one side only; within one language, also a negated word the other states."""
    if a.lang == b.lang:
        contradicted = ((a.negated - b.negated) & b.token_set) | ((b.negated - a.negated) & a.token_set)
        if contradicted:
            return NEGATION_FACTOR, f"negated on one side only: {', '.join(sorted(contradicted))}"
    if ("_not" in a.token_set) != ("_not" in b.token_set):
        return NEGATION_FACTOR, "a negation on one side only"
    return 1.0, ""


def _numbers(a: MatchKey, b: MatchKey) -> tuple[float, str]:
    if a.number_list != b.number_list:
        count_a, count_b = Counter(a.number_list), Counter(b.number_list)
        only_a, only_b = set(count_a - count_b), set(count_b - count_a)
        if only_a and only_b:
            return NUMBER_CONFLICT_FACTOR, f"numbers differ: {', '.join(sorted(only_a))} vs {', '.join(sorted(only_b))}"
        return NUMBER_MISSING_FACTOR, f"numbers only on one side: {', '.join(sorted(only_a or only_b))}"
    if a.numbers:
        return 1.0, f"numbers agree: {', '.join(sorted(a.numbers))}"
    return 1.0, ""


def semantic_similarity(a: MatchKey, b: MatchKey, cosine: float, *, same_speaker: bool = False) -> Match:
    """Score two claims 0..1 from their embeddings' cosine, checked against their numbers, negations and names."""
    score = cosine_score(cosine, same_language=a.lang == b.lang)
    reasons = [f"meaning {cosine:.3f}" + ("" if a.lang == b.lang else f" ({a.lang} / {b.lang})")]
    if same_speaker:
        score = min(1.0, score + SAME_SPEAKER_BONUS)
        reasons.append(f"same speaker +{SAME_SPEAKER_BONUS}")
    for factor, reason in (_numbers(a, b), _negation_factor(a, b), _name_factor(a, b)):
        score *= factor
        if reason:
            reasons.append(reason)
    return Match(round(score, 4), METHOD, tuple(reasons))


def combined_similarity(a: MatchKey, b: MatchKey, cosine: float, *, same_speaker: bool = False) -> Match:
    """The better of the lexical and the semantic score in one language, the semantic one across two.

    Either way a negation on one side only and names that differ still lower the score.
    """
    semantic = semantic_similarity(a, b, cosine, same_speaker=same_speaker)
    if a.lang != b.lang:
        return semantic
    lexical = claim_similarity(a, b, same_speaker=same_speaker)
    if lexical.score <= semantic.score:
        return semantic
    score, reasons = lexical.score, list(lexical.reasons)
    negation, reason = _negation_factor(a, b)
    if negation < 1 and not any(r.startswith("negated on one side") for r in reasons):
        score *= negation
        reasons.append(reason)
    names, reason = _name_factor(a, b)
    if names < 1:
        score *= names
        reasons.append(reason)
    return Match(round(score, 4), lexical.method, tuple(reasons))
