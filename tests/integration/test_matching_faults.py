"""Claim matching under concurrency and faults: every article ends extracted and matched, with the links of a clean run.

A batch of generated news articles (attributed claims, each repeated in a few other
articles) goes through real workers. The reference is a clean run by one worker
process; concurrent workers, a Redis server killed mid-batch and a database made
unavailable mid-batch must all end with exactly its links, once the periodic sweep
has sent again what the fault lost. Each test prints its counts and seconds to recover
(and appends them to var/test-logs/matching-faults.txt).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from claims.models import MATCH_PENDING, Article, Claim, ClaimMatch, ImportItem, ImportJob, Speaker

from .conftest import LOGS, wait_for

pytestmark = pytest.mark.integration

ARTICLES = 174
BATCH = "5"  # articles per extraction and match task: more tasks side by side
OUTAGE_SECONDS = float(os.environ.get("FACTCHECK_TEST_DB_OUTAGE_SECONDS", "30"))
SWEEP = "from claims.tasks import requeue_stalled_work_task as sweep; print(sweep())"
RERUN_FAILED = (  # what the admin's "Re-run extraction" action does
    "from claims.ingest.extract import articles_rerun; from claims.models import Article; "
    "articles_rerun(articles=Article.objects.filter(status='failed'))"
)
SWEEP_ENV = {"FACTCHECK_REQUEUE_AFTER_SECONDS": "0", "FACTCHECK_STALLED_AFTER_SECONDS": "30"}

SPEAKERS = [
    ("Menteri Keuangan Sri Mulyani", "Sri Mulyani"),
    ("Kepala BPBD Ahmad Yani", "Ahmad Yani"),
    ("Gubernur Jawa Barat Ridwan Kamil", "Ridwan Kamil"),
    ("Juru bicara Kementerian Kesehatan Siti Nadia Tarmizi", "Siti Nadia"),
    ("Kapolda Metro Jaya Irjen Karyoto", "Karyoto"),
    ("Menteri Perdagangan Zulkifli Hasan", "Zulkifli Hasan"),
    ("Direktur Utama PLN Darmawan Prasodjo", "Darmawan"),
    ("Ketua KPU Hasyim Asy'ari", "Hasyim"),
]
STATEMENTS = [
    "harga beras di pasar tradisional naik {n} persen sejak Januari",
    "sebanyak {n} rumah warga terendam banjir di Kabupaten Bekasi",
    "pemerintah akan membangun {n} sekolah dasar baru pada tahun depan",
    "defisit anggaran negara tahun ini dijaga di bawah {n} persen",
    "jumlah kasus demam berdarah meningkat menjadi {n} kasus pekan ini",
    "polisi menangkap {n} tersangka pengedar narkoba di Jakarta Utara",
    "pasokan listrik untuk {n} desa terpencil selesai dibangun bulan ini",
    "tingkat partisipasi pemilih mencapai {n} persen dalam pemilihan kemarin",
    "stok minyak goreng nasional cukup untuk {n} bulan ke depan",
    "sebanyak {n} ribu warga mengungsi akibat banjir bandang",
    "anggaran subsidi pupuk dinaikkan menjadi {n} triliun rupiah",
    "tarif angkutan umum tidak akan naik selama {n} bulan ke depan",
]
FORMS = [
    "{speaker} mengatakan {s}.",
    "Menurut {speaker}, {s}.",
    '"{S}," kata {short}.',
    "{speaker} menyebutkan bahwa {s}.",
]
CITIES = ["Jakarta", "Bandung", "Surabaya", "Medan", "Semarang", "Makassar"]


def _articles(n: int = ARTICLES, seed: int = 7) -> list[str]:
    """Articles of four attributed claims each; a claim recurs in about two articles, worded in other forms.

    Statements differ by their number ("naik 12 persen" is not "naik 40 persen"), so a
    claim's repeats are the few articles that report the same statement: far fewer than
    the ten links a claim keeps, as in real news.
    """
    rng = random.Random(seed)
    facts: dict[tuple[int, int], int] = {}
    while len(facts) < 2 * n:
        facts.setdefault((rng.randrange(len(STATEMENTS)), rng.randrange(2, 200)), rng.randrange(len(SPEAKERS)))
    pool = sorted(facts.items())
    texts = []
    for i in range(n):
        lines = [f"{rng.choice(CITIES)} - Rapat koordinasi ke-{i + 1} digelar pemerintah daerah pada Senin pagi."]
        for (statement, number), speaker in rng.sample(pool, 4):
            full, short = SPEAKERS[speaker]
            s = STATEMENTS[statement].format(n=number)
            lines.append(rng.choice(FORMS).format(speaker=full, short=short, s=s, S=s[0].upper() + s[1:]))
        texts.append("\n\n".join(lines))
    return texts


@pytest.fixture
def batch(tmp_path) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "lang": "id"}) for t in _articles()), encoding="utf-8")
    return path


def _links() -> set[tuple]:
    """Each link once, by what it links (article text and claim span, the same in every run) and its score."""
    rows = ClaimMatch.objects.values_list(
        "claim__article__content_hash",
        "claim__start",
        "claim__end",
        "other__article__content_hash",
        "other__start",
        "other__end",
        "score",
        "method",
    )
    return {(min(row[:3], row[3:6]), max(row[:3], row[3:6]), *row[6:]) for row in rows}


def _counts() -> dict[str, int]:
    articles = Article.objects.all()
    return {
        "articles": articles.count(),
        "extracted": articles.filter(status=Article.Status.DONE).count(),
        "unmatched": articles.filter(MATCH_PENDING).count(),
        "claims": Claim.objects.count(),
        "links": ClaimMatch.objects.count() // 2,
    }


def _settled() -> bool:
    articles = Article.objects.all()
    return (
        articles.count() == ARTICLES
        and not articles.exclude(status=Article.Status.DONE).exists()
        and not articles.filter(MATCH_PENDING).exists()
        and not ImportItem.objects.filter(status=ImportItem.Status.PENDING).exists()
    )


def _idle(seconds: float, *, timeout: float = 120) -> dict[str, int]:
    """Wait until nothing changes for `seconds` (the workers did all they could); return the counts."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = _counts()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return now
        time.sleep(1)
    return last


