"""Store published fact-checks read from ClaimReview markup, and import them as jobs of items.

A fact-check is known by its URL: importing it again updates the record, and a changed claim
loses its embedding and its matching, to be done again. New and changed fact-checks are queued
for matching once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from claims import dispatch
from claims.ingest.fetch.errors import FetchError
from claims.ingest.fetch.transport import JSON_ACCEPT, JSON_CONTENT_TYPES, fetch_page
from claims.ingest.jobs import TransientImportError, import_job_create
from claims.ingest.sources import ImportEntry, entries_from_urls
from claims.models import FactCheck, ImportItem, ImportJob

from .markup import MarkupError, Review, feed_element_url, feed_elements, reviews_from_element, reviews_from_page

logger = logging.getLogger(__name__)

FIELDS = (
    "publisher",
    "publisher_url",
    "headline",
    "claim_reviewed",
    "rating_label",
    "rating_value",
    "best_rating",
    "worst_rating",
    "review_date",
    "language",
    "claim_author",
    "claim_date",
    "appearances",
)
# The item's payload key for a ClaimReview given inline (a DataFeed element), not fetched.
INLINE = "claim_review"


@dataclass
class StoreResult:
    """What storing a set of reviews did, by fact-check."""

    created: list[FactCheck] = field(default_factory=list)
    updated: list[FactCheck] = field(default_factory=list)
    unchanged: list[FactCheck] = field(default_factory=list)

    @property
    def fact_checks(self) -> list[FactCheck]:
        return self.created + self.updated + self.unchanged


def fact_checks_store(*, reviews: Iterable[Review]) -> StoreResult:
    """Create or update one fact-check per review URL; queue the new and changed ones for matching."""
    result = StoreResult()
    with transaction.atomic():
        for review in reviews:
            fact_check, outcome = _store(review)
            getattr(result, outcome).append(fact_check)
        dispatch.fact_checks_matching_queue(*[fc.pk for fc in result.created + result.updated])
    return result


def _fields(review: Review) -> dict:
    values = {name: getattr(review, name) for name in FIELDS}
    values["appearances"] = list(review.appearances)
    return values


def _store(review: Review) -> tuple[FactCheck, str]:
    values = _fields(review)
    existing = FactCheck.objects.select_for_update().filter(url=review.url).first()
    if existing is None:
        try:
            with transaction.atomic():
                return FactCheck.objects.create(url=review.url, **values), "created"
        except IntegrityError:  # stored meanwhile by another worker: update that one
            existing = FactCheck.objects.select_for_update().get(url=review.url)
    changed = [name for name in FIELDS if getattr(existing, name) != values[name]]
    if not changed:
        return existing, "unchanged"
    if "claim_reviewed" in changed:  # the embedding and the matches were of the old wording
        existing.vector, existing.vector_model, existing.matched_at = None, "", None
        changed += ["vector", "vector_model", "matched_at"]
    for name in FIELDS:
        setattr(existing, name, values[name])
    existing.save(update_fields=[*changed, "updated_at"])
    return existing, "updated"


# --- import jobs -----------------------------------------------------------------------------


def fact_check_pages_import(*, urls: str, source: str = "", user=None, queue: bool = True) -> ImportJob:
    """A job fetching fact-check pages, one http(s) address a line (blank lines and # comments skipped)."""
    entries = list(entries_from_urls(urls))
    if not source:
        source = (entries[0].url or "1 URL") if len(entries) == 1 else f"{len(entries)} URLs"
    return import_job_create(kind=ImportJob.Kind.FACT_CHECKS, source=source, entries=entries, user=user, queue=queue)


def fact_check_feed_import(*, document: str | bytes, source: str, user=None, queue: bool = True) -> ImportJob:
    """A job of a DataFeed document's elements, one item each; raise MarkupError if it cannot be read."""
    entries = [
        ImportEntry(position, url=feed_element_url(element), payload={INLINE: element})
        for position, element in enumerate(feed_elements(document), start=1)
    ]
    return import_job_create(kind=ImportJob.Kind.FACT_CHECKS, source=source, entries=entries, user=user, queue=queue)


def fact_check_feed_url_import(*, url: str, user=None, queue: bool = True) -> ImportJob:
    """Fetch a DataFeed from its address and import its elements; raise FetchError or MarkupError."""
    page = fetch_page(url, accept=JSON_ACCEPT, content_types=JSON_CONTENT_TYPES)
    return fact_check_feed_import(document=page.text, source=page.final_url, user=user, queue=queue)


def fact_check_items_process(*, item_ids: list[int], final_attempt: bool = True) -> None:
    """Store the fact-checks of each pending item: its page fetched, or its inline ClaimReview read.

    Each item fails alone with its reason. Items that failed transiently stay pending; unless
    this is the last try they are raised in one TransientImportError, for the task to retry.
    """
    items = list(ImportItem.objects.filter(pk__in=item_ids, status=ImportItem.Status.PENDING))
    if not items:
        return  # already done: a redelivered task changes nothing
    ImportItem.objects.filter(pk__in=[item.pk for item in items]).update(
        attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    transient: list[int] = []
    retry_after = None
    for item in items:
        try:
            _item_import(item, final_attempt=final_attempt)
        except TransientImportError as exc:
            transient.append(item.pk)
            retry_after = max(retry_after or 0, exc.retry_after or 0) or None
    if transient:
        raise TransientImportError(
            f"{len(transient)} item(s) to try again", retry_after=retry_after, item_ids=transient
        )


def _item_reviews(item: ImportItem) -> list[Review]:
    payload = item.payload or {}
    if INLINE in payload:
        return reviews_from_element(payload[INLINE])
    page = fetch_page(item.url)
    return reviews_from_page(page.text, url=page.final_url)


def _item_import(item: ImportItem, *, final_attempt: bool) -> None:
    try:
        reviews = _item_reviews(item)
        with transaction.atomic():
            result = fact_checks_store(reviews=reviews)
            status = ImportItem.Status.STORED if result.created or result.updated else ImportItem.Status.DUPLICATE
            ImportItem.objects.filter(pk=item.pk).update(status=status, payload={}, error="", updated_at=timezone.now())
            item.fact_checks.set(result.fact_checks)
    except FetchError as exc:
        if exc.transient and not final_attempt:
            raise TransientImportError(str(exc), retry_after=exc.retry_after) from exc
        _item_failed(item.pk, str(exc))
    except MarkupError as exc:
        _item_failed(item.pk, str(exc))
    except (OperationalError, InterfaceError):
        raise  # the database is down: the task retries, the item stays pending
    except Exception as exc:  # a poisoned item must fail alone, with its error, and never stop the batch
        logger.exception("fact-check import item %s failed", item.pk)
        _item_failed(item.pk, f"{type(exc).__name__}: {exc}")


def _item_failed(item_id: int, error: str) -> None:
    ImportItem.objects.filter(pk=item_id).update(
        status=ImportItem.Status.FAILED, error=error[:2000], updated_at=timezone.now()
    )
