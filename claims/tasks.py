"""Celery tasks: thin, take IDs, and hand over to services."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services import article_extract, articles_requeue_stalled


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=5,
)
def extract_article_task(article_id: int) -> None:
    article_extract(article_id=article_id)


@shared_task(ignore_result=True)
def requeue_stalled_articles_task() -> int:
    return articles_requeue_stalled()
