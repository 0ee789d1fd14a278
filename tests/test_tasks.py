"""Tasks, run the way a worker runs them (eagerly, through Celery's own tracer): what they store and retry."""

import datetime

import pytest
from celery.signals import task_retry
from django.db import OperationalError

from claims import dispatch
from claims.ingest import extract as extraction
from claims.ingest.articles import article_ingest
from claims.ingest.extract import articles_extract
from claims.ingest.jobs import import_job_create
from claims.ingest.sources import ImportEntry
from claims.models import Article, Claim, Feed, ImportItem, ImportJob
from claims.tasks import (
    database_retry_waits,
    extract_articles_task,
    ingest_items_task,
    match_claims_task,
    poll_feed_task,
)

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def retries():
    """The wait before each retry the tasks ask for, in seconds; errors end the task as on a worker."""
    from factcheck.celery import app

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    waits = []

    def record(sender=None, reason=None, **kwargs):
        waits.append(reason.when)

    task_retry.connect(record, weak=False)
    yield waits
    task_retry.disconnect(record)
    app.conf.task_eager_propagates = propagates


def _database_down(times: int, then=None):
    """A service that raises OperationalError the first `times` calls, then does `then`."""
    calls = []

    def service(**kwargs):
        calls.append(kwargs)
        if len(calls) <= times:
            raise OperationalError("server closed the connection unexpectedly")
        return then(**kwargs) if then else None

    service.calls = calls
    return service


