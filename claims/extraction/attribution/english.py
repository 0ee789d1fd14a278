"""English attribution: who says what, from cue verbs and the phrases around them.

Each unit (a sentence, or several held together by an open quote) is scanned for
cues outside quotation marks. Every cue becomes a frame: a speaker on one side and
the content on the other (`X said C`, `"Q," X said`, `"Q," said X`, `C, according
to X`, `..., saying C`). Quote-only units with no cue continue the last speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Attribution
from .english_lexicon import (
    CUE_FIRST_WORDS,
    CUE_FORMS,
    NOUN_LIKE_FORMS,
    OUTLET_WORDS,
    SECTION_LABELS,
    THAT_ONLY_FORMS,
    trie_pattern,
)
from .english_speakers import (
    NameBook,
    is_person_pronoun,
    is_pronoun,
    looks_like_speaker,
    main_clause_subject,
    name_in_phrase,
    trim_noun_phrase,
)
from .english_units import OPEN_QUOTES, STRAIGHT_QUOTE, Unit, split_units

CUE = re.compile(rf"(?:{CUE_FORMS})(?![\w’'-])", re.IGNORECASE)
THAT_CUE = re.compile(rf"(?:{THAT_ONLY_FORMS})(?=\s+that\b|\s*[.!?]?\s*$)", re.IGNORECASE)
# A cue preceded by one of these is a noun or a non-finite verb (`his claims`, `declined to say`).
NOT_A_VERB_BEFORE = {
    "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your", "in", "of", "with",
    "such", "any", "no", "new", "first", "these", "those", "whose", "to", "after", "before", "without", "by",
    "for", "about", "from", "despite", "upon", "on", "at", "into", "than", "what", "which", "latest", "last", "recent", "earlier", "previous", "own", "false", "public", "official", "written",
}
HARD_BOUNDARY = re.compile(r"[;:—–\[\]]|\s-\s|\bthat\b|\bbecause\b|\bif\b|\bwhen\b|\bwhile\b|\bafter\b")
RELATIVE_START = re.compile(r"^\s*(?:who|which|whose|whom)\b", re.IGNORECASE)
APPOSITIVE_START = re.compile(r"^\s*(?:[a-z]|(?:The|A|An)\b)")
TOLD_OBJECT = re.compile(
    r"\s+(?:me|us|him|her|them|reporters|journalists|the\s+\w+|an?\s+\w+(?:\s+\w+)?|"
    r"(?:[A-Z][\w’'.-]*\s?)+(?:of\s+(?:[A-Z][\w’'.-]*\s?)+)?)(?=[\s,.;:!?]|$)"
)
TAIL_PREPOSITION = re.compile(r"(?:of|in|on|at|during|to|about|after|before|from|with|via|through|while|when|by)\b")
THAT_WORD = re.compile(r"\bthat\b")
TAIL_SEPARATOR = re.compile(r"(?:[,”\"]|'')\s*$")
RELATIVE_ONLY = re.compile(r"^\s*,?\s*(?:who|which)\s+(?:also\s+|has\s+|had\s+|later\s+|then\s+)*$")
AS_BEFORE = re.compile(r"(?:^|[\s,])as\s+$")
QUOTE_RESUMES = re.compile(r"[^“”\";:!?]{0,80}?,\s*(?:(?:and|but)\s+)?(?=[“\"]|'')")
COORDINATION_START = re.compile(r"(?:and|but|or|while|whereas)\b")
SUBORDINATE_START = re.compile(
    r"(?:If|Even if|When|While|Although|Though|Because|As|After|Before|Unless|Since|Once|Back in|In|On|At|"
    r"During|For|Still|But|And|However)\b"
)
COORDINATION_END = re.compile(r"(?:;|,?\s+(?:and|but|while|whereas|yet))\s*$")
QUOTED_QUESTION_END = re.compile(r"[?!][”\"]\s*$|[?!]''\s*$")
DASH_SOURCE = re.compile(r"[”\"]\s*([―—–-])\s*([A-Z][^;:!?“”\"]{1,60}?)\.?\s*$")
TRAILING_PRONOUN = re.compile(r"\s(he|she|they|it|we|I)$")
QUOTE_JUST_BEFORE = re.compile(r"(?:[”\"]|'')\s*[,—–-]?\s*$")
THAT_START = re.compile(r"^\s*,?\s*that\b\s*")
PREPOSITION_THEN_THAT = re.compile(
    r"^\s*,?\s*(?:on|in|at|during|to|with|from|via|through|before|after|last|this|earlier|later|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|publicly|privately|repeatedly|again|also|recently|previously|"
    r"yesterday|today|often|then)\b[^“”\"\n:;.?!]{0,80}?\bthat\b\s*"
)
QUOTE_OR_COLON_AFTER = re.compile(r"^\s*(?:(?:[^“”\"\n.?!;]|\.(?=\S)){0,80}?[,:]\s*)?(?=[“\"]|'')|^[^“”\"\n.?!;]{0,60}?:\s*")
ADVERBIAL_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:on|in|at|during|to|with|from|via|through|before|after|late|early|last|this|earlier|later|"
    r"again|also|then|recently|previously|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|publicly|privately|repeatedly|flatly|simply|bluntly|matter-of-factly)\b[^,“”\"]{0,60}?,\s*"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|recently|"
    r"previously|repeatedly|again|also|then|earlier|later|publicly|privately)\b\s*,?\s*"
    r"|(?:on|last|this|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|night|"
    r"month|year|morning|afternoon|evening)\b\s*,?\s*"
    r"|in\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|tweet|post|email|e-mail|letter|speech|op-ed|"
    r"memo|release|press\s+release|report|video|message|note|essay|column|book|radio\s+interview|"
    r"television\s+interview|phone\s+interview|conference\s+call|blog\s+post)\b\s*,?\s*)+"
)
SPEAKER_AFTER_STOP = re.compile(
    r"[,;:()\[\]“”\"!?—–]|''|\.(?=\s*$|\s+[^A-Z])|\s(?:on|in|at|during|to|after|before|while|when|who|as|of\s+the|about|last|this|"
    r"earlier|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
CUE_WORD = re.compile(rf"(?<![\w’'-])(?:{trie_pattern(CUE_FIRST_WORDS)})(?![\w’'])", re.IGNORECASE)
CLAUSE_AFTER = re.compile(r"\s*(?:that\b|:|,?\s*[“\"]|'')")
PREV_WORD = re.compile(r"([\w’'-]+)[^\w’'-]*$")
OBJECT_OF_TELL = re.compile(
    r"^\s+((?:[^,.;:“”\"\s]+\s+){0,8}?)(?=(?:that|how|what|why|whether|when|who|he|she|they|it|"
    r"on|in|at|during|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|[,:“\"])"
)
OUTLET_PHRASE = re.compile(r"\b(?:with|to|on)\s+((?:[A-Z][\w’'.&-]*\s?){1,5})")
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
HEADLINE_SPEAKER = re.compile(r"^[\"“]?((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)\s*:\s+(?=\S)")
PARTICIPLE_PREFIX = re.compile(r"(?:,|—|–|\s-)\s*(?:and\s+|while\s+|also\s+)?$")
TRAILING_JUNK = re.compile(r"[\s,;:—–-]+(?:(?:and|but|or|so|as|adding|saying)\s*[\s,;:—–-]*)*$")
LEADING_JUNK = re.compile(r"^[\s,;:—–-]+")


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


def _inside_quote(pos: int, unit: Unit) -> bool:
    return any(s <= pos < e for s, e in unit.quotes)


def _cue_matches(text: str, unit: Unit):
    """Yield cue verbs outside quotes, trying the big alternations only where a cue word starts."""
    for word in CUE_WORD.finditer(text, unit.start, unit.end):
        first = word.group().lower()
        at = word.start()
        m = CUE.match(text, at, unit.end) or THAT_CUE.match(text, at, unit.end)
        if m is None or _inside_quote(at, unit):
            continue
        if m.group().lower() in NOUN_LIKE_FORMS and not CLAUSE_AFTER.match(text, m.end(), unit.end):
            continue
        prev = PREV_WORD.search(text[max(unit.start, at - 30) : at])
        if prev and prev.group(1).lower() in NOT_A_VERB_BEFORE and not first.startswith("according"):
            continue
        yield m


def _is_outlet(name: str) -> bool:
    words = name.split()
    return any(w.lower().strip(".,") in OUTLET_WORDS or ACRONYM.match(w) for w in words)


def _subject_before(text: str, unit: Unit, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Find the subject noun phrase just before a cue, skipping appositives and relative clauses."""
    left = text[lo:cue_start]
    cut = 0
    for m in HARD_BOUNDARY.finditer(left):
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
    window = text[cue_end : min(unit_end, cue_end + 160)]
    if not window[:1].isspace():
        return None
    stop = SPEAKER_AFTER_STOP.search(window)
    phrase = window[: stop.start()] if stop else window
    if not looks_like_speaker(phrase.strip()):
        return None
    return trim_noun_phrase(text, cue_end, cue_end + len(phrase))


