"""Review pages at scale: 1,000,000 claims over 100,000 articles in a scratch PostgreSQL database.

    python bench/review_pages.py [--server postgres://postgres@127.0.0.1:5432] [--runs 30] [--keep]

Creates its own database (factcheck_bench_review, or $FACTCHECK_BENCH_DB), migrates it, fills it with INSERT ... SELECT
over generate_series, then times each page in-process (Django's test Client, the whole request:
middleware, session, queries, template) next to the raw SQL of the same page: the statements the
page ran, captured once and replayed through a cursor in the same run. Prints median and p95 of
both and their ratio. Targets: every page under 150 ms median and within 5x of its raw SQL.
Drops the database at the end unless --keep.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = os.environ.get("FACTCHECK_BENCH_DB", "factcheck_bench_review")
ARTICLES = 100_000
CLAIMS_PER_ARTICLE = 10
TARGET_MS = 150
TARGET_RATIO = 5


def admin_connection(server: str):
    import psycopg

    return psycopg.connect(f"{server}/postgres", autocommit=True)


def recreate_database(server: str) -> None:
    with admin_connection(server) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database(server: str) -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection(server) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def setup_django(server: str) -> None:
    os.environ["DATABASE_URL"] = f"{server}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-deployment-0123456789abcdef")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ["REDIS_URL"] = ""
    os.environ["CELERY_BROKER_URL"] = ""
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


_DECLARE = re.compile(r'^DECLARE "?[\w]+"? NO SCROLL CURSOR WITH(?:OUT)? HOLD FOR ')

STATUS_SQL = """
    CASE
      WHEN r < 0.85 THEN 'new'
      WHEN r < 0.90 THEN 'in_review'
      WHEN r < 0.93 THEN 'verdict_proposed'
      WHEN r < 0.97 THEN 'published'
      WHEN r < 0.99 THEN 'not_a_claim'
      ELSE 'duplicate'
    END
