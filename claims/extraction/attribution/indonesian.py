"""Indonesian attribution: who claims what in a news article.

Reads sentence by sentence. In each, the cue words outside quotation marks are
found first (`mengatakan`, `kata`, `ujarnya`, `menurut`, ...); the words around
a cue decide the pattern: `X mengatakan (bahwa) C`, `"Q," kata X`, `C, ujarnya`,
`C1, kata dia, C2`, `Menurut X, C`, `C disebutkan oleh X`. Pronouns and
descriptions (`artis ini`) go back to the latest speaker, short names to the
full name used earlier. A quote with no cue continues the latest speaker.
"""

from __future__ import annotations

import re

from ..flags import MISSING_ENTITY, sentence_flags
from ..sentences import split_sentences
from ..types import Attribution
from .clauses_id import (
    TRAILING_VIA,
    WORD,
    comma_before,
    content_after,
    content_words,
    find_via,
    introduces_clause,
    is_date_word,
    strip_tail,
    without_connectors,
)
from .common import Speaker, SpeakerMemory, find_quotes, trim_span
from .lexicon_id import (
    AMBIGUOUS_TRAILING,
    LEADING_CUES,
    NEEDS_CLAUSE,
    ORG_WORDS,
    PERSON_TITLES,
    TRAILING_CUES,
)
from .names_id import Mention, WordCounts, is_person, people_mentioned, trim_name
from .patterns_id import Draft, OtherPatterns
from .speakers_id import coordinated_subject, speaker_after, subject_before

_CUE_WORDS = LEADING_CUES | TRAILING_CUES | {"menurut", "menurutnya"}
_PURE_TRAILING = TRAILING_CUES - LEADING_CUES
_AFTER_QUOTE = re.compile(r"[\"”]\s*,?\s*$")
_AFTER_COMMA = re.compile(r",\s*$")
_COORDINATED = re.compile(r"\s(?:dan|serta|lalu|kemudian|sekaligus)(?:\s+(?:juga|pun|kembali))?\s*$")
_LABEL = re.compile(r"(?:baca juga|lihat juga|simak|advertisement|scroll to)\b", re.IGNORECASE)
_MAX_HEADLINE_WORDS = 15


def find_attributions(text: str) -> list[Attribution]:
    """Return the attributed claims of an Indonesian article, in document order."""
    return _ArticleReader(text).read()


