"""Extraction speed: text to claims and HTML to claims, next to trafilatura alone on the same pages.

    python bench/extraction.py [--shared ../shared] [--repeat 3]

Prints articles per second on one core for text input (the development gold sets and the
Indonesian corpus) and for HTML input (the HTML evaluation pages), and trafilatura's own
rate on the same pages measured in the same run. Targets: text >= 500 articles/s; the whole
HTML-to-claims pipeline no slower than trafilatura's extraction alone.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rate(label: str, items: list, work, repeat: int) -> float:
    """Best of `repeat` passes, in items per second."""
    work(items[0])  # warm caches and lazy imports outside the timing
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - started)
    per_second = len(items) / best
    print(f"{label:<48} {len(items):>5} articles  {best:7.3f} s  {per_second:8.1f} articles/s")
    return per_second


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    shared = Path(a.shared)

    texts = [
        doc["text"]
        for name in ("seed.gold.jsonl", "id-dev.gold.jsonl", "polnear-dev.gold.jsonl")
        for doc in read_jsonl(shared / "eval" / name)
    ]
    corpus = [doc["text"] for doc in read_jsonl(shared / "corpus" / "indosum-id-750.jsonl")]
    pages = read_jsonl(shared / "eval" / "html.input.jsonl")

    print("text to claims")
    text_rate = rate("  development gold sets (id + en)", texts, extract, a.repeat)
    rate("  Indonesian corpus", corpus, lambda t: extract(t, lang="id"), a.repeat)

    import trafilatura

    print("HTML")
    ours = rate(
        "  factcheck: HTML to claims (page, text, claims)",
        pages,
        lambda p: extract(html=p["html"], url=p["url"]),
        a.repeat,
    )
    theirs = rate(
        "  trafilatura.extract alone (text only)",
        pages,
        lambda p: trafilatura.extract(p["html"], url=p["url"], include_comments=False),
        a.repeat,
    )
    print()
    print(f"text to claims: {text_rate:.0f} articles/s (target >= 500)")
    print(f"HTML to claims vs trafilatura alone: {ours / theirs:.2f}x its rate (target >= 1.00x)")


if __name__ == "__main__":
    main()
