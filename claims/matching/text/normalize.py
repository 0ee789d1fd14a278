"""Turn a claim's text into a normalised key for near-duplicate matching.

The key keeps what says *what* is claimed and drops how it is worded: case,
punctuation, quotation marks, stop words, affixes (Indonesian ``menunda`` /
``penundaan`` / ``ditunda`` -> ``tunda``; English ``delayed`` / ``delays`` ->
``delai``), and the grammatical person that separates a direct quote from
reported speech (``kami`` / ``mereka``, ``we`` / ``they`` -> one token).
Numbers and dates are parsed out into a set of canonical values, so that
``10 persen``, ``10%`` and ``sepuluh persen`` agree and ``10`` and ``15`` do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.calendar import MONTHS

from .numbers import parse_numbers
from .stemming import root_words, stem_en, stem_id

PRONOUN = "_pro"
NEGATIONS = frozenset(
    {"tidak", "tak", "bukan", "belum", "jangan", "enggak", "nggak", "gak", "tdk", "not", "no", "never", "nor"}
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ID_STOPWORDS = _words(
    """
    yang dan di ke dari ini itu dengan untuk pada akan adalah dalam juga sudah telah oleh bahwa bahwasanya
    atau karena agar supaya sebagai para pun lah kah nya tersebut saat ketika kemudian lalu serta namun tetapi
    tapi jika kalau maka bagi hal ada lebih masih hanya sangat bisa dapat harus sedang pernah tentu memang
    begitu seperti yakni yaitu sehingga hingga sampai antara secara setelah sebelum sejak selama tanpa tentang
    terhadap melalui menurut sendiri lagi mau ingin ya kan dong sih lho nah pula pula apa siapa mana bagaimana
    nantinya sebenarnya sesungguhnya benar-benar
    kata ujar tutur ucap imbuh tambah jelas ungkap sebut tegas tekan lanjut terang
    mengatakan menyebutkan mengungkapkan menjelaskan menegaskan menekankan menambahkan ujarnya katanya tuturnya
    ucapnya imbuhnya tambahnya jelasnya kata-nya si sang bapak ibu pak bu the
    """
)
_EN_STOPWORDS = _words(
    """
    a an the and or but if then so of to in on at by for with from into onto about as than that this these those
    is are was were be been being am do does did done have has had having will would shall should can could may
    might must it its it's there here which who whom whose what when where why how all any both each also just
    very too only even still already really indeed quite actually certainly such own same other more most some
    again further once
    up down out over under off said says say told tell according stated added claimed noted
    mr mrs ms dr ll ve re
    """
)
_PRONOUNS = {
    "id": _words("saya aku kami kita dia ia beliau mereka anda kamu kalian engkau daku dirinya"),
    "en": _words(
        "i me my mine myself we us our ours ourselves he him his himself she her hers herself "
        "they them their theirs themselves you your yours"
    ),
}

_NAME_STOPWORDS = _ID_STOPWORDS | _EN_STOPWORDS | _PRONOUNS["id"] | _PRONOUNS["en"] | frozenset(MONTHS)
# Names that translation changes, each word to one spelling: "Amerika Serikat" / "United States" / "AS" -> "us".
_NAME_ALIASES = {
    **dict.fromkeys(("inggris", "britain", "british", "uk"), "britain"),
    **dict.fromkeys(("eropa", "europe", "european"), "europe"),
    **dict.fromkeys(("uni", "ue", "eu"), "eu"),
    **dict.fromkeys(("amerika", "america", "american", "americans"), "america"),
    **dict.fromkeys(("serikat", "as", "us", "united", "states"), "us"),
    **dict.fromkeys(("tiongkok", "cina", "china", "chinese"), "china"),
    **dict.fromkeys(("jepang", "japan", "japanese"), "japan"),
    **dict.fromkeys(("jerman", "germany", "german"), "germany"),
    **dict.fromkeys(("prancis", "perancis", "france", "french"), "france"),
    **dict.fromkeys(("belanda", "netherlands", "dutch"), "netherlands"),
    **dict.fromkeys(("suriah", "syria", "syrian", "syrians"), "syria"),
    **dict.fromkeys(("irak", "iraq", "iraqi"), "iraq"),
    **dict.fromkeys(("meksiko", "mexico", "mexican", "mexicans"), "mexico"),
    **dict.fromkeys(("filipina", "philippines", "filipino", "filipinos"), "philippines"),
    **dict.fromkeys(("palestina", "palestine", "palestinian", "palestinians"), "palestine"),
    **dict.fromkeys(("pbb", "un", "perserikatan", "nations"), "un"),
    **dict.fromkeys(("dewan", "council"), "council"),
    **dict.fromkeys(("keamanan", "security"), "security"),
    **dict.fromkeys(("dpr", "house"), "house"),
    **dict.fromkeys(("senin", "monday"), "monday"),
    **dict.fromkeys(("selasa", "tuesday"), "tuesday"),
    **dict.fromkeys(("rabu", "wednesday"), "wednesday"),
    **dict.fromkeys(("kamis", "thursday"), "thursday"),
    **dict.fromkeys(("jumat", "friday"), "friday"),
    **dict.fromkeys(("sabtu", "saturday"), "saturday"),
    **dict.fromkeys(("minggu", "sunday"), "sunday"),
}
# The one spelling each alias comes to: places, institutions and weekdays rather than people.
ALIASED = frozenset(_NAME_ALIASES.values())
# Country names the root dictionary holds as words ("indonesia"), so an opening one still counts as a name.
COUNTRIES = _words("indonesia malaysia singapura singapore thailand australia india iran korea")
# A weekday is when, not who: "as of Friday" on one side only is no other name.
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")


_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[^\W\d_]+(?:-[^\W\d_]+)*|%")
_NOT = re.compile(r"n['’]t\b")
_SLASH_DATE = re.compile(r"(?<![0-9/])([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}|[0-9]{2}))?(?![0-9/])")
_QUOTES = str.maketrans(dict.fromkeys("\"'“”‘’«»„‟`´", " "))


@dataclass(frozen=True)
class MatchKey:
    """A claim reduced to what matching compares.

    ``tokens`` are the stemmed content words in text order (pronouns as ``_pro``),
    ``numbers`` the canonical numeric values and dates (``"10"``, ``"1500000"``,
    ``"1.5"``, ``"03-27"``), ``negated`` the first content word after each
    ``tidak`` / ``not``.
    """

    lang: str
    tokens: tuple[str, ...]
    numbers: frozenset[str]
    number_list: tuple[str, ...]  # sorted, with repeats: "9 of 10 ... 10" differs from "10 of 10 ... 10"
    token_set: frozenset[str]
    trigrams: frozenset[str]
    negated: frozenset[str]  # the words a negation applies to: "tidak akan menunda" -> {"tunda"}
    names: frozenset[str] = frozenset()  # capitalised words inside a sentence, lower-cased: "rusia", "ahok"
    capitalised: frozenset[str] = frozenset()  # the names and any capitalised first word of a sentence
    given_names: frozenset[tuple[str, str]] = frozenset()  # ("donald", "trump"): a name before the name it goes with
    name_order: tuple[tuple[str, int], ...] = ()  # each name where the text first gives it: ("clinton", 0)

    @property
    def empty(self) -> bool:
        """True when nothing but stop words, pronouns or negations is left: such keys match nothing."""
        return not self.numbers and not self.trigrams


def match_key(text: str, lang: str) -> MatchKey:
    """Normalise a claim's text for comparison; never raises on odd input."""
    lang = "en" if (lang or "").lower().startswith("en") else "id"
    names, capitalised, name_order = _names(text or "", lang)
    given_names = _given_names(text or "", names)
    text = _NOT.sub(" not", (text or "").lower()).translate(_QUOTES)
    numbers: list[str] = []

    def slash_date(match: re.Match) -> str:
        day, month, year = int(match[1]), int(match[2]), match[3]
        if 1 <= day <= 31 and 1 <= month <= 12:
            numbers.append(f"{month:02d}-{day:02d}")
            if year:
                numbers.append(str(int(year) + (2000 if len(year) == 2 else 0)))
            return " "
        return match[0]

    text = _SLASH_DATE.sub(slash_date, text)
    raw = _TOKEN.findall(text)
    words = parse_numbers(raw, lang, numbers)
    stem = stem_id if lang == "id" else stem_en
    stopwords = _ID_STOPWORDS if lang == "id" else _EN_STOPWORDS
    pronouns = _PRONOUNS[lang]
    tokens: list[str] = []
    negated: set[str] = set()
    after_negation = False
    for word in words:
        if word in pronouns:
            tokens.append(PRONOUN)
            continue
        if word in NEGATIONS:
            after_negation = True
            tokens.append("_not")
            continue
        if word in stopwords or len(word) < 2:
            continue
        stemmed = stem(word)
        if stemmed and stemmed not in stopwords:
            tokens.append(stemmed)
            if after_negation:
                negated.add(stemmed)
                after_negation = False
    content = [t for t in tokens if not t.startswith("_")]
    return MatchKey(
        lang=lang,
        tokens=tuple(tokens),
        numbers=frozenset(numbers),
        number_list=tuple(sorted(numbers)),
        token_set=frozenset(tokens),
        trigrams=trigrams(" ".join(content)),
        negated=frozenset(negated),
        names=names,
        capitalised=capitalised,
        given_names=given_names,
        name_order=name_order,
    )


