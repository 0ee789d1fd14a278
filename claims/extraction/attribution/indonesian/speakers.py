"""Read the speaker out of the words around an Indonesian cue.

Indonesian news names a speaker before the cue (`Kepala Polda X Irjen Anton
mengatakan`), after it (`kata Anton di Bandung`), or only by a pronoun or a
description (`ujarnya`, `papar artis bertubuh seksi ini`). These functions
return a `Mention`: a name with its title forms, or a pointer back to someone
named earlier. They never look beyond the span they are given.
"""

from __future__ import annotations

import re

from .lexicon import (
    ADVERBS,
    BLOCKERS,
    BODY_HEADS,
    CLAUSE_BREAKS,
    CONNECTORS,
    DOCUMENT_HEADS,
    GROUP_WORDS,
    LEADING_CUES,
    NOT_SPEAKERS,
    ORG_WORDS,
    PERSON_TITLES,
    PLURAL_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SOURCE_NOUNS,
    TRAILING_CUES,
    WEEKDAYS,
    word_set,
)
from .names import MAX_NAME_WORDS, Mention, Token, name_tail, name_word, person_name, tokens

_VERB_LIKE = re.compile(r"^(?:(?:mem|men|meng|meny|ber|di|ter)[a-z]{4,}|me[rlwy][a-z]{4,})$")
_DEMONSTRATIVES = frozenset({"ini", "itu", "tersebut"})
_ARTICLES = frozenset({"seorang", "sebuah", "salah", "satu"})
_TAIL_STOPS = PREPOSITIONS | WEEKDAYS | word_set(
    """usai seusai saat kemarin sebagaimana seperti dilansir dikutip mengutip melansir ketika yang
    sambil sembari seraya lalu kemudian menambahkan mengatakan dan serta bahwa"""
)
_TIME_TAIL = frozenset(
    {"beberapa", "waktu", "lalu", "silam", "kemarin", "tadi", "pagi", "siang", "sore", "malam", "kali"}
)
_TITLE_JOINERS = frozenset({"sekaligus", "dan", "serta", "merangkap"})
_LOCATIVES = frozenset({"di", "dalam", "pada", "saat", "ketika", "usai", "seusai", "kepada"})
_PURPOSE = frozenset({"untuk", "demi", "guna"})
_COORDINATORS = frozenset({"dan", "serta", "lalu", "kemudian", "tapi", "tetapi"})
_TIME_WORDS = frozenset({"ketika", "saat", "kala", "waktu", "sejak", "hari", "pekan", "tahun", "bulan"})
_TIME_OR_ADVERB = _TIME_WORDS | _TIME_TAIL | ADVERBS
_NAME_JOINERS = frozenset({"dan", "bin", "binti", "van", "von", "de", "da", "al", "el", "la", "of", "&", "-"})
_MAX_SUBJECT_WORDS = 10
_MAX_TOKENS_AFTER = 80


