"""Batch imports and feeds: writes that turn many inputs into articles, item by item."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .feeds import FeedError, parse_feed
from .fetch import FetchError, fetch_page
from .import_sources import ImportEntry
from .models import Article, Feed, ImportItem, ImportJob
from .services import IngestError, article_ingest

logger = logging.getLogger(__name__)


class TransientImportError(Exception):
    """The item may succeed later (a timeout, a busy server): retry it with backoff."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def import_job_create(
    *,
    kind: str,
    source: str,
    entries: Iterable[ImportEntry],
    feed: Feed | None = None,
    user=None,
    dispatch: bool = True,
) -> ImportJob:
    """Record a batch and its items; unreadable entries are stored as failed items with their error."""
    with transaction.atomic():
        job = ImportJob.objects.create(kind=kind, source=source[:2000], feed=feed, created_by=user)
        items = [
            ImportItem(
                job=job,
                position=entry.position,
                url=entry.url[:2000],
                payload=entry.payload,
                status=ImportItem.Status.FAILED if entry.error else ImportItem.Status.PENDING,
                error=entry.error,
            )
            for entry in entries
        ]
        ImportItem.objects.bulk_create(items, batch_size=1000)
        if dispatch:
            pending = list(job.items.filter(status=ImportItem.Status.PENDING).values_list("pk", flat=True))
            transaction.on_commit(lambda: [queue_import_item(pk) for pk in pending])
    return job


def queue_import_item(item_id: int) -> bool:
    """Send the item to a fetch worker; if the broker is down it waits for the sweep."""
    from .tasks import ingest_item_task

    try:
        ingest_item_task.delay(item_id)
    except Exception as exc:  # any broker error: the item stays pending, nothing is lost
        logger.warning("import item %s stays pending: could not reach the task broker (%s)", item_id, exc)
        return False
    return True


def import_item_process(*, item_id: int, final_attempt: bool = True) -> None:
    """Ingest one item. A transient failure raises TransientImportError unless this is the last try."""
    item = ImportItem.objects.filter(pk=item_id, status=ImportItem.Status.PENDING).first()
    if item is None:
        return
    ImportItem.objects.filter(pk=item_id).update(attempts=F("attempts") + 1)
    payload = item.payload or {}
    published = payload.get("published")
    try:
        result = article_ingest(
            url=item.url,
            text=payload.get("text"),
            html=payload.get("html"),
            title=payload.get("title") or "",
            lang=payload.get("lang") or "",
            published=datetime.date.fromisoformat(published) if published else None,
            outlet_name=payload.get("source") or "",
        )
    except FetchError as exc:
        if getattr(exc, "transient", False) and not final_attempt:
            raise TransientImportError(str(exc), retry_after=getattr(exc, "retry_after", None)) from exc
        _item_failed(item_id, str(exc))
    except IngestError as exc:
        _item_failed(item_id, str(exc))
    except Exception as exc:  # a poisoned item must fail alone, with its error, and never stop the batch
        logger.exception("import item %s failed", item_id)
        _item_failed(item_id, f"{type(exc).__name__}: {exc}")
    else:
        status = ImportItem.Status.STORED if result.created else ImportItem.Status.DUPLICATE
        ImportItem.objects.filter(pk=item_id).update(
            status=status, article=result.article, payload={}, error="", updated_at=timezone.now()
        )


def import_items_retry(*, job: ImportJob) -> int:
    """Send a job's failed items (and the failed extractions of its articles) round again."""
    from .services import article_requeue

    failed = list(job.items.filter(status=ImportItem.Status.FAILED).exclude(url="", payload={}))
    ImportItem.objects.filter(pk__in=[i.pk for i in failed]).update(status=ImportItem.Status.PENDING, error="")
    for item in failed:
        transaction.on_commit(lambda pk=item.pk: queue_import_item(pk))
    failed_articles = Article.objects.filter(import_items__job=job, status=Article.Status.FAILED).distinct()
    for article in failed_articles:
        article_requeue(article=article)
    return len(failed) + len(failed_articles)


def import_items_requeue_stalled(*, now: datetime.datetime | None = None) -> int:
    """Re-send items still pending long after they were queued (a lost message, a dead worker)."""
    now = now or timezone.now()
    before = now - datetime.timedelta(seconds=settings.FACTCHECK_REQUEUE_AFTER_SECONDS)
    ids = list(
        ImportItem.objects.filter(status=ImportItem.Status.PENDING, updated_at__lt=before).values_list("pk", flat=True)
    )
    ImportItem.objects.filter(pk__in=ids).update(updated_at=now)
    for item_id in ids:
        queue_import_item(item_id)
    return len(ids)


def feed_poll(*, feed_id: int, user=None) -> ImportJob | None:
    """Fetch a feed and import the entries not seen before; errors are kept on the feed."""
    feed = Feed.objects.get(pk=feed_id)
    now = timezone.now()
    try:
        fetched = fetch_page(feed.url)
        entries = parse_feed(fetched.body, fetched.final_url)
    except (FetchError, FeedError) as exc:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=str(exc))
        return None
    if not entries:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error="the feed has no entries")
        return None
    urls = [entry.url for entry in entries]
    seen = set(Article.objects.filter(url__in=urls).values_list("url", flat=True))
    seen |= set(ImportItem.objects.filter(job__feed=feed, url__in=urls).values_list("url", flat=True))
    new = [
        ImportEntry(
            position,
            url=entry.url,
            payload={k: v for k, v in (("title", entry.title), ("published", _iso(entry.published))) if v},
        )
        for position, entry in enumerate(entries, start=1)
        if entry.url not in seen
    ]
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error="")
    if not new:
        return None
    return import_job_create(kind=ImportJob.Kind.FEED, source=feed.url, entries=new, feed=feed, user=user)


def feeds_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Active feeds whose interval has passed since their last poll."""
    now = now or timezone.now()
    due = []
    for feed in Feed.objects.filter(active=True).only("pk", "interval_minutes", "last_polled_at"):
        if (
            feed.last_polled_at is None
            or feed.last_polled_at + datetime.timedelta(minutes=feed.interval_minutes) <= now
        ):
            due.append(feed.pk)
    return due


def _item_failed(item_id: int, error: str) -> None:
    ImportItem.objects.filter(pk=item_id).update(
        status=ImportItem.Status.FAILED, error=error[:2000], updated_at=timezone.now()
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None
