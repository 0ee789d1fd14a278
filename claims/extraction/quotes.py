"""Find the double-quoted spans of a paragraph or sentence, in both languages.

Marks: `“ ”` and `« »` (curly), `"` and `''` (straight). A closing mark opens a quotation
only at the very start of the range (`”Fear. I am ...`, a reversed opening mark). Spans are
(start, end) offsets into the text, end exclusive, marks included.

What to do with a quotation that never closes is the caller's choice, `unclosed`:

* ``"drop"``: an opening mark is not trusted until it closes. A stray mark must never
  swallow a paragraph, so an unclosed quotation is dropped; a new `“` while one is open
  starts afresh (the earlier mark was the stray one), and any closing mark ends an open
  quotation (scrapers mix `“Q"` and `"Q”`). Used to keep sentences together and by the
  Indonesian reader, which reads a sentence at a time.
* ``"to_end"``: an opening mark is trusted. News style leaves the closing mark off a
  quotation that goes on into the next paragraph, so an unclosed quotation runs to the end
  of the range; a `“` inside an open quotation is a quote within it, and a quotation opened
  with a straight mark ends at a straight mark. When the range has no double quotes,
  British single quotes (`‘...’`, three words or more) are read instead. Used by the English
  reader, which reads a paragraph at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
DOUBLED_STRAIGHT_QUOTE = "''"

QUOTE_MARK = re.compile(r"[“”«»\"]|''")
# A ‘...’ quotation, told apart from apostrophes (`don’t`, `’90s`) by what stands around it.
SINGLE_QUOTED = re.compile(r"(?<![\w’'])‘[^‘’\n]*?[\w.,!?…—-]’(?![\w’'])")
MIN_SINGLE_QUOTED_WORDS = 3

Unclosed = Literal["drop", "to_end"]


def quote_spans(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    unclosed: Unclosed,
    marks: Iterable[re.Match] | None = None,
) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the quotations in text[start:end], marks included.

    `unclosed` says what an unclosed quotation means (see the module docstring).
    `marks`, the `QUOTE_MARK` matches of the range when the caller has them, saves a scan.
    """
    if unclosed not in ("drop", "to_end"):
        raise ValueError(f"unclosed must be 'drop' or 'to_end', not {unclosed!r}")
    end = len(text) if end is None else end
    trusting = unclosed == "to_end"
    spans = []
    open_at = None
    curly = False
    for m in QUOTE_MARK.finditer(text, start, end) if marks is None else marks:
        mark, at = m.group(), m.start()
        if open_at is None:
            if mark not in CLOSE_QUOTES or at == start:
                open_at, curly = at, mark in OPEN_QUOTES or mark in CLOSE_QUOTES
        elif mark in OPEN_QUOTES and not trusting:
            open_at, curly = at, True  # the earlier opening mark was a stray one
        elif _closes(mark, curly=curly, trusting=trusting):
            spans.append((open_at, m.end()))
            open_at = None
    if trusting:
        if open_at is not None and end - open_at > 1:
            spans.append((open_at, end))
        if not spans and text.find("‘", start, end) >= 0:
            spans = [
                m.span()
                for m in SINGLE_QUOTED.finditer(text, start, end)
                if len(m.group().split()) >= MIN_SINGLE_QUOTED_WORDS
            ]
    return spans


def _closes(mark: str, *, curly: bool, trusting: bool) -> bool:
    """Whether `mark` ends a quotation opened with a curly (or a straight) mark."""
    if curly:
        return mark in CLOSE_QUOTES or mark == STRAIGHT_QUOTE
    return mark in (STRAIGHT_QUOTE, DOUBLED_STRAIGHT_QUOTE) or (not trusting and mark in CLOSE_QUOTES)
