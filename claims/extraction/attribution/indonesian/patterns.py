"""The less common Indonesian attribution patterns, mixed into the article reader.

`Menurut X, C` and its variants, `Dikatakan X, C`, `Hal itu disampaikan X`
(pointing back at the sentence before), `C disebutkan oleh X`, and quotations
with no cue of their own. Kept apart so the reader's main loop stays short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import (
    WORD,
    clean_via,
    comma_before,
    content_words,
    strip_tail,
    without_connectors,
    without_dates,
)
from .lexicon import CLAUSE_BREAKS, CONNECTORS, PERSON_TITLES
from .memory import Speaker
from .names import Mention, is_person
from .speakers import speaker_after

_AFTER_COMMA = re.compile(r",\s*$")
_PASSIVE_AGENT = re.compile(
    r"\b(?:di(?:sebut(?:kan)?|katakan|ungkapkan|sampaikan|jelaskan|tegaskan|umumkan|laporkan|nyatakan|akui"
    r"|utarakan|kemukakan|paparkan|ucapkan|terangkan))(?:\s+(?:juga|pula|langsung))?(?:\s+oleh)?\s+",
    re.IGNORECASE,
)
_CUE_FIRST = re.compile(
    r"(?:(?:Dan|Namun|Lalu|Kemudian|Tapi|Tetapi|Selain itu|Sementara itu),?\s+)?"
    r"(?P<cue>(?i:dikatakan|dijelaskan|ditambahkan|diungkapkan|disampaikan|ditegaskan|dipaparkan|diterangkan"
    r"|kata|ujar|lanjut|tambah|tutur|imbuh))\b(?:\s+(?:oleh|pula|juga))?\s+(?=\S)"
)
_OLEH = re.compile(r"\boleh$", re.IGNORECASE)
_BACK_REFERENCE = re.compile(
    r"\s*(?:(?:hal|pernyataan|keterangan|penjelasan|informasi|penegasan|kabar|pengakuan|klaim|temuan|data)"
    r"\s+(?:itu|tersebut|ini)"
    r"|demikian)(?:\s+(?:juga|pun|sebelumnya))?\s*$",
    re.IGNORECASE,
)
_DOCUMENT_SAYS = re.compile(
    r"(?:(?:Pada|Dalam|Di)\s+)?(?P<doc>(?:Pasal|Undang-Undang|UU|Peraturan|Perpres|PP|Permen|Perda|Keputusan"
    r"|Surat|Laporan|Dokumen|Putusan|Dakwaan|Tuntutan|Survei|Hasil|Riset|Studi|Penelitian|Kontrak|Perjanjian"
    r"|Rilis|Situs|Laman)\b[^,.;\n]{0,80}?)\s+(?:juga\s+)?(?P<cue>disebutkan|disebut|dinyatakan|tertulis|diatur"
    r"|dijelaskan|ditegaskan)\s+(?:bahwa\s+)?",
    re.IGNORECASE,
)
_REPORT = re.compile(r"(?:Laporan|Dokumen|Putusan|Dakwaan|Tuntutan|Surat|Rilis)\b", re.IGNORECASE)
_BARE_ARTICLE = re.compile(r"(?:Pasal|ayat|huruf|angka|dan|\d+[a-z]?|[a-z]|\s)+", re.IGNORECASE)
_REGULATION = re.compile(
    r"\b(?:Peraturan|Undang-Undang|UU|Perpres|PP|Permen|Perda|Keputusan|Qanun)\b[^,.;\n]{0,60}?"
    r"\b(?:No\.?|Nomor)\s*\d+\s+Tahun\s+\d{4}"
)
_DESCRIPTION = re.compile(
    rf"\s*(?:{'|'.join(sorted(PERSON_TITLES, key=len, reverse=True))})\b[^,.;\"“”]{{0,100}},",
)
_EDITOR_TAG = re.compile(r"\s*[\(\[][\w/. -]{1,20}[\)\]]\s*$")
_PASSIVE_ADVERBS = re.compile(r"(?:\s+(?:sebelumnya|juga|telah|sudah|pernah))+\s*$", re.IGNORECASE)


@dataclass
class Draft:
    """A claim being read: offsets may still shrink before it becomes an `Attribution`."""

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


class OtherPatterns:
    """Patterns beyond `X mengatakan C` and `"Q," kata X`; needs `text`, `memory`, `previous`, `_resolve`."""

    text: str
    previous: tuple[int, int, bool] | None

    def _menurut(self, start: int, end: int, word: str, s: int, e: int, drafts: list[Draft]) -> None:
        """`Menurut X, C` and `C1, menurut X, C2` are claims; next to another cue, X is the intermediary."""
        text = self.text
        comma = text.find(",", end, e)
        phrase_end = comma if comma != -1 else e
        if drafts:
            target = next((d for d in drafts if d.start > start), drafts[-1])
            if word == "menurut" and target.via is None:
                target.via = clean_via(text[end:phrase_end])
            for d in drafts:
                if d.start < start < d.end:
                    d.end = comma_before(text, d.start, start)
            return
        if word == "menurutnya":
            mention: Mention | None = Mention("pronoun", start, end)
        else:
            mention = _source(text, end, e)
        if mention is None:
            return
        lead = text[s:start]
        after = text.find(",", mention.end, e)
        description = _DESCRIPTION.match(text, after + 1, e) if after != -1 else None
        if description:  # `Menurut Eugenia Oviedo-Joekes, profesor di University of British Columbia, C`
            after = description.end() - 1
        if word == "menurutnya" and content_words(lead) and not _AFTER_COMMA.search(lead):
            self._menurutnya_inside(start, end, s, e, mention, drafts)
            return
        lead_words = WORD.findall(lead)
        if lead_words and lead_words[-1].lower() in CLAUSE_BREAKS and after != -1:
            lead = ""  # `Tevez akan bergabung karena menurut Paolini, kesepakatan akan diraih`
        if after == -1 and content_words(lead) >= 3 and not content_words(without_dates(text[mention.end : e])):
            content = (s, s + len(lead.rstrip().rstrip(",")))  # `C menurut penyelenggara pada Selasa.`
            speaker = self._resolve(mention)
            if speaker is not None:
                drafts.append(Draft(content[0], content[1], "indirect", word, start, end, speaker, mention))
            return
        if after != -1 and text[mention.end : after].strip() and not description:
            return  # `menurut X` is not followed by its comma: part of a longer clause
        if not content_words(without_connectors(lead)):
            if after == -1 and content_words(text[mention.end : e]) >= 3:
                content = (mention.end, strip_tail(text, mention.end, e))  # `Menurutnya tak semua korupsi ...`
            elif after == -1:
                return
            else:
                content = (after + 1, strip_tail(text, after + 1, e))
        elif lead.rstrip().endswith(","):
            if after == -1 and content_words(text[mention.end : e]) >= 3:
                content = (mention.end, strip_tail(text, mention.end, e))  # `..., menurut David kesempatan itu ada`
            elif after != -1 and content_words(text[after + 1 : e]):
                content = (s, strip_tail(text, s, e))  # `Dalam kontrak kerja, menurut Adib, biasanya ...`
            else:
                content = (s, s + len(lead.rstrip()) - 1)  # `C, menurut X.`
        else:
            return
        speaker = self._resolve(mention)
        if speaker is not None and content_words(text[content[0] : content[1]]):
            drafts.append(Draft(content[0], content[1], "indirect", word, start, end, speaker, mention))


    def _menurutnya_inside(self, start: int, end: int, s: int, e: int, mention: Mention, drafts) -> None:
        """`Kebijakan itu menurutnya adalah ...` is a claim; after `karena`, only what follows it."""
        text = self.text
        last_word = WORD.findall(text[s:start])[-1].lower()
        if last_word == "yang":
            return  # a relative clause: `asmaranya, yang menurutnya diawali ...`
        content = (end, strip_tail(text, end, e)) if last_word in CLAUSE_BREAKS else (s, strip_tail(text, s, e))
        speaker = self._resolve(mention)
        if speaker is not None and content_words(text[content[0] : content[1]]) >= 3:
            drafts.append(Draft(content[0], content[1], "indirect", "menurutnya", start, end, speaker, mention))


    def _cue_first(self, s: int, e: int) -> list[Draft]:
        """`Dikatakan Ikhsan, C.` and `Lanjut Gatot, C.`: the cue and speaker open the sentence."""
        m = _CUE_FIRST.match(self.text, s, e)
        if not m:
            return []
        mention = speaker_after(self.text, m.end(), e)
        if mention is None or mention.kind in ("anaphor", "description"):
            return []
        comma = self.text.find(",", mention.end, e)
        if comma == -1 or self.text[mention.end : comma].strip():
            return []
        end = strip_tail(self.text, comma + 1, e)
        speaker = self._resolve(mention)
        if speaker is None or content_words(self.text[comma + 1 : end]) < 3:
            return []
        cue = m.group("cue")
        return [Draft(comma + 1, end, "indirect", cue.lower(), m.start("cue"), m.end("cue"), speaker, mention)]


    def _document_says(self, s: int, e: int) -> list[Draft]:
        """`Pada Pasal 26 disebutkan bahwa C`, `Dalam laporan itu tertulis C`: the document is the speaker.

        A bare article (`Pasal 26 ayat 1`) stands for the regulation the article named last.
        """
        m = _DOCUMENT_SAYS.match(self.text, s, e)
        if not m:
            return []
        document = m.group("doc").strip()
        if not (any(c.isdigit() for c in document) or _REPORT.match(document)):
            return []  # `Keputusan Trump ini disebut demi ...` is not a document speaking
        if _BARE_ARTICLE.fullmatch(document):
            named = [d.group(0) for d in _REGULATION.finditer(self.text, 0, s)]
            if named:
                document = named[-1].strip()
        start, end = m.end(), strip_tail(self.text, m.end(), e)
        if content_words(self.text[start:end]) < 3:
            return []
        speaker = self.memory.resolve(document, person=False)
        mention = Mention("name", m.start("doc"), m.end("doc"), document)
        cue = m.group("cue")
        return [Draft(start, end, "indirect", cue.lower(), m.start("cue"), m.end("cue"), speaker, mention)]

    def _passive_agent(self, s: int, e: int) -> list[Draft]:
        """`Rencana itu disebutkan oleh Menteri X.`: the agent is the speaker.

        `Hal itu disampaikan Menteri X di Jakarta.` points back: the claim is the
        sentence before, when nothing there was attributed yet.
        """
        m = _PASSIVE_AGENT.search(self.text, s, e)
        if not m:
            return []
        mention = speaker_after(self.text, m.end(), e)
        if mention is None or mention.kind != "name":
            return []
        cue = self.text[m.start() : m.end()].strip()
        subject = self.text[s : m.start()]
        if _BACK_REFERENCE.match(subject.rsplit(",", 1)[-1]):
            if self.previous is None or self.previous[2]:
                return []
            content_start, content_end = self.previous[0], strip_tail(self.text, *self.previous[:2])
        else:
            content_start = s
            content_end = s + len(_PASSIVE_ADVERBS.sub("", subject))
            words = WORD.findall(self.text[s:content_end])
            clean_subject = 2 <= len(words) <= 10 and "," not in subject and words[-1].lower() not in CONNECTORS
            if not (_OLEH.search(cue) and clean_subject and is_person(mention)):
                if is_person(mention):  # `... telah lama diutarakan Marchionne.`: a later `ia` is him
                    self._resolve(mention)
                return []
        if not content_words(self.text[content_start:content_end]):
            return []
        speaker = self._resolve(mention)
        return [Draft(content_start, content_end, "indirect", cue, m.start(), m.end(), speaker, mention)]


    def _bare_quote(self, s: int, e: int, quotes) -> list[Draft]:
        """A paragraph that is only a quotation goes on from the latest speaker."""
        if len(quotes) != 1 or self.memory.last_person is None:
            return []
        open_, close = quotes[0][0], quotes[0][1] - 1  # the opening and the closing mark
        e = s + len(_EDITOR_TAG.sub("", self.text[s:e]))  # `"..." (end)`
        if open_ - s > 2 or e - close > 3:
            return []
        inner = self.text[open_ + 1 : close].strip()
        if inner.rstrip(" ,.").endswith("?") or len(inner.split()) < 4:
            return []
        return [Draft(open_ + 1, close, "direct", None, None, None, self.memory.last_person)]

    # -- pieces -------------------------------------------------------------------------------


    def _other_quotes(self, quotes, drafts: list[Draft]) -> list[Draft]:
        """`"Q1," kata X, "Q2."`: a second quotation in the sentence goes with the speaker next to it."""
        more = []
        for open_, end in quotes:
            close = end - 1  # the closing mark
            if any(d.start <= open_ + 1 and close <= d.end + 1 for d in drafts):
                continue
            inner = self.text[open_ + 1 : close].strip()
            if len(inner.split()) < 4 or inner.rstrip(" ,.'\"’”").endswith("?"):
                continue
            before = [d for d in drafts if d.start < open_]
            nearest = before[-1] if before else drafts[0]
            more.append(Draft(open_ + 1, close, "direct", None, None, None, nearest.speaker, nearest.mention))
        return more


def _source(text: str, start: int, end: int) -> Mention | None:
    """The X of `menurut X`: a person, or a document or rumour named by a plain noun."""
    mention = speaker_after(text, start, end)
    if mention is None or mention.kind != "anaphor":
        return mention
    phrase = text[mention.start : mention.end]
    if any(w.lower() in ("ini", "itu", "tersebut") for w in phrase.split()):
        return mention
    return Mention("name", mention.start, mention.end, phrase)