"""


def fill(users: dict) -> None:
    from django.db import connection

    checkers = users["checkers"]
    editors = users["editors"]
    with connection.cursor() as cursor:
        step = time.perf_counter()
        cursor.execute(
            "INSERT INTO claims_outlet (name, domain) "
            "SELECT 'Outlet ' || i, 'outlet' || i || '.example' FROM generate_series(1, 50) i"
        )
        cursor.execute(
            "INSERT INTO claims_speaker (canonical_name, aliases, kind, created_at) "
            "SELECT 'Speaker ' || i, '[]', 'person', now() FROM generate_series(1, 5000) i"
        )
        cursor.execute("SELECT min(id) FROM claims_outlet")
        outlet0 = cursor.fetchone()[0]
        # Ten 150-character lines per article; claim k covers 120 characters of line k.
        cursor.execute(
            f"""
            INSERT INTO claims_article (url, canonical_url, title, outlet_id, authors, published_date, language,
                html, text, content_hash, status, error, match_error, extractor_version, created_at, updated_at)
            SELECT 'https://outlet' || (i % 50) || '.example/news/' || i, '', 'Article ' || i, {outlet0} + i % 50,
                '[]', date '2025-01-01' + (i % 365), CASE WHEN i % 3 = 0 THEN 'en' ELSE 'id' END,
                '', repeat(rpad('Menteri Budi mengatakan bahwa harga beras naik ' || i || ' persen <b>kata</b> dia.',
                149, ' lagi') || E'\\n', 10), md5(i::text), 'done', '', '', 'bench', now(), now()
            FROM generate_series(1, {ARTICLES}) i
            """
        )
        print(f"articles: {time.perf_counter() - step:.1f}s", flush=True)
        step = time.perf_counter()
        cursor.execute("SELECT min(id) FROM claims_article")
        article0 = cursor.fetchone()[0]
        cursor.execute("SELECT min(id) FROM claims_speaker")
        speaker0 = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM claims_verdict WHERE rating_value IS NOT NULL ORDER BY id")
        verdicts = [row[0] for row in cursor.fetchall()]
        checker_array = "(ARRAY[" + ",".join(map(str, checkers)) + "]::bigint[])"
        editor_array = "(ARRAY[" + ",".join(map(str, editors)) + "]::bigint[])"
        verdict_array = "(ARRAY[" + ",".join(map(str, verdicts)) + "]::bigint[])"
        cursor.execute(
            f"""
            INSERT INTO claims_claim (article_id, content, start, "end", speaker_id, speaker_text, cue, via, kind,
                claim_date, checkworthiness, flags, gaps, extractor_version, review_status, verdict_id, assignee_id,
                rationale, original_content, proposed_by_id, published_by_id, published_at, duplicate_of_id,
                public_verdict_id, public_content, public_rationale, public_modified_at,
                version, created_at, updated_at)
            SELECT article_id, 'Menteri Budi mengatakan bahwa harga beras naik ' || article_id || ' persen, klaim '
                    || g, k * 150, k * 150 + 120, {speaker0} + (g::bigint * 7919) % 5000,
                'Menteri Budi', 'mengatakan', '',
                CASE WHEN g % 3 = 0 THEN 'direct' ELSE 'indirect' END, date '2025-01-01' + (g % 365),
                random(), '[]', '[]', 'bench', status,
                CASE WHEN status IN ('verdict_proposed', 'published') THEN {verdict_array}[1 + g % 4] END,
                CASE WHEN status IN ('in_review', 'verdict_proposed', 'published')
                     THEN {checker_array}[1 + g % {len(checkers)}] END,
                CASE WHEN status IN ('verdict_proposed', 'published') THEN 'Data BPS menunjukkan sebaliknya.'
                     ELSE '' END, '',
                CASE WHEN status IN ('verdict_proposed', 'published')
                     THEN {checker_array}[1 + g % {len(checkers)}] END,
                CASE WHEN status = 'published' THEN {editor_array}[1 + g % {len(editors)}] END,
                CASE WHEN status = 'published' THEN now() - (g % 100000) * interval '1 minute' END,
                NULL,
                CASE WHEN status = 'published' THEN {verdict_array}[1 + g % 4] END,
                CASE WHEN status = 'published' THEN 'Menteri Budi mengatakan bahwa harga beras naik ' || article_id
                    || ' persen, klaim ' || g ELSE '' END,
                CASE WHEN status = 'published' THEN 'Data BPS menunjukkan sebaliknya.' ELSE '' END,
                CASE WHEN status = 'published' THEN now() - (g % 100000) * interval '1 minute' END,
                1, now(), now()
            FROM (
                SELECT g, {article0} + (g - 1) / {CLAIMS_PER_ARTICLE} AS article_id,
                    (g - 1) % {CLAIMS_PER_ARTICLE} AS k, {STATUS_SQL} AS status
                FROM (SELECT g, random() AS r FROM generate_series(1, {ARTICLES * CLAIMS_PER_ARTICLE}) g) numbered
            ) planned
            """
        )
        print(f"claims: {time.perf_counter() - step:.1f}s", flush=True)
        step = time.perf_counter()
    # What autovacuum does on a live database: statistics, and the visibility map for index-only scans.
    connection.cursor().execute("VACUUM ANALYZE")
    print(f"vacuum analyze: {time.perf_counter() - step:.1f}s", flush=True)


def make_users() -> dict:
    from django.contrib.auth.models import Group, User

    boss = User.objects.create_superuser("bench-admin", "bench@example.org", "bench-password")
    checkers, editors = Group.objects.get(name="Reviewers"), Group.objects.get(name="Editors")
    users = {"boss": boss, "checkers": [], "editors": []}
    for n in range(20):
        user = User.objects.create_user(f"checker{n}", password="x", is_staff=True)
        user.groups.add(checkers)
        users["checkers"].append(user.pk)
    for n in range(5):
        user = User.objects.create_user(f"editor{n}", password="x", is_staff=True)
        user.groups.add(editors)
        users["editors"].append(user.pk)
    return users


def give_history(claim_id: int, users: dict) -> None:
    """A published claim with a real history, walked through the services: reopened and republished."""
    from django.contrib.auth.models import User

    from claims.models import Claim, ClaimEvent, Evidence
    from claims.review import services

    claim = Claim.objects.get(pk=claim_id)
    editor = User.objects.get(pk=users["editors"][0])
    other_editor = User.objects.get(pk=users["editors"][1])
    checker = User.objects.get(pk=users["checkers"][0])
    Evidence.objects.create(claim=claim, url="https://www.bps.go.id/harga", title="BPS", added_by=checker)
    for _ in range(3):
        services.claim_reopen(claim=claim, user=editor, note="new figures", expected_version=claim.version)
        services.claim_take(claim=claim, user=checker, expected_version=claim.version)
        services.claim_propose_verdict(
            claim=claim, user=checker, verdict=claim.verdict, rationale="Data BPS.", expected_version=claim.version
        )
        services.claim_publish(
            claim=claim, user=other_editor, expected_version=claim.version, notice="Angka BPS terbaru."
        )
    assert ClaimEvent.objects.filter(claim=claim).count() == 12


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url: str, runs: int, *, cold: bool = False):
    """Page and raw-SQL times in ms; `cold` empties Django's cache before each request."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm caches, templates, the connection
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # A ModelChoiceField reads through a server-side cursor: replay its SELECT.
    statements = [_DECLARE.sub("", query["sql"]) for query in captured.captured_queries]
    page_times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018 - rendered already; touch it as a server would
        page_times.append((time.perf_counter() - started) * 1000)
    raw_times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            raw_times.append((time.perf_counter() - started) * 1000)
    return statements, page_times, raw_times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL, no database")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (and reuse it)")
    parser.add_argument("--reuse", action="store_true", help="reuse a database kept by --keep")
    parser.add_argument("--explain", action="store_true", help="print the plan of each page's slowest statement")
    args = parser.parse_args()

    started = time.perf_counter()
    if not args.reuse:
        recreate_database(args.server)
    setup_django(args.server)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from claims.models import Claim

    try:
        if not args.reuse:
            call_command("migrate", verbosity=0)
            users = make_users()
            fill(users)
        else:
            from django.contrib.auth.models import User

            users = {
                "boss": User.objects.get(username="bench-admin"),
                "checkers": list(User.objects.filter(username__startswith="checker").values_list("pk", flat=True)),
                "editors": list(User.objects.filter(username__startswith="editor").values_list("pk", flat=True)),
            }
            call_command("migrate", verbosity=0)  # a kept database may predate the latest migrations
        step = time.perf_counter()
        from claims.review.summaries import summaries_rebuild

        # The fill wrote rows with SQL, past the signals that keep the dashboard's totals: count them once.
        summaries_rebuild()
        connection.cursor().execute("ANALYZE claims_dashboardcount, claims_dashboardpublished")  # as autovacuum would
        print(f"dashboard totals: {time.perf_counter() - step:.1f}s", flush=True)
        claims = Claim.objects.count()
        print(f"data: {claims:,} claims over {ARTICLES:,} articles, ready in {time.perf_counter() - started:.0f}s")
        published = Claim.objects.filter(review_status="published").order_by("pk").values_list("pk", flat=True)
        with_history = published[1000]
        if not args.reuse:
            give_history(with_history, users)
        middle = Claim.objects.order_by("pk").values_list("pk", flat=True)[claims // 2]

        client = Client()
        client.force_login(users["boss"])
        changelist = "/admin/claims/claim/"
        indonesian = "article__language=id"
        pages = [
            ("admin changelist, page 1", changelist),
            ("admin changelist, page 500", f"{changelist}?p=500"),
            ("admin changelist in review, page 1", f"{changelist}?review_status__exact=in_review"),
            ("admin changelist in review, page 450", f"{changelist}?review_status__exact=in_review&p=450"),
            ("admin changelist new + Indonesian, p 500", f"{changelist}?review_status__exact=new&{indonesian}&p=500"),
            ("reviewer queue, page 1", "/review/"),
            ("reviewer queue, page 500", "/review/?page=500"),
            ("reviewer queue to approve, page 1", "/review/?queue=approve"),
            ("claim page (new)", f"/review/claims/{middle}/"),
            ("claim page (published, 12 steps)", f"/review/claims/{with_history}/"),
            ("admin claim change page", f"/admin/claims/claim/{middle}/change/"),
            ("review dashboard (uncached)", "/review/dashboard/"),
        ]
        # The public pages are read by anonymous visitors and search engines.
        public = [
            ("public fact-check page (anonymous)", f"/fact-checks/{with_history}/"),
            ("ClaimReview feed, 100 (anonymous)", "/claimreview.json"),
        ]
        rows = []
        for (label, url), visitor in [*((page, client) for page in pages), *((page, Client()) for page in public)]:
            statements, page, raw = measure(visitor, url, args.runs, cold="uncached" in label)
            rows.append((label, len(statements), page, raw))
            print(f"  measured {label}", flush=True)
            if args.explain:
                slowest = max(statements, key=lambda sql: _time_one(connection, sql))
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + slowest)
                    print("\n".join(row[0] for row in cursor.fetchall()))
        print()
        print(
            f"{'page':<42} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'raw SQL med':>12} {'raw p95':>8} "
            f"{'ratio':>6}  target"
        )
        failures = 0
        for label, queries, page, raw in rows:
            page_median, raw_median = statistics.median(page), statistics.median(raw)
            ratio = page_median / raw_median if raw_median else float("inf")
            ok = page_median < TARGET_MS and ratio <= TARGET_RATIO
            failures += not ok
            print(
                f"{label:<42} {queries:>7} {page_median:>10.1f} {percentile(page, 0.95):>8.1f} {raw_median:>12.1f} "
                f"{percentile(raw, 0.95):>8.1f} {ratio:>5.1f}x  {'ok' if ok else 'MISSED'}"
            )
        print(f"\n{len(rows) - failures} of {len(rows)} pages: < {TARGET_MS} ms median and <= {TARGET_RATIO}x raw SQL")
        print(f"total {time.perf_counter() - started:.0f}s")
        return 1 if failures else 0
    finally:
        if not args.keep:
            drop_database(args.server)


def _time_one(connection, sql: str) -> float:
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql)
        if cursor.description:
            cursor.fetchall()
        return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