def _content_start_after(text: str, cue: re.Match, unit: Unit) -> tuple[int, str | None]:
    """Where the content begins after a cue: past an indirect object, time phrases, `that` or a colon."""
    pos = cue.end()
    via = None
    rest = text[pos : unit.end]
    if cue.group().lower().startswith(("tell", "told")):
        obj = OBJECT_OF_TELL.match(rest)
        if obj and obj.group(1).strip():
            who = obj.group(1).strip()
            if _is_outlet(who):
                via = name_in_phrase(who) or who
            pos += obj.end()
            rest = text[pos : unit.end]
    m = PREPOSITION_THEN_THAT.match(rest)
    if m:
        return pos + m.end(), via or _via_in(m.group())
    m = ADVERBIAL_AFTER.match(rest)
    if m:
        via = via or _via_in(m.group())
        pos += m.end()
        rest = text[pos : unit.end]
    m = THAT_START.match(rest) or QUOTE_OR_COLON_AFTER.match(rest)
    if m:
        return pos + m.end(), via or _via_in(m.group())
    return pos + len(rest) - len(rest.lstrip(" ,:")), via


def _via_in(phrase: str) -> str | None:
    for m in OUTLET_PHRASE.finditer(phrase):
        name = m.group(1).strip()
        if _is_outlet(name):
            return name
    return None


