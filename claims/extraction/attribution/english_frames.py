"""Turn each English cue in a unit into a frame: who speaks, on which side the content is.

`X said C`, `"Q," X said`, `"Q," said X`, `C, according to X`, `X, who ..., said C`,
`..., saying C` (the speaker is the main clause's subject). Nested cues give way to the
outer one, so `X said that A suggests B` stays one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .english_content import (
    LEADING_PREPOSITION,
    QUOTE_RESUMES,
    content_side,
    content_start_after,
    trim_content,
)
from .english_cues import EVIDENCE, INTENTION, Cue, find_cues
from .english_lexicon import EVIDENCE_NOUNS, PRONOUNS
from .english_speakers import is_pronoun, looks_like_speaker, name_in_phrase, trim_noun_phrase
from .english_units import Unit

ANAPHORIC_CONTENT = re.compile(  # `said as much in an interview`: the claim is elsewhere
    r"(?:as much|so|nothing|little|otherwise|this|that|it)"
    r"(?=\s*$|\s*[,.;]|\s+(?:in|on|at|during|to|about|after|before|from|with|when|while|last|earlier)\b)"
)
SHARED_SUBJECT = re.compile(r"\s(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")
SUBJECT_REACH = 240  # characters: a subject with its appositives is never longer
HARD_BOUNDARY = re.compile(r"[;:—–\[\]]|\s-\s|\bthat\b|\bbecause\b|\bif\b|\bwhen\b|\bwhile\b|\bafter\b")
RELATIVE_START = re.compile(r"^\s*(?:who|which|whose|whom)\b", re.IGNORECASE)
APPOSITIVE_START = re.compile(r"^\s*(?:[a-z]|(?:The|A|An)\b)")
TAIL_SEPARATOR = re.compile(r"(?:[,”\"]|'')\s*$")
RELATIVE_ONLY = re.compile(r"\s*,?\s*(?:who|which)\s+(?:also\s+|has\s+|had\s+|later\s+|then\s+)*$")
PROGRESSIVE_AUX = re.compile(
    r"\b(?:is|are|was|were|been|be|am|’s|'s|’re|'re|keeps|kept)\s+(?:(?:\w+ly|also|now|still|once|again|even|not|already)\s+)*$"
)
TRAILING_NAME = re.compile(r"(?<=\s)(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*$")
CLAUSE_BREAK = re.compile(r"[,―—–]\s*$")
QUOTE_FOLLOWS = re.compile(r"(?:[^“”\".;:!?]{0,60}?,)?\s*[,:]?\s*(?=[“\"]|'')")
AS_BEFORE = re.compile(r"(?:^|[\s,])as\s+$")
COORDINATION_END = re.compile(r"(?:;|,?\s+(?:and|but|while|whereas|yet))\s*$")
TRAILING_PRONOUN = re.compile(r"\s(he|she|they|it|we|I)$")
QUOTE_JUST_BEFORE = re.compile(r"(?:[”\"]|'')\s*[,—–-]?\s*$")
SPEAKER_AFTER_STOP = re.compile(
    r"[,;:()\[\]“”\"!?—–]|''|\.(?=\s*$|\s+[^A-Z])|\s(?:on|in|at|during|to|after|before|while|when|who|as|of\s+the|about|last|this|"
    r"earlier|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
PARTICIPLE_PREFIX = re.compile(r"(?:,|—|–|\s-)\s*(?:and\s+|while\s+|also\s+)?$")


@dataclass
class Frame:
    """One cue with the speaker found for it and the side its content is on."""

    cue_start: int
    cue_end: int
    side: str  # "after" | "before"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_phrase: str | None = None
    content_start: int | None = None
    via: str | None = None
    inherits: bool = False  # participial cue: speaker is the subject of the main clause
    also_before: bool = False  # `"Q1," he said, "Q2."`: content on both sides


def _subject_before(
    text: str, unit: Unit, lo: int, cue_start: int, hard_boundaries: bool = True
) -> tuple[int, int] | None:
    """Find the subject noun phrase just before a cue, skipping appositives and relative clauses."""
    lo = max(lo, cue_start - SUBJECT_REACH)
    left = text[lo:cue_start]
    cut = 0
    for m in HARD_BOUNDARY.finditer(left) if hard_boundaries else ():
        cut = m.end()
    base = lo + cut
    for _, quote_end in unit.quotes:
        if base < quote_end <= cue_start:
            base = quote_end
    segments = []
    pos = base
    for piece in text[base:cue_start].split(","):
        segments.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    last = len(segments) - 1
    s, e = segments[last]
    if text[s:e].strip() and trim_noun_phrase(text, s, e) is None:
        s = e  # `X, the chief executive, forcefully told`: only an adverb before the cue
    if text[s:e].strip():
        if RELATIVE_START.match(text[s:e]) and last >= 1:
            return trim_noun_phrase(text, *segments[last - 1])
        span = trim_noun_phrase(text, s, e)
        if span:  # `the impact it said ...`: a pronoun right before the cue is the subject
            tail = TRAILING_PRONOUN.search(text, span[0], span[1])
            if tail:
                return tail.start(1), tail.end(1)
            if LEADING_PREPOSITION.match(text, span[0], span[1]):
                name = TRAILING_NAME.search(text, span[0], span[1])  # `In a 2016 meeting with the board Trump said`
                return (name.start(), name.end()) if name else None
        return span
    # `X, the title of Y, said` / `X, who ..., said`: step over the appositive
    if last >= 2:
        ps, pe = segments[last - 1]
        if APPOSITIVE_START.match(text[ps:pe]) or not text[ps:pe].strip()[:1].isupper():
            return trim_noun_phrase(text, *segments[last - 2])
        if name_in_phrase(text[ps:pe].strip()):  # `A lawyer for the outlets, David Schulz, said`
            return trim_noun_phrase(text, ps, pe)
    return None


def _speaker_after(text: str, cue_end: int, unit_end: int) -> tuple[int, int] | None:
    """Find the speaker after an inverted cue (`"Q," said Pat Caddell, a pollster`), up to a stop word."""
    window = text[cue_end : min(unit_end, cue_end + 160)]
    if not window[:1].isspace():
        return None
    stop = SPEAKER_AFTER_STOP.search(window)
    phrase = window[: stop.start()] if stop else window
    if not looks_like_speaker(phrase.strip()):
        return None
    return trim_noun_phrase(text, cue_end, cue_end + len(phrase))


def frames_in_unit(text: str, unit: Unit, lower: str | None = None) -> list[Frame]:
    """Return a frame for every cue of the unit that has a speaker; `lower` is the lower-cased text."""
    frames: list[Frame] = []
    lo = unit.start
    for m in find_cues(text, unit, lower):
        cue_text = m.group().lower()
        before = text[lo : m.start()]
        participle = cue_text.endswith("ing") and PARTICIPLE_PREFIX.search(before)
        if cue_text.startswith("according"):
            frame = _according_frame(text, unit, m, lo)
        elif (participle and (frames or before.strip())) or (frames and SHARED_SUBJECT.search(before)):
            # `..., saying C` / `X called A and said C`: the speaker is the main clause's subject
            start, via = content_start_after(text, m, unit)
            frame = Frame(m.start(), m.end(), "after", content_start=start, via=via, inherits=True)
        elif cue_text.endswith("ing") and not PROGRESSIVE_AUX.search(before):
            frame = _gerund_quote_frame(text, unit, m, lo)  # `footage of Hillary Clinton asking, “...”`
            if frame is None:
                continue
        elif re.search(r"(?:^|[,”\"]|''|—)\s*$", before):
            frame = None
            if not QUOTE_JUST_BEFORE.search(before):
                frame = _subject_first_frame(text, unit, m, lo)
            if frame is None:
                span = _speaker_after(text, m.end(), unit.end)
                if span is None:
                    continue
                frame = Frame(m.start(), m.end(), "before", *span, text[span[0] : span[1]])
                more = QUOTE_RESUMES.match(text, span[1], unit.end)
                if more:  # `"Q1," said X, "Q2."`
                    frame.side, frame.also_before, frame.content_start = "after", True, more.end()
        else:
            frame = _subject_first_frame(text, unit, m, lo)
            if frame is None and frames and frames[-1].speaker_phrase and RELATIVE_ONLY.match(before):
                frame = _subject_first_frame(text, unit, m, lo, frames[-1])  # `said Mr. Kamin, who emphasized`
        if frame is not None and not _subject_fits_cue(m, frame):
            continue
        if frame is None or (frame.side == "before" and AS_BEFORE.search(text, lo, frame_start(frame))):
            continue  # `..., as Eric Garner said before he died`: a comment on a quote, not a claim
        frames.append(frame)
        if not RELATIVE_ONLY.match(text, max(unit.start, (frame.speaker_end or m.start())), m.start()):
            lo = max(m.end(), frame.speaker_end or m.end())
    return frames


def _gerund_quote_frame(text: str, unit: Unit, m: re.Match, lo: int) -> Frame | None:
    """A name, a gerund cue and a quote: `... of Hillary Clinton asking, “Why ...?”`."""
    quote = QUOTE_FOLLOWS.match(text, m.end(), unit.end)
    name = TRAILING_NAME.search(text, lo, m.start() - 1) if quote else None
    if not name or not name_in_phrase(name.group()):
        return None
    return Frame(m.start(), m.end(), "after", name.start(), name.end(), name.group(), content_start=quote.end())


def _subject_fits_cue(m: Cue, frame: Frame) -> bool:
    """Cues that need no `that` for every subject: `found` for a study, `plans to` for an actor."""
    phrase = frame.speaker_phrase or ""
    if m.kind == INTENTION:
        return bool(phrase) and (phrase[0].isupper() or phrase.lower() in PRONOUNS)
    if m.kind == EVIDENCE:
        words = phrase.lower().split()
        return bool(words) and words[-1].strip(",") in EVIDENCE_NOUNS
    return True


def _subject_first_frame(text: str, unit: Unit, m: re.Match, lo: int, antecedent: Frame | None = None) -> Frame | None:
    """`X said C` / `C, X said`: the speaker is the subject before the cue (or the antecedent of `who`)."""
    if antecedent is not None:
        span = antecedent.speaker_start, antecedent.speaker_end
    else:
        span = _subject_before(text, unit, lo, m.start())
        if span is None:  # `Mr. Obama, who understood that ..., told`: the boundary was inside a relative clause
            span = _subject_before(text, unit, lo, m.start(), hard_boundaries=False)
    if span is None or not looks_like_speaker(text[span[0] : span[1]]):
        return None
    frame = Frame(m.start(), m.end(), "after", *span, text[span[0] : span[1]])
    side = content_side(text, m, unit, text[lo : span[0]])
    if side == "before":
        frame.side = "before"
    else:
        frame.content_start, frame.via = content_start_after(text, m, unit)
        frame.also_before = side == "both"
    return frame


def _according_frame(text: str, unit: Unit, m: re.Match, lo: int) -> Frame | None:
    """`According to X, C` (content after the comma) or `C, according to X` (content before)."""
    span = _speaker_after(text, m.end(), unit.end)
    if span is None:
        return None
    frame = Frame(m.start(), m.end(), "after", *span, text[span[0] : span[1]])
    if text[lo : m.start()].strip(" ,—–-"):
        frame.side = "before"
    else:
        comma = text.find(",", span[1], unit.end)
        if comma < 0:
            return None
        frame.content_start = comma + 1
    return frame


def kind_of(unit: Unit, start: int, end: int) -> str:
    """`direct` when quotation marks hold at least half the content, else `indirect`."""
    quoted = sum(max(0, min(e, end) - max(s, start)) for s, e in unit.quotes)
    return "direct" if quoted * 2 >= (end - start) else "indirect"


def frame_start(frame: Frame) -> int:
    return min(x for x in (frame.cue_start, frame.speaker_start) if x is not None)


def _outer_frames(text: str, frames: list[Frame]) -> list[Frame]:
    """Drop cues nested inside another cue's content.

    `X said that A suggests B` is one claim by X; in `A told B that C, the source added` the
    tail cue is the outer one and the first is dropped.
    """
    kept: list[Frame] = []
    for frame in frames:
        if kept and kept[-1].side == "after" and not frame.inherits:
            prev = kept[-1]
            start = frame_start(frame)
            between = text[prev.content_start : start]
            coordinated = COORDINATION_END.search(between) or (frame.side == "after" and CLAUSE_BREAK.search(between))
            if coordinated and frame.speaker_phrase and is_pronoun(frame.speaker_phrase):
                coordinated = None  # `X says A, but she knows that B`: still X's claim
            if start >= prev.content_start and not coordinated:
                if frame.side == "after" or not TAIL_SEPARATOR.search(text, prev.content_start, start):
                    continue
                kept.pop()
            elif start < prev.cue_start:
                kept.pop()  # `Mr. Obama, who understood that A, told B`: the relative clause yields
        kept.append(frame)
    return kept


def content_spans(text: str, unit: Unit, frames: list[Frame]) -> list[tuple[Frame, int, int]]:
    """Give each frame its content span; an after-content stops where the next frame begins."""
    spans = []
    lo = unit.start
    kept = _outer_frames(text, frames)
    for i, frame in enumerate(kept):
        if frame.side == "before":
            start, end = lo, frame_start(frame)
        else:
            if frame.also_before:
                first = trim_content(text, lo, frame_start(frame))
                if first[1] - first[0] >= 3:
                    spans.append((frame, *first))
            start, end = frame.content_start, unit.end
            for later in kept[i + 1 :]:
                if frame_start(later) > start:
                    end = frame_start(later)
                    break
        start, end = trim_content(text, start, end)
        if frame.side == "after" and ANAPHORIC_CONTENT.match(text, start, end):
            continue  # `Robby Mook said as much`: the claim is elsewhere
        if end - start >= 3 and (frame.side == "before" or len(text[start:end].split()) >= 2):
            spans.append((frame, start, end))
        lo = max(frame.cue_end, frame.speaker_end or frame.cue_end)
        if frame.side == "after":
            lo = max(lo, end)
    return spans

