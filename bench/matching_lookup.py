"""Claim-matching lookup latency on PostgreSQL: the full-text index next to a sequential scan.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/matching_lookup.py \\
        [--sizes 100000,1000000] [--queries 200] [--shared ../shared]

Fills a scratch database (factcheck_bench_match, dropped first) with N stored claims
whose texts are sentences of the Indonesian corpus (each made unique), then times
the product's candidate lookup for one new claim (a reworded corpus sentence): the
full-text-indexed fingerprint query `claims.matching.selectors` runs, plus scoring the
candidates in Python, next to the same query with index scans turned off (a plain sequential scan)
in the same run. Prints median and 95th percentile per size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline import scratch_database  # noqa: E402


def sentences(shared: Path) -> list[str]:
    found = []
    with (shared / "corpus" / "indosum-id-750.jsonl").open(encoding="utf-8") as f:
        for line in f:
            for sentence in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
                if 8 <= len(sentence.split()) <= 40:
                    found.append(sentence.strip())
    return found


def fill(n: int, texts: list[str]) -> None:
    """Articles (one per 10 claims), claims and their match keys, in batches."""
    from claims.matching.text import fingerprint, match_key
    from claims.models import Article, Claim, ClaimMatchKey

    keys = [match_key(t, "id") for t in texts]
    prints = [fingerprint(k) for k in keys]
    have = Claim.objects.count()
    batch = 10_000
    for start in range(have, n, batch):
        stop = min(n, start + batch)
        articles = Article.objects.bulk_create(
            [
                Article(text=f"article {i}", content_hash=f"bench-{i}", language="id", status="done")
                for i in range(start // 10, (stop + 9) // 10)
                if i * 10 >= start
            ]
        )
        by_index = {int(a.content_hash.split("-")[1]): a.pk for a in articles}
        claims = Claim.objects.bulk_create(
            [
                Claim(
                    article_id=by_index[i // 10],
                    content=f"{texts[i % len(texts)]} ({i})",
                    start=i % 10,
                    end=i % 10 + 1,
                    extractor_version="bench",
                )
                for i in range(start, stop)
            ]
        )
        ClaimMatchKey.objects.bulk_create(
            [
                ClaimMatchKey(claim_id=c.pk, fingerprint=prints[i % len(keys)])
                for i, c in zip(range(start, stop), claims, strict=True)
            ]
        )
        print(f"  {stop:,} claims stored", end="\r", flush=True)
    print()


def timed(function, queries) -> tuple[float, float]:
    samples = []
    for query in queries:
        started = time.perf_counter()
        function(query)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL server: this benchmark measures its full-text index")
    url = scratch_database(os.environ["DATABASE_URL"], "factcheck_bench_match")
    os.environ.update(DATABASE_URL=url, DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "b" * 60)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.db import connection

    from claims.matching import selectors
    from claims.matching.text import fingerprint, match_key, rank_candidates

    texts = sentences(Path(a.shared))
    rng = random.Random(5)
    queries = []
    for text in rng.sample(texts, a.queries):
        words = text.split()
        rng.shuffle(words[: len(words) // 3])  # a light rewording of a stored sentence
        queries.append(match_key(" ".join(words), "id"))

    def indexed(key):
        candidates = selectors._indexed_candidates(0, fingerprint(key))
        rank_candidates(key, [(pk, match_key(content, "id"), False) for pk, content, _, _ in candidates], limit=10)

    def sequential(key):
        with connection.cursor() as cursor:
            cursor.execute("SET enable_bitmapscan = off")
            cursor.execute("SET enable_indexscan = off")
        try:
            selectors._indexed_candidates(0, fingerprint(key))
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_bitmapscan")
                cursor.execute("RESET enable_indexscan")

    print(f"{len(texts):,} corpus sentences; {a.queries} lookups per size")
    for n in (int(size) for size in a.sizes.split(",")):
        fill(n, texts)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE claims_claimmatchkey")
        indexed(queries[0])
        index_median, index_p95 = timed(indexed, queries)
        scan_median, scan_p95 = timed(sequential, queries[: max(10, a.queries // 10)])
        print(
            f"{n:>9,} claims: indexed lookup + scoring median {index_median:7.1f} ms, p95 {index_p95:7.1f} ms | "
            f"sequential scan median {scan_median:8.1f} ms, p95 {scan_p95:8.1f} ms | "
            f"{scan_median / index_median:5.1f}x faster"
        )


if __name__ == "__main__":
    main()