def _content_side(text: str, m: re.Match, unit: Unit, content_before: str) -> str:
    """Say where a subject-first cue's content lies: "after" it, "before" it (`C, X said.`) or "both"."""
    rest = text[m.end() : unit.end]
    if m.group().lower().startswith(("tell", "told")):
        obj = TOLD_OBJECT.match(rest)
        if obj:
            rest = rest[obj.end() :]
    adverbial = ADVERBIAL_AFTER.match(rest)
    if adverbial:
        rest = rest[adverbial.end() :]
    rest = rest.strip()
    words_before = len(content_before.split())
    quote_before = bool(QUOTE_JUST_BEFORE.search(content_before))
    if not rest or rest[0] in ".!?;)":
        return "before"
    if rest[0] in "“\"" or rest.startswith(("''", ": “", ':"')) or THAT_START.match(rest):
        return "both" if quote_before else "after"
    if quote_before and QUOTE_RESUMES.match(rest):
        return "both"  # `"Q1," Trump said during a rally in Kenansville, N.C., "Q2."`
    if rest.startswith(","):
        after_comma = rest[1:].lstrip()
        if not after_comma:
            return "before"
        if after_comma[0] in "“\"'":
            return "both" if quote_before else "after"
        if COORDINATION_START.match(after_comma):
            return "both" if QUOTE_RESUMES.match(rest) else "before"
        if quote_before:
            return "before"
        if words_before >= 4 and len(after_comma.split()) >= 4:
            return "both"  # `Even if A, Mr. Morgan said, B`
        return "after" if words_before < 4 else "before"
    if quote_before or COORDINATION_START.match(rest):
        return "before"
    if rest.startswith(("—", "–")) or (TAIL_PREPOSITION.match(rest) and not THAT_WORD.search(rest)
                                       and "“" not in rest and '"' not in rest):
        return "before" if words_before >= 2 else "after"
    return "after"


def _frames_in_unit(text: str, unit: Unit) -> list[Frame]:
    frames: list[Frame] = []
    lo = unit.start
    for m in sorted(_cue_matches(text, unit), key=lambda m: m.start()):
        cue_text = m.group().lower()
        before = text[lo : m.start()]
        participle = cue_text.endswith("ing") and PARTICIPLE_PREFIX.search(before)
        if cue_text.startswith("according"):
            frame = _according_frame(text, unit, m, lo)
        elif participle and (frames or before.strip()):
            start, via = _content_start_after(text, m, unit)
            frame = Frame(m.start(), m.end(), "after", content_start=start, via=via, inherits=True)
        elif cue_text.endswith("ing") and not before.strip():
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
        if frame is None or (frame.side == "before" and AS_BEFORE.search(text, lo, _frame_start(frame))):
            continue  # `..., as Eric Garner said before he died`: a comment on a quote, not a claim
        frames.append(frame)
        lo = max(m.end(), frame.speaker_end or m.end())
    return frames