def test_ingest_dispatches_the_task_only_after_commit(django_capture_on_commit_callbacks, sample_text, monkeypatch):
    dispatched = []
    monkeypatch.setattr(extract_articles_task, "delay", dispatched.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = article_ingest(text=sample_text).article
    assert dispatched == []
    for callback in callbacks:
        callback()
    assert dispatched == [[article.pk]]


def test_an_extraction_task_delivered_twice_stores_its_claims_once(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article
    extract_articles_task.apply(args=[[article.pk]])
    first = sorted(article.claims.values_list("pk", "start", "end", "speaker_text"))
    assert first
    Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)  # sent again by the sweep
    extract_articles_task.apply(args=[[article.pk]])
    assert sorted(article.claims.values_list("pk", "start", "end", "speaker_text")) == first
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_an_import_task_delivered_twice_stores_one_article():
    job = import_job_create(
        kind=ImportJob.Kind.FILE,
        source="test",
        entries=[ImportEntry(1, payload={"text": "Menurut polisi, tiga orang ditangkap di Bekasi."})],
        queue=False,
    )
    item = job.items.get()
    ingest_items_task.apply(args=[[item.pk]])
    ingest_items_task.apply(args=[[item.pk]])
    item.refresh_from_db()
    assert (item.status, item.attempts) == (ImportItem.Status.STORED, 1)
    assert Article.objects.count() == 1


def test_tasks_for_rows_that_are_gone_do_nothing():
    for task, args in [
        (extract_articles_task, [[987654]]),
        (ingest_items_task, [[987654]]),
        (match_claims_task, [[987654]]),
        (poll_feed_task, [987654]),
    ]:
        result = task.apply(args=args)
        assert result.successful(), (task.name, result.traceback)
    assert not Article.objects.exists() and not ImportItem.objects.exists() and not Claim.objects.exists()


def test_a_database_error_is_retried_with_growing_waits_until_the_work_is_done(monkeypatch, retries):
    article = make_article(text="Menurut polisi, tiga orang ditangkap di Bekasi.")
    flaky = _database_down(3, then=articles_extract)
    monkeypatch.setattr("claims.tasks.articles_extract", flaky)
    assert extract_articles_task.apply(args=[[article.pk]]).successful()
    assert len(flaky.calls) == 4
    assert retries == [5, 10, 20]
    article.refresh_from_db()
    assert article.status == Article.Status.DONE and article.claims.exists()


def test_retries_ride_out_ten_minutes_of_outage_then_the_articles_fail_with_the_reason(monkeypatch, retries):
    article = make_article(status=Article.Status.QUEUED)
    down = _database_down(times=10**6)
    monkeypatch.setattr("claims.tasks.articles_extract", down)
    result = extract_articles_task.apply(args=[[article.pk]])
    assert result.failed()
    assert retries == database_retry_waits() == [5, 10, 20, 40, 60, 60, 60, 60, 60, 60, 60, 60, 60]
    assert 600 <= sum(retries) <= 660
    assert len(down.calls) == len(retries) + 1
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error.startswith("the database could not be reached for about 10 min (OperationalError: ")
    assert article.error.endswith('use "Re-run extraction" to try again')


def test_import_items_and_feeds_that_outlast_the_retries_fail_with_the_reason(monkeypatch, retries):
    job = import_job_create(
        kind=ImportJob.Kind.URLS, source="test", entries=[ImportEntry(1, url="https://news.example/a")], queue=False
    )
    item = job.items.get()
    feed = Feed.objects.create(url="https://news.example/rss")
    monkeypatch.setattr("claims.tasks.import_items_process", _database_down(times=10**6))
    monkeypatch.setattr("claims.tasks.feed_poll", _database_down(times=10**6))
    assert ingest_items_task.apply(args=[[item.pk]]).failed()
    assert poll_feed_task.apply(args=[feed.pk]).failed()
    item.refresh_from_db()
    feed.refresh_from_db()
    assert item.status == ImportItem.Status.FAILED
    assert "could not be reached" in item.error and item.error.endswith('use "Retry failed items" to try again')
    assert "could not be reached" in feed.last_error


def test_a_busy_site_is_tried_five_times_then_the_item_fails_with_the_reason(monkeypatch, retries):
    from claims.ingest.fetch.errors import FetchError

    def busy(url):
        raise FetchError("the server answered 503 Service Unavailable", transient=True)

    monkeypatch.setattr("claims.ingest.articles.fetch_page", busy)
    job = import_job_create(
        kind=ImportJob.Kind.URLS, source="test", entries=[ImportEntry(1, url="https://news.example/a")], queue=False
    )
    item = job.items.get()
    assert ingest_items_task.apply(args=[[item.pk]]).successful()
    assert retries == [10, 20, 40, 80]
    item.refresh_from_db()
    assert (item.status, item.attempts) == (ImportItem.Status.FAILED, 5)
    assert item.error == "the server answered 503 Service Unavailable"


def test_broker_down_leaves_the_article_queued(sample_text, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(extract_articles_task, "delay", broker_down)
    article = article_ingest(text=sample_text).article
    assert dispatch.extraction_send(article.pk) is False
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
    assert dispatch.extraction_send(1, 2, 3, 4, 5)
    assert sent == [[1, 2], [3, 4], [5]]


def test_a_batch_extracts_each_article_and_a_failure_stays_with_its_article(monkeypatch):
    good = make_article(text="Menurut polisi, tiga orang ditangkap di Bekasi.")
    bad = make_article(text="Kata saksi, api muncul dari dapur.")
    real_extract = extraction.extract

    def flaky(text, **kwargs):
        if "saksi" in text:
            raise RuntimeError("extractor exploded")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(extraction, "extract", flaky)
    assert articles_extract(article_ids=[good.pk, bad.pk]) == 1
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.status == Article.Status.DONE and good.claims.exists()
    assert (bad.status, bad.error) == (Article.Status.FAILED, "RuntimeError: extractor exploded")


def test_a_lost_workers_work_is_sent_again_within_five_minutes(settings, monkeypatch):
    from django.utils import timezone

    from claims.ingest.sweep import stalled_articles_requeue, stalled_import_items_requeue

    sweep = settings.CELERY_BEAT_SCHEDULE["requeue-stalled-work"]
    assert sweep["task"] == "claims.tasks.requeue_stalled_work_task"
    period = 60
    assert sweep["schedule"].minute == set(range(60)) and sweep["schedule"].hour == set(range(24)), "every minute"
    assert settings.CELERY_VISIBILITY_TIMEOUT > settings.CELERY_TASK_TIME_LIMIT
    monkeypatch.setattr("claims.dispatch.extraction_send", lambda *ids: True)
    monkeypatch.setattr("claims.dispatch.import_items_send", lambda *ids: True)
    died = timezone.now()
    running = make_article(status=Article.Status.RUNNING, started_at=died)
    waiting = make_article(status=Article.Status.QUEUED, queued_at=died)
    job = import_job_create(
        kind=ImportJob.Kind.URLS, source="test", entries=[ImportEntry(1, url="https://news.example/a")], queue=False
    )
    ImportItem.objects.update(updated_at=died)
    sent_again = {}
    # The worker died just after a sweep; the sweeps that follow come a period apart.
    for tick in range(1, 11):
        now = died + datetime.timedelta(seconds=tick * period)
        stalled_articles_requeue(now=now)
        stalled_import_items_requeue(now=now)
        last_sent = {
            "running": Article.objects.get(pk=running.pk).queued_at,
            "waiting": Article.objects.get(pk=waiting.pk).queued_at,
            "item": job.items.get().updated_at,
        }
        for name, at in last_sent.items():
            if at == now:
                sent_again.setdefault(name, tick * period)
    assert set(sent_again) == {"running", "waiting", "item"}
    assert max(sent_again.values()) <= 300, sent_again
