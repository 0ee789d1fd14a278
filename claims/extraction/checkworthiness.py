"""How much a claim is a checkable statement of fact of public interest.

A logistic regression, scored in plain Python, over two kinds of evidence. Cues that carry
across English and Indonesian: numbers, money and percentages, comparisons, causal links, past
events, named entities, public bodies, data sources, harm; against first-person opinion, wishes,
modal and future verbs, greetings, questions, and the shapes of facts nobody checks (match
scores and play, schedules and clock times, product specifications, entertainment). Each cue is
looked up in a per-language word list but lands on the same feature, with a shared weight and a
per-language correction. And per-language weights for words and word pairs. Weights were fitted
on CLEF CheckThat! 2024 English train and labelled Indonesian news sentences, then calibrated per
language on held-out data, so 0.5 is the line between check-worthy and not (as likely as not
under an even prior) for every kind of claim. They live in checkworthiness_model.json beside
this module; bench/checkworthiness.py refits and measures them.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import repeat
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.json")

_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:[-'’][A-Za-z]+)*|\d+(?:[.,:]\d+)*|[?%$€£]")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Word lists per feature and language; a feature fires when any of its words occurs.
_LEXICON: dict[str, dict[str, frozenset[str]]] = {
    "number_word": {
        "en": _words(
            "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
            "hundreds thousand thousands million millions billion billions trillion trillions half third "
            "quarter dozen twice double triple percent"
        ),
        "id": _words(
            "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas puluh belas ratus ratusan "
            "ribu ribuan juta jutaan miliar milyar triliun setengah separuh seperempat persen kali lipat"
        ),
    },
    "money": {
        "en": _words("$ € £ dollar dollars cents budget tax taxes spending debt deficit cost costs"),
        "id": _words("$ rp rupiah dolar anggaran pajak utang biaya dana harga"),
    },
    "percent": {"en": _words("% percent percentage"), "id": _words("% persen persentase")},
    "comparison": {
        "en": _words(
            "more less fewer most least than largest biggest highest lowest smallest increase increased "
            "decrease decreased doubled rose fell grew cut cuts up down record only ever since first"
        ),
        "id": _words(
            "lebih kurang paling terbesar tertinggi terendah terkecil naik turun meningkat menurun "
            "peningkatan penurunan bertambah berkurang hanya sejak dibanding dibandingkan rekor pertama"
        ),
    },
    "causal": {
        "en": _words("because caused cause causes due result resulted led therefore"),
        "id": _words("karena akibat menyebabkan disebabkan sehingga mengakibatkan akibatnya berdampak"),
    },
    "past_event": {
        "en": _words(
            "was were had did voted passed signed said created lost won killed died increased reduced "
            "raised cut spent built opposed supported"
        ),
        "id": _words(
            "telah sudah pernah sempat tewas meninggal ditangkap ditahan menewaskan dilaporkan tercatat "
            "mencapai sebanyak sekitar lalu kemarin terjadi bertemu menggelar digelar mengumumkan diumumkan "
            "menandatangani ditandatangani menyetujui disetujui menolak ditolak menunda ditunda"
        ),
    },
    "has_been": {"en": _words("has have been"), "id": _words("telah sudah")},
    "first_singular": {
        "en": _words("i i'm i've i'd i'll me my mine myself"),
        "id": _words("saya aku ku gue gua"),
    },
    "first_plural": {
        "en": _words("we we're we've we'll we'd us our ours ourselves"),
        "id": _words("kami kita"),
    },
    "second_person": {
        "en": _words("you you're you've your yours"),
        "id": _words("anda kamu kalian"),
    },
    "opinion": {
        "en": _words(
            "think believe feel hope guess suppose wish opinion seems seem fear doubt sure certainly "
            "obviously clearly frankly honestly"
        ),
        "id": _words(
            "kira pikir rasa merasa yakin percaya berharap harap harapan semoga mudah-mudahan moga "
            "menurutku sepertinya tampaknya kayaknya"
        ),
    },
    "modal": {
        "en": _words("will would should must can could might may shall ought gonna need needs"),
        "id": _words("akan harus seharusnya sebaiknya perlu mesti bisa dapat mungkin boleh hendaknya"),
    },
    "intent": {
        "en": _words("want wants going plan plans promise propose proposed intend let let's"),
        "id": _words("ingin mau hendak berencana rencana rencananya janji berjanji mari ayo usul"),
    },
    "evaluative": {
        "en": _words(
            "good great bad terrible wonderful best worst wrong right important proud strong weak "
            "failed failure disaster tremendous"
        ),
        "id": _words("baik bagus buruk hebat penting bangga kuat lemah salah benar sangat gagal"),
    },
    "greeting": {
        "en": _words("thank thanks hello welcome congratulations congratulate please sorry"),
        "id": _words("terima kasih selamat halo tolong mohon maaf assalamualaikum"),
    },
    "question_word": {
        "en": _words("what why how who whom which when where"),
        "id": _words("apa apakah mengapa kenapa bagaimana siapa kapan dimana mana berapa"),
    },
    "negation": {
        "en": _words("not no never n't don't didn't doesn't isn't wasn't"),
        "id": _words("tidak tak bukan belum jangan"),
    },
    # Topics and shapes that carry across the languages: who is accountable (public bodies,
    # courts, laws), where a figure comes from (data, reports, studies), and the kinds of
    # sentence that are facts but not worth checking: match play, schedules, product specs.
    "public_body": {
        "en": _words(
            "government president minister ministry congress senate parliament police court judge law laws "
            "bill act tax taxes federal state agency department officials official military army election "
            "vote voters prosecutor investigation charged arrested"
        ),
        "id": _words(
            "pemerintah presiden menteri kementerian dpr dprd mpr polisi polri polda polres kpk bpk bps "
            "pengadilan hakim jaksa undang-undang uu pasal peraturan perda hukum pajak anggaran apbn apbd "
            "tni gubernur bupati wali pemilu pilkada tersangka terdakwa ditangkap kasus korupsi"
        ),
    },
    "harm": {
        "en": _words(
            "killed died dead death deaths injured wounded victims victim disaster earthquake flood floods fire "
            "attack attacks shooting bomb crash disease cancer virus outbreak"
        ),
        "id": _words(
            "tewas meninggal korban luka gempa banjir longsor kebakaran serangan penembakan bom bencana "
            "kecelakaan penyakit kanker virus wabah"
        ),
    },
    "entertainment": {
        "en": _words("film movie album song songs singer actress actor concert fans instagram celebrity star"),
        "id": _words(
            "film album lagu penyanyi aktris aktor konser penggemar netizen instagram selebriti artis pelantun musisi"
        ),
    },
    "data_source": {
        "en": _words("data report reports survey study studies research statistics census according figures"),
        "id": _words("data laporan survei studi penelitian riset statistik sensus mencatat tercatat menurut"),
    },
    "sport": {
        "en": _words(
            "goal goals score scored match game games season league cup final team coach striker midfielder "
            "defender referee penalty minute minutes half-time halftime points champions tournament"
        ),
        "id": _words(
            "gol skor laga pertandingan babak musim liga piala final klasemen pelatih striker gelandang "
            "bek kiper wasit penalti menit poin juara turnamen tanding bertanding unggul imbang set"
        ),
    },
    "schedule": {
        "en": _words("scheduled schedule tomorrow tonight upcoming next later soon"),
        "id": _words("dijadwalkan jadwal dijadwal besok mendatang nanti rencananya digelar berlangsung pukul"),
    },
    "product": {
        "en": _words("app apps feature features smartphone device camera battery users download version"),
        "id": _words(
            "aplikasi fitur smartphone ponsel perangkat kamera baterai pengguna unduh versi megapixel prosesor layar"
        ),
    },
}
_BOTH = {name: by_lang["en"] | by_lang["id"] for name, by_lang in _LEXICON.items()}
_FOR_LANG = {lang: {name: by_lang[lang] for name, by_lang in _LEXICON.items()} for lang in ("en", "id")}


def _cues_by_word(lexicon: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Word -> the names of the word-list cues it fires, to look each word of a claim up once."""
    by_word: dict[str, set[str]] = {}
    for name, vocabulary in lexicon.items():
        for word in vocabulary:
            by_word.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in by_word.items()}


