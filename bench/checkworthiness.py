"""Measure (and refit) the check-worthiness model, next to the previous model in the same run.

    python bench/checkworthiness.py [--shared ../shared] [--fit] [--articles 150]

Sets (none of them is trained on except where it says so):
  English dev    CLEF CheckThat! 2024 dev, 1,032 sentences (evaluation only)
  English aside  the 20% of CheckThat! 2024 train kept out of fitting (the calibration split)
  Indonesian     bench/data/checkworthiness-id.tsv, 320 claims and sentences from 164 corpus
                 articles, labelled by bench/checkworthiness-labelling.md (evaluation only)
For each: F1 of the positive class at 0.5, precision of the 30 highest scores, and the share
of scores at 0.99 or more. Then the share at 0.99 and the share at 0.5 or more of the claims
extracted from a sample of the Indonesian corpus and from the English news texts, by kind;
scoring speed; extraction speed with each model.

The labelled Indonesian files hold article ids and offsets into ../shared/corpus, not text.

`--fit` refits claims/extraction/checkworthiness_model.json (needs scikit-learn; scoring does not):
a logistic regression over the shared cues of checkworthiness.features() and per-language words
and word pairs, fitted on 80% of CheckThat! 2024 train plus bench/data/checkworthiness-id-train.tsv;
calibrated per language on data the weights did not see (isotonic on the English 20%; Platt on the out-of-fold
scores of the Indonesian training set), and prints the Indonesian out-of-fold figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import checkworthiness, extract  # noqa: E402

DATA = ROOT / "bench" / "data"
BASELINE = DATA / "checkworthiness-baseline.json"
C = 0.1  # inverse L2 regularisation; 0.1..1 and the weight below chosen on the Indonesian out-of-fold figures
ID_WEIGHT = 4.0  # an Indonesian training sentence counts as this many English ones
MIN_COUNT = 2  # words and pairs seen fewer times in training get no weight
CLIP = (0.001, 0.999)  # keeps 0 and 1 for certainty the model cannot have; rarely binds
SEED = 13


def load_ct24(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r["Text"] for r in rows], [int(r["class_label"] == "Yes") for r in rows]


def load_id(path: Path, corpus: dict[str, str]) -> tuple[list[str], list[int], list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    texts = [corpus[r["article_id"]][int(r["start"]) : int(r["end"])] for r in rows]
    return texts, [int(r["label"] == "Yes") for r in rows], [r["kind"] for r in rows]


def read_corpus(shared: Path) -> dict[str, str]:
    with (shared / "corpus" / "indosum-id-750.jsonl").open(encoding="utf-8") as f:
        return {doc["id"]: doc["text"] for doc in map(json.loads, f)}


def split_train(labels: list[int]) -> tuple[list[int], list[int]]:
    """Stratified 80/20 split of the CheckThat! train rows: (fit, aside)."""
    rng = random.Random(SEED)
    fit, aside = [], []
    for cls in (0, 1):
        rows = [i for i, y in enumerate(labels) if y == cls]
        rng.shuffle(rows)
        cut = len(rows) // 5
        aside += rows[:cut]
        fit += rows[cut:]
    return sorted(fit), sorted(aside)


# ---- scoring with the previous model -------------------------------------------------------


def baseline_scorer():
    model = json.loads(BASELINE.read_text(encoding="utf-8"))

    def score(text: str, *, lang: str) -> float:
        total = model["bias"]
        for name, value in checkworthiness.features(text, lang=lang).items():
            total += model["weights"].get(name, 0.0) * value
        return 1.0 / (1.0 + math.exp(-total))

    return score


# ---- figures --------------------------------------------------------------------------------


def f1_at(gold, scores, threshold=0.5) -> tuple[float, float, float]:
    predicted = [s >= threshold for s in scores]
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    precision = tp / sum(predicted) if sum(predicted) else 0.0
    recall = tp / sum(gold) if sum(gold) else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def precision_at(gold, scores, k=30) -> float:
    """Precision of the k highest scores; ties broken by position, as the queue breaks them by id."""
    top = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    return sum(gold[i] for i in top) / len(top)


def share_at_least(scores, level=0.99) -> float:
    return sum(s >= level for s in scores) / len(scores) if scores else 0.0


def figures_row(name, gold, scores) -> str:
    p, r, f = f1_at(gold, scores)
    return (
        f"  {name:<10} P {p:.3f} R {r:.3f} F1@0.5 {f:.3f} | P@30 {precision_at(gold, scores):.3f}"
        f" | >=0.99 {share_at_least(scores):6.1%} | >=0.5 {share_at_least(scores, 0.5):6.1%}"
    )


# ---- fitting --------------------------------------------------------------------------------


def row(text: str, lang: str) -> dict[str, float]:
    found = {}
    for k, v in checkworthiness.features(text, lang=lang).items():
        found[f"s:{k}"] = v
        found[f"l:{lang}:{k}"] = v  # the same cue again, weighted for this language alone
    for term in checkworthiness.word_terms(text):
        found[f"w:{lang}:{term}"] = 1.0
    return found


def fit_linear(rows, labels, weights):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(k for r in rows for k in r if k.startswith("w:"))
    kept = [{k: v for k, v in r.items() if not k.startswith("w:") or counts[k] >= MIN_COUNT} for r in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, solver="liblinear")
    model.fit(x, labels, sample_weight=weights)
    names = vectorizer.feature_names_
    return {"bias": float(model.intercept_[0]), "weights": dict(zip(names, map(float, model.coef_[0]), strict=True))}


def raw_score(linear, r) -> float:
    w = linear["weights"]
    return linear["bias"] + sum(w.get(k, 0.0) * v for k, v in r.items())


def platt(raw, labels) -> tuple[float, float]:
    """Sigmoid calibration of raw scores; class-balanced, so 0.5 sits where a claim is as
    likely check-worthy as not under an even prior (the queue's line, not the base rate)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e4, class_weight="balanced", max_iter=1000)
    model.fit([[x] for x in raw], labels)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def isotonic(raw, labels) -> dict[str, list[float]]:
    """Class-balanced isotonic calibration, as a piecewise-linear curve through the centres
    of its constant blocks. A sigmoid is too sure at the top where the raw scores of the
    English sentences bunch (the calibration split's >= 0.99 scores were 96.5% check-worthy):
    the curve follows the observed rates there instead of extrapolating."""
    from sklearn.isotonic import IsotonicRegression

    positives = sum(labels)
    negatives = len(labels) - positives
    weights = [len(labels) / (2 * positives) if y else len(labels) / (2 * negatives) for y in labels]
    model = IsotonicRegression(out_of_bounds="clip", y_min=CLIP[0], y_max=CLIP[1])
    model.fit(raw, labels, sample_weight=weights)
    xs, ys = list(map(float, model.X_thresholds_)), list(map(float, model.y_thresholds_))
    centres_x, centres_y, i = [], [], 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and ys[j + 1] == ys[i]:
            j += 1
        centres_x.append(round((xs[i] + xs[j]) / 2, 4))
        centres_y.append(round(ys[i], 4))
        i = j + 1
    return {"x": centres_x, "y": centres_y}


def calibrated(raw, calibration):
    return [min(max(checkworthiness._calibrated(x, calibration), CLIP[0]), CLIP[1]) for x in raw]


def write_model(payload: dict) -> None:
    checkworthiness.MODEL_PATH.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    checkworthiness._model.cache_clear()
    checkworthiness._score.cache_clear()
    checkworthiness._cue_weights.cache_clear()


def fit_and_export(en_texts, en_labels, id_texts, id_labels) -> None:
    fit_rows, aside_rows = split_train(en_labels)
    en = [row(t, "en") for t in en_texts]
    ids = [row(t, "id") for t in id_texts]
    base_rows = [en[i] for i in fit_rows]
    base_labels = [en_labels[i] for i in fit_rows]

    # Out-of-fold raw scores of the Indonesian training set, for its calibration.
    folds = 5
    order = list(range(len(ids)))
    random.Random(SEED).shuffle(order)
    oof = [0.0] * len(ids)
    for k in range(folds):
        held = set(order[k::folds])
        train = [i for i in order if i not in held]
        linear = fit_linear(
            base_rows + [ids[i] for i in train],
            base_labels + [id_labels[i] for i in train],
            [1.0] * len(base_rows) + [ID_WEIGHT] * len(train),
        )
        for i in held:
            oof[i] = raw_score(linear, ids[i])

    linear = fit_linear(base_rows + ids, base_labels + id_labels, [1.0] * len(base_rows) + [ID_WEIGHT] * len(ids))
    id_ab = platt(oof, id_labels)
    print("Indonesian training set, out of fold (held aside from the weights that scored it):")
    print(figures_row("id-train", id_labels, calibrated(oof, id_ab)))

    shared = {k[2:]: round(v, 4) for k, v in linear["weights"].items() if k.startswith("s:")}
    by_lang: dict[str, dict[str, float]] = {"en": {}, "id": {}}
    for k, v in linear["weights"].items():
        if k.startswith("l:"):
            _, lang, name = k.split(":", 2)
            by_lang[lang][name] = round(v, 4)
    words: dict[str, dict[str, float]] = {"en": {}, "id": {}}
    for k, v in linear["weights"].items():
        if k.startswith("w:") and abs(v) >= 0.02:
            _, lang, term = k.split(":", 2)
            words[lang][term] = round(v, 3)
    payload = {
        "about": "Logistic regression over checkworthiness.features() (shared by both languages) and "
        "checkworthiness.word_terms() per language; fitted by bench/checkworthiness.py --fit on 80% of CLEF "
        f"CheckThat! 2024 English train ({len(fit_rows)} sentences) and {len(ids)} labelled Indonesian "
        f"sentences (weight {ID_WEIGHT}), class_weight=balanced, C={C}; calibrated per language on "
        "held-out data (isotonic on the other 20% of the English train, class-balanced; Platt on "
        "out-of-fold Indonesian scores).",
        "bias": round(linear["bias"], 4),
        "calibration": {"id": [round(x, 4) for x in id_ab]},
        "clip": list(CLIP),
        "shared": dict(sorted(shared.items(), key=lambda kv: -abs(kv[1]))),
        "shared_by_lang": {lang: dict(sorted(w.items(), key=lambda kv: -abs(kv[1]))) for lang, w in by_lang.items()},
        "words": {lang: dict(sorted(w.items())) for lang, w in words.items()},
    }
    # The English curve is fitted on the raw scores of the weights as shipped (rounded, small
    # words dropped), so that it reads the scale the scorer will give them.
    payload["calibration"]["en"] = payload["calibration"]["other"] = [1.0, 0.0]
    write_model(payload)
    aside_raw = [checkworthiness.linear_score(en_texts[i], lang="en") for i in aside_rows]
    payload["calibration"]["en"] = payload["calibration"]["other"] = isotonic(
        aside_raw, [en_labels[i] for i in aside_rows]
    )
    write_model(payload)
    print(
        f"wrote {checkworthiness.MODEL_PATH.relative_to(ROOT)}: {len(shared)} shared cues, "
        f"{len(words['en'])} English and {len(words['id'])} Indonesian terms"
    )


# ---- main -----------------------------------------------------------------------------------


def corpus_claims(corpus: dict[str, str], articles: int) -> list[tuple[str, str]]:
    """(kind, content) of every claim extracted from a fixed sample of corpus articles."""
    ids = sorted(corpus)
    random.Random(SEED).shuffle(ids)
    return [(c.kind, c.content) for i in ids[:articles] for c in extract(corpus[i], lang="id").claims]


def news_claims(texts: list[str], lang: str) -> list[tuple[str, str]]:
    """(kind, content) of every claim extracted from whole news articles."""
    return [(c.kind, c.content) for t in texts for c in extract(t, lang=lang).claims]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def extraction_rate(texts: list[str], repeat: int = 3) -> float:
    extract(texts[0], lang="id")
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for t in texts:
            extract(t, lang="id")
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def main(argv=None):
    global C, ID_WEIGHT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--fit", action="store_true", help="refit and write the weights")
    ap.add_argument("--c", type=float, default=C, help="inverse regularisation when fitting")
    ap.add_argument("--id-weight", type=float, default=ID_WEIGHT, help="weight of an Indonesian training sentence")
    ap.add_argument("--articles", type=int, default=150, help="corpus articles to extract claims from")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    corpus = read_corpus(shared)
    en_train, en_train_labels = load_ct24(shared / "eval" / "checkworthiness-ct24-train.tsv")
    if a.fit:
        C, ID_WEIGHT = a.c, a.id_weight
        id_train, id_train_labels, _ = load_id(DATA / "checkworthiness-id-train.tsv", corpus)
        fit_and_export(en_train, en_train_labels, id_train, id_train_labels)

    en_dev, en_dev_labels = load_ct24(shared / "eval" / "checkworthiness-ct24-dev.tsv")
    _fit, aside = split_train(en_train_labels)
    en_aside, en_aside_labels = [en_train[i] for i in aside], [en_train_labels[i] for i in aside]
    id_dev, id_dev_labels, id_kinds = load_id(DATA / "checkworthiness-id.tsv", corpus)
    old, new = baseline_scorer(), checkworthiness.score

    print(
        f"sets: English dev {len(en_dev)} ({sum(en_dev_labels)} Yes), English aside {len(en_aside)} "
        f"({sum(en_aside_labels)} Yes), Indonesian {len(id_dev)} ({sum(id_dev_labels)} Yes)"
    )
    for label, scorer in (("previous model (bench/data/checkworthiness-baseline.json)", old), ("new model", new)):
        print(label)
        print(figures_row("en-dev", en_dev_labels, [scorer(t, lang="en") for t in en_dev]))
        print(figures_row("en-aside", en_aside_labels, [scorer(t, lang="en") for t in en_aside]))
        id_scores = [scorer(t, lang="id") for t in id_dev]
        print(figures_row("id-dev", id_dev_labels, id_scores))
        for kinds, name in ((("assertion", "sentence"), "id own"), (("direct", "indirect"), "id quoted")):
            picked = [i for i, k in enumerate(id_kinds) if k in kinds]
            print(figures_row(name, [id_dev_labels[i] for i in picked], [id_scores[i] for i in picked]))

    english_news = [doc["text"] for doc in read_jsonl(shared / "eval" / "polnear-dev.gold.jsonl")]
    for lang, claims, source in (
        ("id", corpus_claims(corpus, a.articles), f"{a.articles} Indonesian corpus articles"),
        ("en", news_claims(english_news, "en"), f"{len(english_news)} English news articles (PolNeAR dev texts)"),
    ):
        print(f"claims extracted from {source} (by the new extractor): {len(claims)}")
        for kind in ("all", "assertion", "direct", "indirect"):
            contents = [c for k, c in claims if kind in ("all", k)]
            cells = []
            for scorer in (old, new):
                scores = [scorer(c, lang=lang) for c in contents]
                cells.append(f">=0.99 {share_at_least(scores):6.1%} >=0.5 {share_at_least(scores, 0.5):6.1%}")
            print(f"  {kind:<10} {len(contents):>5}   previous {cells[0]}   new {cells[1]}")

    texts = en_dev + id_dev
    uncached = checkworthiness._score.__wrapped__  # the cache would time dictionary look-ups
    for label, scorer in (("previous", old), ("new", lambda t, *, lang: uncached(t, lang))):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for t in texts:
                scorer(t, lang="en")
            best = min(best, time.perf_counter() - started)
        print(f"scoring, {label:<8}: {len(texts) / best:9,.0f} claims/s ({best / len(texts) * 1e6:.1f} us/claim)")

    sample = list(corpus.values())[:300]
    rates = {}
    for label, scorer in (("previous", old), ("new", new), ("previous again", old)):
        checkworthiness.score = scorer
        try:
            rates[label] = extraction_rate(sample)
        finally:
            checkworthiness.score = new
        print(f"extraction of {len(sample)} corpus articles with the {label} model: {rates[label]:7.1f} articles/s")


if __name__ == "__main__":
    main()
