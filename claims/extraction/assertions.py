"""Statements the outlet makes itself: check-worthy sentences that credit no one.

A fact-checker checks an outlet's own figures as much as a minister's. Sentences
that hold no attributed claim become `assertion` claims when they read as
checkable facts; headlines, labels, questions and boilerplate never do.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from . import checkworthiness
from .budget import budget_check
from .flags import MISSING_ENTITY, gap_offsets
from .sentences import split_sentences
from .types import Attribution

# The same line as for quoted claims: the score is calibrated, and 0.5 means check-worthy
# whoever makes the claim (match reports, schedules and greetings score below it).
ASSERTION_MIN_CHECKWORTHINESS = 0.5
_MIN_WORDS = 6
_ENDS_A_STATEMENT = re.compile(r"[.!][\"'”’)\]]*\s*$")
_BOILERPLATE = re.compile(
    r"^\W*(?:baca juga|simak juga|lihat juga|tonton juga|read more|see also|advertisement|scroll to continue"
    r"|editor|penulis|reporter|sumber|foto|video|copyright|hak cipta)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# A checkable statement names something: a figure, or a proper name past the first word.
# Sentences with neither never reach the bar, and skipping them keeps this pass cheap.
_NAMES_SOMETHING = re.compile(r"\d|\s[A-Z]")


def find_assertions(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Attribution]:
    """Return the outlet's own check-worthy sentences that overlap none of the `taken` spans."""
    taken = sorted(taken)
    starts = [s for s, _e in taken]
    reach = list(accumulate((e for _s, e in taken), max))  # the furthest end among the first k spans
    found = []
    for start, end in split_sentences(text, lang):
        budget_check()
        before = bisect_left(starts, end)  # the taken spans that start before this sentence ends
        if before and reach[before - 1] > start:
            continue
        sentence = text[start:end]
        if not _NAMES_SOMETHING.search(sentence) or not _ENDS_A_STATEMENT.search(sentence):
            continue
        if _BOILERPLATE.match(sentence):
            continue
        if len(_WORD.findall(sentence)) < _MIN_WORDS:
            continue
        if checkworthiness.score(sentence, lang=lang) < ASSERTION_MIN_CHECKWORTHINESS:
            continue
        gaps = gap_offsets(text, start, end, "id" if lang == "id" else "en")
        found.append(
            Attribution(
                start=start,
                end=end,
                speaker=None,
                kind="assertion",
                sentence_start=start,
                sentence_end=end,
                flags=(MISSING_ENTITY,) if gaps else (),
                gaps=gaps,
            )
        )
    return found