def _subject_first_frame(text: str, unit: Unit, m: re.Match, lo: int, antecedent: Frame | None = None) -> Frame | None:
    """`X said C` / `C, X said`: the speaker is the subject before the cue (or the antecedent of `who`)."""
    if antecedent is not None:
        span = antecedent.speaker_start, antecedent.speaker_end
    else:
        span = _subject_before(text, unit, lo, m.start())
    if span is None or not looks_like_speaker(text[span[0] : span[1]]):
        return None
    frame = Frame(m.start(), m.end(), "after", *span, text[span[0] : span[1]])
    side = _content_side(text, m, unit, text[lo : span[0]])
    if side == "before":
        frame.side = "before"
    else:
        frame.content_start, frame.via = _content_start_after(text, m, unit)
        frame.also_before = side == "both"
    return frame


def _according_frame(text: str, unit: Unit, m: re.Match, lo: int) -> Frame | None:
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    segment = text[start:end]
    lead = LEADING_JUNK.match(segment)
    if lead:
        start += lead.end()
    segment = text[start:end]
    tail = TRAILING_JUNK.search(segment)
    if tail and tail.start() > 0:
        end = start + tail.start()
    while end > start and text[end - 1] in " .":
        end -= 1
    return start, end


def _kind(unit: Unit, start: int, end: int) -> str:
    quoted = sum(max(0, min(e, end) - max(s, start)) for s, e in unit.quotes)
    return "direct" if quoted * 2 >= (end - start) else "indirect"


def _frame_start(frame: Frame) -> int:
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
            start = _frame_start(frame)
            coordinated = COORDINATION_END.search(text[prev.content_start : start])
            if coordinated and frame.speaker_phrase and is_pronoun(frame.speaker_phrase):
                coordinated = None  # `X says A, but she knows that B`: still X's claim
            if start >= prev.content_start and not coordinated:
                if frame.side == "after" or not TAIL_SEPARATOR.search(text, prev.content_start, start):
                    continue
                kept.pop()
        kept.append(frame)
    return kept


def _content_spans(text: str, unit: Unit, frames: list[Frame]) -> list[tuple[Frame, int, int]]:
    """Give each frame its content span; an after-content stops where the next frame begins."""
    spans = []
    lo = unit.start
    kept = _outer_frames(text, frames)
    for i, frame in enumerate(kept):
        if frame.side == "before":
            start, end = lo, _frame_start(frame)
        else:
            if frame.also_before:
                first = _trim(text, lo, _frame_start(frame))
                if first[1] - first[0] >= 3:
                    spans.append((frame, *first))
            start, end = frame.content_start, unit.end
            for later in kept[i + 1 :]:
                if _frame_start(later) > start:
                    end = _frame_start(later)
                    break
        start, end = _trim(text, start, end)
        if end - start >= 3:
            spans.append((frame, start, end))
        lo = max(frame.cue_end, frame.speaker_end or frame.cue_end)
        if frame.side == "after":
            lo = max(lo, end)
    return spans


HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?$")


class _Speakers:
    """Resolve speaker phrases against the names and speakers met so far in the article."""

    def __init__(self, text: str):
        self.book = NameBook(text)
        self.last: str | None = None
        self.last_person: str | None = None

    def resolve(self, phrase: str, at: int) -> tuple[str, tuple[str, ...]]:
        if is_pronoun(phrase):
            name = (self.last_person if is_person_pronoun(phrase) else self.last) or self.last
            name = name or self.book.last_person_before(at) or phrase
            return name, (phrase,)
        name = name_in_phrase(phrase)
        if name:
            honorific = HONORIFIC.search(phrase)
            if honorific:  # `Mr. Clarke` is how the article names him: keep it
                full, aliases = honorific.group(), ()
            else:
                full, aliases = self.book.expand(name, at)
            aliases = tuple(dict.fromkeys(a for a in (*aliases, phrase) if a != full))
            self.last = self.last_person = full
            return full, aliases
        for word in ("his ", "her ", "their "):
            if phrase.lower().startswith(word) and self.last:
                pass
        self.last = phrase
        return phrase, ()


