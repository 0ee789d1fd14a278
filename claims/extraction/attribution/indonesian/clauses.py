"""Where an Indonesian claim's words start and end, and who relayed it.

The clause after a cue (after `bahwa`, past `kepada kantor berita X`), the
tail that is not part of it (`, Senin (4/2)`, `menurut X`), and the
intermediary named in `dilansir Reuters` or `kepada kantor berita Novosti`.
"""

from __future__ import annotations

import re

from ...calendar import WEEKDAYS_ID, alternation
from .lexicon import CONNECTORS, LEADING_CUES, OUTLET_WORDS

_WEEKDAY = alternation(WEEKDAYS_ID, capitalize=True)
WORD = re.compile(r"[^\W\d_][\w-]*")
_BAHWA = re.compile(r"\bbahwa(?:sanya)?\b", re.IGNORECASE)
_SECOND_BAHWA = re.compile(r"[,;]\s*(?:dan|serta)\s+bahwa\b", re.IGNORECASE)
_CONTENT_SKIP = re.compile(r"(?:\s|,|:|\b(?:kembali|pula|juga|lagi|agar|supaya|bahwa|kalau)\b)+", re.IGNORECASE)
_INTRO_PREPOSITION = re.compile(r"(?:kepada|dalam|di|saat|ketika|usai|seusai|melalui|pada|lewat)\b", re.IGNORECASE)
_VIA = re.compile(
    r"(?:(?:sebagaimana|seperti|sesuai|yang)\s+)?(?:dilansir|dikutip|mengutip|melansir|diberitakan|dilaporkan)"
    r"(?:\s+(?:dari|oleh))?\s+(?P<via>[^,.;\n]+)|\bmenurut\s+(?P<via2>[^,.;\n]+)",
    re.IGNORECASE,
)
TRAILING_VIA = re.compile(
    r"(?:,\s*|\s+)(?:(?:sebagaimana|seperti|yang)\s+)?(?:dilansir|dikutip|menurut)\b"
    r"|(?:,\s*|\s+)(?:(?:sebagaimana|seperti|yang)\s+)?(?:dilaporkan|diberitakan)\s+(?:oleh\s+)?(?=[A-Z])"
    r"|,\s*(?:sebagaimana|seperti)\b",
)
_DATE_TAIL = re.compile(
    r",\s*(?:(?:pada\s+)?(?:" + _WEEKDAY + r")\b[^,]*|kemarin|hari ini)\s*[.]?\s*$"
)
_EDITOR_TAIL = re.compile(r"[.\s]*[\(\[][a-z]{2,6}(?:/[a-z]{2,6})*[\)\]]\s*$")
_VIA_STOP = re.compile(r"\s*(?:,|\b(?:" + _WEEKDAY + r"|pada|yang)\b).*$", re.DOTALL)
_MAX_VIA_WORDS = 8
_PUNCT_EDGE = " \t\n,;:.-–—"


_DATE_WORDS = re.compile(
    r"(?:\s*(?:pada|hari|" + _WEEKDAY + r"|kemarin|lalu|malam|pagi|siang|sore|ini"
    r"|\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b)+"
)
_CLAUSE_OPENS_AFTER_DATE = re.compile(r"\s*(?:,|jika\b|bahwa\b|kalau\b)", re.IGNORECASE)
_REQUEST_CLAUSE = re.compile(r"(?:\s+[^\s,.;]+){1,6}?\s+(?:agar|supaya|untuk)\s", re.IGNORECASE)
_CLAUSE_OPENS = re.compile(
    r"\s*(?:[,:\"“]|(?:agar|supaya|bahwa|kalau|pihaknya|dirinya|ia|dia|mereka|kami|tidak ada|tak ada)\b)",
    re.IGNORECASE,
)


def introduces_clause(text: str, cue_end: int, end: int, request: bool = False) -> bool:
    """Whether a clause follows the cue: `, C`, `: "Q"`, `agar C`, or `bahwa` within a few words.

    For a request (`meminta TNI untuk segera ...`) `agar`, `supaya` or `untuk` after the addressee will do.
    """
    if _CLAUSE_OPENS.match(text, cue_end, end):
        return True
    if request and _REQUEST_CLAUSE.match(text, cue_end, end):
        return True
    dated = _DATE_WORDS.match(text, cue_end, end)  # `PBB melaporkan Jumat kemarin jika ...`
    if dated and _CLAUSE_OPENS_AFTER_DATE.match(text, dated.end(), end):
        return True
    bahwa = _BAHWA.search(text, cue_end, min(end, cue_end + 80))
    return bool(bahwa) and "." not in text[cue_end : bahwa.start()]


def _whole_quote(text: str, quote: tuple[int, int], end: int) -> bool:
    """`X mengatakan, "Q."` quotes the claim; `memperingatkan "serangan pertama" itu telah siap` only a phrase."""
    after = text[quote[1] : end].lstrip()
    return not after or after[0] in ",.;:!?" or len(text[quote[0] + 1 : quote[1] - 1].split()) >= 6