_NAME = re.compile(r"(?P<before>^|[.!?:;\"“”‘(]\s*|\s)(?P<word>[A-Z][^\W_]*(?:-[^\W\d_]+)*)")
_POSSESSIVE = re.compile(r"['’]s$")
# Common words that open a sentence capitalised without being names; a name opens one as often ("Moskow akan").
_OPENERS = {
    "id": _words(
        """
        sebanyak sedikitnya sejumlah banyak beberapa semua seluruh setiap tiap satu dua tiga empat lima para
        jadi kalau namun sementara sebab selanjutnya meskipun walaupun seiring terkadang kadang nantinya
        rencananya tercatat dinilai kurangnya pihaknya alhamdulillah bagi untuk oleh dalam serta dengan
        orang warga pemerintah polisi petugas pejabat perempuan pria wanita anak kebanyakan sebagian
        """
    ),
    "en": _words(
        """
        one two three four five six seven eight nine ten fifteen twenty fifty hundred thousand million
        many few several most some every each no not only another neither either none nobody everyone everybody
        everything somebody someone
        since because though although while whether thanks sometimes often now today yesterday tomorrow
        people women men children police officials residents voters workers soldiers investigators analysts
        local global foreign national recent former new old big small sure way life god
        """
    ),
}
_ENGLISH_INFLECTIONS = ("ed", "ly", "tion", "ment", "ness")


