"""Turn each English cue in a unit into a frame: who speaks, on which side the content is.

`X said C`, `"Q," X said`, `"Q," said X`, `C, according to X`, `X, who ..., said C`,
`..., saying C` (the speaker is the main clause's subject). Nested cues give way to the
outer one, so `X said that A suggests B` stays one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...budget import budget_check
from .content import (
    LEADING_PREPOSITION,
    NP_OBJECT_CUES,
    QUOTE_RESUMES,
    content_side,
    content_start_after,
    np_object_end,
    trim_content,
    via_in,
)
from .cues import BASE_FORMS, EVIDENCE, INTENTION, NOMINAL, PASSIVE, Cue, CueIndex, find_cues
from .lexicon import EVIDENCE_NOUNS, PRONOUNS, WEEKDAY
from .speakers import (
    CLAUSE_WORD,
    MENTION_PRONOUNS,
    PARTY_TAG,
    is_mention,
    is_pronoun,
    looks_like_speaker,
    name_in_phrase,
    trim_noun_phrase,
)
from .units import Unit

ANAPHORIC_CONTENT = re.compile(  # `said as much in an interview`: the claim is elsewhere
    r"(?:as much|so|nothing|little|otherwise|this|that|it)"
    r"(?=\s*$|\s*[,.;]|\s+(?:in|on|at|during|to|about|after|before|from|with|when|while|last|earlier)\b)"
)
SHARED_SUBJECT_ENDS = (" and", " but", " also", " then", " later")
SHARED_SUBJECT = re.compile(r"\s(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")
SUBJECT_REACH = 240  # characters: a subject with its appositives is never longer
HARD_BOUNDARY = re.compile(r"[;:—–\[\]]|\s-\s|\b(?:that|because|if|when|while|after)\b")
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
    r"earlier|" + WEEKDAY + r")\b"
)
# `economists who argue`, `the study -- which notes`, `a super PAC that intends`: the antecedent speaks
RELATIVE_WORD = re.compile(r"[\w’'.&-]+|--|—|,")
RELATIVE_ADVERBS = {
    "also", "has", "have", "had", "long", "previously", "repeatedly", "often", "now", "then", "later", "still",
    "recently", "once", "since", "consistently", "publicly", "privately",
}
RELATIVE_NP_STOP = {
    "is", "are", "was", "were", "be", "been", "there", "here", "it", "and", "but", "or", "to", "for", "with", "by",
    "from", "that", "which", "who", "said", "says", "has", "have", "had", "as", "than", "like", "of", "in", "on",
    "at", "about", "into", "include", "including", "among",
}
RELATIVE_WORD_AT = re.compile(r"\s(?:that|which|who)\s")
RELATIVE_HEAD = re.compile(
    r"(?:^|(?<=[,;:(]\s)|(?<=\n)|(?<=[.!?]\s))((?:[A-Z][\w’'.&-]*|[Tt]he|[Aa]n?|[Ss]ome|[Mm]any|[Mm]ost|\d[\w-]*)"
    r"(?:\s+[\w’'.&-]+){0,5}?)\s+(?:that|which|who)\s+$"
)
PLURAL_WORDS = {"some", "many", "most", "both", "all", "others", "few", "several", "i", "we", "they", "you"}
SINGULAR_NAME_BREAKS = {
    "to", "of", "for", "with", "at", "from", "in", "on", "by", "and", "or", "like", "including", "as", "than",
}
COORDINATED_CLAUSE = re.compile(r",\s+(?:and|but|or|so)\s+(?:the|a|an|it|he|she|they|there|this|that)\b")
# Cues that never come before their speaker: `The program, called EB-5, allows`
NO_INVERSION = (
    "call", "describ", "label", "brand", "prais", "criticiz", "criticis", "attack", "blast", "slam", "endors",
    "support", "oppos", "reject", "defend", "tout", "dismiss", "blam", "credit", "hail", "cite", "citing", "accus",
    "liken", "compar", "characteriz", "portray", "paint", "favo", "prefer", "champion", "welcom", "highlight",
)
AGE_OR_TAG = re.compile(r"^\s*(?:\d{1,3}|\(?[DRI]-[A-Z][\w.]*\)?)\s*$")
APPOSITIVE_COMMA = re.compile(r",(?!\d{3}\b)")  # not the comma of a figure (`20,000`)
SEPARATOR_BEFORE = re.compile(r"(?:[,”\"]|''|—)\s*$")
DASHED_RELATIVE = re.compile(r"\s*(?:--|—|–)\s*(?:who|which)\b")
DASH = re.compile(r"\s--\s|\s?[—–]\s?")
NAME_THEN_ADJUNCT = re.compile(
    r"(?<![\w’'-])((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?:in|on|at|during)\s+(?:a|an|the|his|her|their)\s"
    r"[^,A-Z]*$"
)
WH_SUBJECT = re.compile(
    r"\s(?:what|how|whether|why|where)\s+((?:[A-Z][\w’'.-]*|the|some|many|most|other)(?:\s+[\w’'.-]+){0,3})$"
)
GERUND_THAT = re.compile(r"\s+that\b")
CLAUSE_MARK_BEFORE = re.compile(r"\bthat\b|[:“\"]|''")
COORDINATED_SUBJECT = re.compile(
    r"\s(?:and|but|while|whereas|because|since|so|as|though|although)\s+"
    r"((?:[A-Z][\w’'.-]*|the|a|an|some|many|most|other|several|his|her|their|[a-z]+s(?=\s|$))(?:\s+[\w’'.-]+){0,4})$"
)
PARTICIPLE_PREFIX = re.compile(
    r"(?:,|—|–|\s-)\s*(?:(?:and|while|also|even|again|then|perhaps|later|still|[a-z]+ly)\s+){0,2}$"
)


# Cues that are as often plain actions or nouns: they need a clause after them (`announced that C`).
WEAK_CUES = frozenset({
    "think", "thinks", "thought", "thinking", "feel", "feels", "felt", "feeling", "plan", "plans", "planned",
    "planning", "announce", "announces", "announced", "announcing", "project", "projects", "projected",
    "projecting", "indicate", "indicates", "indicated", "indicating", "respond", "responds", "responded",
    "responding", "champion", "champions", "championed", "championing", "add", "adds", "added", "adding",
})
CLAUSE_COMPLEMENT = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:that\b|[“\"‘]|''|:"
    r"|(?:he|she|they|we|I|you|it|there)\s+(?!to\b)[a-z’']+"
    r"|(?:(?!(?:and|but|or|then|said|says|adding|saying)\b)[\w’'.$%-]+\s+){1,7}?"
    r"(?:is|are|was|were|has|have|had|would|will|could|can|should|may|might|must|"
    r"did|does|do|isn’t|isn't|wasn’t|wasn't|won’t|won't|didn’t|didn't|doesn’t|doesn't|aren’t|aren't)\b)"
)


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
    silent: bool = False  # a cue with no proposition: it names the subject of later cues, gives no claim


def _subject_before(
    text: str, unit: Unit, lo: int, cue_start: int, hard_boundaries: bool = True
) -> tuple[int, int] | None:
    """Find the subject noun phrase just before a cue, skipping appositives and relative clauses."""
    lo = max(lo, cue_start - SUBJECT_REACH)
    left = text[lo:cue_start]
    tail = left[-60:]
    if hard_boundaries and left.endswith(" ") and ("who " in tail or "which " in tail or "that " in tail):
        span = _relative_antecedent(text, lo, cue_start)
        if span:
            return span
    base = lo
    if hard_boundaries:  # the last boundary before the cue: look near the cue first, most subjects are short
        near = max(lo, cue_start - 64)
        for m in HARD_BOUNDARY.finditer(text, near, cue_start):
            base = m.end()
        if base == lo and near > lo:
            for m in HARD_BOUNDARY.finditer(text, lo, cue_start):
                base = m.end()
    for _, quote_end in unit.quotes:
        if base < quote_end <= cue_start:
            base = quote_end
    paren = text.rfind("(", base, cue_start)
    if paren >= 0 and text.find(")", paren, cue_start) < 0:
        base = paren + 1  # `... the deal (his lawyer later disclosed that`: the speaker is inside the brackets
    segments = []
    pos = base
    for piece in APPOSITIVE_COMMA.split(text[base:cue_start]):  # `20,000 growers` is one segment
        segments.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    last = len(segments) - 1
    s, e = segments[last]
    span = trim_noun_phrase(text, s, e) if text[s:e].strip() else None
    if span is not None:
        relative = RELATIVE_START.match(text[s:e])
        if relative and text[s + relative.end() : e].strip() and relative.group().strip().lower() != "who":
            return trim_noun_phrase(text, s + relative.end(), e)  # `the mine, which Mr. Clarke says`
        if relative and last >= 1:
            return trim_noun_phrase(text, *segments[last - 1])
        if span:  # `the impact it said ...`: a pronoun right before the cue is the subject
            tail = TRAILING_PRONOUN.search(text, max(span[0], span[1] - 6), span[1])
            if tail:
                return tail.start(1), tail.end(1)
            if LEADING_PREPOSITION.match(text, span[0], span[1]):
                # `In a 2016 meeting with the board Trump said`
                name = TRAILING_NAME.search(text, max(span[0], span[1] - 80), span[1])
                return (name.start(), name.end()) if name else None
        return span
    # `X, the title of Y, said` / `X, who ..., said`: step over the appositive
    if last >= 2:
        ps, pe = segments[last - 1]
        appositive = text[ps:pe].strip()
        if PARTY_TAG.match(appositive) or APPOSITIVE_START.match(text[ps:pe]) or not appositive[:1].isupper():
            j = last - 2
            while j >= 1 and AGE_OR_TAG.match(text[segments[j][0] : segments[j][1]]):
                j -= 1  # `Dana Ortiz, 44, who has run the clinic, told`: the name is before the age
            return trim_noun_phrase(text, *segments[j])
        if name_in_phrase(text[ps:pe].strip()):  # `A lawyer for the outlets, David Schulz, said`
            return trim_noun_phrase(text, ps, pe)
    return None


def _relative_antecedent(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """`some economists who argue`: the noun phrase before `who`/`which`/`that` right before the cue."""
    window = max(lo, cue_start - 120)
    words = [(m.group(), m.start(), m.end()) for m in RELATIVE_WORD.finditer(text, window, cue_start)]
    i = len(words) - 1
    while i >= 0 and words[i][0].lower() in RELATIVE_ADVERBS:
        i -= 1
    if i < 1 or words[i][0] not in ("who", "which", "that"):
        return None
    last = i - 1 if words[i - 1][0] not in (",", "--", "—") else i - 2
    if last < 0:
        return None
    first = last + 1
    while first > 0 and last - first < 5:
        word = words[first - 1][0]
        if word.lower() in RELATIVE_NP_STOP or word.lower().endswith("ly") or not word[:1].isalpha():
            break
        if first <= last and text[words[first - 1][2] : words[first][1]] != " ":
            break  # punctuation between the words: the phrase ends here
        first -= 1
    if first > last:
        return None
    span = trim_noun_phrase(text, words[first][1], words[last][2])
    if span is None:
        return None
    phrase = text[span[0] : span[1]]
    if not looks_like_speaker(phrase) or phrase.lower() in PRONOUNS:
        return None
    if phrase[0].islower() and not phrase.split()[-1].lower().endswith("s") and len(phrase.split()) < 2:
        return None
    return span


def _speaker_after(text: str, cue_end: int, unit_end: int, max_words: int = 15) -> tuple[int, int] | None:
    """Find the speaker after an inverted cue (`"Q," said Pat Caddell, a pollster`), up to a stop word."""
    window = text[cue_end : min(unit_end, cue_end + (160 if max_words <= 15 else 240))]
    if not window[:1].isspace():
        return None
    stop = SPEAKER_AFTER_STOP.search(window)
    phrase = window[: stop.start()] if stop else window
    if not looks_like_speaker(phrase.strip(), max_words):
        return None
    return trim_noun_phrase(text, cue_end, cue_end + len(phrase))


def frames_in_unit(text: str, unit: Unit, lower: str | None = None, index: CueIndex | None = None) -> list[Frame]:
    """Return a frame for every cue of the unit that has a speaker; `lower` is the lower-cased text."""
    frames: list[Frame] = []
    lo = unit.start
    cues = find_cues(text, unit, lower, index)
    for m in cues:
        budget_check()
        cue_text = m.group().lower()
        before = text[lo : m.start()]
        near = max(lo, m.start() - 60)  # end-anchored patterns only need the last words before the cue
        participle = cue_text.endswith("ing") and PARTICIPLE_PREFIX.search(text, near, m.start())
        if m.kind == PASSIVE:  # a later cue makes it nested content: `A was written by B, C admitted`
            frame = _passive_frame(text, unit, m, lo) if m is cues[-1] else None
            if frame is not None:
                frames.append(frame)
                lo = max(m.end(), frame.speaker_end or m.end())
            continue
        if m.kind == NOMINAL:
            owner_start, owner_end = m.owner
            that = text.find("that", m.end(), unit.end)
            frame = Frame(m.end() - len(m.group()), m.end(), "after", owner_start, owner_end,
                          text[owner_start:owner_end], content_start=that + 4)
        elif cue_text.startswith("according"):
            frame = _according_frame(text, unit, m, lo)
        elif (participle and (frames or before.strip())) or (
            (frames or before.strip()) and _shared_subject(text, near, m.start())
        ):
            # `..., saying C` / `X called A and said C`: the speaker is the main clause's subject
            start, via = content_start_after(text, m, unit)
            frame = Frame(m.start(), m.end(), "after", content_start=start, via=via, inherits=True)
        elif m.lead < m.start():  # `The nominee continues to insist`, `She began by saying`
            head = text[lo : m.lead]
            near = max(lo, m.lead - 60)
            if (frames or head.strip()) and (
                SHARED_SUBJECT.search(text, near, m.lead) or PARTICIPLE_PREFIX.search(text, near, m.lead)
            ):
                start, via = content_start_after(text, m, unit)  # `..., going on to say C`
                frame = Frame(m.lead, m.end(), "after", content_start=start, via=via, inherits=True)
            else:
                frame = _subject_first_frame(text, unit, m, lo)
        elif cue_text.endswith("ing") and not PROGRESSIVE_AUX.search(text, near, m.start()):
            frame = _gerund_quote_frame(text, unit, m, lo)  # `footage of Hillary Clinton asking, “...”`
            if frame is None and before.strip() and GERUND_THAT.match(text, m.end(), unit.end):
                # `Trump unleashed a series of tweets saying that ...`: the main clause's subject speaks
                start, via = content_start_after(text, m, unit)
                frame = Frame(m.start(), m.end(), "after", content_start=start, via=via, inherits=True)
            if frame is None:
                continue
        elif SEPARATOR_BEFORE.search(text, max(lo, m.start() - 8), m.start()) or not before.strip():
            frame = None
            if not QUOTE_JUST_BEFORE.search(text, max(lo, m.start() - 8), m.start()):
                frame = _subject_first_frame(text, unit, m, lo)
                if frame is not None and (
                    not _names_someone(frame.speaker_phrase) or _clause_between(text, frame.speaker_end, m.start())
                ):
                    frame = None  # `the talks broke down, said one source`: the clause is the content
            if frame is None:
                span = _speaker_after(text, m.end(), unit.end) if not cue_text.startswith(NO_INVERSION) else None
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
        if frame is not None and not frame.inherits and frame.side == "after" and _base_form_after_singular(m, frame):
            continue  # `help Mr. Putin maintain the image`: a bare verb with a singular subject is not finite
        phrase = frame.speaker_phrase if frame is not None else None
        if phrase is not None and phrase not in MENTION_PRONOUNS and not is_mention(phrase):
            continue  # `Although EDC said`, `Readings above 50 indicate`: no one is named
        if frame is not None and m.kind != INTENTION and not _weak_cue_fits(text, unit, m, frame):
            frame.silent = True  # `announced his candidacy`, `did not respond to requests for comment`: no claim
        if frame is None or (
            frame.side == "before" and AS_BEFORE.search(text, max(lo, frame_start(frame) - 12), frame_start(frame))
        ):
            continue  # `..., as Eric Garner said before he died`: a comment on a quote, not a claim
        frames.append(frame)
        if not RELATIVE_ONLY.match(text, max(unit.start, (frame.speaker_end or m.start())), m.start()):
            lo = max(m.end(), frame.speaker_end or m.end())
    return frames


PASSIVE_AGENT = re.compile(r"\s+by(?=\s)")


def _passive_frame(text: str, unit: Unit, m: Cue, lo: int) -> Frame | None:
    """`The issue was first reported by The Washington Post`: the agent after `by` speaks of the subject."""
    if not text[lo : m.lead].strip() or unit.quotes and any(m.lead <= s < m.end() for s, _ in unit.quotes):
        return None
    by = PASSIVE_AGENT.match(text, m.end(), unit.end)
    span = _speaker_after(text, by.end(), unit.end) if by else None
    if span is None:
        return None
    phrase = text[span[0] : span[1]]
    if not is_mention(phrase) or is_pronoun(phrase) or not (name_in_phrase(phrase) or phrase[:1].islower()):
        return None
    return Frame(m.lead, m.end(), "before", span[0], span[1], phrase)


def _base_form_after_singular(m: Cue, frame: Frame) -> bool:
    """`Mr. Putin maintain`, `he say`: a base form cannot be the finite verb of a singular subject."""
    cue = m.group().lower()
    if m.kind == NOMINAL or cue not in BASE_FORMS or m.lead < m.start():
        return False
    phrase = frame.speaker_phrase or ""
    low = phrase.lower()
    if low in ("he", "she", "it"):
        return True
    if low in PRONOUNS or " and " in phrase or "&" in phrase:
        return False
    words = phrase.split()
    i = len(words)
    while i > 0 and words[i - 1][:1].isupper():
        i -= 1
    if i == len(words) or words[-1].endswith(("s", "S", "’", "'")) or len(words) - i > 4 or low in PLURAL_WORDS:
        return False  # not a name at the end, or one that may be plural (`Democrats`, `the Joneses`)
    # `advisers to Mr. Obama say`: the head noun is before the name
    return not (i > 0 and (words[i - 1].lower() in SINGULAR_NAME_BREAKS or words[i - 1].endswith("s")))


def _clause_between(text: str, speaker_end: int | None, cue_start: int) -> bool:
    """`... went badly for Republicans, and the meeting ended, said X`: a clause parts the subject from the cue."""
    if speaker_end is None:
        return False
    return COORDINATED_CLAUSE.search(text, speaker_end, cue_start) is not None


def _names_someone(phrase: str | None) -> bool:
    return phrase is not None and (phrase in MENTION_PRONOUNS or is_mention(phrase))


def _shared_subject(text: str, near: int, at: int) -> bool:
    """`X visited the ward and said C`: the cue shares the subject of the verb before `and`."""
    tail = text[max(near, at - 12) : at].rstrip()
    return tail.endswith(SHARED_SUBJECT_ENDS) and SHARED_SUBJECT.search(text, near, at) is not None


def _gerund_quote_frame(text: str, unit: Unit, m: re.Match, lo: int) -> Frame | None:
    """A name, a gerund cue and a quote: `... of Hillary Clinton asking, “Why ...?”`."""
    quote = QUOTE_FOLLOWS.match(text, m.end(), unit.end)
    name = TRAILING_NAME.search(text, max(lo, m.start() - 80), m.start() - 1) if quote else None
    if not name or not name_in_phrase(name.group()):
        return None
    return Frame(m.start(), m.end(), "after", name.start(), name.end(), name.group(), content_start=quote.end())


def _subject_fits_cue(m: Cue, frame: Frame) -> bool:
    """Cues that need no `that` for every subject: `found` for a study, `plans to` for an actor."""
    phrase = frame.speaker_phrase or ""
    if m.kind == INTENTION:
        return bool(phrase) and (phrase[0].isupper() or phrase.lower() in PRONOUNS or bool(name_in_phrase(phrase)))
    if m.kind == EVIDENCE:  # `A new poll from Quinnipiac shows`: the head noun may come before a modifier
        words = [w.strip(",") for w in phrase.lower().split()]
        return bool(words) and (words[-1] in EVIDENCE_NOUNS or any(w in EVIDENCE_NOUNS for w in words[:4]))
    return True


def _weak_cue_fits(text: str, unit: Unit, m: Cue, frame: Frame) -> bool:
    """A weak cue (`think`, `plan`, `announce`, `respond` ...) attributes only a clause, and only for a mention."""
    if m.kind == INTENTION or m.text.lower() not in WEAK_CUES:
        return True  # `plans to release`: an intention takes an infinitive
    if frame.side == "before" or frame.also_before:
        return True  # `“Q,” she thought`: the quote is the content
    if frame.content_start is None:
        return False
    if CLAUSE_MARK_BEFORE.search(text, frame.cue_end, frame.content_start + 1):
        return True  # `announced that C`, `responded: C`
    return bool(CLAUSE_COMPLEMENT.match(text, frame.content_start, unit.end))


def _has_clause_verb(text: str, span: tuple[int, int]) -> bool:
    """`the department mishandled the case and Democrats`: a past-tense verb inside shows a clause."""
    words = text[span[0] : span[1]].split()
    return len(words) > 3 and any(w.endswith("ed") and CLAUSE_WORD.match(w) for w in words[1:-1])


def _subject_first_frame(text: str, unit: Unit, m: re.Match, lo: int, antecedent: Frame | None = None) -> Frame | None:
    """`X said C` / `C, X said`: the speaker is the subject before the cue (or the antecedent of `who`)."""
    if antecedent is not None:
        span = antecedent.speaker_start, antecedent.speaker_end
    else:
        lead = getattr(m, "lead", m.start())
        span = _subject_before(text, unit, lo, lead)
        if span is None:  # `Mr. Obama, who understood that ..., told`: the boundary was inside a relative clause
            span = _subject_before(text, unit, lo, lead, hard_boundaries=False)
    plausible = span is not None and looks_like_speaker(text[span[0] : span[1]])
    fits = plausible and is_mention(text[span[0] : span[1]])
    if span is not None and (not fits or _has_clause_verb(text, span)):
        # `... the investigation and Democrats accused`
        tail = COORDINATED_SUBJECT.search(text, max(span[0], span[1] - 60), span[1])
        if tail and looks_like_speaker(tail.group(1)):
            span = tail.start(1), tail.end(1)
            fits = is_mention(tail.group(1))
        elif not plausible:
            # `... were the third time AROS said`: a name right before the cue
            name = TRAILING_NAME.search(text, max(span[0], span[1] - 60), span[1])
            span = name.span() if name and name.start() > span[0] and name_in_phrase(name.group()) else None
            fits = span is not None and is_mention(text[span[0] : span[1]])
    if not fits:
        span = _relative_head(text, lo, getattr(m, "lead", m.start())) or span
    if span is None:
        return None
    span = _narrow_speaker(text, span)
    frame = Frame(m.start(), m.end(), "after", *span, text[span[0] : span[1]])
    side = content_side(text, m, unit, text[lo : span[0]])
    if side == "before":
        frame.side = "before"
    else:
        frame.content_start, frame.via = content_start_after(text, m, unit)
        frame.also_before = side == "both"
    if frame.via is None and span[0] > lo:  # `In an interview with Fox News, Trump claimed`
        frame.via = via_in(text[lo : span[0]])
    return frame


def _relative_head(text: str, lo: int, at: int) -> tuple[int, int] | None:
    """`A 2019 study that appeared in a journal found`: the noun phrase a relative clause hangs on speaks."""
    window = max(lo, at - 120)
    rel = None
    for found in RELATIVE_WORD_AT.finditer(text, window, at):
        rel = found
    if rel is None or text.find(",", rel.end(), at) >= 0:
        return None
    m = RELATIVE_HEAD.search(text, window, rel.end())
    if m is None:
        return None
    span = trim_noun_phrase(text, m.start(1), m.end(1))
    if span is None or not is_mention(text[span[0] : span[1]]) or not looks_like_speaker(text[span[0] : span[1]]):
        return None
    return span


def _narrow_speaker(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Cut a speaker phrase down to the name inside a clause or before an adjunct."""
    phrase = text[span[0] : span[1]]
    if " wh" in phrase or " how " in phrase:
        wh = WH_SUBJECT.search(text, max(span[0], span[1] - 60), span[1])
        if wh and looks_like_speaker(wh.group(1)):  # `the gap between what Trump says`: Trump says
            span = wh.span(1)
            phrase = wh.group(1)
    if " in " in phrase or " on " in phrase or " at " in phrase or " during " in phrase:
        adjunct = NAME_THEN_ADJUNCT.search(text, span[0], span[1])
        if adjunct:  # `Stumpf in a televised interview appeared to blame`: the name, not the interview
            span = adjunct.span(1)
    return span


