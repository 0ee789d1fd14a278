"""Fault tests: dead workers, a dead broker or database, slow and poisoned input lose nothing, double nothing."""

import datetime
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from claims.extraction import extract
from claims.models import Article, Claim, ImportItem

from ..conftest import SAMPLE_ARTICLE
from .conftest import LOGS, need, wait_for
from .tcpproxy import CuttableProxy

pytestmark = pytest.mark.integration

FAULTY = "tests.integration.faulty_app"


def _slow_sample(tmp_path):
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8") + "\n[[slow]]\n"
    path = tmp_path / "slow.txt"
    path.write_text(text, encoding="utf-8")
    return path, text


def _running():
    return Article.objects.filter(status=Article.Status.RUNNING).exists()


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _expected_spans(text):
    return sorted((c.start, c.end) for c in extract(text, lang="id").claims)


def test_killing_the_pool_process_mid_extraction_redelivers_the_task(stack, tmp_path):
    worker = stack.start_worker(app=FAULTY)
    path, text = _slow_sample(tmp_path)
    stack.manage("ingest", str(path), "--lang", "id", "--published", "2025-02-04")
    wait_for(_running, timeout=30, what="the extraction to start", stack=stack)
    for child in _children(worker.pid):
        os.kill(child, signal.SIGKILL)
    article = Article.objects.get()
    wait_for(
        lambda: Article.objects.filter(pk=article.pk, status=Article.Status.DONE).exists(),
        timeout=60,
        what="the redelivered task to finish",
        stack=stack,
    )
    spans = sorted(article.claims.values_list("start", "end"))
    assert spans == _expected_spans(article.text)
    assert "WorkerLostError" in Path(worker.log_path).read_text()


def test_killing_the_whole_worker_mid_extraction_loses_nothing(stack, tmp_path):
    fast_redelivery = {"CELERY_TASK_TIME_LIMIT": "5", "CELERY_VISIBILITY_TIMEOUT": "8", "FAULT_SLOW_SECONDS": "2"}
    worker = stack.start_worker("doomed", app=FAULTY, env=fast_redelivery)
    path, _ = _slow_sample(tmp_path)
    stack.manage("ingest", str(path), "--lang", "id", "--published", "2025-02-04")
    wait_for(_running, timeout=30, what="the extraction to start", stack=stack)
    stack.stop(worker, signal.SIGKILL)
    stack.start_worker("survivor", app=FAULTY, env=fast_redelivery)
    article = Article.objects.get()
    wait_for(
        lambda: Article.objects.filter(pk=article.pk, status=Article.Status.DONE).exists(),
        timeout=90,
        what="Redis to redeliver the unacknowledged task",
        stack=stack,
    )
    assert sorted(article.claims.values_list("start", "end")) == _expected_spans(article.text)


def test_articles_ingested_while_redis_is_down_are_extracted_after_the_sweep(stack, private_redis, tmp_path):
    batch = tmp_path / "batch.jsonl"
    texts = [f"Kepala BPBD Ahmad Yani mengatakan {n * 10} rumah terendam banjir di Bekasi." for n in range(1, 6)]
    batch.write_text("\n".join(json.dumps({"text": t, "lang": "id"}) for t in texts), encoding="utf-8")
    private_redis.stop()
    result = stack.manage("ingest", str(batch))
    assert "5 item(s)" in result.stdout and "5 waiting to be fetched" in result.stdout
    assert ImportItem.objects.filter(status=ImportItem.Status.PENDING).count() == 5
    private_redis.start()
    stack.start_worker()
    swept = stack.manage("sweep", env={"FACTCHECK_REQUEUE_AFTER_SECONDS": "0"})
    assert "re-queued 5 import item(s)" in swept.stdout
    wait_for(
        lambda: Article.objects.filter(status=Article.Status.DONE).count() == 5,
        timeout=60,
        what="every article extracted",
        stack=stack,
    )
    assert not ImportItem.objects.exclude(status=ImportItem.Status.STORED).exists()


def test_a_poisoned_article_fails_with_its_error_and_the_batch_completes(stack, tmp_path):
    stack.start_worker(app=FAULTY)
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"text": "Menurut polisi, tiga orang ditangkap.", "lang": "id"},
        {"text": "Kata saksi, [[poison]] api muncul dari dapur.", "lang": "id"},
        {"text": "The mayor said the bridge reopens in May.", "lang": "en"},
    ]
    batch.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    result = stack.manage("ingest", str(batch), "--wait", check=False)
    assert result.returncode != 0
    assert "2 extracted" in result.stdout and "1 failed" in result.stdout
    assert "extraction failed: RuntimeError: poisoned article" in result.stderr
    poisoned = Article.objects.get(text__contains="[[poison]]")
    assert (poisoned.status, poisoned.error) == (Article.Status.FAILED, "RuntimeError: poisoned article")
    assert Article.objects.filter(status=Article.Status.DONE).count() == 2


