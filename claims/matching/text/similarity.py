"""Score how likely two claims are the same statement, and rank candidates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .normalize import PRONOUN, MatchKey
from .stemming import stem_en, stem_id

MATCH_THRESHOLD = 0.5
SAME_SPEAKER_BONUS = 0.05
NUMBER_CONFLICT_FACTOR = 0.4  # both claims carry numbers the other lacks: "naik 10 persen" vs "naik 15 persen"
NUMBER_MISSING_FACTOR = 0.92  # one claim has numbers the other leaves out (a truncated clause)
NEGATION_FACTOR = 0.45  # "akan menunda" vs "tidak akan menunda"

TOKEN_WEIGHT = 0.75
TRIGRAM_WEIGHT = 1 - TOKEN_WEIGHT

# Words so frequent in news claims that sharing them says little; weighted down like a low IDF.
_COMMON = {
    "id": "pemerintah indonesia presiden negara orang tahun baru hari kerja bisa banyak besar semua masyarakat "
    "menteri daerah kota pihak terus jadi menjadi membuat buat saja baik sudah",
    "en": "government people year new country state time president make made many all good first percent "
    "american united nation world week day way work thing",
}


@dataclass(frozen=True)
class Match:
    score: float  # 0..1
    method: str  # "normalized-equal" | "tokens+trigrams" | "empty"
    reasons: tuple[str, ...] = ()

    @property
    def is_match(self) -> bool:
        return self.score >= MATCH_THRESHOLD


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    words = {stem_id(w) for w in _COMMON["id"].split()} | {stem_en(w) for w in _COMMON["en"].split()}
    return frozenset(words)


@lru_cache(maxsize=200_000)
def token_weight(token: str) -> float:
    """Weight a stemmed token: short and common words count less, the person marker hardly at all."""
    if token == PRONOUN:
        return 0.15
    if token.startswith("_"):
        return 1.0
    if token in _common_stems():
        return 0.4
    return min(1.0, 0.4 + 0.1 * len(token))


def _weight(tokens: Iterable[str]) -> float:
    return sum(token_weight(t) for t in tokens)


def trigram_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """pg_trgm's ``similarity()``: shared trigrams over all trigrams."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def claim_similarity(a: MatchKey, b: MatchKey, *, same_speaker: bool) -> Match:
    """Score two claims 0..1; at or above ``MATCH_THRESHOLD`` they are taken as the same claim."""
    if a.empty or b.empty:
        return Match(0.0, "empty", ("empty claim",))
    reasons: list[str] = []
    if a.token_set == b.token_set and a.number_list == b.number_list:
        score, method = 1.0, "normalized-equal"
        reasons.append("same words after normalisation")
    else:
        method = "tokens+trigrams"
        wa, wb = _weight(a.token_set), _weight(b.token_set)
        wc = _weight(a.token_set & b.token_set)
        if wa and wb:
            dice = 2 * wc / (wa + wb)
            shorter = min(wa, wb)
            # A truncated repeat is contained in the original; trust containment only when
            # the shorter claim has a few words' worth of weight.
            containment = wc / shorter * min(1.0, shorter / 4.0) * 0.9
            tokens = max(dice, containment)
        else:  # numbers only
            tokens = dice = containment = 0.0
        tri = trigram_similarity(a.trigrams, b.trigrams)
        score = TOKEN_WEIGHT * tokens + TRIGRAM_WEIGHT * tri
        if not a.trigrams and not b.trigrams:  # numbers only
            score = 1.0 if a.number_list == b.number_list else 0.0
        reasons.append(f"tokens {dice:.2f} (containment {containment:.2f}), trigrams {tri:.2f}")
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
    contradicted = ((a.negated - b.negated) & b.token_set) | ((b.negated - a.negated) & a.token_set)
    if contradicted:
        score *= NEGATION_FACTOR
        reasons.append(f"negated on one side only: {', '.join(sorted(contradicted))}")
    return Match(round(score, 4), method, tuple(reasons))


def rank_candidates(
    key: MatchKey,
    candidates: Iterable[tuple[Hashable, MatchKey, bool]],
    *,
    min_score: float = MATCH_THRESHOLD,
    limit: int | None = None,
) -> list[tuple[Hashable, Match]]:
    """Score ``(id, key, same_speaker)`` candidates; return those at ``min_score`` or above, best first.

    The same-speaker bonus lifts a speaker's own repeats over near-tied claims by
    others, and at an exact tie the same speaker still comes first.
    """
    scored = []
    for order, (cid, other, same_speaker) in enumerate(candidates):
        match = claim_similarity(key, other, same_speaker=same_speaker)
        if match.score >= min_score:
            scored.append((-match.score, not same_speaker, order, cid, match))
    scored.sort(key=lambda row: row[:3])
    rows = [(cid, match) for *_, cid, match in scored]
    return rows if limit is None else rows[:limit]
