"""Find the cue words of English attribution (`said`, `according to`, `found that`) in a unit.

One precompiled scan finds candidate words; set lookups then classify them, so the
large alternations are only tried where a multi-word cue may start.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .lexicon import (
    AUXILIARIES,
    CUE_FIRST_WORDS,
    CUE_FORMS,
    INTENTION_FORMS,
    NOUN_LIKE_FORMS,
    THAT_ONLY_FORMS,
    trie_pattern,
)
from .units import Unit

SPEECH = "speech"  # said, told, argued: attribute whatever follows
THAT_ONLY = "that"  # found, knows: attribute with a `that` clause or at the end of a sentence
EVIDENCE = "evidence"  # found, shows without `that`: only for a study, a poll, a report
INTENTION = "intention"  # wants to, plans to: only for a named actor
NOMINAL = "nominal"  # `Trump’s claim that`, `his warning that`: the owner is the speaker
PASSIVE = "passive"  # `was endorsed by X`: X is the speaker, the subject is what X spoke of

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
RELATIVE_THAT = re.compile(
    r"\s+that\s+(?:(?:also|now|still|often|never|already)\s+)?(?:could|would|will|can|may|might|must|should|is|are|"
    r"was|were|has|have|had|include|includes|included)\b"
)
TITLE_WORD_AFTER = re.compile(r"(?:[’']s)?\s*(?:[,;:)]|\s+[a-z])")
ACTION_OBJECT = re.compile(
    r"\s+(?:full\s+|sole\s+)?(?:responsibility|credit|victory|asylum|ownership|the\s+(?:title|prize|seat))\b"
)
TO_VERB_FOLLOWS = re.compile(r"\s+to\s+[a-z]")
CLAUSE_AFTER = re.compile(r"\s*(?:that\b|:|,?\s*[“\"]|'')")
THAT_CLAUSE_AFTER = re.compile(
    r"\s+that\b|\s+(?:(?:he|she|they|it|we|I|there)\s+)?(?:is|are|was|were|has|have|had|would|will|could)\b"
    r"|\s*[,:]?\s*(?:[“\"]|'')"
)
RELATIVE_PRONOUNS = {"which", "that"}
NOMINAL_CUE = re.compile(
    r"(?<![\w’'])(?:(?P<owner>(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)[’']s?|(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))"
    r"\s+(?:(?:earlier|repeated|false|latest|recent|new|unfounded|baseless|infamous|public|frequent|dubious|"
    r"controversial|oft-repeated|own|initial|original)\s+){0,2}"
    r"(?P<cue>claims?|assertions?|arguments?|contention|belief|view|insistence|suggestions?|accusations?|"
    r"allegations?|promises?|pledges?|warnings?|predictions?|statements?|remarks?|comments?|charges?|"
    r"conclusions?|findings?|estimates?|concerns?|hopes?|fears?|assurances?|emphasis|insinuations?)\s+that\b"
)
POSSESSIVE_END = re.compile(r"^(?!(?:He|She|It|That|What|Who|There|Here|Let|Where)[’']s$)[A-Z][\w.-]*[’']s$|\ws[’']$")
CHAIN_BEFORE = re.compile(
    r"(?<![\w’'])(?:continues|continued|continue|continuing|began|begins|begin|started|starts|starting|went\s+on|"
    r"goes\s+on|go\s+on|going\s+on|"
    r"proceeded|tried|tries|try|sought|seeks|moved|rushed|went\s+so\s+far\s+as|appeared|appears|seemed|seems)"
    r"\s+(?:off\s+)?(?:to|by)\s+$"
)
_NOMINAL_NOUNS = """
claim claims assertion assertions argument arguments contention belief view insistence suggestion suggestions
accusation accusations allegation allegations promise promises pledge pledges warning warnings prediction
predictions statement statements remark remarks comment comments charge charges conclusion conclusions finding
findings estimate estimates concern concerns hope hopes fear fears assurance assurances emphasis insinuation
insinuations
"""
NOMINAL_NOUNS = frozenset(_NOMINAL_NOUNS.split())  # nouns that take a `that` clause: `his claim that`
NOUN_USE_AFTER = re.compile(
    r"\s+(?:is|was|were|are|has|had|have|will|would|could|can|may|might|must|should|came|comes|into|back|off|"
    r"up)\b|\s+such\s+as\b|\s+in\s+(?:to\b|\$)"
)
# Bare forms that are as often nouns (`more support`, `pollution credit`): verbs only after a subject
NOUN_AMBIGUOUS_BASE = frozenset({
    "support", "credit", "advocate", "favor", "favour", "voice", "label", "brand", "pitch", "document", "reference",
    "highlight", "champion", "welcome", "blame", "fault", "hammer", "tout", "compare", "prefer", "press", "push",
    "attack", "question", "praise", "slam", "blast", "call", "report", "claim", "estimate", "comment", "answer",
    "remark", "reply", "demand", "promise", "pledge", "respond", "protest", "counter", "reason", "state",
})
NOUN_AMBIGUOUS_PLURALS = frozenset(
    base + ("es" if base.endswith(("sh", "ch", "ss")) else "s") for base in NOUN_AMBIGUOUS_BASE
) - {"states", "reports", "claims", "calls"}
# Adjectives that are capitalised: `Republican advocates`, `American supports`
CAPITALISED_ADJECTIVES = {
    "republican", "democratic", "democrat", "gop", "american", "federal", "conservative", "liberal", "progressive",
    "national", "state", "congressional", "presidential", "white", "black", "latino", "hispanic", "christian",
}
SENTENCE_END = re.compile(r"[.!?][”\"’']?\s*$|[.!?][”\"’']?\s+[A-Z“\"]")
EXPECT_FORMS = frozenset({"expect", "expects", "expected"})
OBJECT_TO_VERB = re.compile(
    r"\s+(?:him|her|them|it|us|(?:the\s+|a\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?)\s+to\s+[a-z]"
)
TO_VERB_AFTER = re.compile(r"\s+to\s+([a-z]+)")
TALK_VERBS = {"discuss", "talk", "speak", "detail", "list", "describe", "elaborate", "outline", "address"}
PASSIVE_BY = re.compile(r"\s+by\s+(?!(?:phone|telephone|email|e-mail|text|video|letter)\b)")
SUBJECT_PRONOUNS = {"i", "we", "they", "you", "who", "which", "that"}
SUBJECT_ADVERBS = {"also", "often", "still", "all", "both", "now", "generally", "do", "did", "not", "never", "to"}
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
    "recent", "earlier", "previous", "own", "false", "public", "written", "worth",
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

    __slots__ = ("begin", "finish", "text", "kind", "owner", "lead")

    def __init__(self, begin: int, finish: int, text: str, kind: str, owner: tuple[int, int] | None = None):
        self.begin, self.finish, self.text, self.kind = begin, finish, text, kind
        self.owner = owner  # the possessor's span, for NOMINAL cues
        self.lead = begin  # where the verb group starts: `continues to insist`, `began by saying`

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
        if THAT_FOLLOWS.match(text, end, limit) or CLAUSE_FOLLOWS.match(text, end, limit):
            return Cue(at, end, text[at:end], THAT_ONLY)
        if low in INTENTION_WORDS and TO_VERB_FOLLOWS.match(text, end, limit):
            return Cue(at, end, text[at:end], INTENTION)  # `hopes to sell`: an intention, not a finding
        if low in EXPECT_FORMS and OBJECT_TO_VERB.match(text, end, limit):
            return Cue(at, end, text[at:end], INTENTION)  # `voters expect Clinton to win`: a belief
        return Cue(at, end, text[at:end], EVIDENCE)
    if low in INTENTION_WORDS and TO_VERB_FOLLOWS.match(text, end, limit):
        return Cue(at, end, text[at:end], INTENTION)
    return None


def lower_for_cues(text: str) -> str:
    """Lower-case the text for `find_cues`, keeping offsets (rare characters change length when lowered)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


