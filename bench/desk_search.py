"""The desk's search at scale: full-text over GIN indexes against a plain containment scan, on PostgreSQL.

    python bench/desk_search.py [--server postgres://postgres@127.0.0.1:5432] [--articles 20000] [--runs 15]

Fills a scratch database (factcheck_bench_search) as bench/review_pages.py does (ten claims an
article, 5,000 speakers, 50 outlets), then times each search in-process, the whole query as the
queue runs it (the first page of 51 keys, then their rows), once with the full-text path and once
with the plain `icontains` path forced. Prints the median and p95 of each (process time is noisy
on a shared machine: the medians of the same run are what compare). Drops the database at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import review_pages  # noqa: E402

review_pages.DB_NAME = "factcheck_bench_search"


def timed(queryset_for, runs: int) -> list[float]:
    from claims.review.pagination import page_by_keys

    for _ in range(2):
        page_by_keys(queryset_for(), 0, 51)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = page_by_keys(queryset_for(), 0, 51)
        times.append((time.perf_counter() - started) * 1000)
    return times, len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL, no database")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a database kept by --keep")
    parser.add_argument("--explain", action="store_true", help="print the plan of the common word's search")
    args = parser.parse_args()
    review_pages.ARTICLES = args.articles

    started = time.perf_counter()
    if not args.reuse:
        review_pages.recreate_database(args.server)
    review_pages.setup_django(args.server)
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        if not args.reuse:
            review_pages.fill(review_pages.make_users())
        from django.contrib.auth.models import User

        from claims.models import Claim
        from claims.review.filters import ClaimFilter
        from claims.review.search import search_claims
        from claims.review.selectors import review_queue

        boss = User.objects.get(username="bench-admin")
        claims = Claim.objects.count()
        print(f"data: {claims:,} claims over {args.articles:,} articles, ready in {time.perf_counter() - started:.0f}s")
        one_claim = Claim.objects.order_by("pk").values_list("pk", flat=True)[claims // 2]
        klaim = Claim.objects.get(pk=one_claim).content.rsplit(" ", 1)[1]  # the claim's own number
        searches = [
            ("one claim's number", f"klaim {klaim}"),
            ("a speaker's name", "Speaker 4321"),
            ("an article's title", f"Article {args.articles // 3}"),
            ("an outlet", "outlet7"),
            ("nothing found", "zzzyx"),
            ("a word in every claim", "beras"),
        ]
        print(f"\n{'search (queue: all claims)':<28} {'path':<10} {'rows':>5} {'median ms':>10} {'p95 ms':>8}")
        for label, text in searches:
            for path, full_text in (("full-text", True), ("icontains", False)):

                def queryset(text=text, full_text=full_text):
                    return search_claims(review_queue(user=boss, queue="all"), text, full_text=full_text)

                times, rows = timed(queryset, args.runs)
                p95 = review_pages.percentile(times, 0.95)
                print(f"{label:<28} {path:<10} {rows:>5} {statistics.median(times):>10.1f} {p95:>8.1f}", flush=True)

        def queue_with_filters():
            filters = ClaimFilter({"q": "Speaker 4321", "language": "id"}, user=boss)
            return review_queue(user=boss, queue="open", filters=filters)

        times, rows = timed(queue_with_filters, args.runs)
        print(f"{'open queue, q + language':<28} {'full-text':<10} {rows:>5} {statistics.median(times):>10.1f} "
              f"{review_pages.percentile(times, 0.95):>8.1f}")
        if args.explain:
            from django.db import connection

            found = search_claims(review_queue(user=boss, queue="all"), "beras")
            sql, params = found.filter(pk__in=found.values("pk")[:51]).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + sql, params)
                print("\n".join(row[0] for row in cursor.fetchall()))
        print(f"total {time.perf_counter() - started:.0f}s")
        return 0
    finally:
        if not args.keep:
            review_pages.drop_database(args.server)


if __name__ == "__main__":
    sys.exit(main())
