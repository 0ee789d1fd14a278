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