def _sweep_until_settled(stack, *, rerun_failed: bool = False, timeout: float = 240) -> float:
    """Run the periodic sweep every few seconds, as celery beat would, until all is matched; return seconds."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if rerun_failed:
            stack.manage("shell", "-c", RERUN_FAILED)
        stack.manage("shell", "-c", SWEEP, env=SWEEP_ENV)
        try:
            wait_for(_settled, timeout=5, what="")
            return time.monotonic() - started
        except AssertionError:
            continue
    raise AssertionError(f"not settled after {timeout}s of sweeps: {_counts()}\n{stack.logs()}")


def _wipe() -> None:
    Article.objects.all().delete()
    ImportJob.objects.all().delete()
    Speaker.objects.all().delete()


_REFERENCE: dict[str, object] = {}


def _reference(stack, batch) -> set[tuple]:
    """The links one worker process makes of the batch with nothing going wrong (once per session)."""
    if "links" not in _REFERENCE:
        worker = stack.start_worker("reference")
        stack.manage("ingest", str(batch))
        wait_for(_settled, timeout=300, what="the clean run to match every article", stack=stack)
        _REFERENCE.update(links=_links(), counts=_counts())
        stack.stop(worker)
        _wipe()
    assert len(_REFERENCE["links"]) > 200, "the batch must hold many repeats to prove anything"
    return _REFERENCE["links"]


def _reference_counts() -> dict:
    return {"reference": _REFERENCE["counts"]}


def _unfinished(counts: dict[str, int]) -> int:
    """Articles never stored, extracted or matched."""
    return ARTICLES - counts["extracted"] + counts["unmatched"]


def _report(name: str, **figures) -> None:
    line = f"{name}: " + ", ".join(f"{key} {value}" for key, value in figures.items())
    print(line)
    LOGS.mkdir(parents=True, exist_ok=True)
    with (LOGS / "matching-faults.txt").open("a", encoding="utf-8") as f:
        f.write(line + "\n")


@pytest.fixture
def small_batches(stack):
    stack.env["FACTCHECK_EXTRACT_BATCH"] = BATCH
    stack.env["FACTCHECK_IMPORT_BATCH"] = BATCH


def test_concurrent_workers_make_exactly_the_links_of_one_worker(stack, small_batches, batch):
    expected = _reference(stack, batch)
    for n in range(4):
        stack.start_worker(f"w{n}")
    started = time.monotonic()
    stack.manage("ingest", str(batch))
    wait_for(_settled, timeout=300, what="four workers to match every article", stack=stack)
    found = _links()
    _report(
        "4 workers",
        seconds=round(time.monotonic() - started, 1),
        **_counts(),
        reference_links=len(expected),
        missing=len(expected - found),
        extra=len(found - expected),
    )
    assert found == expected


def test_redis_killed_mid_batch_loses_no_matching(stack, private_redis, small_batches, batch):
    expected = _reference(stack, batch)
    stack.start_worker("w1")
    stack.start_worker("w2")
    stack.manage("ingest", str(batch))
    wait_for(
        lambda: Article.objects.filter(status=Article.Status.DONE).count() >= ARTICLES // 3,
        timeout=120,
        what="a third of the batch extracted",
        stack=stack,
    )
    at_fault = _counts()
    private_redis.stop()
    _idle(6)
    private_redis.start()
    lost = _idle(8)  # what the workers never hear of again without the sweep
    seconds = _sweep_until_settled(stack)
    found = _links()
    _report(
        "Redis killed",
        at_fault=at_fault,
        lost=lost,
        recovered_in_seconds=round(seconds, 1),
        found=_counts(),
        **_reference_counts(),
    )
    assert _unfinished(lost) > 0, "the fault must have left work behind for the sweep"
    assert found == expected


@pytest.mark.parametrize(
    "retry_for",
    [None, "10"],
    ids=["outage-within-the-tasks-retry-window", "outage-longer-than-the-retry-window"],
)
def test_database_unavailable_mid_batch_loses_no_matching(stack, small_batches, batch, retry_for):
    expected = _reference(stack, batch)
    retries = {"FACTCHECK_DB_RETRY_FOR_SECONDS": retry_for} if retry_for else {}
    stack.start_worker("w1", env=retries)
    stack.start_worker("w2", env=retries)
    stack.manage("ingest", str(batch))
    wait_for(
        lambda: Article.objects.filter(status=Article.Status.DONE).count() >= ARTICLES // 3,
        timeout=120,
        what="a third of the batch extracted",
        stack=stack,
    )
    at_fault = _counts()
    _database_unavailable(OUTAGE_SECONDS)
    lost = _idle(20)  # the tasks' own retries have succeeded or given up
    failed = Article.objects.filter(status=Article.Status.FAILED).count()
    # Extraction that gave up says so on the article, for the operator's "Re-run extraction".
    seconds = _sweep_until_settled(stack, rerun_failed=bool(retry_for))
    found = _links()
    _report(
        f"database unavailable {OUTAGE_SECONDS:.0f}s, retry window {retry_for or 'default'}",
        at_fault=at_fault,
        lost=lost,
        extraction_failed=failed,
        recovered_in_seconds=round(seconds, 1),
        found=_counts(),
        **_reference_counts(),
    )
    if retry_for:
        assert _unfinished(lost) > 0, "the fault must have left work behind for the sweep"
    else:
        assert failed == 0, "an outage shorter than the retry window fails nothing"
    assert found == expected


def _database_unavailable(seconds: float) -> None:
    """Refuse connections to the test database and drop the open ones for a while; the server stays up."""
    name = connection.settings_dict["NAME"]
    connection.close()
    with _admin() as admin:
        try:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            time.sleep(seconds)
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def _admin():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    return psycopg.connect(f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/postgres", autocommit=True)
