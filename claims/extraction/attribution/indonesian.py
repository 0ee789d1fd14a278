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
from dataclasses import dataclass

from ..flags import MISSING_ENTITY, sentence_flags
from ..sentences import split_sentences
from ..types import Attribution
from .common import Speaker, SpeakerMemory, find_quotes, trim_span
from .lexicon_id import (
    AMBIGUOUS_TRAILING,
    CONNECTORS,
    LEADING_CUES,
    ORG_WORDS,
    OUTLET_WORDS,
    PERSON_TITLES,
    TRAILING_CUES,
)
from .speakers_id import Mention, is_person, people_mentioned, speaker_after, subject_before

_WORD = re.compile(r"[^\W\d_][\w-]*")
_CUE_WORDS = LEADING_CUES | TRAILING_CUES | {"menurut", "menurutnya"}
_PURE_TRAILING = TRAILING_CUES - LEADING_CUES
_AFTER_QUOTE = re.compile(r"[\"”]\s*,?\s*$")
_AFTER_COMMA = re.compile(r",\s*$")
_BAHWA = re.compile(r"\bbahwa(?:sanya)?\b", re.IGNORECASE)
_SECOND_BAHWA = re.compile(r"[,;]\s*(?:dan|serta)\s+bahwa\b", re.IGNORECASE)
_CONTENT_SKIP = re.compile(r"(?:\s|,|:|\b(?:kembali|pula|juga|lagi|agar|supaya|bahwa)\b)+", re.IGNORECASE)
_INTRO_PREPOSITION = re.compile(r"(?:kepada|dalam|di|saat|ketika|usai|seusai|melalui|pada|lewat)\b", re.IGNORECASE)
_VIA = re.compile(
    r"(?:(?:sebagaimana|seperti|sesuai|yang)\s+)?(?:dilansir|dikutip|mengutip|melansir|diberitakan|dilaporkan)"
    r"(?:\s+(?:dari|oleh))?\s+(?P<via>[^,.;\n]+)|\bmenurut\s+(?P<via2>[^,.;\n]+)",
    re.IGNORECASE,
)
_TRAILING_VIA = re.compile(
    r"(?:,\s*|\s+)(?:(?:sebagaimana|seperti)\s+)?(?:dilansir|dikutip|menurut)\b|,\s*(?:sebagaimana|seperti)\b",
    re.IGNORECASE,
)
_DATE_TAIL = re.compile(
    r",\s*(?:(?:pada\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b[^,]*|kemarin|hari ini)\s*[.]?\s*$"
)
_PASSIVE_AGENT = re.compile(
    r"\b(?:di(?:sebut(?:kan)?|katakan|ungkapkan|sampaikan|jelaskan|tegaskan|umumkan|laporkan|nyatakan|akui))"
    r"\s+oleh\s+",
    re.IGNORECASE,
)
_LABEL = re.compile(r"(?:baca juga|lihat juga|simak|advertisement|scroll to)\b", re.IGNORECASE)
_VIA_STOP = re.compile(r"\s*(?:,|\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|pada|yang)\b).*$", re.DOTALL)
_MAX_VIA_WORDS = 8
_MAX_HEADLINE_WORDS = 15


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: Speaker | None
    mention: Mention | None = None
    via: str | None = None
    flags: tuple[str, ...] = ()


def find_attributions(text: str) -> list[Attribution]:
    """Return the attributed claims of an Indonesian article, in document order."""
    return _ArticleReader(text).read()