def subject_before(text: str, start: int, cue_start: int) -> Mention | None:
    """Return the speaker written before a cue, or None when the words there are not one."""
    toks = tokens(text, start, cue_start)
    set_off = bool(toks) and toks[-1].text == ","  # `Pria beristrikan Ny Mestafuljana, mengaku`
    while toks:
        low = toks[-1].low
        if low in BLOCKERS:
            return None
        if low in ADVERBS or toks[-1].text.startswith("("):
            toks.pop()
            continue
        break
    if toks and toks[-1].low in PRONOUNS:  # `Pasalnya baru-baru ini ia mengaku`
        return Mention("pronoun", toks[-1].start, toks[-1].end)
    toks = _drop_time_phrase(toks)
    segments = _split(toks, ",")
    while segments and not segments[-1]:
        segments.pop()
    if segments and segments[-1][-1].low in _DEMONSTRATIVES and not _named_before_yang(segments[-1]):
        return _demonstrative_subject(segments)
    # skip what stands between speaker and cue: `Onodera, kepada para wartawan mengatakan`,
    # `Khamfai, yang dilahirkan di Sisaket, mengatakan`, `Rohidin di Bengkulu, Selasa, menyebutkan`
    last = segments[-1] if segments else []
    if len(last) > 2 and last[0].low in _TIME_WORDS and last[1].low in _DEMONSTRATIVES:
        segments[-1] = last[2:]  # `Dalam suratnya, saat itu Novanto mengaku`
    while len(segments) > 1 and (not segments[-1] or _intervening(segments[-1])):
        segments.pop()
    segments = _without_place_and_time(segments)
    if not segments or not segments[-1]:
        return None
    seg = _strip_connectors(segments[-1])
    while seg and seg[0].low in TRAILING_CUES:  # `..., lanjut Sofyan berharap`
        seg = seg[1:]
    if seg and seg[0].low in PREPOSITIONS and len(seg) > 1 and not seg[1].capitalised:
        return None  # `dalam pernyataan, menambahkan`: a phrase, not a subject
    relative = next((k for k, t in enumerate(seg) if t.low == "yang"), None)
    in_relative = range(relative + 1, relative + 4) if relative is not None else range(0)
    blockers = [k for k, t in enumerate(seg) if _breaks_clause(seg, k) and k not in in_relative]
    if blockers:  # `Isu itu marak karena ratusan perempuan`: the subject follows the last clause word
        seg = _strip_connectors(seg[blockers[-1] + 1 :])
    # `Sareh Wiyono yang merupakan mantan hakim membantah`: the clause words belong to the relative clause
    relative = next((k for k, t in enumerate(seg) if t.low == "yang"), None)
    if relative and not any(_verb_like(t) for t in seg[:relative]):
        seg = seg[:relative]  # `Luhut yang hadir dalam acara itu, mengaku`, `Seorang pejabat yang dikutip Reuters`
    seg = _after_coordination(seg)
    if not seg:
        return None
    seg = _cut_at_preposition(seg)
    if len(seg) == 1 and seg[0].low in PRONOUNS:
        return Mention("pronoun", seg[0].start, seg[0].end)
    if len(seg) == 1 and seg[0].low in PLURAL_PRONOUNS:
        return Mention("plural", seg[0].start, seg[0].end)
    if len(seg) == 1 and seg[0].low in GROUP_WORDS:
        return Mention("name", seg[0].start, seg[0].end, seg[0].text)
    if not _plausible_subject(seg):
        return None
    if _verb_like(seg[0]) or any(_verb_like(t) for t in seg[1:]):
        described = set_off and seg[0].low in PERSON_TITLES
        return Mention("anaphor", seg[0].start, seg[-1].end) if described else None
    if len(segments) > 1 and segments[-2]:
        paired = _appositive(text, _strip_connectors(segments[-2]), seg)
        if paired:
            return paired
    return _named(text, seg)


def coordinated_subject(text: str, start: int, cue_start: int) -> Mention | None:
    """The subject of the first verb when the cue is a second, coordinated verb.

    `Pelatih AC Milan Vincenzo Montella menaruh kepercayaan ... dan menyatakan C`:
    the speaker is whoever comes before `menaruh`.
    """
    toks = tokens(text, start, cue_start)
    first_verb = next((t for t in toks if _verb_like(t) and t.low != "yang"), None)
    if first_verb is None or first_verb.start == toks[0].start:
        return None
    if any(t.text == "," for t in toks if first_verb.start < t.start):
        return None  # another clause came in between
    return subject_before(text, start, first_verb.start)