class CueIndex:
    """The cue-word candidates of a whole article, found in one scan and handed out unit by unit."""

    __slots__ = ("lower", "words", "starts", "nominal_hints", "_next")

    def __init__(self, text: str, lower: str | None = None):
        self.lower = lower if lower is not None else lower_for_cues(text)
        self.words = list(CUE_WORD.finditer(self.lower))
        self.starts = [w.start() for w in self.words]
        lower = self.lower
        hints = []  # `claim that`, `warnings that`: where a nominal cue may end
        at = lower.find(" that")
        while at > 0:
            if lower[at - 1].isalpha() and lower[lower.rfind(" ", 0, at) + 1 : at] in NOMINAL_NOUNS:
                hints.append(at + 5)
            at = lower.find(" that", at + 5)
        self.nominal_hints = hints
        self._next = 0

    def words_in(self, start: int, end: int) -> list[re.Match]:
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end, i)
        return self.words[i:j]

    def may_have_cues(self, start: int, end: int) -> bool:
        """False when no cue word and no nominal cue can be in text[start:end]: the unit needs no frames."""
        i = bisect_left(self.starts, start)
        return (i < len(self.starts) and self.starts[i] < end) or self.has_nominal(start, end)

    def has_nominal(self, start: int, end: int) -> bool:
        i = bisect_left(self.nominal_hints, start)
        return i < len(self.nominal_hints) and self.nominal_hints[i] <= end