# --- reliability: figures are printed and kept in var/test-logs/fault-figures.txt ---------


def _figures(name: str, **figures) -> None:
    line = f"{name}: " + ", ".join(f"{key} {value}" for key, value in figures.items())
    print(line)
    with (LOGS / "fault-figures.txt").open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def _batch(tmp_path, texts, name="batch.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps({"text": t, "lang": "id"}) for t in texts), encoding="utf-8")
    return path


def _texts(n: int, *, slow=()) -> list[str]:
    return [
        f"Kepala BPBD Ahmad Yani mengatakan {i * 10} rumah terendam banjir di Bekasi."
        + (" [[slow]]" if i in slow else "")
        for i in range(1, n + 1)
    ]


def _no_duplicate_claims() -> bool:
    spans = list(Claim.objects.values_list("article_id", "start", "end"))
    return len(spans) == len(set(spans))


def test_two_slow_articles_fail_in_words_and_the_other_18_of_their_batch_finish_in_the_same_run(stack, tmp_path):
    limits = {
        "CELERY_TASK_TIME_LIMIT": "30",
        "CELERY_TASK_SOFT_TIME_LIMIT": "4",
        "CELERY_VISIBILITY_TIMEOUT": "120",
        "FACTCHECK_EXTRACT_BATCH": "20",
        "FACTCHECK_EXTRACT_ARTICLE_SECONDS": "1",
        "FAULT_SLOW_SECONDS": "60",
    }
    stack.start_worker(app=FAULTY, env=limits)
    texts = _texts(20, slow=(15,))
    # One article too big for the extractor's time budget, one stuck past the task's time limit.
    texts[4] = (SAMPLE_ARTICLE.read_text(encoding="utf-8").replace("\n", " ") + " ") * 600
    started = time.monotonic()
    stack.manage("ingest", str(_batch(tmp_path, texts)), env=limits)
    wait_for(
        lambda: Article.objects.count() == 20
        and not Article.objects.exclude(status__in=[Article.Status.DONE, Article.Status.FAILED]).exists(),
        timeout=60,
        what="every article of the batch to finish",
        stack=stack,
    )
    seconds = time.monotonic() - started
    assert Article.objects.filter(status=Article.Status.DONE).count() == 18
    too_big = Article.objects.get(text__startswith=texts[4][:200], text__endswith=texts[4][-200:])
    assert too_big.status == Article.Status.FAILED
    assert too_big.error.startswith("extraction took longer than 1 s and was stopped: the text has a 1.8 MB paragraph")
    stuck = Article.objects.get(text__contains="[[slow]]")
    assert stuck.status == Article.Status.FAILED
    assert stuck.error.startswith("extraction took longer than ") and "time limit (4 s)" in stuck.error
    assert "SoftTimeLimitExceeded" not in stuck.error + too_big.error
    assert seconds < 40, "no article waited for the sweep"
    assert _no_duplicate_claims()
    _figures("slow batch", articles_in=20, done=18, failed_in_words=2, lost=0, seconds=round(seconds, 1))


def test_a_database_outage_is_ridden_out_by_retries_and_nothing_is_lost_or_doubled(stack, tmp_path):
    db = connection.settings_dict
    proxy = CuttableProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    proxy.start()
    through_proxy = stack.env["DATABASE_URL"].replace(f":{db['PORT'] or 5432}/", f":{proxy.port}/")
    # The retry policy scaled down ten-fold: 1 s doubling to 4 s, for 90 s (5 s to 60 s, for 10 min).
    retrying = {
        "DATABASE_URL": through_proxy,
        "FACTCHECK_DB_RETRY_FIRST_SECONDS": "1",
        "FACTCHECK_DB_RETRY_MAX_SECONDS": "4",
        "FACTCHECK_DB_RETRY_FOR_SECONDS": "90",
    }
    worker = stack.start_worker(env=retrying)
    try:
        proxy.cut()
        outage_started = time.monotonic()
        stack.manage("ingest", str(_batch(tmp_path, _texts(20))))
        wait_for(
            lambda: Path(worker.log_path).read_text().count("Retry in") >= 3,
            timeout=60,
            what="the worker to meet the outage and retry",
            stack=stack,
        )
        time.sleep(max(0.0, 30 - (time.monotonic() - outage_started)))
        assert ImportItem.objects.filter(status=ImportItem.Status.PENDING).count() == 20
        proxy.start()
        restored = time.monotonic()
        wait_for(
            lambda: Article.objects.filter(status=Article.Status.DONE).count() == 20,
            timeout=90,
            what="every article extracted after the outage",
            stack=stack,
        )
        recovered = time.monotonic() - restored
    finally:
        proxy.cut()
    assert Article.objects.count() == 20
    assert ImportItem.objects.filter(status=ImportItem.Status.STORED).count() == 20
    assert _no_duplicate_claims()
    retries = Path(worker.log_path).read_text().count("Retry in")
    _figures(
        "database outage",
        articles_in=20,
        done=20,
        duplicates=0,
        lost=0,
        outage_seconds=round(restored - outage_started, 1),
        retries=retries,
        seconds_to_recover=round(recovered, 1),
    )


def test_a_lost_workers_articles_run_again_once_the_sweep_finds_them(stack, tmp_path):
    # The sweep's timings scaled down thirty-fold: stalled after 6 s, queued work re-sent after 4 s,
    # swept every 2 s (180 s, 120 s, every minute); Redis would redeliver only after 20 minutes.
    sweep = {"FACTCHECK_STALLED_AFTER_SECONDS": "6", "FACTCHECK_REQUEUE_AFTER_SECONDS": "4"}
    slow = {"FAULT_SLOW_SECONDS": "30", "CELERY_VISIBILITY_TIMEOUT": "1200"}
    doomed = stack.start_worker("doomed", app=FAULTY, env=slow)
    stack.manage("ingest", str(_batch(tmp_path, _texts(5, slow=(1,)))))
    wait_for(_running, timeout=30, what="the extraction to start", stack=stack)
    stack.stop(doomed, signal.SIGKILL)
    lost_at = time.monotonic()
    stack.start_worker("survivor", app=FAULTY, env={"FAULT_SLOW_SECONDS": "0"})
    sweeps = 0
    while Article.objects.filter(status=Article.Status.DONE).count() < 5:
        assert time.monotonic() - lost_at < 60, stack.logs()
        stack.manage("sweep", env=sweep)
        sweeps += 1
        time.sleep(2)
    recovered = time.monotonic() - lost_at
    assert Article.objects.count() == 5 and _no_duplicate_claims()
    assert recovered < 6 + 4 * 2 + 10, "stalled-after, a sweep period or two, and the extraction"
    _figures(
        "lost worker", articles_in=5, done=5, lost=0, duplicates=0, sweeps=sweeps, seconds_to_recover=round(recovered)
    )


def test_bad_input_lines_are_cleaned_or_reported_and_the_rest_extracted_on_postgresql(stack, tmp_path):
    stack.start_worker()
    lines = [json.dumps({"text": text, "lang": "id"}) for text in _texts(20)]
    lines[4] = lines[4].replace("rumah", "rumah\\u0000")
    lines[9] = lines[9].replace("Bekasi", "Bekasi \\udc00")
    lines[14] = json.dumps({"text": "Menurut polisi, pelaku ditangkap.", "lang": ["id"]})
    path = tmp_path / "dirty.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = stack.manage("ingest", str(path), "--wait", check=False)
    assert result.returncode != 0
    assert '#15: line 15: "lang" must be a string' in result.stderr
    assert "19 extracted" in result.stdout and "1 failed" in result.stdout
    assert "\x00" not in Article.objects.get(text__contains=" 50 rumah").text
    assert Article.objects.filter(text__contains="Bekasi \ufffd").count() == 1
    _figures("dirty input", lines_in=20, stored=19, per_line_errors=1, lost=0)


def test_concurrent_reextractions_of_one_article_keep_its_claims_rows(transactional_db, sample_text):
    from concurrent.futures import ThreadPoolExecutor

    from claims.ingest.articles import article_ingest
    from claims.ingest.extract import article_extract

    need(None if connection.vendor == "postgresql" else "DATABASE_URL does not point at PostgreSQL")
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article
    article_extract(article_id=article.pk)
    before = sorted(article.claims.values_list("pk", "start", "end", "version"))
    reviewed = article.claims.order_by("start").first()
    Claim.objects.filter(pk=reviewed.pk).update(review_status=Claim.ReviewStatus.IN_REVIEW, content="corrected")

    def reextract(_):
        try:
            return article_extract(article_id=article.pk, force=True)
        finally:
            connection.close()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(reextract, range(12)))
    seconds = time.monotonic() - started
    assert outcomes == [True] * 12
    assert sorted(article.claims.values_list("pk", "start", "end", "version")) == before
    assert Claim.objects.get(pk=reviewed.pk).content == "corrected"
    assert _no_duplicate_claims()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    _figures("concurrent re-extraction", runs=12, claims=len(before), rows_changed=0, seconds=round(seconds, 1))
