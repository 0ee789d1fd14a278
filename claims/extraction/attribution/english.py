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
from .english_lexicon import CUE_FORMS, OUTLET_WORDS, SECTION_LABELS, THAT_ONLY_FORMS
from .english_speakers import (
    NameBook,
    is_person_pronoun,
    is_pronoun,
    looks_like_speaker,
    name_in_phrase,
    trim_noun_phrase,
)
from .english_units import OPEN_QUOTES, STRAIGHT_QUOTE, Unit, split_units

CUE = re.compile(rf"(?:{CUE_FORMS})(?![\w’'-])", re.IGNORECASE)
THAT_CUE = re.compile(rf"(?:{THAT_ONLY_FORMS})(?=\s+that\b)", re.IGNORECASE)
# A cue preceded by one of these is a noun or a non-finite verb (`his claims`, `declined to say`).
NOT_A_VERB_BEFORE = {
    "the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your", "in", "of", "with",
    "such", "any", "no", "new", "first", "these", "those", "whose", "to", "after", "before", "without", "by",
    "for", "about", "from", "despite", "upon", "on", "at", "into", "than", "what", "which", "these",
    "latest", "last", "recent", "earlier", "previous", "own", "false", "public", "official", "written",
}
HARD_BOUNDARY = re.compile(r"[;:—–()\[\]]|\s-\s|\bthat\b|\bbecause\b|\bif\b|\bwhen\b|\bwhile\b|\bafter\b")
RELATIVE_START = re.compile(r"^\s*(?:who|which|whose|whom|where|a|an|the|then|now|also|both)\b", re.IGNORECASE)
THAT_AFTER = re.compile(r"^[^“”\"\n:;.?!]{0,90}?\bthat\b\s*", re.IGNORECASE)
QUOTE_OR_COLON_AFTER = re.compile(r"^[^“”\"\n.?!;]{0,60}?(?::\s*|(?=[“\"]))")
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
    r"[,.;:()\[\]“”\"!?—–]|\s(?:on|in|at|during|to|after|before|while|when|who|as|of\s+the|about|last|this|"
    r"earlier|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
WORD = re.compile(r"[A-Za-z]+")
CUE_FIRST_WORDS = {form.split()[0].lower() for form in re.sub(r"\\s\+", " ", CUE_FORMS + "|" + THAT_ONLY_FORMS).split("|")}
PREV_WORD = re.compile(r"([\w’'-]+)[^\w’'-]*$")
OBJECT_OF_TELL = re.compile(
    r"^\s+((?:[^,.;:“”\"\s]+\s+){0,8}?)(?=(?:that|how|what|why|whether|when|who|he|she|they|it|"
    r"on|in|at|during|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|[,:“\"])"
)
OUTLET_PHRASE = re.compile(r"\b(?:with|to|on)\s+((?:[A-Z][\w’'.&-]*\s?){1,5})")
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
HEADLINE_SPEAKER = re.compile(r"^((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)\s*:\s+(?=\S)")
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


def _inside_quote(pos: int, unit: Unit) -> bool:
    return any(s <= pos < e for s, e in unit.quotes)


def _cue_matches(text: str, unit: Unit):
    """Yield cue verbs outside quotes, trying the big alternations only where a cue word starts."""
    for word in WORD.finditer(text, unit.start, unit.end):
        first = word.group().lower()
        if first not in CUE_FIRST_WORDS:
            continue
        at = word.start()
        m = CUE.match(text, at, unit.end) or THAT_CUE.match(text, at, unit.end)
        if m is None or _inside_quote(at, unit):
            continue
        prev = PREV_WORD.search(text[max(unit.start, at - 30) : at])
        if prev and prev.group(1).lower() in NOT_A_VERB_BEFORE and not first.startswith("according"):
            continue
        yield m


def _is_outlet(name: str) -> bool:
    words = name.split()
    return any(w.lower().strip(".,") in OUTLET_WORDS or ACRONYM.match(w) for w in words)


