"""English attribution: who says what, from cue verbs and the phrases around them.

Each unit (a sentence, or several held together by an open quote) is scanned for
cues outside quotation marks; every cue becomes a frame (frames.py) with a
speaker and a content span. Speakers are resolved to the fullest name the article
gives. Quote-only units with no cue continue the last speaker; `Name: statement`
headlines and `"Quote." ― Name` lines are read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...budget import budget_check
from ...quotes import DOUBLED_STRAIGHT_QUOTE, OPEN_QUOTES, STRAIGHT_QUOTE
from ...types import Attribution
from .content import trim_content
from .cues import CueIndex
from .frames import Frame, content_spans, frames_in_unit, kind_of
from .lexicon import BOILERPLATE_LABELS, PRONOUNS, SECTION_LABELS, TEASER_START, TITLE_WORDS
from .speakers import SpeakerResolver, is_mention, is_pronoun, main_clause_subject, name_in_phrase
from .units import Unit, split_units

QUOTED_QUESTION_END = re.compile(r"[?!][”\"]\s*$|[?!]''\s*$")
DASH_SOURCE = re.compile(r"[”\"]\s*([―—–-])\s*([A-Z][^;:!?“”\"]{1,60}?)\.?\s*$")
HEADLINE_SPEAKER = re.compile(r"[\"“]?((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)\s*:\s+(?=\S)")
HEADLINE_FUNCTION_WORDS = {
    "Over", "Of", "The", "In", "On", "To", "For", "And", "With", "A", "An", "Is", "Are", "Was", "Were", "At", "By",
    "From", "Into", "As", "But", "Or", "Not", "No", "Why", "How", "What", "Who", "When", "After", "Before",
}


def _headline_claim(text: str, unit: Unit, speakers: SpeakerResolver) -> Attribution | None:
    """`Name: statement` at the start of a paragraph, unless the name is a section label."""
    if text.find(":", unit.start, min(unit.end, unit.start + 90)) < 0:
        return None  # no `Name:` label can start the unit
    m = HEADLINE_SPEAKER.match(text, unit.start, unit.end)
    if not m:
        return None
    label = m.group(1)
    if label.lower() in SECTION_LABELS or (label.isupper() and len(label.split()) > 2) or len(label) < 3:
        return None
    if not name_in_phrase(label) or any(word in HEADLINE_FUNCTION_WORDS for word in label.split()[1:]):
        return None  # `Stealth Over Health: ...` is a title, not a speaker
    if _is_heading(label):
        return None  # `Veto Power Impedes Peace Efforts: ...`: a section heading
    start, end = trim_content(text, m.end(), unit.end)
    if end - start < 3:
        return None
    name, aliases = speakers.resolve(label, unit.start)
    colon = text.index(":", m.end(1))
    return Attribution(
        start=start, end=end, speaker=name, kind=kind_of(unit, start, end), sentence_start=unit.start,
        sentence_end=unit.end, cue=":", cue_start=colon, cue_end=colon + 1, speaker_start=m.start(1),
        speaker_end=m.end(1), speaker_aliases=aliases,
    )


def _is_heading(label: str) -> bool:
    """Four or more capitalised words with no title among them read as a heading, not a name."""
    words = label.split()
    if len(words) < 4:
        return False
    return not any(w.lower() in TITLE_WORDS or w.lower().rstrip(".") in TITLE_WORDS for w in words)


COLON_QUOTE = re.compile(r":\s*(?=[“\"‘]|'')")


def _colon_quote(text: str, unit: Unit, speakers: SpeakerResolver) -> Attribution | None:
    """`Obama is rolling out a new message: “It’s about me.”`: a quote after a colon is the subject's."""
    if not unit.quotes or text.find(":", unit.start, unit.end) < 0:
        return None
    quote_start, quote_end = unit.quotes[-1]
    colon = COLON_QUOTE.search(text, unit.start, quote_start + 1)
    if colon is None or colon.end() != quote_start or unit.end - quote_end > 2:
        return None
    if any(s < colon.start() for s, _ in unit.quotes[:-1]):
        return None  # a quote before the colon: the line is not `Subject ...: “quote”`
    subject = main_clause_subject(text[unit.start : colon.start()])
    if not subject or not name_in_phrase(subject) and subject.split()[0].lower() not in ("the", "a", "an"):
        return None
    at = text.find(subject, unit.start, colon.start())
    name, aliases = speakers.resolve(subject, at)
    start, end = trim_content(text, quote_start, unit.end)
    return Attribution(
        start=start, end=end, speaker=name, kind="direct", sentence_start=unit.start, sentence_end=unit.end,
        cue=":", cue_start=colon.start(), cue_end=colon.start() + 1, speaker_start=at if at >= 0 else None,
        speaker_end=at + len(subject) if at >= 0 else None, speaker_aliases=aliases,
    )


