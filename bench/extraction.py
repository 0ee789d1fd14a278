"""Extraction speed: text to claims and HTML to claims, next to trafilatura alone on the same pages.

    python bench/extraction.py [--shared ../shared] [--repeat 3] [--hostile-size 500000] [--no-html]

Prints articles per second on one core for text input (the development gold sets and the
Indonesian corpus) and for HTML input (the HTML evaluation pages), and trafilatura's own
rate on the same pages measured in the same run. Targets: text >= 500 articles/s; the whole
HTML-to-claims pipeline no slower than trafilatura's extraction alone.

Then the hostile texts of the growth tests (tests/extraction_hostile.py: one-paragraph
articles, runs of dots and quotes, repeated cue clauses ...) at --hostile-size characters:
seconds per MB for each, next to the seconds per MB of the development gold sets measured
in the same run, and how long the largest took against the extractor's time budget.
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

from claims.extraction import DEFAULT_BUDGET_SECONDS, extract  # noqa: E402
from tests.extraction_hostile import HOSTILE  # noqa: E402


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rate(label: str, items: list, work, repeat: int) -> float:
    """Best of `repeat` passes, in items per second of wall-clock time.

    The best pass in CPU time (`time.process_time`, this process only) is printed too: on a
    shared machine it moves much less than the wall clock.
    """
    work(items[0])  # warm caches and lazy imports outside the timing
    best = best_cpu = float("inf")
    for _ in range(repeat):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    per_second = len(items) / best
    print(
        f"{label:<48} {len(items):>5} articles  {best:7.3f} s  {per_second:8.1f} articles/s"
        f"  (CPU {best_cpu:7.3f} s  {len(items) / best_cpu:8.1f} articles/s)"
    )
    return per_second


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--hostile-size", type=int, default=500_000, help="characters of each hostile text")
    ap.add_argument("--no-html", action="store_true", help="skip the HTML and trafilatura part")
    a = ap.parse_args(argv)
    shared = Path(a.shared)

    docs = [
        doc
        for name in ("seed.gold.jsonl", "id-dev.gold.jsonl", "polnear-dev.gold.jsonl")
        for doc in read_jsonl(shared / "eval" / name)
    ]
    texts = [doc["text"] for doc in docs]
    corpus = [doc["text"] for doc in read_jsonl(shared / "corpus" / "indosum-id-750.jsonl")]
    pages = read_jsonl(shared / "eval" / "html.input.jsonl")

    print("text to claims")
    text_rate = rate("  development gold sets (id + en)", texts, extract, a.repeat)
    for lang, language in (("id", "Indonesian"), ("en", "English")):
        rate(f"    of them {language}", [doc["text"] for doc in docs if doc.get("lang") == lang], extract, a.repeat)
    rate("  Indonesian corpus", corpus, lambda t: extract(t, lang="id"), a.repeat)
    normal_mb = sum(len(t.encode()) for t in texts) / 1e6
    normal_seconds_per_mb = len(texts) / text_rate / normal_mb

    hostile(a.hostile_size, normal_seconds_per_mb, a.repeat)
    print()
    print(f"text to claims: {text_rate:.0f} articles/s (target >= 500)")
    if a.no_html:
        return

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
    print(f"HTML to claims vs trafilatura alone: {ours / theirs:.2f}x its rate (target >= 1.00x)")


def hostile(size: int, normal_seconds_per_mb: float, repeat: int) -> None:
    """Seconds per MB of each hostile text, next to news text's, best of `repeat` runs."""
    print()
    print(f"hostile texts of {size:,} characters (news text: {normal_seconds_per_mb:.2f} s/MB)")
    worst = ("", 0.0)
    for name, make in HOSTILE.items():
        arguments = make(size)
        mb = len((arguments.get("text") or arguments.get("html") or "").encode()) / 1e6
        best = float("inf")
        for _ in range(repeat):
            gc.collect()
            started = time.perf_counter()
            extract(**arguments, budget=None)
            best = min(best, time.perf_counter() - started)
        per_mb = best / mb
        worst = max(worst, (name, best), key=lambda w: w[1])
        print(f"  {name:<24} {best:7.3f} s  {per_mb:7.2f} s/MB  {per_mb / normal_seconds_per_mb:6.1f}x news")
    print(f"slowest: {worst[0]}, {worst[1]:.2f} s for {size:,} characters (time budget {DEFAULT_BUDGET_SECONDS:g} s)")


if __name__ == "__main__":
    main()
