"""Measure claim matching on pairs built from the development gold claims.

    python bench/matching.py [--shared ../shared] [--seed 13] [--threshold 0.5] [--en-claims 500] [--no-cache]

Positive pairs reword a gold claim programmatically (Indonesian affix variation,
clause reordering, synonym swaps, quote <-> reported-speech pronouns, number
formatting, filler words, truncation to a clause, "mixed": three of these, and
"hard": a third of the words dropped plus two more rewordings); negative pairs are
the same speaker's other claims (hard negatives), other speakers' claims in the
same article (same topic), the same claim with one number changed (and lightly
reworded), and random claims by others. Positives are scored as same-speaker
repeats; a second table drops the speaker information altogether.

Be warned: synthetic rewordings are much easier than real ones. A real repeat by
another outlet paraphrases freely, translates, summarises and mixes in context;
these rewrites keep most content words, so recall here is an upper bound; there
are no cross-language pairs at all. The negatives are closer to real life, so
the false-positive rates mean more, but some "negatives" are in truth related
claims (a speaker restating a point in the next sentence).

The cross-language development set (bench/data/crosslingual-dev.jsonl) holds 278 gold
claims, 146 Indonesian (id-dev, seed) and 132 English (PolNeAR dev, two per article),
one JSON object a line:

    {"id": "<gold file>:<article id>#<claim index>", "split": "dev" | "aside",
     "lang": "id" | "en", "text": <the gold claim>, "speaker": <gold speaker or null>,
     "counterpart": {"lang", "text"},           # the claim in the other language
     "paraphrase": {"lang", "text"} | null,     # the claim reworded in its own language
     "negatives": [{"kind": "number" | "place" | "actor" | "negation", "lang", "text"}]}

Counterparts, paraphrases and negatives were written by hand, as a fact-checker's
"claim reviewed" line would put them: translated freely, often shortened or summarised,
with the speaker or a place added from the article ("Susi: ...", "Bogor police ...").
Negatives keep the topic and most of the wording but change one number (spelled out or
in figures), place or actor, or negate the claim, in either language. "aside" is fixed
by the id's SHA-256 (first 32 bits modulo 4 == 0, 66 claims) and is never tuned on.

Second part, on that set: every claim, counterpart, paraphrase and negative is stored,
with Indonesian news sentences (indosum, articles outside the set) and the English gold
claims the set leaves out as distractors (some share an article with a set claim and
may restate it). Each claim looks up its counterpart (cross-language) and its
paraphrase (same language), and each of those looks the claim up; the query's other
versions are left out of the pool. Success@1 and @10 for the lexical
matcher alone (claim_similarity over every item), the raw cosine of an exact scan over
the int8 vectors, and the product (the scan's 50 nearest and the lexical matcher's 10
best, ordered by combined_similarity).
Then precision and recall of "match" on the set's pairs (counterparts and paraphrases
against the hard negatives, the nearest claim of another article and a random
distractor) and, with combined_similarity, on the synthetic pairs above. Embeddings are
cached in var/bench/ (git-ignored); the embedding time is measured afresh on 64 sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from claims.matching.text import (  # noqa: E402
    COSINE_THRESHOLD,
    MATCH_THRESHOLD,
    claim_similarity,
    embeddings,
    match_key,
    rank_candidates,
    stemming,
)
from claims.matching.text.normalize import NEGATIONS  # noqa: E402
from claims.matching.text.semantic import COSINE_FLOOR, combined_similarity  # noqa: E402
from claims.matching.text.similarity import token_weight  # noqa: E402

GOLD = ("id-dev.gold.jsonl", "seed.gold.jsonl", "polnear-dev.gold.jsonl")

SYNONYMS = {
    "id": {
        "mengatakan": "menyebutkan",
        "besar": "signifikan",
        "naik": "meningkat",
        "turun": "menurun",
        "harus": "wajib",
        "bisa": "dapat",
        "dapat": "bisa",
        "sangat": "amat",
        "banyak": "berbagai",
        "membantu": "menolong",
        "masyarakat": "warga",
        "warga": "masyarakat",
        "negara": "bangsa",
        "mulai": "memulai",
        "ingin": "mau",
        "tidak": "tak",
        "sudah": "telah",
        "telah": "sudah",
        "kepada": "pada",
        "agar": "supaya",
        "karena": "sebab",
        "juga": "pula",
        "saat": "ketika",
    },
    "en": {
        "said": "stated",
        "big": "large",
        "large": "big",
        "rise": "increase",
        "help": "assist",
        "people": "citizens",
        "must": "has to",
        "can": "could",
        "very": "really",
        "many": "numerous",
        "country": "nation",
        "start": "begin",
        "want": "wish",
        "will": "would",
        "because": "since",
        "also": "too",
        "important": "crucial",
        "think": "believe",
        "believe": "think",
        "show": "demonstrate",
    },
}
PRONOUN_SWAPS = {
    "id": {
        "saya": "dia",
        "aku": "dia",
        "kami": "mereka",
        "kita": "mereka",
        "dia": "saya",
        "ia": "saya",
        "mereka": "kami",
        "beliau": "saya",
    },
    "en": {
        "i": "he",
        "we": "they",
        "our": "their",
        "us": "them",
        "my": "his",
        "me": "him",
        "he": "I",
        "they": "we",
        "their": "our",
        "them": "us",
        "his": "my",
        "will": "would",
        "am": "is",
    },
}
FILLERS = {
    "id": ["memang", "juga", "sudah", "pun", "nantinya", "tentu", "sebenarnya"],
    "en": ["also", "indeed", "already", "really", "actually", "certainly"],
}
NUMBER_WORDS_ID = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "dua belas",
]
NUMBER_WORDS_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
CLAUSE_BREAK = {
    "id": re.compile(r",\s+|\s+(?:dan|tetapi|namun|sehingga|karena|yang)\s+"),
    "en": re.compile(r",\s+|\s+(?:and|but|because|so|which|while)\s+"),
}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# ---- rewording (bench only: product code never invents text) ----


def _nasal(root: str, prefix: str) -> str:
    """Attach me-/pe- to a root with the Indonesian nasal rules (roughly)."""
    head = root[0]
    if head in "aeiough":
        return prefix + "ng" + root
    if head == "k":
        return prefix + "ng" + root[1:]
    if head == "t":
        return prefix + "n" + root[1:]
    if head == "s":
        return prefix + "ny" + root[1:]
    if head == "p":
        return prefix + "m" + root[1:]
    if head in "bfv":
        return prefix + "m" + root
    if head in "cdjz":
        return prefix + "n" + root
    return prefix + root


def reword_affix(words: list[str], lang: str, rng: random.Random) -> list[str]:
    out = []
    for w in words:
        if lang == "id" and w.isalpha() and len(w) > 5 and w.lower().startswith(("me", "di", "pe")):
            root = stemming.stem_id(w.lower())
            if root != w.lower() and len(root) >= 4 and rng.random() < 0.7:
                w = rng.choice([f"di{root}", _nasal(root, "pe") + "an", _nasal(root, "me")])
        elif lang == "en" and w.isalpha() and len(w) > 4 and rng.random() < 0.3:
            if w.endswith("ed"):
                w = w[:-2] + "s"
            elif w.endswith("s") and not w.endswith("ss"):
                w = w[:-1] + "ing"
        out.append(w)
    return out


def reword_reorder(words: list[str], lang: str, rng: random.Random) -> list[str]:
    text = " ".join(words)
    parts = [p for p in re.split(r",\s+", text) if p]
    if len(parts) >= 2:
        cut = rng.randrange(1, len(parts))
        return ", ".join(parts[cut:] + parts[:cut]).split()
    mid = len(words) // 2
    return words[mid:] + words[:mid]  # crude "passive-ish" fronting of the object half


def reword_synonyms(words: list[str], lang: str, rng: random.Random) -> list[str]:
    table = SYNONYMS[lang]
    return [table.get(w.lower(), w) if rng.random() < 0.8 else w for w in words]


def reword_pronouns(words: list[str], lang: str, rng: random.Random) -> list[str]:
    table = PRONOUN_SWAPS[lang]
    out = [table.get(w.lower(), w) for w in words]
    if out == words:  # no pronoun: make the quote reported speech instead
        out = (["mereka", "mengatakan", "bahwa"] if lang == "id" else ["they", "said", "that"]) + words
    return out


def reword_numbers(words: list[str], lang: str, rng: random.Random) -> list[str]:
    out: list[str] = []
    spelled = NUMBER_WORDS_ID if lang == "id" else NUMBER_WORDS_EN
    for w in words:
        low = w.lower()
        if low in {"persen", "percent"} and out and out[-1][:1].isdigit():
            out[-1] += "%"
            continue
        if w.endswith("%") and w[:-1].isdigit():
            out += [w[:-1], "persen" if lang == "id" else "percent"]
            continue
        if w.isdigit() and int(w) < len(spelled) and rng.random() < 0.6:
            out.append(spelled[int(w)])
            continue
        if w.isdigit() and len(w) >= 4 and not 1900 <= int(w) <= 2100:
            out.append(f"{int(w):,}".replace(",", "." if lang == "id" else ","))
            continue
        out.append(w)
    return out


def reword_filler(words: list[str], lang: str, rng: random.Random) -> list[str]:
    fillers = FILLERS[lang]
    kept = [w for w in words if w.lower() not in fillers]
    slots = [i for i in range(len(kept) + 1) if i == 0 or not kept[i - 1][:1].isdigit()]  # not "10 [juga] persen"
    pos = rng.choice(slots)
    return kept[:pos] + [rng.choice(fillers)] + kept[pos:]


def reword_truncate(words: list[str], lang: str, rng: random.Random) -> list[str]:
    parts = [p.split() for p in CLAUSE_BREAK[lang].split(" ".join(words)) if p]
    parts = [p for p in parts if len(p) >= 5]
    if not parts:
        return words[: max(5, int(len(words) * 0.7))]
    return max(parts, key=len)


def reword_drop(words: list[str], lang: str, rng: random.Random) -> list[str]:
    """Drop a third of the words and swap synonyms: a crude stand-in for a free paraphrase.

    A negation and the word after it are kept: without them the claim says the opposite.
    """
    keep = [False] * len(words)
    for i, w in enumerate(words):
        if re.sub(r"\W", "", w.lower()) in NEGATIONS or w.lower().endswith(("n't", "n’t")):
            keep[i] = True
            if i + 1 < len(words):
                keep[i + 1] = True
    kept = [w for w, k in zip(words, keep, strict=True) if k or rng.random() > 0.33] or words[:1]
    return reword_synonyms(kept, lang, rng)


REWORDINGS = {
    "affix": reword_affix,
    "reorder": reword_reorder,
    "synonyms": reword_synonyms,
    "pronouns": reword_pronouns,
    "numbers": reword_numbers,
    "filler": reword_filler,
    "truncate": reword_truncate,
}
HARD = {"drop": reword_drop}


def reword(text: str, kind: str, lang: str, rng: random.Random) -> str:
    words = text.split()
    if kind == "mixed":
        for name in rng.sample(sorted(REWORDINGS), 3):
            words = REWORDINGS[name](words, lang, rng) or words
    elif kind == "hard":  # drop words, then two more rewordings
        words = reword_drop(words, lang, rng)
        for name in rng.sample(sorted(REWORDINGS), 2):
            words = REWORDINGS[name](words, lang, rng) or words
    else:
        words = REWORDINGS[kind](words, lang, rng) or words
    return " ".join(words)


def change_number(text: str, rng: random.Random) -> str | None:
    found = list(NUMBER.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    digits = re.sub(r"\D", "", m[0])
    value = int(digits) if digits else 0
    new = value + rng.choice([1, 2, 5, 10]) if value < 100 else int(value * rng.choice([0.5, 0.8, 1.25, 2]))
    if str(new) == digits:
        new += 1
    return text[: m.start()] + str(new) + text[m.end() :]


# ---- data and evaluation ----


def load_claims(shared: Path, en_claims: int, rng: random.Random) -> list[dict]:
    claims: dict[str, list[dict]] = {"id": [], "en": []}
    for name in GOLD:
        for line in (shared / "eval" / name).open(encoding="utf-8"):
            article = json.loads(line)
            for c in article["claims"]:
                if len(c["content"].split()) >= 4:
                    claims[article["lang"]].append(
                        {
                            "content": c["content"],
                            "speaker": c["speaker"],
                            "lang": article["lang"],
                            "article": article["id"],
                        }
                    )
    rng.shuffle(claims["en"])
    return claims["id"] + claims["en"][:en_claims]


def build_pairs(claims: list[dict], rng: random.Random) -> list[tuple[str, str, dict, str, bool, bool]]:
    """Return (pair type, lang, claim, other text, same speaker, is positive)."""
    pairs = []
    by_speaker: dict[str, list[dict]] = {}
    by_article: dict[str, list[dict]] = {}
    for c in claims:
        by_article.setdefault(c["article"], []).append(c)
        if c["speaker"]:
            by_speaker.setdefault(c["speaker"].lower(), []).append(c)
    for c in claims:
        lang = c["lang"]
        kinds = ["affix" if lang == "id" else "synonyms", *rng.sample(sorted(REWORDINGS), 2), "mixed", "hard"]
        if NUMBER.search(c["content"]):
            kinds.append("numbers")
        for kind in dict.fromkeys(kinds):
            other = reword(c["content"], kind, lang, rng)
            if other != c["content"]:
                pairs.append((f"pos:{kind}", lang, c, other, True, True))
        same = [o for o in by_speaker.get((c["speaker"] or "").lower(), []) if o["content"] != c["content"]]
        if same:
            pairs.append(("neg:same-speaker", lang, c, rng.choice(same)["content"], True, False))
        changed = change_number(c["content"], rng)
        if changed:
            pairs.append(("neg:changed-number", lang, c, changed, True, False))
            pairs.append(
                (
                    "neg:changed-number+reword",
                    lang,
                    c,
                    reword(changed, rng.choice(["filler", "pronouns", "reorder"]), lang, rng),
                    True,
                    False,
                )
            )
        topic = [
            o
            for o in by_article[c["article"]]
            if o["content"] != c["content"] and (o["speaker"] or "").lower() != (c["speaker"] or "").lower()
        ]
        if topic:
            pairs.append(("neg:same-article-other-speaker", lang, c, rng.choice(topic)["content"], False, False))
        other = rng.choice(claims)
        if other["speaker"] != c["speaker"] and other["content"] != c["content"]:
            pairs.append(("neg:random", lang, c, other["content"], False, False))
    return pairs


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threshold", type=float, default=MATCH_THRESHOLD)
    parser.add_argument("--en-claims", type=int, default=500, help="English claims sampled from PolNeAR dev")
    parser.add_argument(
        "--lookup-sizes",
        help="also time lookups among this many stored claims on PostgreSQL, e.g. 100000,1000000 "
        "(bench/matching_lookup.py; needs DATABASE_URL)",
    )
    parser.add_argument("--dev-set", type=Path, default=DEV_SET, help="the cross-language development set")
    parser.add_argument("--distractors-id", type=int, default=2000, help="Indonesian news sentences stored too")
    parser.add_argument("--distractors-en", type=int, default=1000, help="other English gold claims stored too")
    parser.add_argument("--no-cache", action="store_true", help=f"embed everything again, not from {CACHE}")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = time.perf_counter()
    match_key("Pemerintah menunda penundaan yang ditunda.", "id")
    print(f"first match_key call (loads Sastrawi's 30k-word dictionary): {(time.perf_counter() - start) * 1e3:.0f} ms")
    claims = load_claims(args.shared, args.en_claims, rng)
    pairs = build_pairs(claims, rng)
    n_id = sum(c["lang"] == "id" for c in claims)
    print(
        f"claims: {len(claims)} ({n_id} id, {len(claims) - n_id} en), pairs: {len(pairs)}, "
        f"seed {args.seed}, threshold {args.threshold}"
    )

    # match_key timing: cold (empty stem caches) and warm.
    texts = [(c["content"], c["lang"]) for c in claims]
    stemming.stem_id.cache_clear()
    stemming.stem_en.cache_clear()
    token_weight.cache_clear()
    start = time.perf_counter()
    for text, lang in texts:
        match_key(text, lang)
    cold = (time.perf_counter() - start) / len(texts)
    start = time.perf_counter()
    for _ in range(3):
        for text, lang in texts:
            match_key(text, lang)
    warm = (time.perf_counter() - start) / (3 * len(texts))
    words = statistics.mean(len(t.split()) for t, _ in texts)
    print(
        f"match_key: cold {cold * 1e3:.2f} ms/claim (stem caches emptied), "
        f"warm {warm * 1e6:.0f} us/claim, {words:.1f} words/claim on average"
    )

    keyed = [
        (t, lang, match_key(c["content"], lang), match_key(o, lang), same, pos) for t, lang, c, o, same, pos in pairs
    ]
    for label, use_speaker in (("with speaker bonus", True), ("no speaker information", False)):
        start = time.perf_counter()
        scores = [claim_similarity(a, b, same_speaker=same and use_speaker).score for _, _, a, b, same, _ in keyed]
        per = (time.perf_counter() - start) / len(keyed)
        rows: dict[str, list[int]] = {}
        tp = fp = fn = 0
        for (kind, lang, *_, pos), score in zip(keyed, scores, strict=True):
            hit = score >= args.threshold
            row = rows.setdefault(f"{kind} [{lang}]", [0, 0])
            row[0] += 1
            row[1] += hit
            tp += pos and hit
            fp += (not pos) and hit
            fn += pos and not hit
        p, r, f = prf(tp, fp, fn)
        print(
            f"\n== {label}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
            f"(tp {tp} fp {fp} fn {fn}); claim_similarity {per * 1e6:.1f} us/pair"
        )
        print(f"{'pair type':36} {'pairs':>6} {'matched':>8} {'rate':>6}")
        for name in sorted(rows):
            n, hit = rows[name]
            print(
                f"{name:36} {n:>6} {hit:>8} {hit / n:>6.2f}  "
                f"{'(recall)' if name.startswith('pos') else '(false-positive rate)'}"
            )

    # Threshold sweep (with speaker bonus) to show the trade-off around MATCH_THRESHOLD.
    print("\nthreshold sweep (with speaker bonus): threshold precision recall F1")
    scores = [(claim_similarity(a, b, same_speaker=same).score, pos) for _, _, a, b, same, pos in keyed]
    for th in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        tp = sum(s >= th and pos for s, pos in scores)
        fp = sum(s >= th and not pos for s, pos in scores)
        fn = sum(s < th and pos for s, pos in scores)
        p, r, f = prf(tp, fp, fn)
        print(f"  {th:.2f}  {p:.3f} {r:.3f} {f:.3f}")

    # Ranking: one new claim against every stored key (no prefilter), as SQLite would do.
    pool = [(i, match_key(c["content"], c["lang"]), False) for i, c in enumerate(claims)]
    probe = [match_key(reword(c["content"], "mixed", c["lang"], rng), c["lang"]) for c in claims[:50]]
    start = time.perf_counter()
    found = sum(any(cid == i for cid, _ in rank_candidates(k, pool, limit=5)) for i, k in enumerate(probe))
    per = (time.perf_counter() - start) / len(probe)
    print(
        f"\nrank_candidates over {len(pool)} stored claims: {per * 1e3:.1f} ms per new claim; "
        f"the source claim is in the top 5 for {found}/{len(probe)} mixed rewordings"
    )
    crosslingual(args, pairs)
    if args.lookup_sizes:
        import matching_lookup  # bench/, beside this file

        matching_lookup.main(["--sizes", args.lookup_sizes, "--shared", str(args.shared)])


# ---- the cross-language development set ----

DEV_SET = ROOT / "bench" / "data" / "crosslingual-dev.jsonl"
CACHE = ROOT / "var" / "bench" / "embeddings.npz"
CANDIDATES = 50  # nearest vectors an exact scan hands to the scorer
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def load_dev_set(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def distractors(shared: Path, dev: list[dict], n_id: int, n_en: int, rng: random.Random) -> list[tuple[str, str]]:
    """Indonesian news sentences from articles the set does not come from, and the English gold claims it leaves out."""
    articles = {row["id"].split(":", 1)[1].rsplit("#", 1)[0] for row in dev}
    taken = {row["text"] for row in dev}
    sentences = []
    for line in (shared / "corpus" / "indosum-id-750.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        if doc["id"] not in articles:
            sentences += [s for s in SENTENCE.split(doc["text"]) if 8 <= len(s.split()) <= 40]
    english = []
    for line in (shared / "eval" / "polnear-dev.gold.jsonl").open(encoding="utf-8"):
        article = json.loads(line)
        english += [
            c["content"]
            for c in article["claims"]
            if len(c["content"].split()) >= 6 and " ".join(c["content"].split()) not in taken
        ]
    picked = [(" ".join(s.split()), "id") for s in rng.sample(sorted(set(sentences)), n_id)]
    return picked + [(" ".join(s.split()), "en") for s in rng.sample(sorted(set(english)), min(n_en, len(english)))]


class Embedder:
    """`embed` with a disk cache keyed by text (var/ is git-ignored); times what it embeds."""

    def __init__(self, path: Path | None):
        self.path, self.vectors, self.seconds, self.embedded = path, {}, 0.0, 0
        if path and path.exists():
            data = np.load(path)
            if str(data["model"]) == embeddings.MODEL_VERSION:
                self.vectors = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.vectors})
        for start in range(0, len(missing), 256):
            batch = missing[start : start + 256]
            began = time.perf_counter()
            self.vectors.update(zip(batch, embeddings.embed(batch), strict=True))
            self.seconds += time.perf_counter() - began
            self.embedded += len(batch)
        if missing and self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            names = sorted(self.vectors)
            np.savez(
                self.path,
                model=embeddings.MODEL_VERSION,
                texts=np.array(names),
                vectors=np.stack([self.vectors[t] for t in names]),
            )
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, embeddings.DIMENSIONS))


def stored(vectors: np.ndarray) -> np.ndarray:
    """The vectors as a scan reads them back: quantised to int8 and dequantised."""
    return embeddings.dequantise_many([embeddings.quantise(v) for v in vectors])


def build_items(dev: list[dict], extra: list[tuple[str, str]]) -> list[dict]:
    """Every stored item: each claim, its counterpart, paraphrase and hard negatives, then the distractors."""
    items = []
    for row in dev:
        article = row["id"].rsplit("#", 1)[0]
        base = {"group": row["id"], "article": article, "split": row["split"]}
        items.append({**base, "role": "original", "text": row["text"], "lang": row["lang"]})
        items.append({**base, "role": "counterpart", **row["counterpart"]})
        if row.get("paraphrase"):
            items.append({**base, "role": "paraphrase", **row["paraphrase"]})
        for neg in row["negatives"]:
            items.append({**base, "role": f"negative:{neg['kind']}", "text": neg["text"], "lang": neg["lang"]})
    for text, lang in extra:
        items.append({"group": None, "article": None, "split": None, "role": "distractor", "text": text, "lang": lang})
    return items


def retrieval_queries(items: list[dict]) -> list[tuple[int, int, int, str]]:
    """(query, target, split, "same" | "cross"): a claim finds its counterpart and paraphrase, and back."""
    by_group: dict[str, dict[str, int]] = {}
    for i, item in enumerate(items):
        if item["group"] and item["role"] in ("original", "counterpart", "paraphrase"):
            by_group.setdefault(item["group"], {})[item["role"]] = i
    queries = []
    for roles in by_group.values():
        o = roles["original"]
        for other in ("counterpart", "paraphrase"):
            if other in roles:
                t = roles[other]
                kind = "same" if items[o]["lang"] == items[t]["lang"] else "cross"
                queries += [(o, t, kind), (t, o, kind)]
    return queries


def success_at(ranked: list[int], target: int) -> tuple[bool, bool]:
    top = ranked[:10]
    return bool(top) and top[0] == target, target in top


def rank_lexical(q: int, pool: np.ndarray, keys: list) -> list[int]:
    scores = [(claim_similarity(keys[q], keys[i], same_speaker=False).score, -n) for n, i in enumerate(pool)]
    order = sorted(range(len(pool)), key=lambda n: scores[n], reverse=True)[:10]
    return [int(pool[n]) for n in order if scores[n][0] > 0]


def rank_semantic(
    q: int, pool: np.ndarray, keys: list, cosines: np.ndarray, also: list[int] | None = None
) -> list[int]:
    """An exact scan's nearest vectors; with ``also`` (the lexical candidates), ordered by the product's score."""
    near = [int(pool[n]) for n in np.argsort(-cosines[pool], kind="stable")[:CANDIDATES]]
    if also is None:
        return near[:10]
    candidates = list(dict.fromkeys(near + also))
    scored = sorted(
        candidates,
        key=lambda i: (combined_similarity(keys[q], keys[i], float(cosines[i])).score, cosines[i]),
        reverse=True,
    )
    return scored[:10]


def match_pairs(items: list[dict], cos: np.ndarray, rng: random.Random) -> list[tuple[int, int, str]]:
    """(a, b, type) pairs for precision and recall: counterparts and paraphrases vs hard negatives and unrelated."""
    by_group: dict[str, dict[str, list[int]]] = {}
    for i, item in enumerate(items):
        if item["group"]:
            by_group.setdefault(item["group"], {}).setdefault(item["role"].split(":")[0], []).append(i)
    distractor = [i for i, item in enumerate(items) if item["role"] == "distractor"]
    pairs = []
    for group, roles in by_group.items():
        same = roles["original"] + roles["counterpart"] + roles.get("paraphrase", [])
        for n, a in enumerate(same):
            for b in same[n + 1 :]:
                pairs.append((a, b, "pos"))
        for neg in roles.get("negative", []):
            for a in same:
                pairs.append((a, neg, items[neg]["role"].replace("negative", "neg")))
        o = roles["original"][0]
        others = [
            i
            for i, item in enumerate(items)
            if item["group"] and item["group"] != group and item["article"] != items[o]["article"]
        ]
        for a in (o, roles["counterpart"][0]):
            nearest = max(others, key=lambda i: cos[a, i])
            pairs.append((a, nearest, "neg:unrelated-nearest"))
        pairs.append((o, rng.choice(distractor), "neg:unrelated-random"))
    return pairs


def crosslingual(args, synthetic: list[tuple[str, str, dict, str, bool, bool]]) -> None:
    rng = random.Random(args.seed)
    dev = load_dev_set(args.dev_set)
    embed = Embedder(None if args.no_cache else CACHE)
    items = build_items(dev, distractors(args.shared, dev, args.distractors_id, args.distractors_en, rng))
    probe = [item["text"] for item in items[:64]]
    began = time.perf_counter()
    embeddings.embed(probe)
    per_sentence = (time.perf_counter() - began) / len(probe)
    vectors = embed([item["text"] for item in items])
    keys = [match_key(item["text"], item["lang"]) for item in items]
    matrix = stored(vectors)
    cos = vectors @ matrix.T  # a new claim's float vector against every stored int8 vector
    n_dev = sum(row["split"] == "dev" for row in dev)
    print(
        f"\n== cross-language development set: {len(dev)} claims ({n_dev} dev, {len(dev) - n_dev} aside; "
        f"{sum(row['lang'] == 'id' for row in dev)} id, {sum(row['lang'] == 'en' for row in dev)} en), "
        f"{len(items)} stored items ({sum(bool(item['group']) for item in items)} from the set, "
        f"{sum(item['role'] == 'distractor' and item['lang'] == 'id' for item in items)} id news sentences and "
        f"{sum(item['role'] == 'distractor' and item['lang'] == 'en' for item in items)} other en gold claims "
        "as distractors)"
    )
    print(
        f"embedding: {per_sentence * 1e3:.1f} ms/sentence ({len(probe)} sentences, one thread); "
        f"{embed.embedded} embedded in this run in {embed.seconds:.1f} s, the rest from {CACHE.relative_to(ROOT)}"
    )

    groups = {}
    for i, item in enumerate(items):
        if item["group"]:
            groups.setdefault(item["group"], set()).add(i)
    siblings = {
        g: {i for i in members if items[i]["role"] in ("original", "counterpart", "paraphrase")}
        for g, members in groups.items()
    }
    everything = np.arange(len(items))
    results: dict[tuple[str, str], dict[str, list[int]]] = {}
    began = time.perf_counter()
    for q, t, kind in retrieval_queries(items):
        excluded = (siblings[items[q]["group"]] - {t}) | {q}
        pool = everything[~np.isin(everything, list(excluded))]
        row = results.setdefault((items[q]["split"], kind), {})
        lexical = rank_lexical(q, pool, keys)
        for method, ranked in (
            ("lexical", lexical),
            ("cosine", rank_semantic(q, pool, keys, cos[q])),
            ("product", rank_semantic(q, pool, keys, cos[q], also=lexical)),
        ):
            s1, s10 = success_at(ranked, t)
            counts = row.setdefault(method, [0, 0, 0])
            counts[0] += 1
            counts[1] += s1
            counts[2] += s10
    print(
        f"retrieval: {time.perf_counter() - began:.1f} s for {sum(r['lexical'][0] for r in results.values())} "
        f"queries; each ranks every stored item (its own other versions left out)"
    )
    print(f"{'Success@1 / @10':24} {'queries':>7}  {'lexical':>11}  {'cosine':>11}  {'product':>11}")
    for split in ("dev", "aside"):
        for kind in ("same", "cross"):
            row = results.get((split, kind))
            if row:
                cells = "  ".join(
                    f"{row[m][1] / row[m][0]:.3f} {row[m][2] / row[m][0]:.3f}" for m in ("lexical", "cosine", "product")
                )
                print(f"{kind + '-language, ' + split:24} {row['lexical'][0]:>7}  {cells}")

    pairs = match_pairs(items, cos, rng)
    print(
        f'\n"match" at {MATCH_THRESHOLD} (cosine threshold {COSINE_THRESHOLD}, floor {COSINE_FLOOR}): '
        f"lexical = claim_similarity, product = combined_similarity"
    )
    print(f"{'pairs':40} {'n':>5}  {'lexical':>8}  {'product':>8}")
    for split in ("dev", "aside"):
        rows: dict[str, list[int]] = {}
        for a, b, kind in pairs:
            if items[a]["split"] != split:
                continue
            cross = "cross" if items[a]["lang"] != items[b]["lang"] else "same"
            lexical = claim_similarity(keys[a], keys[b], same_speaker=False).is_match
            product = combined_similarity(keys[a], keys[b], float(cos[a, b])).is_match
            row = rows.setdefault(f"{kind} [{cross}]", [0, 0, 0])
            row[0] += 1
            row[1] += lexical
            row[2] += product
        for name in sorted(rows):
            n, lex, prod = rows[name]
            print(
                f"{split + ' ' + name:40} {n:>5}  {lex / n:>8.3f}  {prod / n:>8.3f}  "
                f"{'(recall)' if name.startswith('pos') else '(false-positive rate)'}"
            )
        for m, col in (("lexical", 1), ("product", 2)):
            tp = sum(v[col] for k, v in rows.items() if k.startswith("pos"))
            fp = sum(v[col] for k, v in rows.items() if not k.startswith("pos"))
            fn = sum(v[0] - v[col] for k, v in rows.items() if k.startswith("pos"))
            changed = sum(v[col] for k, v in rows.items() if k.startswith("neg:number"))
            p, r, f = prf(tp, fp, fn)
            print(
                f"  {split} {m}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} (tp {tp} fp {fp} fn {fn}); "
                f"changed-number negatives matched: {changed}"
            )

    # The existing synthetic pairs, scored by the product's scorer as well.
    texts = sorted({c["content"] for _, _, c, _, _, _ in synthetic} | {o for _, _, _, o, _, _ in synthetic})
    vec = dict(zip(texts, embed(texts), strict=True))
    tp = fp = fn = changed = 0
    for kind, lang, c, other, same, pos in synthetic:
        cosine = float(vec[c["content"]] @ embeddings.dequantise(embeddings.quantise(vec[other])))
        hit = combined_similarity(
            match_key(c["content"], lang), match_key(other, lang), cosine, same_speaker=same
        ).is_match
        tp += pos and hit
        fp += (not pos) and hit
        fn += pos and not hit
        changed += kind.startswith("neg:changed-number") and hit
    p, r, f = prf(tp, fp, fn)
    print(
        f"  synthetic pairs (above), product: precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
        f"(tp {tp} fp {fp} fn {fn}); changed-number negatives matched: {changed}"
    )


if __name__ == "__main__":
    main()