class _ArticleReader(OtherPatterns):
    def __init__(self, text: str):
        self.text = text
        self.memory = SpeakerMemory()
        self.counts = WordCounts(text)
        self.people = people_mentioned(text, self.counts)
        for offset, name, _titled in self.people:
            self.memory.remember_name(offset, name)

    def read(self) -> list[Attribution]:
        found = []
        self.previous: tuple[int, int, bool] | None = None  # the last sentence read, and whether it had claims
        for start, end in split_sentences(self.text, "id"):
            if self._is_label(start, end):
                continue
            drafts = self._sentence(start, end)
            self.previous = (start, end, bool(drafts))
            for d in drafts:
                a, b = trim_span(self.text, d.start, d.end)
                if b - a < 3:
                    continue
                found.append(self._attribution(d, a, b, min(start, a), end))
        return found

    def _attribution(self, d: Draft, start: int, end: int, sentence_start: int, sentence_end: int) -> Attribution:
        speaker = d.speaker
        flags = d.flags + sentence_flags(self.text, sentence_start, sentence_end)
        return Attribution(
            start=start,
            end=end,
            speaker=speaker.name if speaker else None,
            kind=d.kind,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            cue=d.cue,
            cue_start=d.cue_start,
            cue_end=d.cue_end,
            speaker_start=d.mention.start if d.mention and speaker else None,
            speaker_end=d.mention.end if d.mention and speaker else None,
            speaker_aliases=speaker.aliases if speaker else (),
            via=d.via,
            flags=tuple(dict.fromkeys(flags)),
        )

    # -- one sentence ---------------------------------------------------------------------------

    def _sentence(self, s: int, e: int) -> list[Draft]:
        text = self.text
        quotes = find_quotes(text, s, e)
        drafts: list[Draft] = []
        menurut: list[tuple[int, int, str]] = []
        region = s
        for m in WORD.finditer(text, s, e):
            word = m.group(0).lower()
            if word not in _CUE_WORDS or any(o < m.start() < c for o, c in quotes):
                continue
            before = text[s : m.start()]
            if word in ("menurut", "menurutnya"):
                menurut.append((m.start(), m.end(), word))
                continue
            if drafts and drafts[-1].start <= m.start() < drafts[-1].end and word in LEADING_CUES:
                # a cue inside a claim already read: a new clause only after a comma
                # (`A, sementara Y menilai B`), else reported speech within it
                clause = text.rfind(",", drafts[-1].start, m.start())
                if clause == -1:
                    continue
                region = max(region, clause + 1)
            if word in TRAILING_CUES and _AFTER_QUOTE.search(before):
                d = self._quote_then_cue(m, s, e, quotes)
            elif word in LEADING_CUES:
                d = self._subject_then_cue(m, max(region, _last_close(quotes, m.start())), e, quotes, drafts)
            elif word in _PURE_TRAILING and _AFTER_COMMA.search(before):
                d = self._comma_cue(m, max(region, _last_close(quotes, m.start())), e, drafts)
            else:
                continue
            if d is None:
                continue
            for draft in d:
                if drafts and drafts[-1].start < draft.cue_start < drafts[-1].end:
                    drafts[-1].end = comma_before(text, drafts[-1].start, draft.cue_start)
                drafts.append(draft)
            region = max(region, d[-1].mention.end if d[-1].mention else d[-1].cue_end)
        for start, end, word in menurut:
            self._menurut(start, end, word, s, e, drafts)
        if not drafts:
            return (
                self._cue_first(s, e)
                or self._document_says(s, e)
                or self._passive_agent(s, e)
                or self._bare_quote(s, e, quotes)
            )
        return drafts + self._other_quotes(quotes, drafts)

    def _quote_then_cue(self, m: re.Match, s: int, e: int, quotes) -> list[Draft] | None:
        """`"Q," kata X` and `"Q," ujarnya`: the quote just before the cue is the content."""
        word = m.group(0).lower()
        paired = [(o, c) for o, c in quotes if c < m.start() and not self.text[c + 1 : m.start()].strip(" ,")]
        if paired:
            open_, close = paired[-1]
        else:  # `Kami kembali mengevaluasi program," ujar X.`: the opening mark was lost
            close = max(self.text.rfind('"', s, m.start()), self.text.rfind("”", s, m.start()))
            open_ = s - 1
            if any(o < close for o, _c in quotes):
                return None
        inner = self.text[open_ + 1 : close].strip()
        if not inner or inner.rstrip(" ,.'\"").endswith("?"):
            return None
        mention = self._trailing_mention(m, e)
        if mention is None:
            return None
        speaker = self._resolve(mention)
        if speaker is None:
            return None
        via = find_via(self.text, m.end(), e)
        return [Draft(open_ + 1, close, "direct", word, m.start(), m.end(), speaker, mention, via)]

    def _subject_then_cue(self, m, region: int, e: int, quotes, drafts) -> list[Draft] | None:
        """`X mengatakan (bahwa) C`, `X menegaskan, "Q"`, and `..., menambahkan bahwa C` with X elided."""
        text = self.text
        word = m.group(0).lower()
        if word in NEEDS_CLAUSE and not introduces_clause(text, m.end(), e):
            return None
        flags: tuple[str, ...] = ()
        mention = subject_before(text, region, m.start())
        if mention is None and not drafts and _COORDINATED.search(text, region, m.start()):
            mention = coordinated_subject(text, region, m.start())  # `Montella memuji X dan menyatakan C`
        if mention is not None:
            speaker = self._resolve(mention)
            if speaker is None:
                return None
        elif drafts and _AFTER_COMMA.search(text[region : m.start()]):
            mention, speaker = drafts[-1].mention, drafts[-1].speaker
        elif sentence_flags(text, region, e) and _AFTER_COMMA.search(text[region : m.start()]):
            speaker, flags = None, (MISSING_ENTITY,)
        else:
            return None
        parts = content_after(self.text, m.end(), e, quotes)
        if not parts:
            return None
        return [
            Draft(a, b, kind, word, m.start(), m.end(), speaker, mention, via, flags) for a, b, kind, via in parts
        ]

    def _comma_cue(self, m, region: int, e: int, drafts) -> list[Draft] | None:
        """`C, ujarnya.` and `C1, kata dia, C2.`: the cue sits after a comma."""
        text = self.text
        word = m.group(0).lower()
        mention = self._trailing_mention(m, e)
        if mention is None:
            return None
        comma = text.rindex(",", region, m.start())
        if drafts and drafts[-1].start < m.start() <= drafts[-1].end:
            drafts[-1].end = comma  # `Ia menggarisbawahi C, tambahnya.`: already claimed
            return None
        speaker = self._resolve(mention)
        if speaker is None:
            return None
        after = max(mention.end, m.end())
        rest = text[after:e]
        continues = re.match(r"\s*,\s*(?P<word>[^\W\d_]\w*)", rest)
        via = find_via(text, after, e)
        if continues and not TRAILING_VIA.match(rest) and not is_date_word(continues.group("word")):
            lead = text[region:comma]
            start = region if content_words(without_connectors(lead)) else after + continues.start("word")
            end = strip_tail(text, start, e)
        else:
            start, end = region, comma
        if not content_words(text[start:end]):
            return None
        return [Draft(start, end, "indirect", word, m.start(), m.end(), speaker, mention, via)]

    def _trailing_mention(self, m: re.Match, e: int) -> Mention | None:
        word = m.group(0).lower()
        if word.endswith("nya") and word[:-3] in TRAILING_CUES | {"menurut"}:
            return Mention("pronoun", m.start(), m.end())
        mention = speaker_after(self.text, m.end(), e)
        if mention is None and word in AMBIGUOUS_TRAILING:
            return None
        return mention

    def _resolve(self, mention: Mention) -> Speaker | None:
        if mention.kind == "name":
            name, aliases = trim_name(mention.name, self.counts), mention.aliases
            if name != mention.name:
                aliases = (*aliases, mention.name)
            earlier = self._known_for(name)
            if earlier is not None:
                name, aliases = earlier.name, (*aliases, mention.name)
            return self.memory.resolve(name, aliases, at=mention.start, person=is_person(mention))
        if mention.kind == "plural":
            return self.memory.repeat_last()
        speaker = self.memory.repeat_last(person=True)
        if speaker is not None:
            return speaker
        salient = [name for offset, name, is_salient in self.people if is_salient and offset < mention.start]
        if salient:  # `ia` with no speaker yet: the latest person named as a subject or with a title
            return self.memory.resolve(salient[-1], at=mention.start)
        if mention.kind == "anaphor":  # `Pemuda itu mengaku ...` with no one named before: the description
            return self.memory.resolve(self.text[mention.start : mention.end], at=mention.start)
        return None

    def _known_for(self, name: str) -> Speaker | None:
        """An earlier speaker meant by a bare title (`Kapolres`) or a name after a stray word (`tersipu Harington`)."""
        words = name.split()
        if all(w.lower() in PERSON_TITLES or w.lower() in ORG_WORDS for w in words):
            pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
            for speaker in reversed(list(self.memory.spoken.values())):
                if any(pattern.search(alias) for alias in speaker.aliases):
                    return speaker
            return None
        if words[0][:1].islower() and words[0].lower() not in PERSON_TITLES and words[-1][:1].isupper():
            return self.memory.spoken.get(words[-1].lower())
        return None

    def _is_label(self, s: int, e: int) -> bool:
        sentence = self.text[s:e]
        if _LABEL.match(sentence):
            return True
        if sentence[-1] in ".!?\"”’)" or find_quotes(sentence):
            return False
        words = sentence.split()
        capitalised = sum(w[:1].isupper() for w in words)
        headline_like = capitalised * 5 >= len(words) * 3 or len(words) <= 6 or s == 0
        return headline_like and len(words) <= _MAX_HEADLINE_WORDS  # `Rusia Tetap Dukung Palestina`


def _last_close(quotes, before: int) -> int:
    return max((c + 1 for _o, c in quotes if c < before), default=0)
