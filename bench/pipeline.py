"""End-to-end pipeline throughput: Redis, two worker processes and PostgreSQL, next to in-process extraction.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        python bench/pipeline.py [--n 10000] [--shared ../shared]

Creates a scratch database (factcheck_bench, dropped first), ingests N articles (the Indonesian
corpus repeated, each copy made unique) with `manage.py ingest`, and waits until two `celery
worker` processes have extracted them all. Prints articles per second end to end, the in-process
rate of `claims.extraction.extract` on the same texts measured in the same run, their ratio (the
overhead of the queue and the database; target under 1.5x), and each worker's peak memory.
Claim matching, which follows extraction, is left out unless --match is given: the
repeated corpus makes every claim a repeat of a dozen others, far more than news does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402


def texts(shared: Path, n: int) -> list[str]:
    with (shared / "corpus" / "indosum-id-750.jsonl").open(encoding="utf-8") as f:
        corpus = [json.loads(line)["text"] for line in f if line.strip()]
    # Each repeat differs by its last line, so de-duplication by content does not merge them.
    return [f"{corpus[i % len(corpus)]}\n(salinan {i // len(corpus)})" for i in range(n)]


def scratch_database(base_url: str, name: str) -> str:
    import psycopg

    parts = urlsplit(base_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its children (the prefork pool), in KiB."""
    total = 0
    out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(pid), "-p", str(pid)], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        _, rss = line.split()
        total += int(rss)
    return total


def count_done(database_url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        done, failed = conn.execute(
            "SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'failed') "
            "FROM claims_article"
        ).fetchone()
    return done, failed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--match", action="store_true", help="also link each claim to its repeats (claim matching)")
    a = ap.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("set DATABASE_URL (PostgreSQL) and REDIS_URL: this benchmark runs the production shape")

    articles = texts(Path(a.shared), a.n)
    started = time.perf_counter()
    for text in articles:
        extract(text, lang="id")
    in_process = a.n / (time.perf_counter() - started)
    print(f"in-process extract(): {a.n} articles, {in_process:.1f} articles/s on one core")

    database_url = scratch_database(os.environ["DATABASE_URL"], "factcheck_bench")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_QUEUE_PREFIX": f"factcheck-bench-{uuid.uuid4().hex[:6]}",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or uuid.uuid4().hex * 2,
        "LOG_LEVEL": "WARNING",
        "FACTCHECK_MATCH_CLAIMS": "true" if a.match else "false",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as batch:
        for text in articles:
            batch.write(json.dumps({"text": text, "lang": "id"}) + "\n")

    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "factcheck",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
                "--hostname",
                f"bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for n in range(a.workers)
    ]
    peak = [0] * len(workers)
    try:
        time.sleep(3)  # let the workers connect before the clock starts
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "ingest", batch.name],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        queued = time.perf_counter() - started
        done = failed = 0
        while done + failed < a.n:
            time.sleep(0.5)
            peak = [max(p, tree_rss_kb(w.pid)) for p, w in zip(peak, workers, strict=True)]
            done, failed = count_done(database_url)
            if time.perf_counter() - started > 3600:
                sys.exit(f"gave up after an hour: {done} done, {failed} failed of {a.n}")
        elapsed = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
        os.unlink(batch.name)

    end_to_end = a.n / elapsed
    print(
        f"end to end (ingest command, Redis, {a.workers} workers x 1 process, PostgreSQL): {a.n} articles "
        f"in {elapsed:.1f} s ({queued:.1f} s to store and queue them), {end_to_end:.1f} articles/s, {failed} failed"
    )
    print(f"ratio in-process / end-to-end: {in_process / end_to_end:.2f}x (target under 1.5x)")
    for n, kb in enumerate(peak):
        print(f"worker {n}: peak memory {kb / 1024:.0f} MiB (main process and its pool)")


if __name__ == "__main__":
    main()