class _ArticleReader:
    def __init__(self, text: str):
        self.text = text
        self.memory = SpeakerMemory()
        self.people = people_mentioned(text)
        for offset, name, _titled in self.people:
            self.memory.remember_name(offset, name)

    def read(self) -> list[Attribution]:
        found = []
        for start, end in split_sentences(self.text, "id"):
            if self._is_label(start, end):
                continue
            for d in self._sentence(start, end):
                a, b = trim_span(self.text, d.start, d.end)
                if b - a < 3:
                    continue
                speaker = d.speaker
                found.append(
                    Attribution(
                        start=a,
                        end=b,
                        speaker=speaker.name if speaker else None,
                        kind=d.kind,
                        sentence_start=start,
                        sentence_end=end,
                        cue=d.cue,
                        cue_start=d.cue_start,
                        cue_end=d.cue_end,
                        speaker_start=d.mention.start if d.mention and speaker else None,
                        speaker_end=d.mention.end if d.mention and speaker else None,
                        speaker_aliases=speaker.aliases if speaker else (),
                        via=d.via,
                        flags=tuple(dict.fromkeys(d.flags + sentence_flags(self.text, start, end))),
                    )
                )
        return found

    # -- one sentence ---------------------------------------------------------------------------

    def _sentence(self, s: int, e: int) -> list[_Draft]:
        text = self.text
        quotes = find_quotes(text, s, e)
        drafts: list[_Draft] = []
        menurut: list[tuple[int, int, str]] = []
        region = s
        for m in _WORD.finditer(text, s, e):
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
                d = self._quote_then_cue(m, e, quotes)
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
                    drafts[-1].end = _comma_before(text, drafts[-1].start, draft.cue_start)
                drafts.append(draft)
            region = max(region, d[-1].mention.end if d[-1].mention else d[-1].cue_end)
        for start, end, word in menurut:
            self._menurut(start, end, word, s, e, drafts)
        if not drafts:
            drafts = self._passive_agent(s, e) or self._bare_quote(s, e, quotes)
        return drafts

    def _quote_then_cue(self, m: re.Match, e: int, quotes) -> list[_Draft] | None:
        """`"Q," kata X` and `"Q," ujarnya`: the quote just before the cue is the content."""
        word = m.group(0).lower()
        paired = [(o, c) for o, c in quotes if c < m.start() and not self.text[c + 1 : m.start()].strip(" ,")]
        if not paired:
            return None
        open_, close = paired[-1]
        inner = self.text[open_ + 1 : close].strip()
        if not inner or inner.rstrip(" ,.'\"").endswith("?"):
            return None
        mention = self._trailing_mention(m, e)
        if mention is None:
            return None
        speaker = self._resolve(mention)
        if speaker is None:
            return None
        via = _find_via(self.text, m.end(), e)
        return [_Draft(open_ + 1, close, "direct", word, m.start(), m.end(), speaker, mention, via)]

    def _subject_then_cue(self, m, region: int, e: int, quotes, drafts) -> list[_Draft] | None:
        """`X mengatakan (bahwa) C`, `X menegaskan, "Q"`, and `..., menambahkan bahwa C` with X elided."""
        text = self.text
        word = m.group(0).lower()
        flags: tuple[str, ...] = ()
        mention = subject_before(text, region, m.start())
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
        parts = self._content_after(m.end(), e, quotes)
        if not parts:
            return None
        return [
            _Draft(a, b, kind, word, m.start(), m.end(), speaker, mention, via, flags) for a, b, kind, via in parts
        ]

    def _comma_cue(self, m, region: int, e: int, drafts) -> list[_Draft] | None:
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
        via = _find_via(text, after, e)
        if continues and not _TRAILING_VIA.match(rest) and not _is_date_word(continues.group("word")):
            lead = text[region:comma]
            start = region if _content_words(_without_connectors(lead)) else after + continues.start("word")
            end = _strip_tail(text, start, e)
        else:
            start, end = region, comma
        if not _content_words(text[start:end]):
            return None
        return [_Draft(start, end, "indirect", word, m.start(), m.end(), speaker, mention, via)]

    def _menurut(self, start: int, end: int, word: str, s: int, e: int, drafts: list[_Draft]) -> None:
        """`Menurut X, C` and `C1, menurut X, C2` are claims; next to another cue, X is the intermediary."""
        text = self.text
        comma = text.find(",", end, e)
        phrase_end = comma if comma != -1 else e
        if drafts:
            target = next((d for d in drafts if d.start > start), drafts[-1])
            if word == "menurut" and target.via is None:
                target.via = _clean_via(text[end:phrase_end])
            for d in drafts:
                if d.start < start < d.end:
                    d.end = _comma_before(text, d.start, start)
            return
        if word == "menurutnya":
            mention: Mention | None = Mention("pronoun", start, end)
        else:
            mention = _source(text, end, e)
        if mention is None:
            return
        lead = text[s:start]
        after = text.find(",", mention.end, e)
        if after != -1 and text[mention.end : after].strip():
            return  # `menurut X` is not followed by its comma: part of a longer clause
        if not _content_words(_without_connectors(lead)):
            if after == -1:
                return
            content = (after + 1, _strip_tail(text, after + 1, e))
        elif lead.rstrip().endswith(","):
            if after != -1 and _content_words(text[after + 1 : e]):
                content = (s, _strip_tail(text, s, e))  # `Dalam kontrak kerja, menurut Adib, biasanya ...`
            else:
                content = (s, s + len(lead.rstrip()) - 1)  # `C, menurut X.`
        else:
            return
        speaker = self._resolve(mention)
        if speaker is not None and _content_words(text[content[0] : content[1]]):
            drafts.append(_Draft(content[0], content[1], "indirect", word, start, end, speaker, mention))

    def _passive_agent(self, s: int, e: int) -> list[_Draft]:
        """`Rencana itu disebutkan oleh Menteri X.`: the agent is the speaker."""
        m = _PASSIVE_AGENT.search(self.text, s, e)
        if not m:
            return []
        mention = speaker_after(self.text, m.end(), e)
        if mention is None or mention.kind != "name":
            return []
        speaker = self._resolve(mention)
        cue = self.text[m.start() : m.end()].strip()
        content_end = m.start()
        for adverb in (" sebelumnya", " juga", " telah", " sudah"):
            if self.text[s:content_end].rstrip().endswith(adverb):
                content_end = s + len(self.text[s:content_end].rstrip()) - len(adverb)
        if not _content_words(self.text[s:content_end]):
            return []
        return [_Draft(s, content_end, "indirect", cue, m.start(), m.end() - 1, speaker, mention)]

    def _bare_quote(self, s: int, e: int, quotes) -> list[_Draft]:
        """A paragraph that is only a quotation goes on from the latest speaker."""
        if len(quotes) != 1 or self.memory.last_person is None:
            return []
        open_, close = quotes[0]
        if open_ - s > 2 or e - close > 3:
            return []
        inner = self.text[open_ + 1 : close].strip()
        if inner.rstrip(" ,.").endswith("?") or len(inner.split()) < 4:
            return []
        return [_Draft(open_ + 1, close, "direct", None, None, None, self.memory.last_person)]

    # -- pieces -------------------------------------------------------------------------------

    def _trailing_mention(self, m: re.Match, e: int) -> Mention | None:
        word = m.group(0).lower()
        if word.endswith("nya") and word[:-3] in TRAILING_CUES | {"menurut"}:
            return Mention("pronoun", m.start(), m.end())
        mention = speaker_after(self.text, m.end(), e)
        if mention is None and word in AMBIGUOUS_TRAILING:
            return None
        return mention

    def _content_after(self, cue_end: int, e: int, quotes) -> list[tuple[int, int, str, str | None]]:
        """The clause a leading cue introduces: after `bahwa` when present, or the quote that follows."""
        text = self.text
        i = cue_end
        while i < e and text[i] in " ,:":
            i += 1
        quote = next(((o, c) for o, c in quotes if o == i), None)
        if quote:
            return [(quote[0] + 1, quote[1], "direct", _find_via(text, quote[1] + 1, e))]
        via = None
        start = None
        bahwa = _BAHWA.search(text, cue_end, e)
        if bahwa and not any(o < bahwa.start() < c for o, c in quotes):
            between = text[cue_end : bahwa.start()]
            if len(between.split()) <= 8 and "." not in between:
                start = bahwa.end()
                via = _outlet(between)
        if start is None:
            skip = _CONTENT_SKIP.match(text, cue_end, e)
            start = skip.end() if skip else cue_end
            if _INTRO_PREPOSITION.match(text, start, e):
                comma = text.find(",", start, e)
                if comma != -1 and len(text[start:comma].split()) <= 8:
                    via = _outlet(text[start:comma])
                    start = comma + 1
        end = _strip_tail(text, start, e)
        trailing = _TRAILING_VIA.search(text, start, end)
        if trailing:
            via = via or _find_via(text, trailing.start(), e)
            end = trailing.start()
        parts = []
        for piece_start, piece_end in _split_second_bahwa(text, start, end):
            if _content_words(text[piece_start:piece_end]):
                parts.append((piece_start, piece_end, "indirect", via))
        return parts

    def _resolve(self, mention: Mention) -> Speaker | None:
        if mention.kind == "name":
            name, aliases = mention.name, mention.aliases
            earlier = self._known_for(name)
            if earlier is not None:
                name, aliases = earlier.name, (*aliases, mention.name)
            return self.memory.resolve(name, aliases, at=mention.start, person=is_person(mention))
        speaker = self.memory.repeat_last(person=True)
        if speaker is not None:
            return speaker
        titled = [name for offset, name, is_titled in self.people if is_titled and offset < mention.start]
        if titled:
            return self.memory.resolve(titled[-1], at=mention.start)
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
        ends_open = sentence[-1] not in ".!?\"”’)"
        return ends_open and not find_quotes(sentence) and len(sentence.split()) <= _MAX_HEADLINE_WORDS


