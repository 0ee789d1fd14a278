import datetime

import pytest

from claims.models import Article
from claims.services import article_ingest, queue_extraction
from claims.tasks import extract_article_task

pytestmark = pytest.mark.django_db


def test_ingest_dispatches_the_task_only_after_commit(django_capture_on_commit_callbacks, sample_text, monkeypatch):
    dispatched = []
    monkeypatch.setattr(extract_article_task, "delay", dispatched.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = article_ingest(text=sample_text).article
    assert dispatched == []
    for callback in callbacks:
        callback()
    assert dispatched == [article.pk]


def test_task_runs_twice_with_the_same_result(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    extract_article_task(article.pk)
    first = sorted(article.claims.values_list("start", "end", "speaker_text"))
    extract_article_task(article.pk)
    assert sorted(article.claims.values_list("start", "end", "speaker_text")) == first
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_task_is_acked_late_and_requeued_when_its_worker_dies():
    assert extract_article_task.acks_late
    assert extract_article_task.reject_on_worker_lost


def test_broker_down_leaves_the_article_queued(sample_text, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(extract_article_task, "delay", broker_down)
    article = article_ingest(text=sample_text).article
    assert queue_extraction(article.pk) is False
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED


def test_each_task_goes_to_its_own_queue_and_no_other(settings):
    from factcheck.celery import app

    queues = list(app.amqp.queues.values())
    assert len({(q.exchange.name, q.routing_key) for q in queues}) == len(queues) == 3
    for task, queue in [
        ("claims.tasks.extract_article_task", settings.FACTCHECK_EXTRACT_QUEUE),
        ("claims.tasks.ingest_item_task", settings.FACTCHECK_FETCH_QUEUE),
        ("claims.tasks.requeue_stalled_work_task", settings.CELERY_TASK_DEFAULT_QUEUE),
    ]:
        route = app.amqp.router.route({}, task)
        assert route["queue"].name == queue
        assert route["queue"].routing_key == queue