def _according_frame(text: str, unit: Unit, m: re.Match, lo: int) -> Frame | None:
    """`According to X, C` (content after the comma) or `C, according to X` (content before)."""
    span = _speaker_after(text, m.end(), unit.end, max_words=25)  # `according to a complaint filed by ...`
    if span is None or not looks_like_speaker(text[span[0] : span[1]]):
        span = _relative_head(text, lo, getattr(m, "lead", m.start())) or span
    if span is None:
        return None
    span = _narrow_speaker(text, span)
    frame = Frame(m.start(), m.end(), "after", *span, text[span[0] : span[1]])
    if text[lo : m.start()].strip(" ,—–-"):
        frame.side = "before"
    else:
        comma = text.find(",", span[1], unit.end)
        if comma < 0:
            return None
        frame.content_start = comma + 1
    return frame


SUBORDINATE_OPENER = re.compile(
    r"[\s“\"‘]*(?:(?:And|But|So)\s+)?(?:Although|Though|Even\s+though|While|Whereas|Because|Since|If|Even\s+if|When|"
    r"Whenever|As|After|Before|Once|Unless|Until)\s",
)


def _subordinate_end(text: str, unit: Unit, opener: re.Match | None, frame: Frame, start: int, end: int) -> int:
    """`Although EDC said the plant was safe, residents disagreed`: the content ends with the clause."""
    if opener is None or opener.end() > frame.cue_start or text.find(",", opener.end(), frame_start(frame)) >= 0:
        return end  # the cue is in the main clause
    comma = text.find(",", start, end)
    while comma >= 0 and any(s <= comma < e for s, e in unit.quotes):
        comma = text.find(",", comma + 1, end)
    return comma if comma > start else end


