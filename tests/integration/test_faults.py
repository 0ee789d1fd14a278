"""Fault tests: dead workers, a dead broker and poisoned input lose nothing and duplicate nothing."""

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.models import Article, ImportItem

from ..conftest import SAMPLE_ARTICLE
from .conftest import wait_for

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
