"""Celery tasks: thin, take IDs, and hand over to services. Each is safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .claim_matching import articles_match
from .imports import (
    TransientImportError,
    feed_poll,
    feeds_due,
    import_items_process,
    import_items_requeue_stalled,
)
from .services import articles_extract, articles_requeue_stalled

DATABASE_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def extract_articles_task(article_ids: list[int]) -> None:
    articles_extract(article_ids=article_ids)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=DATABASE_ERRORS, retry_backoff=True, max_retries=5
)
def match_claims_task(article_ids: list[int]) -> None:
    articles_match(article_ids=article_ids)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=True,
    max_retries=4,
)
def ingest_items_task(self, item_ids: list[int]) -> None:
    try:
        import_items_process(item_ids=item_ids, final_attempt=self.request.retries >= self.max_retries)
    except TransientImportError as exc:
        countdown = exc.retry_after or min(300, 10 * 2**self.request.retries)
        raise self.retry(args=[exc.item_ids], exc=exc, countdown=countdown) from exc


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=DATABASE_ERRORS, max_retries=3)
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
    return articles_requeue_stalled() + import_items_requeue_stalled()
