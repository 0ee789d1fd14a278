"""Batch imports: a job records many inputs as items, and each item ends with an outcome."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims import dispatch
from claims.models import Article, Feed, ImportItem, ImportJob, Outlet

from .articles import IngestError, article_ingest, article_new, clean_text, content_hash
from .extract import articles_rerun
from .fetch.errors import FetchError
from .outlets import outlet_find, outlet_key
from .sources import ImportEntry, url_entry
from .urls import url_without_credentials

logger = logging.getLogger(__name__)


class TransientImportError(Exception):
    """The item may succeed later (a timeout, a busy server): retry it with backoff."""

    def __init__(self, message: str, retry_after: float | None = None, item_ids: list[int] | None = None):
        super().__init__(message)
        self.retry_after = retry_after
        self.item_ids = item_ids or []


def import_job_create(
    *,
    kind: str,
    source: str,
    entries: Iterable[ImportEntry],
    feed: Feed | None = None,
    user=None,
    queue: bool = True,
) -> ImportJob:
    """Record a batch and its items, and queue the items; unreadable entries are stored as failed items.

    Addresses are stored without credentials; one that holds them and has no text to go
    with it is a failed item, since fetching it would need them.

    A caller sending the items itself (in batches, with progress) passes `queue=False`.
    """
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=kind, source=url_without_credentials(source)[:2000], feed=feed, created_by=user
        )
        items = []
        for entry in entries:
            if entry.url and not entry.error:
                entry = url_entry(entry.position, entry.url, entry.payload)
            items.append(
                ImportItem(
                    job=job,
                    position=entry.position,
                    url=entry.url[:2000],
                    payload=entry.payload,
                    status=ImportItem.Status.FAILED if entry.error else ImportItem.Status.PENDING,
                    error=entry.error,
                )
            )
        ImportItem.objects.bulk_create(items, batch_size=1000)
        if queue:
            pending = job.items.filter(status=ImportItem.Status.PENDING).values_list("pk", flat=True)
            dispatch.import_items_queue(*pending)
    return job


def import_item_process(*, item_id: int, final_attempt: bool = True) -> None:
    """Ingest one item (see import_items_process)."""
    import_items_process(item_ids=[item_id], final_attempt=final_attempt)


def import_items_process(*, item_ids: list[int], final_attempt: bool = True) -> None:
    """Ingest a batch of items and queue the new articles' extraction together.

    Plain-text items are stored together (one lookup and one insert for the batch);
    the rest one by one. Items that failed transiently stay pending; unless this is
    the last try they are raised in one TransientImportError, for the task to retry.
    """
    items = list(ImportItem.objects.filter(pk__in=item_ids, status=ImportItem.Status.PENDING))
    if not items:
        return  # already done: a redelivered task changes nothing
    # Taken now: the sweep leaves items a worker is on alone for FACTCHECK_REQUEUE_AFTER_SECONDS.
    ImportItem.objects.filter(pk__in=[item.pk for item in items]).update(
        attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    texts = [item for item in items if _is_plain_text(item)]
    others = [item for item in items if not _is_plain_text(item)]
    new_articles, left = _texts_ingest(texts)
    transient: list[int] = []
    retry_after = None
    for item in left + others:
        try:
            article_id = _item_ingest(item, final_attempt=final_attempt)
        except TransientImportError as exc:
            transient.append(item.pk)
            retry_after = max(retry_after or 0, exc.retry_after or 0) or None
            continue
        if article_id is not None:
            new_articles.append(article_id)
    dispatch.extraction_queue(*new_articles)
    if transient:
        raise TransientImportError(
            f"{len(transient)} item(s) to try again", retry_after=retry_after, item_ids=transient
        )


def _is_plain_text(item: ImportItem) -> bool:
    payload = item.payload or {}
    return not item.url and not payload.get("html") and isinstance(payload.get("text"), str)


def _texts_ingest(items: list[ImportItem]) -> tuple[list[int], list[ImportItem]]:
    """Store plain-text items in one go; return the new articles and the items left to do one by one.

    Texts already stored, or repeated within the batch, become duplicates. If the
    insert meets a concurrent writer (a unique hash taken meanwhile), the items go
    the one-by-one way, which sorts that out.
    """
    now = timezone.now()
    done: list[ImportItem] = []
    pending: dict[str, tuple[ImportItem, str]] = {}
    for item in items:
        try:
            text = clean_text(item.payload.get("text"))
        except IngestError as exc:
            item.status, item.error = ImportItem.Status.FAILED, str(exc)
            done.append(item)
            continue
        pending.setdefault(content_hash(text), (item, text))
    stored = dict(Article.objects.filter(content_hash__in=list(pending)).values_list("content_hash", "pk"))
    fresh = []
    outlets: dict[tuple[str, str, str], Outlet | None] = {}
    for digest, (item, text) in pending.items():
        if digest in stored:
            item.status, item.article_id = ImportItem.Status.DUPLICATE, stored[digest]
            done.append(item)
            continue
        payload = item.payload
        published = payload.get("published")
        fresh.append(
            (
                item,
                article_new(
                    text=text,
                    digest=digest,
                    title=payload.get("title") or "",
                    canonical_url=payload.get("source_url") or "",
                    outlet=_outlet_of(payload, text, outlets),
                    published=datetime.date.fromisoformat(published) if published else None,
                    lang=payload.get("lang") or "",
                ),
            )
        )
    try:
        with transaction.atomic():
            Article.objects.bulk_create([article for _, article in fresh])
    except IntegrityError:
        return [], items
    for item, article in fresh:
        item.status, item.article_id = ImportItem.Status.STORED, article.pk
        done.append(item)
    by_digest = {digest: item for digest, (item, _) in pending.items()}
    for item in items:  # a text repeated within the batch: a duplicate of its first copy
        if item not in done:
            first = by_digest[content_hash(clean_text(item.payload.get("text")))]
            item.status, item.article_id = ImportItem.Status.DUPLICATE, first.article_id
            done.append(item)
    for item in done:
        item.payload = {} if item.status != ImportItem.Status.FAILED else item.payload
        item.updated_at = now
    ImportItem.objects.bulk_update(done, ["status", "article", "error", "payload", "updated_at"], batch_size=500)
    return [article.pk for _, article in fresh], []


def _outlet_of(payload: dict, text: str, known: dict[tuple[str, str, str], Outlet | None]) -> Outlet | None:
    """The outlet of a text item, looked up once per batch for each source, source address or dateline."""
    given = {"name": payload.get("source") or "", "text": text, "source_url": payload.get("source_url") or ""}
    key = outlet_key(**given)
    if key not in known:
        known[key] = outlet_find(**given) if any(key) else None
    return known[key]


def _item_ingest(item: ImportItem, *, final_attempt: bool) -> int | None:
    """Store one item's article; return its ID if it is new and needs extracting."""
    item_id = item.pk
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
            outlet_url=payload.get("source_url") or "",
            queue=False,
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
        return result.article.pk if result.created else None
    return None


def import_items_retry(*, job: ImportJob) -> int:
    """Send a job's failed items (and the failed extractions of its articles) round again."""
    failed = list(job.items.filter(status=ImportItem.Status.FAILED).exclude(url="", payload={}))
    ImportItem.objects.filter(pk__in=[i.pk for i in failed]).update(status=ImportItem.Status.PENDING, error="")
    dispatch.import_items_queue(*[i.pk for i in failed])
    failed_articles = Article.objects.filter(
        pk__in=job.items.filter(article__status=Article.Status.FAILED).values("article_id")
    )
    return len(failed) + articles_rerun(articles=failed_articles)


def import_items_fail(*, item_ids: list[int], error: str) -> int:
    """Mark the items still waiting as failed with the error; return how many."""
    return ImportItem.objects.filter(pk__in=item_ids, status=ImportItem.Status.PENDING).update(
        status=ImportItem.Status.FAILED, error=error[:2000], updated_at=timezone.now()
    )


def _item_failed(item_id: int, error: str) -> None:
    ImportItem.objects.filter(pk=item_id).update(
        status=ImportItem.Status.FAILED, error=error[:2000], updated_at=timezone.now()
    )
