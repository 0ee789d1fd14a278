"""Claim-matching lookup latency on PostgreSQL: the whole lookup for one new claim, part by part.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/matching_lookup.py \\
        [--sizes 100000,1000000] [--fact-checks 100000] [--queries 200] [--shared ../shared]

Fills a scratch database (factcheck_bench_match, dropped first) with N stored claims
whose texts are sentences of the Indonesian corpus (each made unique), each with a stored
embedding, and a tenth as many imported fact-checks (at most --fact-checks) with theirs.
The stored vectors are synthetic: real embeddings of `--base` corpus sentences, each copy
moved by Gaussian noise (cosine about 0.89 to its sentence, 0.8 between two copies) and quantised as stored,
because embedding a million sentences would take hours here; the queries' vectors are
real embeddings, computed in the timed lookup.

Times the product's lookup for one new claim (a reworded corpus sentence): embedding it,
searching this process's vector indexes of claims and fact-checks (`claims.matching.vectors`,
including the freshness check each search makes), reading the hits back
(`selectors.vector_hits_read`), the lexical candidates (`selectors.lexical_candidates`),
and scoring them all, with the total less the embedding (CPU-bound, so the first to suffer
on a shared machine); next to the lexical lookup alone, as it was (`_indexed_candidates`,
every pair of the fingerprint's words) and as it is now, with how many lookups keep the same
best ten after scoring, an exact scan of the same int8 vectors, and the lexical query with
index scans off (a plain sequential scan), in the same run. Prints median and 95th percentile per size.
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
from urllib.parse import urlsplit, urlunsplit

import numpy as np

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


def synthetic(base: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Stored-vector stand-ins for rows start..stop: their base sentence's embedding, moved by noise."""
    rng = np.random.default_rng(start)
    rows = base[np.arange(start, stop) % len(base)]
    noisy = rows + rng.normal(0, 0.5 / np.sqrt(rows.shape[1]), rows.shape).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def fill_vectors(n: int, fact_checks: int, texts: list[str], base: np.ndarray) -> None:
    """Embeddings of the stored claims and the imported fact-checks with theirs, by COPY."""
    from django.db import connection

    from claims.matching.text.embeddings import MODEL_VERSION, quantise
    from claims.models import ClaimEmbedding, FactCheck

    def copy(sql, rows):
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as out:
            for row in rows:
                out.write_row(row)

    have = ClaimEmbedding.objects.count()
    ids = list(Claim_ids(have, n))
    for start in range(0, len(ids), 50_000):
        chunk = ids[start : start + 50_000]
        matrix = synthetic(base, have + start, have + start + len(chunk))
        copy(
            "COPY claims_claimembedding (claim_id, vector, model, stamp) FROM STDIN",
            ((pk, quantise(v), MODEL_VERSION, 1) for pk, v in zip(chunk, matrix, strict=True)),
        )
        print(f"  {have + start + len(chunk):,} claim vectors stored", end="\r", flush=True)
    print()
    have = FactCheck.objects.count()
    if have < fact_checks:
        matrix = synthetic(base, 10_000_000 + have, 10_000_000 + fact_checks)
        copy(
            "COPY claims_factcheck (url, publisher, publisher_url, headline, claim_reviewed, rating_label, language,"
            " claim_author, appearances, vector, vector_model, vector_stamp, matched_at, created_at, updated_at)"
            " FROM STDIN",
            (
                (
                    f"https://checker.example/{i}",
                    "Checker",
                    "",
                    "",
                    texts[(10_000_000 + i) % len(base)],
                    "Hoaks",
                    "id",
                    "",
                    "[]",
                    quantise(v),
                    MODEL_VERSION,
                    1,
                    "2026-01-01T00:00:00Z",
                    "2026-01-01T00:00:00Z",
                    "2026-01-01T00:00:00Z",
                )
                for i, v in zip(range(have, fact_checks), matrix, strict=True)
            ),
        )
        print(f"  {fact_checks:,} fact-checks stored")


