"""Read the speaker out of the words around an Indonesian cue.

Indonesian news names a speaker before the cue (`Kepala Polda X Irjen Anton
mengatakan`), after it (`kata Anton di Bandung`), or only by a pronoun or a
description (`ujarnya`, `papar artis bertubuh seksi ini`). These functions
return a `Mention`: a name with its title forms, or a pointer back to someone
named earlier. They never look beyond the span they are given.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon_id import (
    ADVERBS,
    BLOCKERS,
    CONNECTORS,
    GROUP_WORDS,
    LEADING_CUES,
    NOT_SPEAKERS,
    ORG_WORDS,
    PERSON_TITLES,
    PLACE_HEADS,
    PREPOSITIONS,
    PRONOUNS,
    TRAILING_CUES,
    WEEKDAYS,
    word_set,
)

_TOKEN = re.compile(r"\([^()\n]{0,60}\)|‘[^‘’\n]{1,40}’|[^\W_](?:[\w'’/&-]|\.(?=\w))*|[^\s\w]")
_VERB_LIKE = re.compile(r"^(?:mem|men|meng|meny|ber|di|ter)[a-z]{4,}$")
_DEMONSTRATIVES = frozenset({"ini", "itu", "tersebut"})
_ARTICLES = frozenset({"seorang", "sebuah", "salah", "satu"})
_TAIL_STOPS = PREPOSITIONS | WEEKDAYS | word_set(
    """usai seusai saat kemarin sebagaimana seperti dilansir dikutip mengutip melansir ketika yang
    sambil sembari seraya lalu kemudian menambahkan mengatakan dan serta"""
)
_NOT_NAME_WORDS = CONNECTORS | PREPOSITIONS | NOT_SPEAKERS | LEADING_CUES | TRAILING_CUES | ADVERBS | PRONOUNS
_MAX_NAME_WORDS = 4
_MAX_SUBJECT_WORDS = 10


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Mention(NamedTuple):
    """Who a cue points at: kind is "name", "pronoun" (ia, -nya) or "anaphor" (`artis ini`)."""

    kind: str
    start: int
    end: int
    name: str = ""
    aliases: tuple[str, ...] = ()


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


def subject_before(text: str, start: int, cue_start: int) -> Mention | None:
    """Return the speaker written before a cue, or None when the words there are not one."""
    toks = tokens(text, start, cue_start)
    while toks:
        low = toks[-1].low
        if low in BLOCKERS:
            return None
        if low in ADVERBS or toks[-1].text.startswith("("):
            toks.pop()
            continue
        break
    segments = _split(toks, ",")
    while segments and not segments[-1]:
        segments.pop()
    # skip an intervening phrase: `Onodera, kepada para wartawan mengatakan`
    if len(segments) > 1 and segments[-1][0].low in PREPOSITIONS:
        segments.pop()
        while segments and not segments[-1]:
            segments.pop()
    if not segments:
        return None
    seg = segments[-1]
    if seg[-1].low in _DEMONSTRATIVES:
        return _demonstrative_subject(segments)
    seg = _strip_connectors(seg)
    if not seg:
        return None
    seg = _cut_at_preposition(seg)
    if len(seg) == 1 and seg[0].low in PRONOUNS:
        return Mention("pronoun", seg[0].start, seg[0].end)
    if len(seg) == 1 and seg[0].low in GROUP_WORDS:
        return Mention("name", seg[0].start, seg[0].end, seg[0].text)
    if not _plausible_subject(seg):
        return None
    if any(_verb_like(t) for t in seg[1:]):
        return Mention("anaphor", seg[0].start, seg[-1].end) if seg[0].low in PERSON_TITLES else None
    if len(segments) > 1 and segments[-2]:
        paired = _appositive(text, _strip_connectors(segments[-2]), seg)
        if paired:
            return paired
    return _named(text, seg)


def speaker_after(text: str, start: int, end: int) -> Mention | None:
    """Return the speaker written after a trailing cue (`kata X di ...`), or None."""
    toks = tokens(text, start, end)
    while toks and toks[0].low in TRAILING_CUES:  # `kata ujar Yusri`
        toks.pop(0)
    if not toks:
        return None
    if toks[0].low in PRONOUNS:
        return Mention("pronoun", toks[0].start, toks[0].end)
    phrase = []
    for t in toks:
        if t.text in ",;:.!?\"“”":
            break
        phrase.append(t)
    indefinite = bool(phrase) and phrase[0].low in _ARTICLES
    while phrase and phrase[0].low in _ARTICLES:
        phrase.pop(0)
    if not phrase or phrase[0].low in NOT_SPEAKERS or phrase[0].low in _TAIL_STOPS or not phrase[0].text[0].isalnum():
        return None
    np = [phrase[0]]
    for t in phrase[1:]:
        if t.low in _TAIL_STOPS and not t.capitalised:
            break
        np.append(t)
    if np[0].capitalised:
        return _named(text, np)
    described = any(t.low in _DEMONSTRATIVES for t in phrase) or len(np) < len(phrase) and phrase[len(np)].low == "yang"
    plain_titles = all(t.low in PERSON_TITLES for t in np if not t.capitalised)
    if indefinite or (plain_titles and not described):
        return _named(text, np)
    return Mention("anaphor", np[0].start, np[-1].end)


def is_person(mention: Mention) -> bool:
    """Tell a person (`Boy Rafli Amar`, `Hamas`) from an office or document (`Polda Metro Jaya`, `Bank Dunia`)."""
    if mention.aliases:  # a title was stripped off, or an appositive named them
        return True
    words = mention.name.split()
    if not words or mention.name.lower() in GROUP_WORDS:
        return False
    if words[0].lower() in PERSON_TITLES:  # `juru bicara Kementerian Luar Negeri AS`
        return True
    return words[0][:1].isupper() and not any(w.lower() in ORG_WORDS for w in words)


def person_name(text: str, toks: list[Token]) -> tuple[str, tuple[str, ...]]:
    """Return the person name inside a titled phrase and the phrase as an alias.

    `Kepala Polda Jawa Barat Irjen Anton Charliyan` -> `Anton Charliyan`; a phrase
    without a leading title (`Bank Dunia`, `kantor media pemerintah Gaza`) is kept whole.
    """
    while toks and toks[-1].text.startswith("(") and not toks[-1].text[1:2].isalpha():
        toks = toks[:-1]  # `Anton (43)`
    full = text[toks[0].start : toks[-1].end]
    if toks[0].low not in PERSON_TITLES:
        return full, ()
    name = _name_tail(toks)
    if not name or len(name) == len(toks):
        return full, ()
    return text[name[0].start : name[-1].end], (full,)


def people_mentioned(text: str) -> list[tuple[int, str, bool]]:
    """Return (offset, name, titled) for every person-like name in the text, in order.

    A run of capitalised words whose tail is a name: titled when a person title
    comes before it (`Aiptu Tutut`, `artis Tina Toon`), which makes it safe to use
    even when it is one word.
    """
    found = []
    toks = tokens(text, 0, len(text))
    run_start = None
    for i, t in enumerate([*toks, Token(len(text), len(text), ".")]):
        if t.capitalised and t.text[0].isalpha():
            if run_start is None:
                run_start = i
            continue
        if run_start is not None:
            before = toks[run_start - 1] if run_start else None
            name = _name_tail(toks[run_start:i], before)
            if name:
                head = [*([before] if before else []), *toks[run_start : i - len(name)]]
                titled = any(h.low in PERSON_TITLES for h in head[-4:])
                if titled or len(name) >= 2:
                    found.append((name[0].start, text[name[0].start : name[-1].end], titled))
            run_start = None
    return found


def _name_tail(toks: list[Token], before: Token | None = None) -> list[Token]:
    """The trailing words of a phrase that make up a person's name (at most four)."""
    name: list[Token] = []
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if len(name) >= _MAX_NAME_WORDS:
            break
        # a title word between two name words is part of the name: `Lukman Hakim Saifuddin`
        sandwiched = (
            name and t.low in PERSON_TITLES and t.text.istitle() and i > 0 and _name_word(toks[i - 1])
        )
        if not (_name_word(t) or sandwiched):
            break
        name.insert(0, t)
    at = len(toks) - len(name) - 1
    head = toks[at] if at >= 0 else before
    if name and head is not None and head.low in PLACE_HEADS:  # `Gubernur DKI Jakarta Djarot`
        name = name[1:]
    return name


