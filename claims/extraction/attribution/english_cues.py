"""Find the cue words of English attribution (`said`, `according to`, `found that`) in a unit.

One precompiled scan finds candidate words; set lookups then classify them, so the
large alternations are only tried where a multi-word cue may start.
"""

from __future__ import annotations

import re

from .english_lexicon import (
    CUE_FIRST_WORDS,
    CUE_FORMS,
    INTENTION_FORMS,
    NOUN_LIKE_FORMS,
    THAT_ONLY_FORMS,
    trie_pattern,
)
from .english_units import Unit

SPEECH = "speech"  # said, told, argued: attribute whatever follows
THAT_ONLY = "that"  # found, knows: attribute with a `that` clause or at the end of a sentence
EVIDENCE = "evidence"  # found, shows without `that`: only for a study, a poll, a report
INTENTION = "intention"  # wants to, plans to: only for a named actor

# run on the lower-cased text: a case-sensitive scan is about twice as fast as IGNORECASE
CUE_WORD = re.compile(rf"(?<![\w’'-])(?:{trie_pattern(CUE_FIRST_WORDS)})(?![\w’'])")
MULTIWORD_CUE = re.compile(rf"(?:{CUE_FORMS})(?![\w’'-])", re.IGNORECASE)
THAT_FOLLOWS = re.compile(r"\s+that\b|\s*[.!?]?\s*$")
# `knows there are people ...`, `suspect those losses were ...`: a finite clause without `that`
CLAUSE_FOLLOWS = re.compile(
    r"\s+(?:(?:he|she|they|we|I|you|there)\s+(?!to\b)[a-z’']+"
    r"|(?:[\w’'.-]+\s+){1,5}?(?:is|are|was|were|has|have|had|would|will|could|can|should|may|might|must|"
    r"did|does|do|isn’t|isn't|wasn’t|wasn't|won’t|won't|didn’t|didn't|doesn’t|doesn't)\s+[a-z])"
)
TO_VERB_FOLLOWS = re.compile(r"\s+to\s+[a-z]")
CLAUSE_AFTER = re.compile(r"\s*(?:that\b|:|,?\s*[“\"]|'')")
PUNCTUATION = " ,.;:!?()[]\"“”‘’—–-"


def _single_words(forms: str) -> frozenset[str]:
    return frozenset(f.lower() for f in forms.split("|") if "\\s" not in f)


SPEECH_WORDS = _single_words(CUE_FORMS)
THAT_WORDS = _single_words(THAT_ONLY_FORMS)
INTENTION_WORDS = frozenset(INTENTION_FORMS)
MULTIWORD_FIRST = frozenset(f.split("\\s+")[0].lower() for f in CUE_FORMS.split("|") if "\\s" in f)

# A cue preceded by one of these is a noun or a non-finite verb (`his claims`, `declined to say`).
NOT_A_VERB_BEFORE = {
    "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your", "in", "of", "with",
    "such", "any", "no", "new", "first", "these", "those", "whose", "to", "after", "before", "without", "by",
    "for", "about", "from", "despite", "upon", "on", "at", "into", "than", "what", "which", "latest", "last",
    "recent", "earlier", "previous", "own", "false", "public", "written",
}
# A bare verb after these has its subject elsewhere or makes no claim (`and tell more jokes`, `may say`).
NO_BASE_FORM_AFTER = {
    "and", "or", "will", "would", "could", "should", "can", "may", "might", "must", "not", "let", "please",
    "cannot", "didn't", "don't", "doesn't", "won't", "wouldn't", "couldn't", "never", "nor",
}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"}
IRREGULAR_PARTICIPLES = {"said", "told", "written", "known", "shown", "held", "thought", "found", "felt", "meant"}
BASE_FORMS = frozenset(
    form for form in CUE_FIRST_WORDS
    if not form.endswith(("s", "ed", "ing"))
    and form not in {"said", "told", "wrote", "thought", "according", "went", "put", "has", "have", "found", "knew",
                     "felt", "held", "understood", "meant", "shown", "known", "written", "read"}
)


class Cue:
    """A cue found in the text; `group`, `start` and `end` read like a regex match's."""

    __slots__ = ("begin", "finish", "text", "kind")

    def __init__(self, begin: int, finish: int, text: str, kind: str):
        self.begin, self.finish, self.text, self.kind = begin, finish, text, kind

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


def _classify(text: str, word: re.Match, limit: int) -> Cue | None:
    low = word.group()
    at, end = word.start(), word.end()
    if low in MULTIWORD_FIRST:
        m = MULTIWORD_CUE.match(text, at, limit)
        if m:
            return Cue(at, m.end(), m.group(), SPEECH)
    if low in SPEECH_WORDS:
        return Cue(at, end, text[at:end], SPEECH)
    if low in THAT_WORDS:
        kind = THAT_ONLY if THAT_FOLLOWS.match(text, end, limit) or CLAUSE_FOLLOWS.match(text, end, limit) else EVIDENCE
        return Cue(at, end, text[at:end], kind)
    if low in INTENTION_WORDS and TO_VERB_FOLLOWS.match(text, end, limit):
        return Cue(at, end, text[at:end], INTENTION)
    return None


def lower_for_cues(text: str) -> str:
    """Lower-case the text for `find_cues`, keeping offsets (rare characters change length when lowered)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def find_cues(text: str, unit: Unit, lower: str | None = None) -> list[Cue]:
    """Return the verb cues of a unit outside its quotations, in order; `lower` is `lower_for_cues(text)`."""
    cues = []
    quotes = unit.quotes
    for word in CUE_WORD.finditer(lower if lower is not None else lower_for_cues(text), unit.start, unit.end):
        at = word.start()
        if quotes and any(s <= at < e for s, e in quotes):
            continue
        cue = _classify(text, word, unit.end)
        if cue is None:
            continue
        low = cue.text.lower()
        if low in NOUN_LIKE_FORMS and not CLAUSE_AFTER.match(text, cue.finish, unit.end):
            continue
        before = text[max(unit.start, at - 30) : at].split()
        prev_word = before[-1].strip(PUNCTUATION).lower() if before else ""
        if prev_word in NOT_A_VERB_BEFORE and not low.startswith("according"):
            continue
        if prev_word in NO_BASE_FORM_AFTER and low in BASE_FORMS:
            continue
        if prev_word in BE_FORMS and (low.endswith("ed") or low in IRREGULAR_PARTICIPLES):
            continue  # `he was formally called to`: passive, the speaker is not the subject
        cues.append(cue)
    return cues