def _opens_with_name(word: str, lowered: str, lang: str) -> bool:
    """A capitalised first word is a name unless it is a common word of its language.

    Indonesian: not in Sastrawi's root dictionary, itself or stemmed; English: not a common
    opener and not inflected like a verb or an adverb ("Pursuing", "Recently"; "Beijing" is a name).
    """
    if word.isupper() or lowered in _NAME_ALIASES or lowered in COUNTRIES:
        return True
    if lowered in _OPENERS[lang]:
        return False
    if lang == "id":
        roots = root_words()
        return not roots or (lowered not in roots and stem_id(lowered) not in roots)
    return not lowered.endswith(_ENGLISH_INFLECTIONS) and not (lowered.endswith("ing") and len(lowered) >= 8)


def _names(text: str, lang: str = "id") -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, int], ...]]:
    """Capitalised words that are names (names survive translation), those and any capitalised first words, and
    the names in text order with the number of words before each (a clause break counting `CLAUSE_GAP`).

    A sentence's first word counts as a name when it is not a common word (`_opens_with_name`);
    a weekday never does.
    """
    names, first, order = set(), set(), {}
    text = _DOTTED.sub(lambda m: "".join(filter(None, m.groups())), text)
    for match in _NAME.finditer(text):
        before = text[: match.start("word")]
        position = len(before.split()) + CLAUSE_GAP * len(_CLAUSE_BREAK.findall(before))
        initial = match.start() == 0 or bool(match["before"].strip())
        for n, word in enumerate(_POSSESSIVE.sub("", match["word"]).split("-")):  # "JKN-KIS" is "JKN - KIS"
            lowered = word.lower()
            if lowered in _NAME_ALIASES and (word.isupper() or lowered not in _NAME_STOPWORDS):
                lowered = _NAME_ALIASES[lowered]
            elif len(lowered) < 2 or lowered in _NAME_STOPWORDS:
                continue
            opener = initial and n == 0
            is_name = lowered not in _WEEKDAYS and (not opener or _opens_with_name(word, word.lower(), lang))
            (names if is_name else first).add(lowered)
            if is_name:
                order.setdefault(lowered, position)
    return frozenset(names), frozenset(names | first), tuple(order.items())


_CLAUSE_BREAK = re.compile(r"[:;.!?](?:\s|$)")
CLAUSE_GAP = 10  # a clause break counts as this many words between two names

_NAME_RUN = re.compile(r"\b[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)+\b")
# Words that make another place of a name ("North Jakarta" is not "Jakarta"), so never a given name.
_PLACE_MODIFIERS = _words("north south east west northern southern eastern western new utara selatan timur barat baru")


def _given_names(text: str, names: frozenset[str]) -> frozenset[tuple[str, str]]:
    """Each name word of a two- or three-word name with the name's last word: "Hillary Clinton" -> (hillary, clinton).

    A claim naming "Donald Trump" and one naming "Trump" name the same person.
    """
    pairs = set()
    for run in _NAME_RUN.findall(text):
        words = [_NAME_ALIASES.get(w, w) for w in run.lower().split()]
        if len(words) <= 3 and all(w in names for w in words):
            pairs.update((w, words[-1]) for w in words[:-1] if w not in _PLACE_MODIFIERS)
    return frozenset(pairs)


def trigrams(text: str) -> frozenset[str]:
    """Return the character trigrams of ``text`` the way PostgreSQL's pg_trgm makes them.

    Each word is padded with two spaces before and one after, as pg_trgm pads it.
    """
    grams: set[str] = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


FINGERPRINT_WORDS = 5


def fingerprint(key: MatchKey) -> str:
    """The claim's longest distinct stems and its numbers: a short text for a full-text index.

    A claim's longest content words are what a repeat keeps, and any two of them are
    rare together, so they find the repeat among a million claims in milliseconds.
    """
    words = sorted({t for t in key.tokens if not t.startswith("_")}, key=lambda w: (-len(w), w))[:FINGERPRINT_WORDS]
    return " ".join(sorted(words) + sorted(key.numbers))