def _headline_claim(text: str, unit: Unit, speakers: _Speakers) -> Attribution | None:
    """`Name: statement` at the start of a paragraph, unless the name is a section label."""
    m = HEADLINE_SPEAKER.match(text[unit.start : unit.end])
    if not m:
        return None
    label = m.group(1)
    if label.lower() in SECTION_LABELS or (label.isupper() and len(label.split()) > 2) or len(label) < 3:
        return None
    if not name_in_phrase(label):
        return None
    start, end = _trim(text, unit.start + m.end(), unit.end)
    if end - start < 3:
        return None
    name, aliases = speakers.resolve(label, unit.start)
    return Attribution(
        start=start, end=end, speaker=name, kind=_kind(unit, start, end), sentence_start=unit.start,
        sentence_end=unit.end, cue=":", cue_start=unit.start + m.end(1), cue_end=unit.start + m.end(1) + 1,
        speaker_start=unit.start + m.start(1), speaker_end=unit.start + m.end(1), speaker_aliases=aliases,
    )


def _starts_with_quote(text: str, unit: Unit) -> bool:
    return text[unit.start] in OPEN_QUOTES + STRAIGHT_QUOTE or text.startswith("''", unit.start)


def _join_short_tails(text: str, units: list[Unit]) -> list[Unit]:
    """Re-attach `Vitter demanded.` to the `“Why ...?”` before it: a question mark ended the sentence."""
    joined: list[Unit] = []
    for unit in units:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.paragraph == unit.paragraph
            and QUOTED_QUESTION_END.search(text, prev.start, prev.end)
            and not unit.quotes
            and len(text[unit.start : unit.end].split()) <= 8
        ):
            joined[-1] = Unit(prev.start, unit.end, prev.paragraph, prev.quotes)
        else:
            joined.append(unit)
    return joined


def _dash_source(text: str, unit: Unit, speakers: _Speakers) -> Attribution | None:
    """`“Quote.” ― Name` (reader comments, epigraphs): the name after the dash is the speaker."""
    m = DASH_SOURCE.search(text, unit.start, unit.end)
    if not m or not unit.quotes or not name_in_phrase(m.group(2)):
        return None
    start, end = unit.quotes[0][0], m.start() + 1
    name, aliases = speakers.resolve(m.group(2), m.start(2))
    return Attribution(
        start=start, end=end, speaker=name, kind="direct", sentence_start=unit.start, sentence_end=unit.end,
        cue=m.group(1), cue_start=m.start(1), cue_end=m.end(1), speaker_start=m.start(2), speaker_end=m.end(2),
        speaker_aliases=aliases,
    )


def find_attributions(text: str) -> list[Attribution]:
    """Return the attributed claims of an English article, in document order."""
    speakers = _Speakers(text)
    found: list[Attribution] = []
    last_claim: Attribution | None = None
    last_paragraph = -10
    for unit in _join_short_tails(text, split_units(text)):
        frames = _frames_in_unit(text, unit)
        claims = []
        main_speaker = None
        for frame, start, end in _content_spans(text, unit, frames):
            if frame.inherits:
                if main_speaker is None:
                    subject = main_clause_subject(text[unit.start : frame.cue_start])
                    if not subject:
                        continue
                    main_speaker = speakers.resolve(subject, frame.cue_start)
                name, aliases = main_speaker
                sp_start = sp_end = None
            else:
                name, aliases = speakers.resolve(frame.speaker_phrase, frame.speaker_start)
                sp_start, sp_end = frame.speaker_start, frame.speaker_end
                main_speaker = main_speaker or (name, aliases)
            claims.append(Attribution(
                start=start, end=end, speaker=name, kind=_kind(unit, start, end),
                sentence_start=unit.start, sentence_end=unit.end, cue=text[frame.cue_start : frame.cue_end],
                cue_start=frame.cue_start, cue_end=frame.cue_end, speaker_start=sp_start, speaker_end=sp_end,
                speaker_aliases=aliases, via=frame.via,
            ))
        if not claims:
            headline = _dash_source(text, unit, speakers) or _headline_claim(text, unit, speakers)
            if headline:
                claims.append(headline)
            elif (
                last_claim is not None
                and _starts_with_quote(text, unit)
                and unit.paragraph - last_paragraph <= 1
            ):
                start, end = _trim(text, unit.start, unit.end)
                claims.append(Attribution(
                    start=start, end=end, speaker=last_claim.speaker, kind="direct",
                    sentence_start=unit.start, sentence_end=unit.end, speaker_aliases=last_claim.speaker_aliases,
                    via=last_claim.via, flags=("continuation",),
                ))
        claims = list({(c.start, c.end): c for c in claims}.values())
        if claims:
            found.extend(claims)
            last_claim = claims[-1]
            last_paragraph = unit.paragraph
    return found