def _name_word(t: Token) -> bool:
    word = t.text
    return (
        t.capitalised
        and word[0].isalpha()
        and t.low not in PERSON_TITLES
        and t.low not in ORG_WORDS
        and t.low not in _NOT_NAME_WORDS
        and not (len(word) > 1 and word.isupper())
        and not any(c.isupper() for c in word[1:])
        and not any(c.isdigit() for c in word)
    )


def _split(toks: list[Token], sep: str) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for t in toks:
        if t.text == sep:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def _strip_connectors(seg: list[Token]) -> list[Token]:
    i = 0
    while i < len(seg) and (seg[i].low in CONNECTORS or seg[i].low in ADVERBS) and seg[i].low not in PRONOUNS:
        i += 1
    return seg[i:]


def _cut_at_preposition(seg: list[Token]) -> list[Token]:
    for k in range(1, len(seg)):
        if seg[k].low in PREPOSITIONS and not seg[k].capitalised:
            return seg[:k]
    return seg


def _verb_like(t: Token) -> bool:
    return (
        not t.capitalised
        and t.low not in PERSON_TITLES
        and t.low not in ORG_WORDS
        and (t.low == "yang" or bool(_VERB_LIKE.match(t.low)))
    )


def _plausible_subject(seg: list[Token]) -> bool:
    if len(seg) > _MAX_SUBJECT_WORDS or seg[0].low in NOT_SPEAKERS:
        return False
    if seg[-1].low in LEADING_CUES or not seg[0].text[0].isalpha():
        return False
    if seg[0].capitalised or seg[0].low in PERSON_TITLES:
        return True
    return any(t.capitalised for t in seg[1:])  # `kantor media pemerintah Gaza`


