"""Send work to the Celery workers: the one place where services hand over to tasks.

Services call these after their writes; each sends nothing until the transaction commits, so a
worker never reads a row that is not there yet. Tasks are named, not imported: `claims.tasks`
imports the services, and the services must not import it back. If the broker cannot be
reached the rows keep their `queued` / `pending` state and the periodic sweep sends them again.
"""

import logging
from collections.abc import Iterable

from celery import current_app
from django.conf import settings
from django.db import transaction

from claims.models import ImportItem, ImportJob

logger = logging.getLogger(__name__)

EXTRACT_ARTICLES = "claims.tasks.extract_articles_task"
MATCH_CLAIMS = "claims.tasks.match_claims_task"
INGEST_ITEMS = "claims.tasks.ingest_items_task"
INGEST_FACT_CHECK_ITEMS = "claims.tasks.ingest_fact_check_items_task"
POLL_FEED = "claims.tasks.poll_feed_task"
MATCH_FACT_CHECKS = "claims.tasks.match_fact_checks_task"
TASK_NAMES = (EXTRACT_ARTICLES, MATCH_CLAIMS, INGEST_ITEMS, INGEST_FACT_CHECK_ITEMS, POLL_FEED, MATCH_FACT_CHECKS)


def batches(items: Iterable, size: int) -> list[list]:
    """Split a sequence into lists of at most `size` (itertools.batched arrives in Python 3.12)."""
    items = list(items)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _send(name: str, *args) -> None:
    # Looking the task up in the registry (not send_task) keeps eager mode working in-process.
    current_app.tasks[name].delay(*args)


def _send_batches(name: str, ids: Iterable[int], size: int, what: str) -> bool:
    try:
        for batch in batches(ids, size):
            _send(name, batch)
    except Exception as exc:  # the broker's errors differ by transport; none may lose the work
        logger.warning("%s stay queued: could not reach the task broker (%s)", what, exc)
        return False
    return True


def extraction_send(*article_ids: int) -> bool:
    """Send articles to the extract workers now, a batch per task; False if the broker is down."""
    return _send_batches(EXTRACT_ARTICLES, article_ids, settings.FACTCHECK_EXTRACT_BATCH, "articles")


def import_items_send(*item_ids: int) -> bool:
    """Send import items to the fetch workers now, a batch per task; False if the broker is down.

    Items of fact-check jobs go to their own task, the rest to the article importer.
    """
    if not item_ids:
        return True
    fact_checks = set(
        ImportItem.objects.filter(pk__in=item_ids, job__kind=ImportJob.Kind.FACT_CHECKS).values_list("pk", flat=True)
    )
    articles = [pk for pk in item_ids if pk not in fact_checks]
    sent = _send_batches(INGEST_ITEMS, articles, settings.FACTCHECK_IMPORT_BATCH, "import items")
    checks = [pk for pk in item_ids if pk in fact_checks]
    return _send_batches(INGEST_FACT_CHECK_ITEMS, checks, settings.FACTCHECK_IMPORT_BATCH, "fact-check items") and sent


def matching_send(*article_ids: int) -> bool:
    """Send the articles' claims to be matched now, unless matching is switched off."""
    if not settings.FACTCHECK_MATCH_CLAIMS or not article_ids:
        return False
    try:
        _send(MATCH_CLAIMS, list(article_ids))
    except Exception as exc:  # matching is tracked state: the sweep sends it again
        logger.warning("claim matching not queued for articles %s: %s", list(article_ids), exc)
        return False
    return True


def feed_poll_send(feed_id: int) -> None:
    """Send one feed to be polled now."""
    _send(POLL_FEED, feed_id)


def extraction_queue(*article_ids: int) -> None:
    """Send articles to be extracted once the current transaction commits."""
    ids = list(article_ids)
    if ids:
        transaction.on_commit(lambda: extraction_send(*ids))


def import_items_queue(*item_ids: int) -> None:
    """Send import items to be fetched once the current transaction commits."""
    ids = list(item_ids)
    if ids:
        transaction.on_commit(lambda: import_items_send(*ids))


def matching_queue(*article_ids: int) -> None:
    """Send the articles' claims to be matched once the current transaction commits."""
    ids = list(article_ids)
    if ids:
        transaction.on_commit(lambda: matching_send(*ids))


def fact_checks_matching_send(*fact_check_ids: int) -> bool:
    """Send imported fact-checks to be embedded and matched against the stored claims now."""
    if not settings.FACTCHECK_MATCH_CLAIMS or not fact_check_ids:
        return False
    return _send_batches(MATCH_FACT_CHECKS, fact_check_ids, settings.FACTCHECK_EXTRACT_BATCH, "fact-checks")


def fact_checks_matching_queue(*fact_check_ids: int) -> None:
    """Send imported fact-checks to be matched once the current transaction commits."""
    ids = list(fact_check_ids)
    if ids:
        transaction.on_commit(lambda: fact_checks_matching_send(*ids))
