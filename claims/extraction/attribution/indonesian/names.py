"""Tell names from titles in Indonesian news, and remember who is named where.

`Kepala Polda Jawa Barat Irjen Anton Charliyan` is a title and a name; `Polda
Metro Jaya` and `kantor media pemerintah Gaza` are bodies, kept whole. The
article's own words decide the rest: a word it uses on its own elsewhere
(`bagi Madrid`) is not part of a name (`Madrid Zinedine Zidane`).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from typing import NamedTuple

from ...budget import budget_check
from .lexicon import (
    ADVERBS,
    BODY_HEADS,
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
)

_TOKEN = re.compile(
    r"\([^()\n]{0,60}\)|‘[^‘’\n]{1,40}’"
    r"|[^\W_](?:[\w'’/&-]|\.(?![A-Z][a-z]{2})(?=\w))*"  # `Jurnal.id`, `U.S`, but `ASEAN.Melanjutkan` is two words
    r"|[^\s\w\u200b-\u200f\u202a-\u202e\u2060\ufeff]"  # invisible format marks (`\u202c`) are skipped
)
_PLAIN_WORD = re.compile(r"[^\W_][\w'’-]*")
_CAP_WORD = r"[A-Z][\w'’-]*(?:\.(?=\w)[\w'’-]*)*"
_CAP_RUN = re.compile(rf"(?:\b(?P<prev>[a-z][\w'’-]*)[ \t]+)?(?P<run>{_CAP_WORD}(?:[ \t]+{_CAP_WORD})*)")
_NOT_NAME_WORDS = CONNECTORS | PREPOSITIONS | NOT_SPEAKERS | LEADING_CUES | TRAILING_CUES | ADVERBS | PRONOUNS
_NEVER_NAME = PERSON_TITLES | ORG_WORDS | _NOT_NAME_WORDS
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?\n]\s*|\s[-–—]\s*)$")
_DERIVED_NOUN = re.compile(r"^(?:ke|pe|per|pen|pem|peng|peny|se)\w{3,}an$|\w+nya$|^(?:me|ber|di|ter)\w{4,}")
_PASSIVE_VERB = re.compile(r"^di[a-z]{5,}$|^(?:mem|men|meng|meny|ber|ter)[a-z]{3,}kan$")
MAX_NAME_WORDS = 4


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
    """Who a cue points at.

    kind: "name"; "pronoun" (`ia`, `-nya`); "plural" (`mereka`); "anaphor" (`artis ini`);
    or "description" (`pengawal mistar tersibuk itu`: pointing back, without a known person noun).
    """

    kind: str
    start: int
    end: int
    name: str = ""
    aliases: tuple[str, ...] = ()

def tokens(text: str, start: int, end: int, limit: int | None = None) -> list[Token]:
    """The tokens of text[start:end], at most `limit` of them."""
    found = islice(_TOKEN.finditer(text, start, end), limit)
    return [Token(m.start(), m.end(), m.group(0)) for m in found]

class WordCounts:
    """Where each word occurs in an article, to count phrases (for `trim_name`)."""

    def __init__(self, text: str):
        self.words = _PLAIN_WORD.findall(text)
        self.capitalised = [i for i, word in enumerate(self.words) if word[:1].isupper()]
        self._by_length: dict[tuple[int, bool], Counter[tuple[str, ...]]] = {}

    def count(self, phrase: list[str]) -> int:
        """How many times the words of `phrase` occur in a row in the article.

        One pass over the article per phrase length, however many phrases are counted; names
        start with a capital, so for them only the capitalised words are starting points.
        """
        n, capital = len(phrase), phrase[0][:1].isupper()
        counts = self._by_length.get((n, capital))
        if counts is None:
            starts = self.capitalised if capital else range(len(self.words))
            counts = self._by_length[n, capital] = Counter(tuple(self.words[i : i + n]) for i in starts)
        return counts[tuple(phrase)]

def trim_name(name: str, counts: WordCounts) -> str:
    """Drop leading words that the article uses on their own for something else.

    `Pelatih Madrid Zinedine Zidane` leaves `Madrid Zinedine Zidane`; the article
    also writes `bagi Madrid` and `kata Zidane`, so `Madrid` is not part of the name.
    `Boy Rafli Amar` stays whole: `Rafli` and `Amar` never stand without `Boy`.
    """
    words = name.split()
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return name
    for i in range(1, len(words) - 1):
        prefix, rest = words[:i], words[i:]
        prefix_elsewhere = counts.count(prefix) > counts.count(words[: i + 1])
        rest_alone = any(counts.count([w]) > counts.count(words[: j + 1]) for j, w in enumerate(rest, start=i))
        if prefix_elsewhere and rest_alone:
            return " ".join(rest)
    return name

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
    if not toks[0].capitalised and toks[0].low not in PERSON_TITLES and toks[0].low not in BODY_HEADS:
        tail = _capitalised_tail(toks)  # `pertandingan Mourinho`, `tersipu Harington`
        return (text[tail[0].start : tail[-1].end], ()) if tail else (full, ())
    name = name_tail(toks)
    if not name or len(name) == len(toks):
        return full, ()
    head = toks[: len(toks) - len(name)]
    titled = any(t.low in PERSON_TITLES for t in head)
    after_acronym = len(name) >= 2 and any(len(t.text) > 1 and t.text.isupper() for t in head)
    if not (titled or after_acronym):  # `Komisioner KPU RI Pramono Ubaid Tanthowi` has an acronym before the name
        return full, ()  # `Polda Metro Jaya`, `Dinas Kebakaran dan Penanggulangan Bencana`
    return text[name[0].start : name[-1].end], (full,)


def people_mentioned(text: str, counts: WordCounts | None = None) -> list[tuple[int, str, bool]]:
    """Return (offset, name, salient) for every person-like name in the text, in order.

    A run of capitalised words whose tail is a name. Salient when a person title
    comes before it (`Aiptu Tutut`, `artis Tina Toon`: safe even when it is one
    word) or when it opens a sentence, as the subject does (`Abu Ridho tak menjawab`);
    `kelompok Jamaah Ansharut Daulah` in mid-sentence is not.
    """
    counts = counts or WordCounts(text)
    found = []
    openers: dict[str, int] = {}  # one-word names already taken
    for m in _CAP_RUN.finditer(text):
        budget_check()
        prev = m.group("prev")
        previous = Token(m.start("prev"), m.end("prev"), prev) if prev else None
        opens = not prev and bool(_OPENS_SENTENCE.search(text, max(0, m.start("run") - 4), m.start("run")))
        titled = (previous is not None and previous.low in PERSON_TITLES) or _title_just_before(text, m.start("run"))
        if " " not in m.group("run") and not titled:
            word = m.group("run")
            if opens and _one_word_name(word) and counts.count([word]) >= 2 and word not in openers:
                openers[word] = m.start("run")  # `Kaka dipastikan ...; kemarin, Kaka menolak ...`
                found.append((m.start("run"), word, True))
            continue  # otherwise one capitalised word is a name only after a title: `Aiptu Tutut`
        run = tokens(text, m.start("run"), m.end("run"))
        name = name_tail(run, previous)
        if not name:
            continue
        head = [*([previous] if previous else []), *run[: len(run) - len(name)]]
        titled = titled or any(h.low in PERSON_TITLES for h in head[-4:])
        if titled or len(name) >= 2:
            written = text[name[0].start : name[-1].end]
            opens = opens and name[0].start == m.start("run")
            found.append((name[0].start, trim_name(written, counts), titled or opens))
    return found


def _title_just_before(text: str, at: int) -> bool:
    """`Pelatih PBFC, Dragan Djukovic`: a person title a few words back, across a comma."""
    if not text[max(0, at - 3) : at].rstrip().endswith(","):
        return False
    words = _PLAIN_WORD.findall(text, max(0, at - 40), at)
    return any(w.lower() in PERSON_TITLES for w in words[-4:])


def _one_word_name(word: str) -> bool:
    """A capitalised word that can be a name: not a known word, not a derived noun (`Keputusan`)."""
    low = word.lower()
    return low not in _NEVER_NAME and word[1:].islower() and not _DERIVED_NOUN.match(low)


def _capitalised_tail(toks: list[Token]) -> list[Token]:
    tail: list[Token] = []
    for t in reversed(toks):
        if not (t.capitalised and t.text[0].isalpha()):
            break
        tail.insert(0, t)
    return tail

def name_tail(toks: list[Token], before: Token | None = None) -> list[Token]:
    """The trailing words of a phrase that make up a person's name (at most four)."""
    name: list[Token] = []
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if len(name) >= MAX_NAME_WORDS:
            break
        # a title word between two name words is part of the name: `Lukman Hakim Saifuddin`
        sandwiched = (
            name and t.low in PERSON_TITLES and t.text.istitle() and i > 0 and name_word(toks[i - 1])
        )
        if not (name_word(t) or sandwiched):
            break
        name.insert(0, t)
    at = len(toks) - len(name) - 1
    head = toks[at] if at >= 0 else before
    if len(name) >= 3 and head is not None and head.low in PLACE_HEADS:  # `Gubernur DKI Jakarta Djarot Saiful`
        name = name[1:]
    return name

def name_word(t: Token) -> bool:
    word = t.text
    return (
        word[0].isupper()
        and word[0].isalpha()
        and t.low not in _NEVER_NAME
        and not _PASSIVE_VERB.match(t.low)  # `Diberitakan People, ...`
        and word[1:] == word[1:].lower()  # not `PBB`, `UnionSpace`
        and not any(c.isdigit() for c in word)
    )