def speaker_after(text: str, start: int, end: int) -> Mention | None:
    """Return the speaker written after a trailing cue (`kata X di ...`), or None.

    A speaker phrase is a few words long, so only the first `_MAX_TOKENS_AFTER` tokens are read.
    """
    toks = tokens(text, start, end, limit=_MAX_TOKENS_AFTER)
    while toks and (toks[0].low in TRAILING_CUES or toks[0].low in SOURCE_NOUNS):  # `kata ujar Yusri`
        toks.pop(0)
    if not toks:
        return None
    if toks[0].low in PRONOUNS:
        return Mention("pronoun", toks[0].start, toks[0].end)
    if toks[0].low in PLURAL_PRONOUNS:
        return Mention("plural", toks[0].start, toks[0].end)
    if toks[0].low in ADVERBS and (len(toks) == 1 or not toks[1].text[0].isalnum()):
        return Mention("pronoun", toks[0].start, toks[0].end)  # `tambah lagi, C`: the speaker is left out
    phrase = []
    for t in toks:
        if t.text in ",;:.!?\"“”":
            break
        phrase.append(t)
    indefinite = bool(phrase) and phrase[0].low in _ARTICLES
    while phrase and phrase[0].low in _ARTICLES:
        phrase.pop(0)
    if not phrase or phrase[0].low in NOT_SPEAKERS or phrase[0].low in _TAIL_STOPS or not phrase[0].text[0].isalnum():
        return None
    np = [phrase[0]]
    for k, t in enumerate(phrase[1:], start=1):
        joins = np[0].capitalised and _continues_name(phrase, k)  # `CEO dan Co-Founder Cashlez Teddy`
        if t.low in _TAIL_STOPS and not t.capitalised and not joins:
            break
        if np[0].capitalised and not joins:
            break  # `kata Hendri menjelaskan alasan ...`: the name ends at a plain word
        np.append(t)
    np = np[: _MAX_SUBJECT_WORDS + 10]
    if np[0].capitalised:
        return _name_after_comma(text, toks, np) or _named(text, np)
    described = any(t.low in _DEMONSTRATIVES for t in phrase) or len(np) < len(phrase) and phrase[len(np)].low == "yang"
    plain_titles = all(t.low in PERSON_TITLES or t.low in _TITLE_JOINERS for t in np if not t.capitalised)
    if indefinite or (not described and (plain_titles or np[0].low not in PERSON_TITLES)):
        # `juru bicara Kementerian Luar Negeri AS`, `seorang warga`, `akun instagram resmi TMC Polda Metro Jaya`
        return _name_after_comma(text, toks, np) or _named(text, np)
    # `pria asal Purworejo`, `artis bertubuh seksi ini`; but `penulis senior The Last Jedi, Rian Johnson`
    return _name_after_comma(text, toks, np) or Mention("anaphor", np[0].start, np[-1].end)


def _name_after_comma(text: str, toks: list[Token], np: list[Token]) -> Mention | None:
    """`kata Kabid Humas Polda Metro Jaya, Kombes Pol Argo Yuwono,`: the name follows the office."""
    if not any(t.low in PERSON_TITLES for t in np):
        return None
    at = toks.index(np[-1]) + 1
    if at >= len(toks) or toks[at].text != ",":
        return None
    name: list[Token] = []
    for t in toks[at + 1 :]:
        if t.text in ",.;:" or not (t.capitalised or t.low in PERSON_TITLES):
            break
        name.append(t)
    ranks = sum(t.low in PERSON_TITLES for t in name)
    if not name or len(name) > MAX_NAME_WORDS + 3 or len(name_tail(name)) != len(name) - ranks:
        return None  # the words after the comma must be a name, perhaps with a rank: `Kombes Pol Argo Yuwono`
    office = text[np[0].start : np[-1].end]
    found = _named(text, name)
    return found._replace(start=np[0].start, aliases=(*found.aliases, office))


def _continues_name(phrase: list[Token], k: int) -> bool:
    t = phrase[k]
    if t.capitalised or t.text.startswith(("(", "‘")) or t.low in PERSON_TITLES:
        return True
    following = phrase[k + 1] if k + 1 < len(phrase) else None
    return t.low in _NAME_JOINERS and following is not None and following.capitalised


def _split(toks: list[Token], sep: str) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for t in toks:
        if t.text == sep:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def _strip_connectors(seg: list[Token]) -> list[Token]:
    i = 0
    while i < len(seg) and (seg[i].low in CONNECTORS or seg[i].low in ADVERBS) and seg[i].low not in PRONOUNS:
        i += 1
    return seg[i:]