TEASER_INITIALS = frozenset("RSMWEA\"“ ")


def _is_boilerplate(text: str, unit: Unit) -> bool:
    """`Editor’s note: ...`, `READ MORE: ...`: labels that introduce boilerplate, not claims."""
    colon = text.find(":", unit.start, min(unit.end, unit.start + 40))
    if colon < 0 and text[unit.start] not in TEASER_INITIALS and text[unit.end - 1] != ":":
        return False
    if colon >= 0 and text[unit.start : colon].strip(" \"“").lower() in BOILERPLATE_LABELS:
        return True
    if colon < 0 and not ("A" <= text[unit.start + 1 : unit.start + 2] <= "Z") and text[unit.end - 1] != ":":
        head = text[unit.start : unit.start + 30]  # no label, no capitals: a teaser needs a separator
        if "›" not in head and "|" not in head and "»" not in head and ">" not in head:
            return False
    return TEASER_START.match(text, unit.start, unit.end) is not None


def _starts_with_quote(text: str, unit: Unit) -> bool:
    if unit.quotes and unit.quotes[0][0] == unit.start:
        return True
    return text[unit.start] in OPEN_QUOTES + STRAIGHT_QUOTE or text.startswith(DOUBLED_STRAIGHT_QUOTE, unit.start)


def _join_short_tails(text: str, units: list[Unit]) -> list[Unit]:
    """Re-attach `Vitter demanded.` to the `“Why ...?”` before it: a question mark ended the sentence."""
    joined: list[Unit] = []
    for unit in units:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and prev.paragraph == unit.paragraph
            and text.find("?", prev.end - 4, prev.end) + text.find("!", prev.end - 4, prev.end) > -2
            and QUOTED_QUESTION_END.search(text, prev.start, prev.end)
            and not unit.quotes
            and len(text[unit.start : unit.end].split()) <= 8
        ):
            joined[-1] = Unit(prev.start, unit.end, prev.paragraph, prev.quotes)
        else:
            joined.append(unit)
    return joined


def _dash_source(text: str, unit: Unit, speakers: SpeakerResolver) -> Attribution | None:
    """`“Quote.” ― Name` (reader comments, epigraphs): the name after the dash is the speaker."""
    m = DASH_SOURCE.search(text, unit.start, unit.end) if unit.quotes else None
    if not m or not name_in_phrase(m.group(2)):
        return None
    start, end = unit.quotes[0][0], m.start() + 1
    name, aliases = speakers.resolve(m.group(2), m.start(2))
    return Attribution(
        start=start, end=end, speaker=name, kind="direct", sentence_start=unit.start, sentence_end=unit.end,
        cue=m.group(1), cue_start=m.start(1), cue_end=m.end(1), speaker_start=m.start(2), speaker_end=m.end(2),
        speaker_aliases=aliases,
    )


@dataclass
class _Voice:
    """The last speaker heard, for quotes that continue without a cue of their own."""

    speaker: str | None
    aliases: tuple[str, ...]
    paragraph: int
    via: str | None = None
    cue: tuple[int, int] | None = None  # set when a cue ended with a colon and its quote follows
    cue_sentence_start: int | None = None