def _last_close(quotes, before: int) -> int:
    return max((c + 1 for _o, c in quotes if c < before), default=0)


def _comma_before(text: str, start: int, at: int) -> int:
    comma = text.rfind(",", start, at)
    return comma if comma != -1 else at


def _content_words(fragment: str) -> int:
    return len(_WORD.findall(fragment))


def _is_date_word(word: str) -> bool:
    return word.lower() in {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "kemarin"}


def _strip_tail(text: str, start: int, end: int) -> int:
    """Drop a trailing `, Senin (4/2)` or `, kemarin` and end punctuation from a content span."""
    m = _DATE_TAIL.search(text, start, end)
    if m:
        end = m.start()
    _a, b = trim_span(text, start, end)
    return b


def _split_second_bahwa(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`A, dan bahwa B` holds two claims."""
    pieces = []
    for m in _SECOND_BAHWA.finditer(text, start, end):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, end))
    return pieces


def _find_via(text: str, start: int, end: int) -> str | None:
    m = _VIA.search(text, start, end)
    return _clean_via(m.group("via") or m.group("via2") or "") if m else None


def _clean_via(phrase: str) -> str | None:
    via = _VIA_STOP.sub("", phrase).strip()
    if not via or not via[0].isalnum() or len(via.split()) > _MAX_VIA_WORDS:
        return None
    return via


def _without_connectors(fragment: str) -> str:
    return " ".join(w for w in _WORD.findall(fragment) if w.lower() not in CONNECTORS)


def _source(text: str, start: int, end: int) -> Mention | None:
    """The X of `menurut X`: a person, or a document or rumour named by a plain noun."""
    mention = speaker_after(text, start, end)
    if mention is None or mention.kind != "anaphor":
        return mention
    phrase = text[mention.start : mention.end]
    if any(w.lower() in ("ini", "itu", "tersebut") for w in phrase.split()):
        return mention
    return Mention("name", mention.start, mention.end, phrase)


def _outlet(phrase: str) -> str | None:
    """`kepada kantor berita Novosti` -> `kantor berita Novosti`; `kepada wartawan` -> None."""
    words = phrase.strip(" ,").split()
    if len(words) < 2 or words[0].lower() not in {"kepada", "dalam", "melalui", "lewat"}:
        return None
    if not any(w.lower().strip("(),") in OUTLET_WORDS for w in words[1:]):
        return None
    return " ".join(words[1:])