def _cut_at_preposition(seg: list[Token]) -> list[Token]:
    """`Bank Dunia dalam sebuah pernyataan` -> `Bank Dunia`; a title running on to a name is kept whole."""
    for k in range(1, len(seg)):
        if seg[k].low in PREPOSITIONS and not seg[k].capitalised:
            if seg[0].low in PERSON_TITLES and name_tail(seg[k + 1 :]):
                return seg  # `Duta Besar RI untuk Arab Saudi Agus Maftuh`
            return seg[:k]
    return seg


_NOT_VERBS = word_set(
    """
    berwenang berwajib bersangkutan bersenjata berkuasa berkepentingan terkait tertentu terkenal terdekat
    terbaru terbesar tertinggi terpilih bertugas diskon diskusi digital dialog distribusi direksi direktorat
    dinamika diplomat diplomasi disiplin dividen divisi diagnosis diameter terminal teror teroris teritori
    teritorial termin berita beras berkas merek mesin metode mental menu medis meter memori mekanisme
    """
)


def _verb_like(t: Token) -> bool:
    return (
        not t.capitalised
        and t.low not in _NOT_VERBS
        and t.low not in PERSON_TITLES
        and t.low not in ORG_WORDS
        and (t.low == "yang" or bool(_VERB_LIKE.match(t.low)))
    )


def _plausible_subject(seg: list[Token]) -> bool:
    longest = _MAX_SUBJECT_WORDS + 6 if name_tail(seg) else _MAX_SUBJECT_WORDS
    if len(seg) > longest or seg[0].low in NOT_SPEAKERS:
        return False
    if seg[-1].low in LEADING_CUES or not seg[0].text[0].isalnum() or not any(c.isalpha() for c in seg[0].text):
        return False
    if seg[0].capitalised or seg[0].low in PERSON_TITLES or seg[0].low in BODY_HEADS:
        return True  # `perseroan mengaku`, `polisi mengatakan`
    return any(t.capitalised for t in seg[1:])  # `kantor media pemerintah Gaza`


def _breaks_clause(seg: list[Token], k: int) -> bool:
    """`karena`, `bahwa`, ... start a new clause; `untuk` does when a verb follows (`untuk membawa`)."""
    t = seg[k]
    if t.capitalised:
        return False
    if t.low in CLAUSE_BREAKS:
        return True
    return t.low in _PURPOSE and k + 1 < len(seg) and _verb_like(seg[k + 1])


def _after_coordination(seg: list[Token]) -> list[Token]:
    """`Ia memiliki ambisi dan Schneiderlin menyebut`: a new subject after `dan` (not `Kelautan dan Perikanan`)."""
    for k in range(len(seg) - 2, 0, -1):
        if seg[k].low in _COORDINATORS and not seg[k].capitalised:
            before, after = seg[:k], seg[k + 1 :]
            if all(t.capitalised for t in after) and any(_verb_like(t) for t in before):
                return after
            return seg
    return seg


def _without_place_and_time(segments: list[list[Token]]) -> list[list[Token]]:
    """`Fanny Riawan, di Stadion Atang Sutresna, Cijantung, menjelaskan`: drop the place, kept apart by commas."""
    for i in range(1, len(segments)):
        if not (segments[i] and segments[i][0].low in _LOCATIVES):
            continue
        before = _strip_connectors(segments[i - 1])
        named_before = bool(before) and before == segments[i - 1] and all(t.capitalised for t in before)
        if named_before and all(_place_like(seg) for seg in segments[i + 1 :]):
            return segments[:i]
    return segments


def _place_like(seg: list[Token]) -> bool:
    return len(seg) <= 4 and all(t.capitalised or t.text[0].isdigit() or t.text.startswith("(") for t in seg)