def _subject_before(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Find the subject noun phrase just before a cue, skipping appositives and relative clauses."""
    left = text[lo:cue_start]
    cut = 0
    for m in HARD_BOUNDARY.finditer(left):
        cut = m.end()
    closing = max(left.rfind("”"), left.rfind('"'))
    cut = max(cut, closing + 1)
    base = lo + cut
    segments = []
    pos = base
    for piece in text[base:cue_start].split(","):
        segments.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    last = len(segments) - 1
    s, e = segments[last]
    if text[s:e].strip() and not RELATIVE_START.match(text[s:e]):
        return trim_noun_phrase(text, s, e)
    if text[s:e].strip() and RELATIVE_START.match(text[s:e]) and last >= 1:
        if re.match(r"^\s*(?:who|which|whose)\b", text[s:e]):
            return trim_noun_phrase(text, *segments[last - 1])
        return trim_noun_phrase(text, s, e)
    # `X, the title of Y, said` / `X, who ..., said`: step over the appositive
    if last >= 2:
        ps, pe = segments[last - 1]
        if RELATIVE_START.match(text[ps:pe]) or not text[ps:pe].strip()[:1].isupper():
            return trim_noun_phrase(text, *segments[last - 2])
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
    """Where the content begins after a cue: past `that`, an indirect object, a colon or time phrases."""
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
    m = THAT_AFTER.match(rest)
    if m and not any(ch in m.group() for ch in "“\""):
        return pos + m.end(), via or _via_in(m.group())
    m = QUOTE_OR_COLON_AFTER.match(rest)
    if m:
        return pos + m.end(), via or _via_in(m.group())
    m = ADVERBIAL_AFTER.match(rest)
    if m:
        return pos + m.end(), via or _via_in(m.group())
    return pos + len(rest) - len(rest.lstrip(" ,:")), via


def _via_in(phrase: str) -> str | None:
    for m in OUTLET_PHRASE.finditer(phrase):
        name = m.group(1).strip()
        if _is_outlet(name):
            return name
    return None


def _only_tail_after(text: str, pos: int, end: int) -> bool:
    """True when nothing but punctuation, time phrases or `speaking of ...` follows a cue."""
    rest = text[pos:end]
    m = ADVERBIAL_AFTER.match(rest)
    if m:
        rest = rest[m.end() :]
    rest = rest.strip()
    return not rest or rest[0] in ".,!?;)" or rest.startswith("—")


def _frames_in_unit(text: str, unit: Unit) -> list[Frame]:
    frames: list[Frame] = []
    lo = unit.start
    for m in sorted(_cue_matches(text, unit), key=lambda m: m.start()):
        cue_text = m.group().lower()
        before = text[lo : m.start()]
        if cue_text.startswith("according"):
            frame = _according_frame(text, unit, m, lo)
        elif cue_text.endswith("ing") and PARTICIPLE_PREFIX.search(before) and frames or (
            cue_text.endswith("ing") and PARTICIPLE_PREFIX.search(before) and before.strip()
        ):
            start, via = _content_start_after(text, m, unit)
            frame = Frame(m.start(), m.end(), "after", content_start=start, via=via, inherits=True)
        elif re.search(r"(?:^|[,”\"]|—)\s*$", before) and not cue_text.endswith("ing"):
            span = _speaker_after(text, m.end(), unit.end)
            if span is None:
                continue
            frame = Frame(m.start(), m.end(), "before", *span, text[span[0] : span[1]])
        else:
            span = _subject_before(text, lo, m.start())
            if span is None or not looks_like_speaker(text[span[0] : span[1]]):
                continue
            frame = Frame(m.start(), m.end(), "after", *span, text[span[0] : span[1]])
            if _only_tail_after(text, m.end(), unit.end):
                frame.side = "before"
            else:
                frame.content_start, frame.via = _content_start_after(text, m, unit)
        if frame is None:
            continue
        frames.append(frame)
        lo = max(m.end(), frame.speaker_end or m.end())
    return frames


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


def _content_spans(text: str, unit: Unit, frames: list[Frame]) -> list[tuple[Frame, int, int]]:
    """Give each frame its content span; an after-content stops where the next frame begins."""
    spans = []
    lo = unit.start
    for i, frame in enumerate(frames):
        frame_start = min(x for x in (frame.cue_start, frame.speaker_start) if x is not None)
        if frame.side == "before":
            start, end = lo, frame_start
        else:
            start, end = frame.content_start, unit.end
            for later in frames[i + 1 :]:
                later_start = min(x for x in (later.cue_start, later.speaker_start) if x is not None)
                if later_start > start:
                    end = later_start
                    break
        start, end = _trim(text, start, end)
        if end - start >= 3:
            spans.append((frame, start, end))
        lo = max(frame.cue_end, frame.speaker_end or frame.cue_end)
        if frame.side == "after":
            lo = max(lo, end)
    return spans


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
    if label.lower() in SECTION_LABELS or label.isupper() or len(label) < 3:
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
        speaker_start=unit.start, speaker_end=unit.start + m.end(1), speaker_aliases=aliases,
    )


def _starts_with_quote(text: str, unit: Unit) -> bool:
    return text[unit.start] in OPEN_QUOTES + STRAIGHT_QUOTE


def find_attributions(text: str) -> list[Attribution]:
    """Return the attributed claims of an English article, in document order."""
    speakers = _Speakers(text)
    found: list[Attribution] = []
    last_claim: Attribution | None = None
    last_paragraph = -10
    for unit in split_units(text):
        frames = _frames_in_unit(text, unit)
        claims = []
        main_speaker = None
        for frame, start, end in _content_spans(text, unit, frames):
            if frame.inherits:
                if main_speaker is None:
                    subject = trim_noun_phrase(text, unit.start, frame.cue_start)
                    phrase = text[subject[0] : subject[1]] if subject else ""
                    first = re.match(r"^(?:[A-Z][\w’'.-]*\s?)+|^(?:he|she|they|it)\b", phrase, re.IGNORECASE)
                    if not first:
                        continue
                    main_speaker = speakers.resolve(first.group().strip(), frame.cue_start)
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
            headline = _headline_claim(text, unit, speakers)
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
        if claims:
            found.extend(claims)
            last_claim = claims[-1]
            last_paragraph = unit.paragraph
    return found
