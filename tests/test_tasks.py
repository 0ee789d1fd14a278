import datetime

import pytest

from claims import services
from claims.models import Article
from claims.services import article_ingest, articles_extract, queue_extraction
from claims.tasks import extract_articles_task, ingest_items_task

from .factories import make_article

pytestmark = pytest.mark.django_db


def test_ingest_dispatches_the_task_only_after_commit(django_capture_on_commit_callbacks, sample_text, monkeypatch):
    dispatched = []
    monkeypatch.setattr(extract_articles_task, "delay", dispatched.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = article_ingest(text=sample_text).article
    assert dispatched == []
    for callback in callbacks:
        callback()
    assert dispatched == [[article.pk]]


def test_task_runs_twice_with_the_same_result(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    extract_articles_task([article.pk])
    first = sorted(article.claims.values_list("start", "end", "speaker_text"))
    extract_articles_task([article.pk])
    assert sorted(article.claims.values_list("start", "end", "speaker_text")) == first
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_tasks_are_acked_late_and_requeued_when_their_worker_dies():
    for task in (extract_articles_task, ingest_items_task):
        assert task.acks_late
        assert task.reject_on_worker_lost


def test_broker_down_leaves_the_article_queued(sample_text, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(extract_articles_task, "delay", broker_down)
    article = article_ingest(text=sample_text).article
    assert queue_extraction(article.pk) is False
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED


def test_each_task_goes_to_its_own_queue_and_no_other(settings):
    from factcheck.celery import app

    queues = list(app.amqp.queues.values())
    assert len({(q.exchange.name, q.routing_key) for q in queues}) == len(queues) == 3
    for task, queue in [
        ("claims.tasks.extract_articles_task", settings.FACTCHECK_EXTRACT_QUEUE),
        ("claims.tasks.ingest_items_task", settings.FACTCHECK_FETCH_QUEUE),
        ("claims.tasks.requeue_stalled_work_task", settings.CELERY_TASK_DEFAULT_QUEUE),
    ]:
        route = app.amqp.router.route({}, task)
        assert route["queue"].name == queue
        assert route["queue"].routing_key == queue


def test_extraction_is_queued_in_batches(settings, monkeypatch):
    settings.FACTCHECK_EXTRACT_BATCH = 2
    sent = []
    monkeypatch.setattr(extract_articles_task, "delay", sent.append)
    assert queue_extraction(1, 2, 3, 4, 5)
    assert sent == [[1, 2], [3, 4], [5]]


def test_a_batch_extracts_each_article_and_a_failure_stays_with_its_article(monkeypatch):
    good = make_article(text="Menurut polisi, tiga orang ditangkap di Bekasi.")
    bad = make_article(text="Kata saksi, api muncul dari dapur.")
    real_extract = services.extract

    def flaky(text, **kwargs):
        if "saksi" in text:
            raise RuntimeError("extractor exploded")
        return real_extract(text, **kwargs)

    monkeypatch.setattr("claims.services.extract", flaky)
    assert articles_extract(article_ids=[good.pk, bad.pk]) == 1
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.status == Article.Status.DONE and good.claims.exists()
    assert (bad.status, bad.error) == (Article.Status.FAILED, "RuntimeError: extractor exploded")