def _quote_after_colon(text: str, unit: Unit, start: int, end: int) -> int:
    """`X scolded him: “Q,” she said`: the quote is the content, not the sentence that introduces it."""
    for quote_start, quote_end in unit.quotes:
        if start < quote_start and quote_end <= end and not text[quote_end:end].strip(" ,—–-"):
            if text[start:quote_start].rstrip().endswith(":"):
                return quote_start
            break
    return start


def kind_of(unit: Unit, start: int, end: int) -> str:
    """`direct` when quotation marks hold at least half the content, else `indirect`."""
    quoted = sum(max(0, min(e, end) - max(s, start)) for s, e in unit.quotes)
    return "direct" if quoted * 2 >= (end - start) else "indirect"


def frame_start(frame: Frame) -> int:
    return min(x for x in (frame.cue_start, frame.speaker_start) if x is not None)


def _np_limit(text: str, frame: Frame, unit_end: int) -> int:
    """Where the content of an after-frame must end if it is a stance cue's noun phrase (`criticized X`)."""
    start = frame.content_start
    if start is None or CLAUSE_MARK_BEFORE.search(text, frame.cue_end, start + 1):
        return unit_end
    return np_object_end(text, text[frame.cue_start : frame.cue_end], start, unit_end)


def _outer_frames(text: str, frames: list[Frame], unit_end: int | None = None) -> list[Frame]:
    """Drop cues nested inside another cue's content.

    `X said that A suggests B` is one claim by X; in `A told B that C, the source added` the
    tail cue is the outer one and the first is dropped.
    """
    kept: list[Frame] = []
    for frame in frames:
        if kept and kept[-1].side == "after" and not frame.inherits:
            prev = kept[-1]
            start = frame_start(frame)
            near = max(prev.content_start, start - 16)
            coordinated = COORDINATION_END.search(text, near, start) or (
                frame.side == "after" and CLAUSE_BREAK.search(text, near, start)
            )
            if coordinated and frame.speaker_phrase and is_pronoun(frame.speaker_phrase):
                coordinated = None  # `X says A, but she knows that B`: still X's claim
            if unit_end is not None and not coordinated and start >= _np_limit(text, prev, unit_end):
                coordinated = True  # `criticized X, which he said ...`: the second cue is past the object
            if start >= prev.content_start and not coordinated:
                if frame.side == "after" or not TAIL_SEPARATOR.search(text, max(prev.content_start, start - 8), start):
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
    kept = _outer_frames(text, [f for f in frames if not f.silent], unit.end)
    opener = SUBORDINATE_OPENER.match(text, unit.start, unit.end)  # `Although X said C, ...`
    for i, frame in enumerate(kept):
        if frame.side == "before":
            start, end = lo, frame_start(frame)
            start = _quote_after_colon(text, unit, start, end)
        else:
            if frame.also_before:
                first = trim_content(text, lo, frame_start(frame))
                if first[1] - first[0] >= 3:
                    spans.append((frame, *first))
            start, end = frame.content_start, unit.end
            for later in kept[i + 1 :]:
                if frame_start(later) >= start:
                    end = frame_start(later)
                    break
            end = min(end, _np_limit(text, frame, end), _subordinate_end(text, unit, opener, frame, start, end))
            if frame.speaker_end is not None and DASHED_RELATIVE.match(text, frame.speaker_end, frame.cue_start):
                close = DASH.search(text, start, end)  # `the study -- which notes that C -- was released`
                end = close.start() if close else end
        start, end = trim_content(text, start, end)
        if frame.side == "after" and ANAPHORIC_CONTENT.match(text, start, end):
            continue  # `Robby Mook said as much`: the claim is elsewhere
        one_name = (  # `attacked Machado`
            frame.side == "after" and text[start:end].istitle()
            and text[frame.cue_start : frame.cue_end].lower().startswith(NP_OBJECT_CUES)
        )
        if end - start >= 3 and (frame.side == "before" or len(text[start:end].split()) >= 2 or one_name):
            spans.append((frame, start, end))
        lo = max(frame.cue_end, frame.speaker_end or frame.cue_end)
        if frame.side == "after":
            lo = max(lo, end)
    return spans