_CUES_BY_WORD = {lang: _cues_by_word(lexicon) for lang, lexicon in _FOR_LANG.items()}
_CUES_BY_WORD_BOTH = _cues_by_word(_BOTH)
_FIRST_SINGULAR_ANY = _BOTH["first_singular"]


# A match score or result line (`11 - 7`, `0-2`, `21 - 13, 21 - 16`) and a time of day
# (`pukul 19.00 WIB`, `08.40 - 09.00`, `7:30 p.m.`): shapes of play-by-play and schedules.
_MATCH_SCORE = re.compile(
    r"(?<![\d.,/])\d{1,2} ?[-–] ?\d{1,2}(?![\d/]|[.,]\d| ?(?:tahun|juta|ribu|persen|%|years?|million|percent))"
)
_MATCH_SCORE_HINT = re.compile(r"\d ?[-–] ?\d")  # a cheap first look; most sentences have no such pair
_CLOCK_WORD = re.compile(r"\b(?:pukul|jam) \d")
_CLOCK_ZONE = re.compile(r"\d[.:]\d\d ?(?:wib|wita|wit|waktu setempat|a\.?m\b|p\.?m\b)")  # on lower case


def score(content: str, *, lang: str) -> float:
    """Return 0..1: the calibrated probability that the content is a check-worthy claim.

    0.5 is the line between check-worthy and not, for every kind of claim (quoted,
    reported or the outlet's own) and both languages.
    """
    return _score(content, lang)


@lru_cache(maxsize=2048)  # the outlet's own sentences are scored when found and again as claims
def _score(content: str, lang: str) -> float:
    model = _model()
    low, high = model["clip"]
    calibration = model["calibration"].get(lang, model["calibration"]["other"])
    return min(max(_calibrated(linear_score(content, lang=lang), calibration), low), high)


