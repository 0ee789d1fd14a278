"""Stem Indonesian (Sastrawi, cached) and English (a light suffix stripper) words."""

from __future__ import annotations

from functools import lru_cache


class _WordSet:
    """Sastrawi's root dictionary as a set: its own ArrayDictionary scans a 30k-word list per lookup."""

    def __init__(self, words: list[str]) -> None:
        self.words = frozenset(w for w in words if w.strip())

    def contains(self, word: str) -> bool:
        return word in self.words


@lru_cache(maxsize=1)
def _sastrawi():
    try:
        from Sastrawi.Stemmer.Stemmer import Stemmer
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - the fallback is tested directly
        return None
    return Stemmer(_WordSet(StemmerFactory().get_words()))


def root_words() -> frozenset[str]:
    """Sastrawi's Indonesian root words (empty without Sastrawi)."""
    stemmer = _sastrawi()
    return stemmer.dictionary.words if stemmer is not None else frozenset()


@lru_cache(maxsize=200_000)
def stem_id(word: str) -> str:
    """Stem an Indonesian word with Sastrawi (slow, hence the cache), else a small affix stripper."""
    if "-" in word:
        parts = word.split("-")
        word = parts[0] if len(set(parts)) == 1 else parts[-1]
    stemmer = _sastrawi()
    if stemmer is None:
        return strip_affixes_id(word)
    return stemmer.stem(word) or word


_ID_SUFFIXES = ("kannya", "annya", "nya", "kan", "lah", "kah", "an", "i")
_ID_NASAL = (
    ("meny", "s"),
    ("peny", "s"),
    ("mem", "p"),
    ("pem", "p"),
    ("men", "t"),
    ("pen", "t"),
    ("meng", "k"),
    ("peng", "k"),
)
_ID_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
    "ber",
    "be",
    "ter",
    "te",
    "di",
    "ke",
    "se",
)


def strip_affixes_id(word: str) -> str:
    """Strip common Indonesian affixes without a dictionary: a fallback when Sastrawi is absent.

    Cruder than Sastrawi (no root list, so ``menunda`` and ``penundaan`` both give
    ``tunda`` but some words lose a letter too many), yet consistent across forms.
    """
    stem = word
    for suffix in _ID_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 4:
            stem = stem[: -len(suffix)]
            break
    for prefix in _ID_PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
            rest = stem[len(prefix) :]
            for nasal, restored in _ID_NASAL:
                if prefix == nasal and rest[0] in "aeiou":
                    rest = restored + rest
                    break
            stem = rest
            break
    return stem


_EN_IRREGULAR = {
    "said": "say",
    "says": "say",
    "went": "go",
    "gone": "go",
    "was": "be",
    "were": "be",
    "made": "make",
    "paid": "pay",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "cut": "cut",
    "children": "child",
    "people": "peopl",
    "women": "woman",
    "men": "man",
}


@lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    """Strip English inflections lightly: plural -s, -ed, -ing, -ly, -ment, final -e, y -> i."""
    if word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word]
    w = word.replace("'", "")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif (w.endswith("ed") and len(w) > 4) or (w.endswith("ly") and len(w) > 5):
        w = w[:-2]
    if w.endswith("ment") and len(w) > 7:
        w = w[:-4]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w