def find_cues(text: str, unit: Unit, lower: str | None = None, index: CueIndex | None = None) -> list[Cue]:
    """Return the verb cues of a unit outside its quotations, in order.

    `lower` is `lower_for_cues(text)`; `index`, a `CueIndex` of the whole text, saves scanning unit by unit.
    """
    if index is not None:
        words = index.words_in(unit.start, unit.end)
        cues = _nominal_cues(text, unit) if index.has_nominal(unit.start, unit.end) else []
    else:
        words = CUE_WORD.finditer(lower if lower is not None else lower_for_cues(text), unit.start, unit.end)
        cues = _nominal_cues(text, unit)
    nominal_spans = [(c.begin, c.finish) for c in cues]
    quotes = unit.quotes
    for word in words:
        at = word.start()
        if quotes and any(s <= at < e for s, e in quotes):
            continue
        if nominal_spans and any(s <= at < e for s, e in nominal_spans):
            continue
        cue = _classify(text, word, unit.end)
        if cue is None:
            continue
        low = cue.text.lower()
        if NOUN_USE_AFTER.match(text, cue.finish, unit.end):
            continue  # `Republican support was solid`, `he called into the show`: not a cue here
        if low in NOUN_LIKE_FORMS and RELATIVE_THAT.match(text, cue.finish, unit.end):
            continue  # `a set of rules that could close plants`: `that` opens a relative clause
        if "A" <= text[at] <= "Z" and at > unit.start and TITLE_WORD_AFTER.match(text, cue.finish, unit.end):
            continue  # `on The Evening Report Show, the governor said`: part of a title
        if "A" <= text[at] <= "Z" and at > unit.start and cue.kind != SPEECH and SENTENCE_END.match(text, cue.finish):
            continue  # `blasted her on The Evening Report Show.`: a title at the end of the sentence
        if low.startswith("claim") and ACTION_OBJECT.match(text, cue.finish, unit.end):
            continue  # `claimed responsibility for the attack`: an act, not a statement
        before = text[max(unit.start, at - 30) : at].split()
        prev_word = before[-1].strip(PUNCTUATION).lower() if before else ""
        if (
            low in NOUN_LIKE_FORMS
            and not CLAUSE_AFTER.match(text, cue.finish, unit.end)
            and not (prev_word in BE_FORMS and low.endswith("ing"))  # `is warning voters`: a verb
        ):
            continue
        if before and POSSESSIVE_END.search(before[-1]) and not low.startswith("according"):
            continue  # `in Mrs. Clinton's favor`, `Trump's claims`: a noun
        if prev_word in NOT_A_VERB_BEFORE and not low.startswith("according") and not _ends_clause(before[-1]):
            chain = CHAIN_BEFORE.search(text, max(unit.start, at - 40), at) if prev_word in ("to", "by") else None
            if chain:
                cue.lead = chain.start()  # `The nominee continues to insist that`
            elif prev_word not in RELATIVE_PRONOUNS or not THAT_CLAUSE_AFTER.match(text, cue.finish, unit.end):
                continue  # `the study, which notes that`: a verb after all
        if prev_word in NO_BASE_FORM_AFTER and low in BASE_FORMS:
            continue
        if low in NOUN_AMBIGUOUS_BASE and not _verb_subject_before(before):
            continue  # `85 percent support`, `gives credit`: a noun
        if low in NOUN_AMBIGUOUS_PLURALS and not _singular_subject_before(before):
            continue  # `pollution credits`, `Republican advocates`: a plural noun
        if low.startswith("continu") and not CLAUSE_AFTER.match(text, cue.finish, unit.end):
            continue  # `Those discussions are continuing`: no one speaks on
        if low.startswith(("went on", "goes on", "going on")) and _to_act_follows(text, cue.finish, unit.end):
            continue  # `Reagan went on to win`: a later act, not more words
        if (low.endswith("ed") or low in IRREGULAR_PARTICIPLES) and PASSIVE_BY.match(text, cue.finish, unit.end):
            be = _be_start(text, unit.start, at) if cue.kind == SPEECH else None
            if be is not None:  # `The story was first reported by the Post`: the agent speaks of the subject
                cue.kind, cue.lead = PASSIVE, be
                cues.append(cue)
            continue  # `a view echoed by everyone`: no `be`, a participle modifying a noun
        if (low.endswith("ed") or low in IRREGULAR_PARTICIPLES) and _after_be(before):
            continue  # `he was formally called to`: passive, the speaker is not the subject
        cues.append(cue)
    if nominal_spans:
        cues.sort(key=lambda c: c.begin)
    return cues