def _claims_from_frames(text: str, unit: Unit, frames: list[Frame], speakers: SpeakerResolver) -> list[Attribution]:
    claims = []
    main_speaker = None  # name, aliases, span of the main clause's subject
    for frame, start, end in content_spans(text, unit, frames):
        if frame.inherits:
            if main_speaker is None:  # the subject of an earlier cue whose content was dropped
                earlier = [f for f in frames if f.speaker_phrase and f.cue_start < frame.cue_start]
                if earlier:
                    first = earlier[0]
                    name, aliases = speakers.resolve(first.speaker_phrase, first.speaker_start)
                    main_speaker = (name, aliases, first.speaker_start, first.speaker_end)
            if main_speaker is None:
                subject = main_clause_subject(text[unit.start : frame.cue_start])
                if not subject:
                    continue
                at = text.find(subject, unit.start, frame.cue_start)
                span = (at, at + len(subject)) if at >= 0 else (None, None)
                main_speaker = (*speakers.resolve(subject, frame.cue_start), *span)
            name, aliases, sp_start, sp_end = main_speaker
        else:
            name, aliases = speakers.resolve(frame.speaker_phrase, frame.speaker_start)
            sp_start, sp_end = frame.speaker_start, frame.speaker_end
            main_speaker = main_speaker or (name, aliases, sp_start, sp_end)
        claims.append(Attribution(
            start=start, end=end, speaker=name, kind=kind_of(unit, start, end),
            sentence_start=unit.start, sentence_end=unit.end, cue=text[frame.cue_start : frame.cue_end],
            cue_start=frame.cue_start, cue_end=frame.cue_end, speaker_start=sp_start, speaker_end=sp_end,
            speaker_aliases=aliases, via=frame.via,
        ))
    return list({(c.start, c.end): c for c in claims}.values())


def _colon_intro(text: str, unit: Unit, frames: list[Frame], speakers: SpeakerResolver) -> _Voice | None:
    """`Caddell continued:` at the end of a paragraph: the quote comes in the next one."""
    if not frames or text[unit.end - 1] != ":" or frames[-1].speaker_phrase is None:
        return None
    frame = frames[-1]
    name, aliases = speakers.resolve(frame.speaker_phrase, frame.speaker_start)
    return _Voice(name, aliases, unit.paragraph, frame.via, (frame.cue_start, frame.cue_end), unit.start)


def _continuation(text: str, unit: Unit, voice: _Voice | None) -> Attribution | None:
    """A quote with no cue right after someone spoke continues that speaker."""
    if voice is None or not _starts_with_quote(text, unit) or unit.paragraph - voice.paragraph > 1:
        return None
    start, end = trim_content(text, unit.start, unit.end)
    cue_start, cue_end = voice.cue or (None, None)
    sentence_start = voice.cue_sentence_start if voice.cue else unit.start
    return Attribution(
        start=start, end=end, speaker=voice.speaker, kind="direct", sentence_start=sentence_start,
        sentence_end=unit.end, cue=text[cue_start:cue_end] if voice.cue else None, cue_start=cue_start,
        cue_end=cue_end, speaker_aliases=voice.aliases, via=voice.via, flags=("continuation",),
    )


PRONOUN_FORMS = frozenset(PRONOUNS | {p.capitalize() for p in PRONOUNS})
CONTENT_WORD = re.compile(r"[\w’']+")
# Words that make no proposition on their own: `All of which`, `That’s why`, `and`.
EMPTY_WORDS = frozenset({
    "all", "of", "which", "that", "that's", "that’s", "why", "and", "but", "or", "so", "this", "it", "is", "was",
    "what", "how", "the", "a", "an", "to", "as", "well", "too", "also", "then", "there", "here",
    "because", "when", "where", "who", "whom", "whose", "one", "ones", "some", "those",
    "these", "such", "thus", "hence", "again", "just", "only", "even", "still", "yet", "however", "though",
    "although", "indeed", "perhaps", "now", "he", "she", "they", "we", "i", "you", "not", "no", "do", "does", "did",
})


