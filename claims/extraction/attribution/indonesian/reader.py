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
from bisect import bisect_left, bisect_right

from ...budget import budget_check
from ...flags import MISSING_ENTITY, gap_after, gap_before, gap_offsets
from ...quotes import quote_spans
from ...sentences import split_sentences
from ...types import Attribution
from .clauses import (
    TRAILING_VIA,
    WORD,
    clean_via,
    comma_before,
    content_after,
    content_words,
    find_via,
    introduces_clause,
    is_date_word,
    strip_tail,
    trim_span,
    without_connectors,
)
from .lexicon import (
    AMBIGUOUS_TRAILING,
    LEADING_CUES,
    NEEDS_CLAUSE,
    ORG_WORDS,
    PERSON_TITLES,
    PRONOUNS,
    QUOTE_ONLY_CUES,
    RECORD_CUES,
    REQUEST_CUES,
    STANCE_CUES,
    TRAILING_CUES,
)
from .memory import Speaker, SpeakerMemory
from .names import Mention, WordCounts, is_person, people_mentioned, trim_name
from .patterns import Draft, OtherPatterns
from .speakers import coordinated_subject, speaker_after, subject_before

_CUE_WORDS = LEADING_CUES | TRAILING_CUES | {"menurut", "menurutnya"}
_PURE_TRAILING = TRAILING_CUES - LEADING_CUES - QUOTE_ONLY_CUES
_AFTER_QUOTE = re.compile(r"[\"”]\s*,?\s*$")
_AFTER_COMMA = re.compile(r",\s*$")
_COORDINATED = re.compile(r"\s(?:dan|serta|lalu|kemudian|sekaligus)(?:\s+(?:juga|pun|kembali))?\s*$")
_LEADING_VIA = re.compile(
    r"(?:(?:Seperti|Sebagaimana)\s+)?(?:[Dd]ilansir|[Dd]ikutip|Mengutip|Melansir|Dalam\s+(?=(?:surat|wawancara|laporan)))"
    r"(?:\s+dari)?\s*(?P<via>[^,\n]{2,60}),"
)
_DEMIKIAN_SAID = re.compile(r"demikian\s+(?:di[a-z]+kan|ditulis|dilansir)\b", re.IGNORECASE)
_LABEL = re.compile(r"(?:baca juga|lihat juga|simak|advertisement|scroll to)\b", re.IGNORECASE)
_MAX_HEADLINE_WORDS = 15
_MIN_CONTENT_WORDS = 2
_CONTINUING = frozenset({"menambahkan", "melanjutkan", "mengimbuhkan", "menutup"})


def find_attributions(text: str) -> list[Attribution]:
    """Return the attributed claims of an Indonesian article, in document order."""
    return _ArticleReader(text).read()