def _ends_clause(word: str) -> bool:
    """`... after that, said X`: a comma or a dash after the word before the cue, so it is no determiner."""
    return word.endswith((",", ";", "—", "–")) or word in ("—", "–", "--")


def _verb_subject_before(before: list[str]) -> bool:
    """Whether the word before a bare `support`/`credit` can be its subject: a name, a plural, `they`."""
    if not before:
        return False
    raw = before[-1].strip(PUNCTUATION)
    word = raw.lower()
    if raw[:1].isupper() or word in SUBJECT_PRONOUNS or word.endswith("ly") or word in SUBJECT_ADVERBS:
        return True
    if len(before) >= 2 and before[-2].lower() in ("he", "she", "it"):
        return False  # `she gives credit`: the word before is the verb
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return plural and word not in ("has", "was", "does", "percent")


def _to_act_follows(text: str, at: int, limit: int) -> bool:
    """`went on to win`, not `went on to say` or `went on to discuss`."""
    m = TO_VERB_AFTER.match(text, at, limit)
    return m is not None and m.group(1).lower() not in SPEECH_WORDS and m.group(1).lower() not in TALK_VERBS


def _singular_subject_before(before: list[str]) -> bool:
    """Whether the word before `credits`/`advocates` can be the subject of a verb in -s: a name, `he`, `which`."""
    if not before:
        return False
    raw = before[-1].strip(PUNCTUATION)
    word = raw.lower()
    if word in ("he", "she", "it", "who", "which", "that") or word in SUBJECT_ADVERBS or word in AUXILIARIES:
        return True
    if word.endswith("ly"):
        return True
    return raw[:1].isupper() and word not in CAPITALISED_ADJECTIVES and not before[-1].endswith((",", ";"))


def _after_be(before: list[str]) -> bool:
    """`was called`, `is powerfully documented`: a form of `be` before the participle, past adverbs."""
    for raw in reversed(before[-3:]):
        word = raw.lower()
        if word in BE_FORMS:
            return True
        if not word.isalpha() or not word.endswith("ly") and word not in ("also", "not", "never", "often", "long"):
            return False  # punctuation or another word: no `be` right before
    return False


BE_BEFORE_PARTICIPLE = re.compile(
    r"(?<![\w’'])(?:(?:has|have|had)\s+been|is|are|was|were)\s+(?:(?:[a-z]+ly|also|not|never|often|first|already|"
    r"long|since)\s+){0,2}$"
)


def _be_start(text: str, start: int, at: int) -> int | None:
    """Where `was`, `has been` (past adverbs) begins right before a participle at `at`, or None."""
    m = BE_BEFORE_PARTICIPLE.search(text, max(start, at - 40), at)
    return m.start() if m else None


def _nominal_cues(text: str, unit: Unit) -> list[Cue]:
    """`Trump’s claim that C`, `his warning that C`: a noun cue whose owner is the speaker."""
    if text.find(" that", unit.start, unit.end) < 0:
        return []
    found = []
    for m in NOMINAL_CUE.finditer(text, unit.start, unit.end):
        if unit.quotes and any(s <= m.start() < e for s, e in unit.quotes):
            continue
        owner = m.span("owner") if m.group("owner") else m.span("pronoun")
        if m.group("owner") and m.group("owner").split()[0] in ("The", "A", "An", "In", "On", "But", "And"):
            words = m.group("owner").split()
            if len(words) == 1:
                continue
            owner = (m.start("owner") + len(words[0]) + 1, owner[1])
        found.append(Cue(owner[0], m.end("cue"), m.group("cue"), NOMINAL, owner))
    return found
