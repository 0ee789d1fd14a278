"""Score `dates.claim_date` alone, on gold claims, with spans built from the gold.

    python bench/dates_eval.py [GOLD.jsonl ...] [--shared ../shared] [--show-misses N]

Each gold claim with a date becomes an Attribution: its content offsets, its cue
(the gold cue text nearest the content, in the same paragraph) and the sentence(s)
holding both. That isolates date resolution from attribution errors; the
end-to-end figure is the `date acc` column of bench/eval_claims.py.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.dates import claim_date  # noqa: E402
from claims.extraction.types import Attribution  # noqa: E402

DEFAULT_SETS = ("seed.gold.jsonl", "id-dev.gold.jsonl", "polnear-dev.gold.jsonl")
ABBREVIATIONS = {"dr", "pol", "jl", "dkk", "h", "hj", "st", "mr", "mrs", "ms", "no", "sept", "jan", "feb", "gen", "sen"}
SENTENCE_END = re.compile(r"""[.!?]["”’']?\s+(?=["“‘']?[A-Z0-9])""")


try:
    from claims.extraction.sentences import split_sentences  # noqa: E402
except ImportError:  # the project's splitter is optional here: fall back to a rough one
    split_sentences = None


def sentence_spans(text: str, lang: str = "id") -> list[tuple[int, int]]:
    """The project's sentence splitter when present, else `rough_sentence_spans`."""
    if split_sentences is not None:
        return split_sentences(text, lang)
    return rough_sentence_spans(text)


def rough_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs split on newlines, then on `. ` before a capital (skipping short abbreviations)."""
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        start = offset
        for m in SENTENCE_END.finditer(paragraph):
            word = re.search(r"(\w+)\W*$", paragraph[: m.start() + 1])
            if word and word.group(1).lower() in ABBREVIATIONS:
                continue
            spans.append((offset + start - offset, offset + m.end()))
            start = offset + m.end()
        spans.append((start, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return [(s, e) for s, e in spans if e > s]


def locate_cue(text: str, claim: dict) -> tuple[int, int] | None:
    """The gold cue's occurrence nearest the content, outside it, in the same paragraph."""
    cue = claim.get("cue")
    if not cue:
        return None
    para_start = text.rfind("\n", 0, claim["start"]) + 1
    para_end = text.find("\n", claim["end"])
    para_end = len(text) if para_end < 0 else para_end
    pattern = re.compile(r"(?<!\w)" + re.escape(cue) + r"(?!\w)" if cue[0].isalnum() else re.escape(cue), re.I)
    best = None
    for m in pattern.finditer(text, para_start, para_end):
        if m.start() < claim["end"] and m.end() > claim["start"]:
            continue
        distance = max(claim["start"] - m.end(), m.start() - claim["end"], 0)
        if best is None or distance < best[0]:
            best = (distance, m.start(), m.end())
    return (best[1], best[2]) if best else None


def attribution_from_gold(text: str, spans, claim: dict) -> Attribution:
    cue = locate_cue(text, claim)
    lo = min(claim["start"], cue[0]) if cue else claim["start"]
    hi = max(claim["end"], cue[1]) if cue else claim["end"]
    covering = [(s, e) for s, e in spans if s < hi and e > lo] or [(lo, hi)]
    return Attribution(
        start=claim["start"],
        end=claim["end"],
        speaker=claim.get("speaker"),
        kind=claim.get("kind") or "indirect",
        sentence_start=covering[0][0],
        sentence_end=covering[-1][1],
        cue=claim.get("cue"),
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
    )


def evaluate(path: Path, show_misses: int) -> None:
    total = ok = strict = calls = 0
    seconds = 0.0
    misses = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        published = datetime.date.fromisoformat(doc["published"]) if doc.get("published") else None
        text = doc["text"]
        spans = sentence_spans(text, doc.get("lang") or "id")
        for claim in doc["claims"]:
            if not claim.get("date"):
                continue
            found = attribution_from_gold(text, spans, claim)
            started = time.perf_counter()
            day, flags = claim_date(text, found, published=published, lang=doc.get("lang") or "id")
            seconds += time.perf_counter() - started
            calls += 1
            predicted = day.isoformat() if day else None
            total += 1
            strict += predicted == claim["date"]
            good = predicted in [claim["date"], *(claim.get("dates_ok") or [])]
            ok += good
            if not good and len(misses) < show_misses:
                sentence = text[found.sentence_start : found.sentence_end].replace("\n", " ")
                where = f"{doc['id'][:40]} pub {published} gold {claim['date']} got {predicted}"
                misses.append(f"  {where}: {sentence[:160]!r}")
    if not total:
        print(f"== {path.name}: no dated gold claims")
        return
    per_call = seconds / calls * 1e6 if calls else 0.0
    print(
        f"== {path.name}: date accuracy {ok / total:.4f} ({ok}/{total}); "
        f"strict (gold date only) {strict / total:.4f}; {per_call:.1f} us/claim"
    )
    for miss in misses:
        print(miss)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--show-misses", type=int, default=20)
    a = ap.parse_args(argv)
    golds = [Path(g) for g in a.gold] or [Path(a.shared) / "eval" / name for name in DEFAULT_SETS]
    print(f"sentences: {'claims.extraction.sentences' if split_sentences else 'rough splitter in this file'}")
    for gold in golds:
        evaluate(gold, a.show_misses)


if __name__ == "__main__":
    main()
