"""Plain data passed between the extraction steps and returned to callers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attribution:
    """A claim span found in the text, with who said it and how we know.

    Offsets are into the article text, end exclusive. The sentence span covers
    the sentence(s) holding both the content and the cue, so later steps (dates,
    flags) know where to look.
    """

    start: int
    end: int
    speaker: str | None
    kind: str  # "direct" | "indirect" | "assertion"
    sentence_start: int
    sentence_end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_aliases: tuple[str, ...] = ()
    via: str | None = None
    flags: tuple[str, ...] = ()
    gaps: tuple[int, ...] = ()  # where names seem to have been dropped in the sentence (flags.gap_offsets)


@dataclass(frozen=True)
class ExtractedClaim:
    start: int
    end: int
    content: str
    speaker: str | None
    cue: str | None
    kind: str
    date: datetime.date | None
    checkworthiness: float
    via: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_aliases: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    # Where names seem to have been dropped in the claim's sentence: offsets into the
    # article text, each where the missing name stood (see flags.gap_offsets).
    gaps: tuple[int, ...] = ()


@dataclass(frozen=True)
class Page:
    """An article body taken out of its HTML page, with what the page says about it."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime.date | None = None
    outlet: str | None = None
    lang: str | None = None
    canonical_url: str | None = None


@dataclass(frozen=True)
class Extraction:
    text: str
    lang: str
    claims: list[ExtractedClaim] = field(default_factory=list)
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime.date | None = None
    outlet: str | None = None
    canonical_url: str | None = None