def trim_span(text: str, start: int, end: int, chars: str = _PUNCT_EDGE) -> tuple[int, int]:
    """Shrink [start, end) past leading and trailing spaces and punctuation in `chars`."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def without_dates(fragment: str) -> str:
    """The words of a fragment that are not a day or time (`pada Selasa (4/2) lalu`)."""
    return _DATE_WORDS.sub(" ", fragment)


def content_after(text: str, cue_end: int, e: int, quotes) -> list[tuple[int, int, str, str | None]]:
    """The clause a leading cue introduces: after `bahwa` when present, or the quote that follows."""
    i = cue_end
    while i < e and text[i] in " ,:":
        i += 1
    quote = next(((o, c) for o, c in quotes if o == i), None)
    if quote and _whole_quote(text, quote, e):
        return [(quote[0] + 1, quote[1] - 1, "direct", find_via(text, quote[1], e))]
    via = None
    start = None
    bahwa = _BAHWA.search(text, cue_end, e)
    if bahwa and not any(o < bahwa.start() < c for o, c in quotes):
        between = text[cue_end : bahwa.start()]
        another_cue = any(w.lower() in LEADING_CUES for w in WORD.findall(between))
        if len(between.split()) <= 8 and "." not in between and not another_cue:
            start = bahwa.end()
            via = outlet(between)
    if start is None:
        skip = _CONTENT_SKIP.match(text, cue_end, e)
        start = skip.end() if skip else cue_end
        dated = _DATE_WORDS.match(text, start, e)
        opener = dated and _CLAUSE_OPENS_AFTER_DATE.match(text, dated.end(), e)
        if opener:  # `melaporkan Jumat kemarin jika C`
            start = opener.end()
        if _INTRO_PREPOSITION.match(text, start, e):
            comma = text.find(",", start, e)
            if comma != -1 and len(text[start:comma].split()) <= 8:
                via = outlet(text[start:comma])
                start = comma + 1
                opening = start + len(text[start:e]) - len(text[start:e].lstrip())
                quote = next(((o, c) for o, c in quotes if o == opening), None)
                if quote and _whole_quote(text, quote, e):  # `menyatakan kepada majelis hakim, "Kita banding."`
                    return [(quote[0] + 1, quote[1] - 1, "direct", via)]
    end = strip_tail(text, start, e)
    trailing = TRAILING_VIA.search(text, start, end)
    if trailing:
        via = via or find_via(text, trailing.start(), e)
        end = trailing.start()
    parts = []
    for piece_start, piece_end in split_second_bahwa(text, start, end):
        if content_words(text[piece_start:piece_end]):
            parts.append((piece_start, piece_end, "indirect", via))
    return parts


def comma_before(text: str, start: int, at: int) -> int:
    comma = text.rfind(",", start, at)
    return comma if comma != -1 else at


def content_words(fragment: str) -> int:
    return len(WORD.findall(fragment))


def is_date_word(word: str) -> bool:
    word = word.lower()
    return word in WEEKDAYS_ID or word == "kemarin"


def strip_tail(text: str, start: int, end: int) -> int:
    """Drop a trailing `, Senin (4/2)` or `, kemarin` and end punctuation from a content span."""
    tag = _EDITOR_TAIL.search(text, start, end)
    if tag:  # `... Newell 's Old Boys. (ptr)`
        end = tag.start()
    m = _DATE_TAIL.search(text, start, end)
    if m:
        end = m.start()
    _a, b = trim_span(text, start, end)
    return b


def split_second_bahwa(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`A, dan bahwa B` holds two claims."""
    pieces = []
    for m in _SECOND_BAHWA.finditer(text, start, end):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, end))
    return pieces


def find_via(text: str, start: int, end: int) -> str | None:
    m = _VIA.search(text, start, end)
    return clean_via(m.group("via") or m.group("via2") or "") if m else None


def clean_via(phrase: str) -> str | None:
    via = _VIA_STOP.sub("", phrase).strip()
    if not via or not via[0].isalnum() or len(via.split()) > _MAX_VIA_WORDS:
        return None
    return via


def without_connectors(fragment: str) -> str:
    return " ".join(w for w in WORD.findall(fragment) if w.lower() not in CONNECTORS)


def outlet(phrase: str) -> str | None:
    """`kepada kantor berita Novosti` -> `kantor berita Novosti`; `kepada wartawan` -> None."""
    words = phrase.strip(" ,").split()
    if len(words) < 2 or words[0].lower() not in {"kepada", "dalam", "melalui", "lewat"}:
        return None
    if not any(w.lower().strip("(),") in OUTLET_WORDS for w in words[1:]):
        return None
    return " ".join(words[1:])