def linear_score(content: str, *, lang: str) -> float:
    """The model's raw linear score of the content, before calibration."""
    model = _model()
    tokens = _TOKEN.findall(content)
    lowered = [t.lower().replace("’", "'") for t in tokens]
    raw = model["bias"]
    cues = _cue_weights(lang)
    for name, value in _features(content, tokens, lowered, lang).items():
        raw += cues.get(name, 0.0) * value
    vocabularies = model["words"]
    terms = None
    for prefix in _WORD_PREFIXES.get(lang, ("en", "id")):
        vocabulary = vocabularies.get(prefix)
        if vocabulary:
            terms = terms or _word_terms(tokens, lowered)
            raw += sum(map(vocabulary.get, terms, repeat(0.0)))
    return raw


def _calibrated(raw: float, calibration) -> float:
    """The probability of a raw linear score: a sigmoid `[a, b]` (Platt), or a monotone
    piecewise-linear curve `{"x": [...], "y": [...]}` (isotonic, interpolated between its blocks)."""
    if isinstance(calibration, dict):
        xs, ys = calibration["x"], calibration["y"]
        i = bisect_right(xs, raw)
        if i == 0:
            return ys[0]
        if i == len(xs):
            return ys[-1]
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    a, b = calibration
    z = a * raw + b
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


_WORD_PREFIXES = {"en": ("en",), "id": ("id",)}


def word_terms(content: str) -> set[str]:
    """Lower-cased words and word pairs, figures reduced to `0`, for the per-language weights."""
    tokens = _TOKEN.findall(content)
    return _word_terms(tokens, [t.lower().replace("’", "'") for t in tokens])


def _word_terms(tokens: list[str], lowered: list[str]) -> set[str]:
    words = ["0" if t[0].isdigit() else low for t, low in zip(tokens, lowered, strict=True)]
    terms = set(words)
    terms.update([f"{x} {y}" for x, y in zip(words, words[1:], strict=False)])
    return terms


def features(content: str, *, lang: str) -> dict[str, float]:
    """Name -> value for the cues above; shared by both languages and by bench/checkworthiness.py."""
    tokens = _TOKEN.findall(content)
    return _features(content, tokens, [t.lower().replace("’", "'") for t in tokens], lang)


def _features(content: str, tokens: list[str], lowered: list[str], lang: str) -> dict[str, float]:
    words = set(lowered)
    n = len(tokens)
    found: dict[str, float] = {"log_length": math.log1p(n)}
    if n <= 5:
        found["short"] = 1.0
    elif n <= 12:
        found["length_6_12"] = 1.0
    elif n > 40:
        found["length_over_40"] = 1.0
    lexicon = _FOR_LANG.get(lang, _BOTH)
    by_word = _CUES_BY_WORD.get(lang, _CUES_BY_WORD_BOTH)
    fired: set[str] = set()
    for word in words:  # each word looked up once; the cues are added in the lexicon's order
        names = by_word.get(word)
        if names is not None:
            fired |= names
    if fired:
        for name in lexicon:
            if name in fired:
                found[name] = 1.0
    digits = [t for t in tokens if t[0].isdigit()]
    if digits:
        found["digits"] = 1.0
        if len(digits) >= 2:
            found["many_numbers"] = 1.0
        if any(_YEAR.match(t) for t in digits):
            found["year"] = 1.0
    if "?" in content:
        found["question_mark"] = 1.0
    if lowered and lowered[0] in lexicon["question_word"]:
        found["starts_with_question_word"] = 1.0
    capitalised = 0
    for t in tokens[1:]:
        if t[0].isupper() and t.lower() not in _FIRST_SINGULAR_ANY:
            capitalised += 1
    if capitalised:
        found["named_entities"] = min(capitalised, 4) / 4
        if n and capitalised / n > 0.5:
            found["mostly_names"] = 1.0
    if lang != "id":
        for low in lowered:
            if len(low) > 4 and low.endswith("ed"):
                found["past_tense_ed"] = 1.0
                break
    if digits:  # both shapes hold figures
        if _MATCH_SCORE_HINT.search(content) and _MATCH_SCORE.search(content):
            found["match_score"] = 1.0
        low = content.lower()
        if ("pukul " in low or "jam " in low) and _CLOCK_WORD.search(low) or _CLOCK_ZONE.search(low):
            found["clock_time"] = 1.0
    if '"' in content or "“" in content or "”" in content:
        found["inner_quote"] = 1.0
    return found


@lru_cache(maxsize=8)
def _cue_weights(lang: str) -> dict[str, float]:
    """The shared weight of each cue plus this language's correction to it."""
    model = _model()
    own = model["shared_by_lang"].get(lang, {})
    return {name: model["shared"].get(name, 0.0) + own.get(name, 0.0) for name in model["shared"].keys() | own.keys()}


@lru_cache(maxsize=1)
def _model() -> dict:
    """Load the shipped weights once; a missing file gives a neutral 0.5 for every claim."""
    if not MODEL_PATH.exists():
        neutral = {"other": [1.0, 0.0]}
        return {"bias": 0.0, "shared": {}, "shared_by_lang": {}, "words": {}, "calibration": neutral, "clip": [0, 1]}
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))
