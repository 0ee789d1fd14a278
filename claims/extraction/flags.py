"""Warnings for the reviewer about a claim's sentence.

`missing_entity`: some scrapers keep the text around a hyperlink but drop the
link text, which was usually a name (`bertemu dengan .`, `Delegasi , yang`,
`Mengutip pernyataan , menyebutkan`, `TRIBUNNEWS.COM - dan makin`). The
sentence then cannot say who did what, so its claims need a human look.
"""

from __future__ import annotations

import re
from functools import lru_cache

MISSING_ENTITY = "missing_entity"

_GAP = re.compile(
    r"""(?:
        [^\W\d_]\ +[.,;](?=\s|$)                                   # `Delegasi , yang`, `dengan .`
      | \b(?:dengan|oleh|kepada|terhadap|antara|bersama)\ ?[.,;](?=\s|$)  # `bertemu dengan.`
      | \b(?:kepada|oleh|terhadap)\ (?:dalam|di|pada|saat|dan|untuk)\b       # `kata Butet kepada dalam ...`
      | (?:\.(?:com|COM|id)|[A-Z]{3,})\ [-–—]+\ (?:dan|atau|serta|yang|dengan|di|ke)\b  # `TRIBUNNEWS.COM - dan`
    )""",
    re.VERBOSE,
)
_OPENS_WITH_GAP = re.compile(r"(?:dan|atau|serta|yang|dengan)\s")


@lru_cache(maxsize=256)
def missing_entity(text: str, start: int = 0, end: int | None = None) -> bool:
    """Return True when text[start:end] shows a gap where a name was dropped.

    Cached: every claim of a sentence asks about the same sentence.
    """
    end = len(text) if end is None else end
    if _GAP.search(text, start, end):
        return True
    return bool(_OPENS_WITH_GAP.match(text, start, end)) and _follows_dateline(text, start)


def gap_offsets(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Return where the gaps in text[start:end] are, for highlighting."""
    end = len(text) if end is None else end
    return [m.start() for m in _GAP.finditer(text, start, end)]


def sentence_flags(text: str, start: int, end: int) -> tuple[str, ...]:
    """Return the flags a claim gets from the sentence it sits in."""
    return (MISSING_ENTITY,) if missing_entity(text, start, end) else ()


def _follows_dateline(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip()
    return bool(before) and before[-1] in "-–—"
