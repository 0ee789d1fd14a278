"""Score two claims by meaning (their embeddings' cosine), in one language or across two.

Raw cosines of multilingual-e5 run high: unrelated news sentences score 0.75-0.87 and
translations 0.86-0.96, with a median of 0.90; rewordings in one language score higher
still (a median of 0.94). So the cosine is mapped onto the matcher's 0..1 scale with a
threshold landing on `MATCH_THRESHOLD`: `COSINE_THRESHOLD` across languages,
`SAME_LANGUAGE_COSINE_THRESHOLD` within one, and the floor (score 0) as far below each.

Embeddings barely see numbers, negations or names ("rose 10 percent" and "rose 25
percent" score 0.96; "Moscow will send aid" and "Beijing will send aid" 0.93), so what
survives translation still decides: numbers that differ on both sides divide the score as
in `claim_similarity`; a negation on one side only divides it; names (capitalised words,
a sentence's first word too unless it is a common word) lower it when each side names
someone the other does not, more when none is in common, and when the same two names
come in opposite orders ("Clinton led Trump" / "Trump led Clinton"). A name on one side
only, a first name whose surname the other side gives, and across languages a name word
that is also a common word ("Dewan Keamanan" / "Security Council") do not. The figures are
calibrated on the development split of the cross-language set by `bench/matching.py`.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from .normalize import ALIASED, COUNTRIES, MatchKey
from .similarity import (
    MATCH_THRESHOLD,
    NEGATION_FACTOR,
    NUMBER_CONFLICT_FACTOR,
    NUMBER_MISSING_FACTOR,
    SAME_SPEAKER_BONUS,
    Match,
    claim_similarity,
)
from .stemming import root_words, stem_id

COSINE_THRESHOLD = 0.88  # across languages, at or above: the same claim (score MATCH_THRESHOLD or more)
SAME_LANGUAGE_COSINE_THRESHOLD = 0.94  # the same within one language
COSINE_FLOOR = 0.80  # across languages, at or below: unrelated (score 0); within one, as far below its threshold
NAME_CONFLICT_FACTOR = 0.5  # both claims name people or places, and none of them is the same
NAME_DIFFERENCE_FACTOR = 0.6  # each claim names someone the other does not ("Moscow" vs "Beijing")
NAME_SWAP_FACTOR = 0.45  # the same two names in opposite orders: below a match even for the same words
SWAP_WINDOW = 6  # words between two names for their order to say who did what to whom
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


# English words that name institutions and places and are translated with them ("Security Council" / "Dewan
# Keamanan", "World Bank" / "Bank Dunia"): a difference in them alone is not a different name.
_EN_NAME_TEXT = """
    council security court district ministry ministerial minister agency park national north south east west
    world law regulation management affairs religious general attorney foundation committee department office
    party city province regency island islands state bank police army navy
"""
_EN_NAME_WORDS = frozenset(_EN_NAME_TEXT.split())


def _translatable(name: str, lang: str) -> bool:
    """A name word that is also a common word of its language, so a translation may drop or change it."""
    if name in COUNTRIES:
        return False
    if lang == "en":
        return name in _EN_NAME_WORDS
    roots = root_words()
    return name in roots or stem_id(name) in roots


def _unmatched(a: MatchKey, b: MatchKey) -> list[str]:
    """``a``'s names that ``b`` does not name, a given name counting as named when ``b`` names its surname."""
    found = {x for x in a.names if any(_same_name(x, y) for y in b.capitalised)}
    found |= {given for given, last in a.given_names if last in found}
    return sorted(a.names - found)


def _entities(key: MatchKey) -> list[tuple[str, int]]:
    """The last word of each run of names ("Donald Trump" -> trump) with its position, places and the like left out.

    None in a title-cased or all-capitals text ("Bias When It Comes To Fact-Checking"), whose capitals say little.
    """
    content = sum(1 for t in key.token_set if not t.startswith("_"))
    if len(key.capitalised) >= 0.8 * content:
        return []
    order = list(key.name_order)
    return [
        (x, i)
        for n, (x, i) in enumerate(order)
        if (n + 1 == len(order) or order[n + 1][1] != i + 1) and x not in ALIASED
    ]


def _swapped(a: MatchKey, b: MatchKey) -> tuple[str, str] | None:
    """Two names both claims give close together in opposite orders ("Clinton led Trump" / "Trump led Clinton")."""
    ents_b = _entities(b)
    where = {}
    for x, i in _entities(a):
        j = next((j for y, j in ents_b if _same_name(x, y)), None)
        if j is not None:
            where[x] = (i, j)
    shared = sorted(where, key=lambda x: where[x][0])
    for n, x in enumerate(shared):
        for y in shared[n + 1 :]:
            (ax, bx), (ay, by) = where[x], where[y]
            if by < bx and ay - ax <= SWAP_WINDOW and bx - by <= SWAP_WINDOW:
                return x, y
    return None


def _name_factor(a: MatchKey, b: MatchKey) -> tuple[float, str]:
    """Names on both sides that differ, or the same two names in opposite orders, lower the score.

    A name on one side only (a dropped title or source) does not.
    """
    if not a.names or not b.names:
        return 1.0, ""
    swapped = _swapped(a, b)
    if swapped:
        x, y = swapped
        return NAME_SWAP_FACTOR, f"names differ: {x}, {y} vs {y}, {x}"
    only_a = _unmatched(a, b)
    only_b = _unmatched(b, a)
    if not only_a or not only_b:
        return 1.0, ""
    if a.lang != b.lang:  # a translated name word on one side is no different name
        proper_a = [x for x in only_a if not _translatable(x, a.lang)]
        proper_b = [y for y in only_b if not _translatable(y, b.lang)]
        if not proper_a or not proper_b:
            return 1.0, ""
    if len(only_a) == len(a.names) and len(only_b) == len(b.names):
        return NAME_CONFLICT_FACTOR, f"no name in common: {', '.join(only_a)} vs {', '.join(only_b)}"
    return NAME_DIFFERENCE_FACTOR, f"names differ: {', '.join(only_a)} vs {', '.join(only_b)}"


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
