"""Celery tasks: thin, take IDs, and hand over to services. Each is safe to run twice.

Every task is acknowledged only once it has run, so a task whose worker dies goes back to
the queue. A task that meets a database outage retries with growing waits (5 s, 10 s ...
at most a minute apart) for about ten minutes; then its work is marked failed with the
reason, and the admin's retry actions send it round again.
"""

import logging

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from .factchecks.services import fact_check_items_process
from .ingest.extract import articles_extract, articles_fail
from .ingest.feeds import feed_fail, feed_poll, feeds_due
from .ingest.jobs import TransientImportError, import_items_fail, import_items_process
from .ingest.sweep import stalled_articles_requeue, stalled_import_items_requeue
from .matching.services import (
    articles_match,
    fact_checks_match,
    stalled_fact_checks_requeue,
    stalled_matching_requeue,
)
from .review.summaries import summaries_rebuild

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Fetches that fail transiently (a timeout, a busy server) are tried this many times in all.
FETCH_ATTEMPTS = 5


def database_retry_waits() -> list[int]:
    """The waits between tries after database errors: doubling from the first, capped, for the whole window."""
    first, cap = settings.FACTCHECK_DB_RETRY_FIRST_SECONDS, settings.FACTCHECK_DB_RETRY_MAX_SECONDS
    waits: list[int] = []
    while sum(waits) < settings.FACTCHECK_DB_RETRY_FOR_SECONDS:
        waits.append(min(cap, first * 2 ** len(waits)))
    return waits


class DatabaseRetryTask(Task):
    """A task that rides out a database outage, then records that its work failed, and why."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = DATABASE_ERRORS
    retry_backoff = settings.FACTCHECK_DB_RETRY_FIRST_SECONDS
    retry_backoff_max = settings.FACTCHECK_DB_RETRY_MAX_SECONDS
    retry_jitter = False
    max_retries = len(database_retry_waits())

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if not isinstance(exc, DATABASE_ERRORS):
            return
        minutes = max(1, round(sum(database_retry_waits()) / 60))
        reason = f"the database could not be reached for about {minutes} min ({type(exc).__name__}: {exc})"
        try:
            self.give_up(*args, reason=reason)
        except DATABASE_ERRORS as still_down:  # the work stays queued: the sweep sends it again
            logger.warning("%s gave up, and could not record it: %s", self.name, still_down)

    def give_up(self, *args, reason: str) -> None:
        """Record on the task's rows that their work failed for `reason`."""


class ExtractTask(DatabaseRetryTask):
    def give_up(self, article_ids, *, reason):
        articles_fail(article_ids=article_ids, error=f'{reason}; use "Re-run extraction" to try again')


class ImportTask(DatabaseRetryTask):
    def give_up(self, item_ids, *, reason):
        import_items_fail(item_ids=item_ids, error=f'{reason}; use "Retry failed items" to try again')


class FeedTask(DatabaseRetryTask):
    def give_up(self, feed_id, *, reason):
        feed_fail(feed_id=feed_id, error=f"{reason}; the feed is polled again at its next interval")


@shared_task(base=ExtractTask)
def extract_articles_task(article_ids: list[int]) -> None:
    articles_extract(article_ids=article_ids)


@shared_task(base=DatabaseRetryTask)
def match_claims_task(article_ids: list[int]) -> None:
    articles_match(article_ids=article_ids)


@shared_task(base=DatabaseRetryTask)
def match_fact_checks_task(fact_check_ids: list[int]) -> None:
    fact_checks_match(fact_check_ids=fact_check_ids)


def _import_with_retries(task, process, item_ids: list[int]) -> None:
    """Run an import step; items that failed transiently are tried again with backoff, in a task of their own."""
    try:
        process(item_ids=item_ids, final_attempt=task.request.retries >= FETCH_ATTEMPTS - 1)
    except TransientImportError as exc:
        countdown = exc.retry_after or min(300, 10 * 2**task.request.retries)
        raise task.retry(args=[exc.item_ids], exc=exc, countdown=countdown) from exc


@shared_task(bind=True, base=ImportTask)
def ingest_items_task(self, item_ids: list[int]) -> None:
    _import_with_retries(self, import_items_process, item_ids)


@shared_task(bind=True, base=ImportTask)
def ingest_fact_check_items_task(self, item_ids: list[int]) -> None:
    _import_with_retries(self, fact_check_items_process, item_ids)


@shared_task(base=FeedTask)
def poll_feed_task(feed_id: int) -> None:
    feed_poll(feed_id=feed_id)


@shared_task
def poll_due_feeds_task() -> int:
    due = feeds_due()
    for feed_id in due:
        poll_feed_task.delay(feed_id)
    return len(due)


@shared_task
def requeue_stalled_work_task() -> int:
    return (
        stalled_articles_requeue()
        + stalled_import_items_requeue()
        + stalled_matching_requeue()
        + stalled_fact_checks_requeue()
    )


@shared_task
def dashboard_recount_task() -> int:
    """The nightly recount: totals moved by raw SQL (bulk `.update()`s, loads) come right again."""
    return summaries_rebuild()
