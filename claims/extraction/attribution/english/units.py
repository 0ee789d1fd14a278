"""Cut English article text into paragraphs, quotations and sentence-like units.

A unit is a sentence, except that a sentence boundary inside an open quotation is
ignored: a quote of several sentences stays in one unit, so it becomes one claim.
Written here (not pysbd) because the extractor must handle hundreds of articles a
second, and because quote-awareness matters more than rare abbreviation cases.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ...budget import budget_check
from ...calendar import MONTH_ABBREVIATIONS_EN, alternation
from ...quotes import QUOTE_MARK, quote_spans
from ...sentences import cut_long_span

PARAGRAPH = re.compile(r"[^\n]+")
# A full stop, ! or ? (plus closing quotes/brackets) followed by space and a likely sentence start.
# Linear on runs of marks: a run is only entered at its start, and nothing taken is given back.
SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s++[\"“‘'(\[]*+[A-Z0-9_—–-])")
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|St|Jr|Sr|Prof|Rev|Hon|"
    + alternation(MONTH_ABBREVIATIONS_EN, capitalize=True)
    + r"|Inc|Corp|Co|Ltd|No|vs|etc|Ave|Blvd|Mt|Ft|Dept|Univ|approx|"
    r"Calif|Mass|Penn|Pa|Fla|Ga|Mich|Wis|Minn|Ariz|Colo|Conn|Ill|Ind|Kan|Ky|La|Md|Mo|Miss|Mont|Neb|Nev|Okla|"
    r"Ore|Tenn|Tex|Va|Vt|Wash|Wyo|Del|Ala|Ark)\.|\b[A-Z]\.|\b(?:[A-Za-z]\.){2,})$"
)
MAX_MERGED_SENTENCES = 8


class Unit(NamedTuple):
    """A sentence (or a run of sentences held together by an open quote) inside one paragraph."""

    start: int
    end: int
    paragraph: int
    quotes: tuple[tuple[int, int], ...]  # quotation spans inside the unit, marks included


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """`Mr.`, `Sept.`, `U.S.`: a full stop at `dot` that does not end a sentence."""
    word = dot
    while word > start and (text[word - 1].isalpha() or text[word - 1] == "."):
        word -= 1
    if dot - word > 6 and "." not in text[word:dot]:
        return False  # a long plain word: no abbreviation is that long
    return bool(ABBREVIATION.search(text[max(start, dot - 12) : dot + 1]))


def _sentence_ends(text: str, start: int, end: int, found: list[re.Match] | None = None) -> list[int]:
    ends = []
    for m in SENTENCE_END.finditer(text, start, end) if found is None else found:
        if text[m.start()] == "." and _is_abbreviation(text, start, m.start()):
            continue
        ends.append(m.end())
    ends.append(end)
    return ends


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `pos` is inside one of the ordered, disjoint quotation `spans` (before its closing mark)."""
    i = bisect_left(starts, pos) - 1
    return i >= 0 and pos < spans[i][1] - 1


def split_units(text: str) -> list[Unit]:
    """Return the units of an article in order, quote-aware and paragraph-bounded."""
    units = []
    marks = list(QUOTE_MARK.finditer(text))  # one scan of the whole text, shared out by paragraph
    mark_at = [m.start() for m in marks]
    stops = list(SENTENCE_END.finditer(text))
    stop_at = [m.start() for m in stops]
    for number, para in enumerate(PARAGRAPH.finditer(text)):
        p_start, p_end = para.start(), para.end()
        while p_start < p_end and text[p_start].isspace():
            p_start += 1
        while p_end > p_start and text[p_end - 1].isspace():
            p_end -= 1
        if p_start >= p_end:
            continue
        i = bisect_left(mark_at, p_start)
        marks_here = marks[i : bisect_left(mark_at, p_end, i)]
        quotes = quote_spans(text, p_start, p_end, unclosed="to_end", marks=marks_here)  # ordered, disjoint
        quote_starts = [qs for qs, _qe in quotes]
        quote_ends = [qe for _qs, qe in quotes]
        i = bisect_left(stop_at, p_start)
        found = [m for m in stops[i : bisect_left(stop_at, p_end, i)] if m.end() < p_end]
        begin = p_start
        merged = 0
        for stop in _sentence_ends(text, p_start, p_end, found):
            budget_check()
            if stop < p_end and _inside(stop, quotes, quote_starts) and merged < MAX_MERGED_SENTENCES:
                merged += 1
                continue
            s = begin
            while s < stop and text[s].isspace():
                s += 1
            for u_start, u_end in cut_long_span(text, s, stop) if s < stop else ():
                overlapping = quotes[bisect_right(quote_ends, u_start) : bisect_left(quote_starts, u_end)]
                inner = tuple((max(qs, u_start), min(qe, u_end)) for qs, qe in overlapping)
                units.append(Unit(u_start, u_end, number, inner))
            begin = stop
            merged = 0
    return units