def _demonstrative_subject(segments: list[list[Token]]) -> Mention | None:
    """`Mantan penyanyi cilik ini`, `Artis kelahiran Jakarta, 20 Agustus 1993 ini`: someone named before."""
    phrase = segments[-1]
    for earlier in reversed(segments[:-1][-2:]):
        if _strip_connectors(phrase) and _strip_connectors(phrase)[0].low in PERSON_TITLES:
            break
        phrase = earlier + phrase
    phrase = _strip_connectors(phrase)
    if len(phrase) < 2 or phrase[0].low not in PERSON_TITLES:
        return None
    return Mention("anaphor", phrase[0].start, phrase[-1].end)


def _appositive(text: str, left: list[Token], right: list[Token]) -> Mention | None:
    """`Duta Besar Rusia untuk PBB, Vassily Nebenzia,` and `Bogdanov, utusan khusus Putin,`."""
    if not left or len(left) > _MAX_SUBJECT_WORDS + 2:
        return None
    left_is_name = len(left) <= _MAX_NAME_WORDS and all(_name_word(t) for t in left)
    right_is_name = len(right) <= _MAX_NAME_WORDS and all(_name_word(t) for t in right)
    if left_is_name and not right[0].capitalised:
        name = text[left[0].start : left[-1].end]
        return Mention("name", left[0].start, left[-1].end, name, (text[right[0].start : right[-1].end],))
    if right_is_name and left[0].low in PERSON_TITLES:
        title = text[left[0].start : left[-1].end]
        name = text[right[0].start : right[-1].end]
        return Mention("name", right[0].start, right[-1].end, name, (f"{title}, {name}", title))
    return None


def _named(text: str, seg: list[Token]) -> Mention:
    while seg and seg[0].low in _ARTICLES:
        seg = seg[1:]
    name, aliases = person_name(text, seg)
    return Mention("name", seg[0].start, seg[-1].end, name, aliases)