def Claim_ids(have: int, n: int):  # noqa: N802
    from claims.models import Claim

    return Claim.objects.order_by("pk").values_list("pk", flat=True)[have:n]


def timed(function, queries, found=None) -> tuple[float, float]:
    samples = []
    for query in queries:
        started = time.perf_counter()
        result = function(query)
        samples.append((time.perf_counter() - started) * 1000)
        if found is not None:
            found.append(result)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def recall_at_10(index, exact, query) -> float:
    """Share of the exact scan's top 10 the index finds; a hit tied with the exact 10th (within 0.002) counts."""
    truth = exact.search(query, 10)[0]
    found = index.search(query, 10)[0]
    tenth = truth[-1][1] - 0.002
    ids = {pk for pk, _ in truth}
    return sum(1 for pk, cosine in found if pk in ids or cosine >= tenth) / len(truth)


def scores(best) -> list[float]:
    """The scores of a lookup's best matches: copies of one sentence tie, and either copy is as good."""
    return [round(match.score, 4) for _, match in best]


def kind(index) -> str:
    return f"IVF nprobe {index.nprobe}" if index.nprobe else "exact"


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--fact-checks", type=int, default=100_000, help="at most; a tenth of the claims below that")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--base", type=int, default=2000, help="corpus sentences embedded for the stored vectors")
    ap.add_argument("--database", default="factcheck_bench_match", help="the scratch database (dropped first)")
    ap.add_argument("--reuse", action="store_true", help="keep what the scratch database already holds")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL server: this benchmark measures its full-text index")
    if a.reuse:
        url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{a.database}"))
    else:
        url = scratch_database(os.environ["DATABASE_URL"], a.database)
    os.environ.update(DATABASE_URL=url, DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "b" * 60)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.db import connection

    from claims.matching import selectors, vectors
    from claims.matching.services import MATCHES, _fact_check_key, stored_key
    from claims.matching.text import combined_similarity, fingerprint, match_key, rank_candidates
    from claims.matching.text.embeddings import embed

    texts = sentences(Path(a.shared))
    rng = random.Random(5)
    queries = []
    for text in rng.sample(texts, a.queries):
        words = text.split()
        rng.shuffle(words[: len(words) // 3])  # a light rewording of a stored sentence
        queries.append((" ".join(words), match_key(" ".join(words), "id")))
    started = time.perf_counter()
    base = embed(texts[: a.base])
    print(
        f"{len(texts):,} corpus sentences; {a.base:,} embedded for the stored vectors in "
        f"{time.perf_counter() - started:.0f} s; {a.queries} lookups per size"
    )

    def lexical(key):
        candidates = selectors._indexed_candidates(0, fingerprint(key))
        best = rank_candidates(
            key, [(pk, match_key(content, "id"), False) for pk, content, _, _ in candidates], limit=10
        )
        return best

    def lexical_now(key):
        candidates = selectors.lexical_candidates(0, key, None)
        best = rank_candidates(
            key, [(pk, match_key(content, "id"), False) for pk, content, _, _ in candidates], limit=10
        )
        return best

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

    parts = ("embed", "claim vectors", "fact-check vectors", "read back", "lexical candidates", "scoring")

    def lookup(query, times):
        text, key = query
        clock = [time.perf_counter()]

        def tick(part):
            now = time.perf_counter()
            times[part].append((now - clock[0]) * 1000)
            clock[0] = now

        vector = embed([text])
        tick("embed")
        claim_hits = vectors.claim_index().search(vector, MATCHES)[0]
        tick("claim vectors")
        fact_check_hits = vectors.fact_check_index().search(vector, MATCHES)[0]
        tick("fact-check vectors")
        claims, fact_checks = selectors.vector_hits_read(
            [pk for pk, _ in claim_hits], [pk for pk, _ in fact_check_hits]
        )
        tick("read back")
        candidates = selectors.lexical_candidates(0, key, None)
        tick("lexical candidates")
        rank_candidates(
            key, [(pk, stored_key(content, language), False) for pk, content, language, _ in candidates], limit=10
        )
        for pk, cosine in claim_hits:
            if pk in claims:
                combined_similarity(key, stored_key(claims[pk][1], claims[pk][3]), cosine)
        for pk, cosine in fact_check_hits:
            if pk in fact_checks:
                combined_similarity(key, _fact_check_key(fact_checks[pk][1], fact_checks[pk][3]), cosine)
        tick("scoring")
        times["whole lookup"].append(sum(times[part][-1] for part in parts))
        times["lookup less embed"].append(times["whole lookup"][-1] - times["embed"][-1])

    for n in (int(size) for size in a.sizes.split(",")):
        fill(n, texts)
        fill_vectors(n, min(a.fact_checks, n // 10), texts, base)
        with connection.cursor() as cursor:
            for table in ("claims_claimmatchkey", "claims_claimembedding", "claims_factcheck"):
                cursor.execute(f"VACUUM ANALYZE {table}")
        vectors.reset()
        started = time.perf_counter()
        vectors.claim_index().refresh()
        vectors.fact_check_index().refresh()
        loaded = time.perf_counter() - started
        claim_index, fact_check_index = vectors.claim_index(), vectors.fact_check_index()
        lookup(queries[0], {part: [] for part in (*parts, "whole lookup", "lookup less embed")})
        times = {part: [] for part in (*parts, "whole lookup", "lookup less embed")}
        for query in queries:
            lookup(query, times)
        vectors_ = embed([text for text, _ in queries[:20]])
        exact = vectors.VectorIndex(vectors.CLAIMS, ivf_min_size=10**12)
        exact.refresh()
        exact_times = []
        for row in vectors_:
            started = time.perf_counter()
            exact.search(row[None, :], MATCHES)
            exact_times.append((time.perf_counter() - started) * 1000)
        recall = np.mean([recall_at_10(claim_index, exact, row[None, :]) for row in vectors_])
        del exact
        before, after = [], []
        lexical_median, lexical_p95 = timed(lexical, [key for _, key in queries], before)
        now_median, now_p95 = timed(lexical_now, [key for _, key in queries], after)
        same = sum(1 for old, new in zip(before, after, strict=True) if {pk for pk, _ in old} == {pk for pk, _ in new})
        same_scores = sum(1 for old, new in zip(before, after, strict=True) if scores(old) == scores(new))
        scan_median, scan_p95 = timed(sequential, [key for _, key in queries[: max(10, a.queries // 10)]])
        print(
            f"{n:>9,} claims, {len(fact_check_index):,} fact-checks (indexes loaded in {loaded:.0f} s: claims "
            f"{kind(claim_index)}, fact-checks {kind(fact_check_index)}; "
            f"recall@10 of the claim index against an exact scan, real queries {recall:.2f})"
        )
        for part in (*parts, "whole lookup", "lookup less embed"):
            median, p95 = percentiles(times[part])
            print(f"    {part:<20} median {median:7.1f} ms, p95 {p95:7.1f} ms")
        exact_median, exact_p95 = percentiles(exact_times)
        print(
            f"    {'exact int8 scan':<20} median {exact_median:7.1f} ms, p95 {exact_p95:7.1f} ms  "
            "(the claim vectors, no inverted lists)"
        )
        print(
            f"    {'lexical lookup today':<20} median {lexical_median:7.1f} ms, p95 {lexical_p95:7.1f} ms  "
            f"(fingerprint query + scoring, the lexical part alone)"
        )
        print(
            f"    {'lexical lookup now':<20} median {now_median:7.1f} ms, p95 {now_p95:7.1f} ms  "
            f"(the same, with the product's candidate query now: selectors.lexical_candidates; "
            f"the same best ten scores in {same_scores} of {len(after)} lookups, the same claims in {same})"
        )
        print(
            f"    {'sequential scan':<20} median {scan_median:7.1f} ms, p95 {scan_p95:7.1f} ms  "
            f"(the fingerprint query, index scans off: {scan_median / lexical_median:.1f}x the indexed lookup)"
        )


if __name__ == "__main__":
    main()