def _has_proposition(text: str, claim: Attribution) -> bool:
    """`All of which`, `That’s why`, `and`: a content of function words only says nothing."""
    if claim.end - claim.start > 30:
        return True  # longer than any run of function words that occurs
    words = CONTENT_WORD.findall(text, claim.start, claim.end)
    return any(w.lower() not in EMPTY_WORDS for w in words)


def _new_subject(text: str, unit: Unit, voice: _Voice | None, speakers: SpeakerResolver) -> _Voice | None:
    """`Baker toured the ward. “Quote.”`: a named subject with no cue takes over the voice.

    The name also becomes the one a later `he` or `she` refers to.
    """
    if unit.paragraph == 0 or unit.quotes and unit.quotes[0][0] - unit.start < 3:
        return voice  # a headline's subject, or a quote: not a speaker taking over
    clause = text[unit.start : unit.end].rstrip(" .!?”\"")
    subject = main_clause_subject(clause)
    if not subject or not is_mention(subject) or is_pronoun(subject) or not name_in_phrase(subject):
        return voice
    at = clause.find(subject)
    rest = clause[at + len(subject) :] if at >= 0 else ""
    if rest.startswith(",") and rest.count(",") >= 2:  # `Ann Ruiz, the mayor, disagreed`: past the appositive
        rest = rest[rest.index(",", 1) + 1 :]
    verb = rest.split()[:1]
    if not verb or not verb[0].isalpha() or not verb[0].islower():
        return voice  # `Seriously.`, `On Netflix.`: no clause with this subject
    name, aliases = speakers.resolve(subject, unit.start + at)
    if voice is not None and name == voice.speaker:
        return voice
    return _Voice(name, aliases, unit.paragraph)


def _needs_antecedent(frames: list[Frame]) -> bool:
    """Whether a frame's speaker is a pronoun or the subject of another clause."""
    return any(frame.inherits or frame.speaker_phrase in PRONOUN_FORMS for frame in frames)


def _latest_subject(
    text: str, unit: Unit, pending: list[Unit], voice: _Voice | None, speakers: SpeakerResolver
) -> _Voice | None:
    """The voice after the units with no claim before `unit`: the latest named subject among them, if near."""
    for earlier in pending[:-3:-1]:  # the last two: a subject further back has been overtaken
        if unit.paragraph - earlier.paragraph > 1:
            break
        new = _new_subject(text, earlier, voice, speakers)
        if new is not voice:
            return new
    return voice


def find_attributions(text: str) -> list[Attribution]:
    """Return the attributed claims of an English article, in document order."""
    speakers = SpeakerResolver(text)
    found: list[Attribution] = []
    voice: _Voice | None = None
    index = CueIndex(text)
    pending: list[Unit] = []  # units with no claim since the last one: their subjects are read when needed
    for unit in _join_short_tails(text, split_units(text)):
        budget_check()
        if _is_boilerplate(text, unit):
            continue
        frames = frames_in_unit(text, unit, index.lower, index) if index.may_have_cues(unit.start, unit.end) else []
        if pending and (
            (unit.quotes or _starts_with_quote(text, unit)) if not frames else _needs_antecedent(frames)
        ):  # a pronoun or an uncued quote: who was named since the last claim matters
            voice = _latest_subject(text, unit, pending, voice, speakers)
            pending = []
        claims = _claims_from_frames(text, unit, frames, speakers) if frames else []
        if not claims:
            intro = _colon_intro(text, unit, frames, speakers)
            if intro:
                voice = intro
                continue
            single = (
                _dash_source(text, unit, speakers)
                or _headline_claim(text, unit, speakers)
                or _colon_quote(text, unit, speakers)
                or _continuation(text, unit, voice)
            )
            claims = [single] if single else []
            if not claims:
                pending.append(unit)
        if claims:
            claims = [c for c in claims if c.end - c.start > 30 or _has_proposition(text, c)]
        if claims:
            pending = []
            found.extend(claims)
            last = claims[-1]
            carried = voice if voice and "continuation" in last.flags else None
            voice = _Voice(
                last.speaker, last.speaker_aliases, unit.paragraph, last.via,
                carried.cue if carried else None, carried.cue_sentence_start if carried else None,
            )
    return found

