"""Run the extractor over a gold file and score it with the project's scorer.

    python bench/eval_claims.py [GOLD.jsonl ...] [--shared ../shared] [--show-misses N] [--part tune|aside]

With no gold files, scores the seed, Indonesian and English development sets.
Predictions are written beside nothing: they go to a temporary file.

`--part` splits the English development set by a stable hash of each article id:
`tune` (about 70%) is the part to look at while changing the extractor, `aside`
(the rest) the part to report unseen. Without it, every set is scored whole and
the English set's two parts are scored on their own as well.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402
from claims.extraction.serialize import claim_to_dict  # noqa: E402

DEFAULT_SETS = ("seed.gold.jsonl", "id-dev.gold.jsonl", "polnear-dev.gold.jsonl")
SPLIT_SETS = ("polnear-dev.gold.jsonl",)


def part_of(doc_id: str) -> str:
    """`tune` or `aside`, fixed by the id alone."""
    return "aside" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 10 >= 7 else "tune"


def gold_part(gold_path: Path, part: str) -> Path:
    """A temporary copy of the gold file with only the articles of `part`."""
    with tempfile.NamedTemporaryFile("w", suffix=f".{part}.jsonl", delete=False, encoding="utf-8") as out:
        for line in gold_path.open(encoding="utf-8"):
            if line.strip() and part_of(json.loads(line)["id"]) == part:
                out.write(line)
    return Path(out.name)


def predict(gold_path: Path, out):
    n = 0
    started = time.perf_counter()
    for line in gold_path.open(encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        published = datetime.date.fromisoformat(doc["published"]) if doc.get("published") else None
        result = extract(doc["text"], lang=doc.get("lang"), published=published)
        out.write(json.dumps({"id": doc["id"], "claims": [claim_to_dict(c) for c in result.claims]}) + "\n")
        n += 1
    return n, time.perf_counter() - started


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--part", choices=("tune", "aside"), help="only this part of the English development set")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    golds = [(Path(g), Path(g).name) for g in a.gold] or []
    if not golds:
        for name in DEFAULT_SETS:
            path = shared / "eval" / name
            if name not in SPLIT_SETS:
                golds.append((path, name))
                continue
            parts = [a.part] if a.part else ["whole", "tune", "aside"]
            golds.extend((path if p == "whole" else gold_part(path, p), name if p == "whole" else f"{name} [{p}]")
                         for p in parts)
    scorer = shared / "eval" / "score.py"
    for gold, label in golds:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
            n, seconds = predict(gold, out)
        cmd = [sys.executable, str(scorer), str(gold), out.name]
        if a.show_misses:
            cmd += ["--show-misses", str(a.show_misses)]
        print(f"== {label}: {n} articles in {seconds:.2f}s", flush=True)
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