class _ArticleReader(OtherPatterns):
    def __init__(self, text: str):
        self.text = text
        self.memory = SpeakerMemory()
        self.last_person_at = -1  # where the latest person speaker was named
        self.counts = WordCounts(text)
        self.sentences = [(s, e, self._is_label(s, e)) for s, e in split_sentences(text, "id")]
        labels = [(s, e) for s, e, label in self.sentences if label]  # in order, never overlapping
        label_starts = [s for s, _e in labels]
        # names in headlines and `Baca juga:` lines are not people the article talks about
        self.people = [p for p in people_mentioned(text, self.counts) if not _within(labels, label_starts, p[0])]
        for offset, name, _salient in self.people:
            self.memory.remember_name(offset, name)
        # the salient names, in text order, and their offsets for bisecting
        self.salient = [name for _offset, name, salient in self.people if salient]
        self.salient_at = [offset for offset, _name, salient in self.people if salient]

    def read(self) -> list[Attribution]:
        found = []
        self.previous: tuple[int, int, bool] | None = None  # the last sentence read, and whether it had claims
        for start, end, label in self.sentences:
            if label:
                continue
            budget_check()
            drafts = self._sentence(start, end)
            self.previous = (start, end, bool(drafts))
            for d in drafts:
                a, b = trim_span(self.text, d.start, d.end)
                if content_words(self.text[a:b]) < _MIN_CONTENT_WORDS:
                    continue  # `Moon percaya diri`, `"Jadi," kata Dibben`: nothing to check
                found.append(self._attribution(d, a, b, min(start, a), end, (start, end)))
        return found

    def _attribution(self, d: Draft, start: int, end: int, sentence_start: int, sentence_end: int, read) -> Attribution:
        speaker = d.speaker
        same = (sentence_start, sentence_end) == read  # the sentence `_sentence` found the gaps of
        gaps = self.gaps if same else gap_offsets(self.text, sentence_start, sentence_end, "id")
        flags = d.flags + ((MISSING_ENTITY,) if gaps else ())
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
            gaps=gaps,
        )

    # -- one sentence ---------------------------------------------------------------------------

    def _sentence(self, s: int, e: int) -> list[Draft]:
        text = self.text
        self.gaps = gap_offsets(text, s, e, "id")  # where names were dropped: a speaker there stays unknown
        quotes = quote_spans(text, s, e, unclosed="drop")
        drafts: list[Draft] = []
        menurut: list[tuple[int, int, str]] = []
        region = s
        for m in WORD.finditer(text, s, e):
            word = m.group(0).lower()
            if word not in _CUE_WORDS or any(o < m.start() < c for o, c in quotes):
                continue
            budget_check()
            before = text[s : m.start()]
            if word in ("menurut", "menurutnya"):
                menurut.append((m.start(), m.end(), word))
                continue
            if drafts and drafts[-1].start <= m.start() < drafts[-1].end and word in LEADING_CUES:
                # a cue inside a claim already read: a second verb of the same speaker
                # (`X menyesalkan A dan menyatakan bahwa B`), a new clause after a comma
                # (`A, sementara Y menilai B`), else reported speech within it
                same_speaker = self._second_verb(m, e, quotes, drafts)
                if same_speaker:
                    drafts.append(same_speaker)
                    region = max(region, m.end())
                    continue
                clause = text.rfind(",", drafts[-1].start, m.start())
                if clause == -1:
                    continue
                region = max(region, clause + 1)
            if word in TRAILING_CUES and _AFTER_QUOTE.search(before):
                d = self._quote_then_cue(m, s, e, quotes)
            elif word in LEADING_CUES:
                d = self._subject_then_cue(m, max(region, _last_close(quotes, m.start())), e, quotes, drafts)
            elif _AFTER_COMMA.search(before) and (word in _PURE_TRAILING or _DEMIKIAN_SAID.match(text, m.start(), e)):
                # `C, ujarnya.`; `C, demikian dikatakan sumber Sky Sports.`
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
        leading = _LEADING_VIA.match(text, s, e)
        if leading and any(c.isupper() for c in leading.group("via")):  # `Dilansir Reuters, PBB melaporkan`
            for d in drafts:
                if d.via is None and d.cue_start is not None and d.cue_start > leading.end():
                    d.via = clean_via(leading.group("via"))
        return drafts + self._other_quotes(quotes, drafts)

    def _second_verb(self, m: re.Match, e: int, quotes, drafts: list[Draft]) -> Draft | None:
        """`X menyesalkan A dan menyatakan bahwa B`: B is X's too, and A stops before `dan`."""
        previous = drafts[-1]
        joined = _COORDINATED.search(self.text, previous.start, m.start())
        word = m.group(0).lower()
        if not joined or previous.cue is None:
            return None
        if word in NEEDS_CLAUSE and not introduces_clause(self.text, m.end(), e, request=word in REQUEST_CUES):
            return None
        parts = content_after(self.text, m.end(), e, quotes)
        if not parts:
            return None
        previous.end = joined.start()
        a, b, kind, via = parts[0]
        return Draft(a, b, kind, word, m.start(), m.end(), previous.speaker, previous.mention, via, previous.flags)

    def _quote_then_cue(self, m: re.Match, s: int, e: int, quotes) -> list[Draft] | None:
        """`"Q," kata X` and `"Q," ujarnya`: the quote just before the cue is the content."""
        word = m.group(0).lower()
        paired = [(o, c) for o, c in quotes if c <= m.start() and not self.text[c : m.start()].strip(" ,")]
        if paired:
            open_, close = paired[-1][0], paired[-1][1] - 1  # the opening and the closing mark
        else:  # `Kami kembali mengevaluasi program," ujar X.`: the opening mark was lost
            close = max(self.text.rfind('"', s, m.start()), self.text.rfind("”", s, m.start()))
            open_ = s - 1
            if any(o < close for o, _c in quotes):
                return None
        inner = self.text[open_ + 1 : close].strip()
        if not inner or _only_questions(inner):
            return None
        mention = self._trailing_mention(m, e)
        if mention is None and gap_after(self.text, self.gaps, m.end()):  # `"Q," kata .`: the name was dropped
            return [Draft(open_ + 1, close, "direct", word, m.start(), m.end(), None, None, None, (MISSING_ENTITY,))]
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
        bare = word in NEEDS_CLAUSE and not introduces_clause(text, m.end(), e, request=word in REQUEST_CUES)
        if bare and word not in RECORD_CUES:
            return None
        flags: tuple[str, ...] = ()
        mention = subject_before(text, region, m.start())
        if mention is not None and bare and (mention.kind != "name" or is_person(mention)):
            return None  # `Pedrosa mencatat putaran terbaik`: an action; `BPS mencatat C`: a claim
        if mention is not None and mention.kind == "description" and word in STANCE_CUES:
            return None  # `Program tersebut menargetkan ...` is not someone hoping
        if mention is None and not drafts and _COORDINATED.search(text, region, m.start()):
            mention = coordinated_subject(text, region, m.start())  # `Montella memuji X dan menyatakan C`
        if mention is not None:
            speaker = self._resolve(mention, continuing=word in _CONTINUING)
            if speaker is None:
                return None
        elif drafts and _AFTER_COMMA.search(text[region : m.start()]):
            mention, speaker = drafts[-1].mention, drafts[-1].speaker
        elif gap_before(text, self.gaps, m.start()):  # `Mengutip pernyataan , menyebutkan bahwa C`
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
        comma = text.rfind(",", region, m.start())
        if comma == -1:
            return None
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
        lead = text[region:comma]
        if continues and not TRAILING_VIA.match(rest) and not is_date_word(continues.group("word")):
            start = region if content_words(without_connectors(lead)) else after + continues.start("word")
            end = strip_tail(text, start, e)
        elif not content_words(without_connectors(lead)) and content_words(rest) >= 3:
            start, end = after, strip_tail(text, after, e)  # `Namun, katanya beberapa negara belum ...`
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
        if word in AMBIGUOUS_TRAILING and mention is not None and mention.kind in ("name", "anaphor"):
            words = self.text[mention.start : mention.end].lower().split()
            pointed = any(w in ("ini", "itu", "tersebut") for w in words)
            if self.text[mention.start].islower() and words[0] not in PERSON_TITLES and not pointed:
                return None  # `jelas melukai rasa budaya`: `jelas` is the adjective here
        return mention

    def _resolve(self, mention: Mention, continuing: bool = False) -> Speaker | None:
        """The speaker a mention stands for; `continuing` cues (`menambahkan`) keep a title-only one on the latest."""
        if mention.kind == "name":
            name, aliases = trim_name(mention.name, self.counts), mention.aliases
            if name != mention.name:
                aliases = (*aliases, mention.name)
            earlier = self._known_for(name)
            if earlier is None and continuing and _title_only(name) and self.memory.last_person is not None:
                earlier = self.memory.last_person  # `Ketua Umum PAN menambahkan`: the one just quoted
            if earlier is not None:
                name, aliases = earlier.name, (*aliases, mention.name)
            person = is_person(mention)
            if person:
                self.last_person_at = mention.start
            return self.memory.resolve(name, aliases, at=mention.start, person=person)
        if mention.kind == "plural":
            return self.memory.repeat_last()
        standalone = self.text[mention.start : mention.end].lower() in PRONOUNS  # `ia`, not `katanya`
        newcomer = self._new_subject(mention.start) if standalone and not continuing else None
        if newcomer is not None:  # `Rizieq diperiksa sebagai terlapor. Ia mengaku ...`: the one just introduced
            self.last_person_at = mention.start
            return self.memory.resolve(newcomer, at=mention.start)
        speaker = self.memory.repeat_last(person=True)
        if speaker is not None:
            return speaker
        named_before = bisect_left(self.salient_at, mention.start)
        if named_before:  # `ia` with no speaker yet: the latest person named as a subject or with a title
            return self.memory.resolve(self.salient[named_before - 1], at=mention.start)
        if mention.kind in ("anaphor", "description"):  # `Pemuda itu mengaku`, no one named before
            return self.memory.resolve(self.text[mention.start : mention.end], at=mention.start)
        return None

    def _new_subject(self, at: int) -> str | None:
        """A person who opened the sentence before this one and has not spoken since the last speaker."""
        if self.previous is None:
            return None
        start = self.previous[0]
        after_last = max(start, self.last_person_at + 1)
        openers = self.salient[bisect_left(self.salient_at, after_last) : bisect_left(self.salient_at, at)]
        opened_previous = [name for name in openers if self.text.startswith(name, self.previous[0])]
        return opened_previous[-1] if opened_previous else None

    def _known_for(self, name: str) -> Speaker | None:
        """An earlier speaker meant by a bare title (`Kapolres`) or a name after a stray word (`tersipu Harington`)."""
        words = name.split()
        if _title_only(name):
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
        if sentence[-1] in ".!?\"”’)" or quote_spans(sentence, unclosed="drop"):
            return False
        words = sentence.split()
        capitalised = sum(w[:1].isupper() for w in words)
        headline_like = capitalised * 5 >= len(words) * 3 or len(words) <= 6 or s == 0
        return headline_like and len(words) <= _MAX_HEADLINE_WORDS  # `Rusia Tetap Dukung Palestina`


def _title_only(name: str) -> bool:
    """`Kapolres`, `Ketua Umum PAN`: an office with no name in it."""
    words = name.split()
    return all(w.lower() in PERSON_TITLES or w.lower() in ORG_WORDS or (len(w) > 1 and w.isupper()) for w in words)


def _only_questions(quote: str) -> bool:
    """`"Apakah saya sudah mati?"` asks; a quote that states something first and then asks still counts."""
    body = quote.rstrip(" ,.'\"’”")
    return body.endswith("?") and not re.search(r"[.!](?=\s)", body)


def _within(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether `offset` falls inside one of the ordered, disjoint `spans` (`starts` are theirs)."""
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def _last_close(quotes, before: int) -> int:
    return max((c for _o, c in quotes if c <= before), default=0)
