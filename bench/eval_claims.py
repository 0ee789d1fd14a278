"""Run the extractor over a gold file and score it with the project's scorer.

    python bench/eval_claims.py [GOLD.jsonl ...] [--shared ../shared] [--show-misses N]

With no gold files, scores the seed, Indonesian and English development sets.
Predictions are written beside nothing: they go to a temporary file.
"""

from __future__ import annotations

import argparse
import datetime
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
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    golds = [Path(g) for g in a.gold] or [shared / "eval" / name for name in DEFAULT_SETS]
    scorer = shared / "eval" / "score.py"
    for gold in golds:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
            n, seconds = predict(gold, out)
        cmd = [sys.executable, str(scorer), str(gold), out.name]
        if a.show_misses:
            cmd += ["--show-misses", str(a.show_misses)]
        print(f"== {gold.name}: {n} articles in {seconds:.2f}s", flush=True)
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
