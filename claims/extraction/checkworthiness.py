"""How much a claim is a checkable statement of fact.

A small logistic regression over cues that carry across English and Indonesian:
numbers, money and percentages, comparisons, causal links, past events, named
entities; against first-person opinion, wishes, modal and future verbs, greetings
and questions. Each cue is looked up in a per-language word list but lands on the
same feature, so weights fitted on English (CLEF CheckThat! 2024) also score
Indonesian. The weights live in checkworthiness_model.json beside this module
(bench/checkworthiness.py refits them); scoring is plain Python.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
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
}
_BOTH = {name: by_lang["en"] | by_lang["id"] for name, by_lang in _LEXICON.items()}
_FOR_LANG = {lang: {name: by_lang[lang] for name, by_lang in _LEXICON.items()} for lang in ("en", "id")}


def score(content: str, *, lang: str) -> float:
    """Return 0..1: the probability-like check-worthiness of a claim's content."""
    model = _model()
    total = model["bias"]
    weights = model["weights"]
    for name, value in features(content, lang=lang).items():
        total += weights.get(name, 0.0) * value
    return 1.0 / (1.0 + math.exp(-total))


def features(content: str, *, lang: str) -> dict[str, float]:
    """Name -> value for the cues above; shared between scoring and bench/checkworthiness.py."""
    tokens = _TOKEN.findall(content)
    lowered = [t.lower().replace("’", "'") for t in tokens]
    words = set(lowered)
    n = len(tokens)
    found: dict[str, float] = {"log_length": math.log1p(n)}
    if n <= 5:
        found["short"] = 1.0
    lexicon = _FOR_LANG.get(lang, _BOTH)
    for name, vocabulary in lexicon.items():
        if not words.isdisjoint(vocabulary):
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
    capitalised = sum(1 for t in tokens[1:] if t[0].isupper() and t.lower() not in _BOTH["first_singular"])
    if capitalised:
        found["named_entities"] = min(capitalised, 4) / 4
    if lang != "id":
        past = sum(1 for t in lowered if len(t) > 4 and t.endswith("ed"))
        if past:
            found["past_tense_ed"] = 1.0
    return found


@lru_cache(maxsize=1)
def _model() -> dict:
    """Load the shipped weights once; a missing file gives a neutral 0.5 for every claim."""
    if not MODEL_PATH.exists():
        return {"bias": 0.0, "weights": {}}
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))