def _intervening(seg: list[Token]) -> bool:
    """A phrase between speaker and cue: a preposition, a relative clause, or a date."""
    first = seg[0].low
    return first in PREPOSITIONS or first == "yang" or first in WEEKDAYS or (first.isdigit() and len(seg) <= 4)


def _drop_time_phrase(toks: list[Token]) -> list[Token]:
    """`Coombe lewat Twitter ketika itu`, `Israel beberapa waktu lalu`: the time is not part of the speaker."""
    age = len(toks) > 2 and toks[-3].text.isdigit()  # `pebalap 38 tahun tersebut` is an age, not a time
    if len(toks) > 2 and toks[-1].low in _DEMONSTRATIVES and toks[-2].low in _TIME_WORDS and not age:
        return toks[:-2]
    end = len(toks)
    while end > 1 and toks[end - 1].low in _TIME_OR_ADVERB:
        end -= 1
    return toks[:end] if end < len(toks) and toks[end - 1].capitalised else toks


def _named_before_yang(seg: list[Token]) -> bool:
    """`Ponaryo Astaman yang hadir di sesi itu`: the demonstrative belongs to the relative clause."""
    relative = next((k for k, t in enumerate(seg) if t.low == "yang"), None)
    return bool(relative) and all(t.capitalised for t in _strip_connectors(seg[:relative]))


def _demonstrative_subject(segments: list[list[Token]]) -> Mention | None:
    """`Mantan penyanyi cilik ini`, `Artis kelahiran Jakarta, 20 Agustus 1993 ini`: someone named before."""
    phrase = segments[-1]
    for earlier in reversed(segments[:-1][-2:]):
        if _strip_connectors(phrase) and _strip_connectors(phrase)[0].low in PERSON_TITLES:
            break
        phrase = earlier + phrase
    phrase = _strip_connectors(phrase)
    while len(phrase) > 2 and phrase[0].low in _ARTICLES:  # `Salah satu pemain utama film ini`
        phrase = phrase[1:]
    if len(phrase) == 2 and phrase[0].low in DOCUMENT_HEADS:  # `Pernyataan tersebut mengatakan`: the document
        return Mention("name", phrase[0].start, phrase[-1].end, f"{phrase[0].text} {phrase[1].text}")
    if len(phrase) < 2 or phrase[0].low in NOT_SPEAKERS or phrase[0].low in DOCUMENT_HEADS:
        return None
    if phrase[0].low not in PERSON_TITLES:  # `Pengawal mistar tersibuk di Liga 1 itu`: someone, perhaps
        return Mention("description", phrase[0].start, phrase[-1].end)
    return Mention("anaphor", phrase[0].start, phrase[-1].end)


def _appositive(text: str, left: list[Token], right: list[Token]) -> Mention | None:
    """`Duta Besar Rusia untuk PBB, Vassily Nebenzia,` and `Bogdanov, utusan khusus Putin,`."""
    if not left or len(left) > _MAX_SUBJECT_WORDS + 2:
        return None
    left_is_name = len(left) <= MAX_NAME_WORDS and all(name_word(t) for t in left)
    right_is_name = len(right) <= MAX_NAME_WORDS + 3 and all(t.capitalised for t in right) and bool(name_tail(right))
    if left_is_name and not right[0].capitalised:
        name = text[left[0].start : left[-1].end]
        return Mention("name", left[0].start, left[-1].end, name, (text[right[0].start : right[-1].end],))
    if right_is_name and left[0].low in PERSON_TITLES:
        title = text[left[0].start : left[-1].end]
        written = text[right[0].start : right[-1].end]
        name, ranks = person_name(text, right) if right[0].low in PERSON_TITLES else (written, ())
        return Mention("name", right[0].start, right[-1].end, name, (*ranks, f"{title}, {written}", title))
    return None


def _named(text: str, seg: list[Token]) -> Mention:
    while seg and seg[0].low in _ARTICLES:
        seg = seg[1:]
    name, aliases = person_name(text, seg)
    return Mention("name", seg[0].start, seg[-1].end, name, aliases)
