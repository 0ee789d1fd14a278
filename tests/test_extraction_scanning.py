"""`scanning.finditer` gives exactly the matches of `pattern.finditer`, for any pattern."""

from __future__ import annotations

import random
import re

import pytest

from claims.extraction import flags
from claims.extraction.scanning import _candidates, finditer

TEXTS = [
    "",
    "Dia bertemu dengan . Kepala menyebutkan bahwa telah menunda rapat di ke kantor.",
    "Menurut dia, kepada dalam hal itu \" ucap memberikan , dan oleh menolak.",
    "The and Government said. He was told on Monday by on Tuesday, according to, a partner at & Hartson.",
    "a an the an a the. Tthe aan An The",
    "x" * 50 + " kepada oleh " * 30,
    "oleh\nkepada\n\ndi ke\tpada yang",
]


def _spans(matches):
    return [(m.span(), m.groups(), m.groupdict()) for m in matches]


def _random_text(rng: random.Random, words: list[str]) -> str:
    marks = [" ", " ", " ", "  ", ", ", ". ", "\n", " \" ", " “", "” ", " (", ") ", " - ", "@", "/", " & "]
    return "".join(rng.choice(words) + rng.choice(marks) for _ in range(rng.randint(0, 80)))


@pytest.mark.parametrize("pattern", [flags._SHARED, flags._ID, flags._EN], ids=["shared", "id", "en"])
def test_same_matches_as_finditer_on_gap_shapes(pattern):
    rng = random.Random(7)
    words = re.findall(r"[A-Za-z]+", pattern.pattern) + ["Jakarta", "Rusia", "said", "The", "an", "Mr.", "me", "di"]
    texts = TEXTS + [_random_text(rng, words) for _ in range(300)]
    for text in texts:
        assert _spans(finditer(pattern, text)) == _spans(pattern.finditer(text)), text


@pytest.mark.parametrize(
    "source",
    [
        r"\bab|(?<=\s)cd|^ef",  # boundaries, look-behinds and the start of the text
        r"(?:x|y)?z+|[0-9][0-9]",  # optional heads: both first characters are candidates
        r"a(?=b)|ab|b",  # an earlier alternative wins where two start at once
        r"(?<![\w])[Tt]he\b|(?:^|(?<=\s))an?\ ",
    ],
)
def test_same_matches_as_finditer_on_other_patterns(source):
    pattern = re.compile(source)
    assert _candidates(pattern) is not None
    rng = random.Random(3)
    alphabet = "abcdefxyzTthen 12\n,."
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _spans(finditer(pattern, text)) == _spans(pattern.finditer(text)), text


@pytest.mark.parametrize(
    "source",
    [
        r"a*",  # may match the empty string
        r".b",  # starts anywhere
        r"(a)?(?(1)b|c)",  # a conditional on a group
        r"\w+ed",  # starts at any word character
        r" +\.",  # starts at any space
        r"(?i)ab",  # case-insensitive
    ],
)
def test_patterns_it_cannot_bound_are_scanned_plainly(source):
    pattern = re.compile(source)
    assert _candidates(pattern) is None
    text = "aab ab ed  . AB aa xb"
    assert _spans(finditer(pattern, text)) == _spans(pattern.finditer(text))


def test_candidates_skip_most_positions_of_the_indonesian_shapes():
    candidates = _candidates(flags._ID)
    text = "Pemerintah Indonesia menyampaikan keprihatinan yang mendalam atas kejadian itu."
    found = [m.start() for m in candidates.finditer(text)]
    assert found  # word starts that may open a shape
    assert len(found) < len(text) / 4
    assert all(text[i - 1 : i] in ("", " ") for i in found)
