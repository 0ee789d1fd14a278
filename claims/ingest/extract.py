"""Run extraction on stored articles and store their claims, keeping what reviewers touched."""

from __future__ import annotations

import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from claims import dispatch
from claims.extraction import EXTRACTOR_VERSION, ExtractedClaim, Extraction, extract
from claims.models import Article, Claim, Speaker

from .speakers import speakers_resolve

logger = logging.getLogger(__name__)


def articles_mark_queued(*, articles) -> list[int]:
    """Mark the articles queued so their next task extracts them again; return their IDs to send."""
    ids = list(articles.values_list("pk", flat=True))
    articles.update(status=Article.Status.QUEUED, queued_at=timezone.now(), error="")
    return ids


def articles_rerun(*, articles) -> int:
    """Queue the articles' extraction again (after a failure or an extractor upgrade); return how many."""
    ids = articles_mark_queued(articles=articles)
    dispatch.extraction_queue(*ids)
    return len(ids)


def article_extract(*, article_id: int, force: bool = False) -> bool:
    """Extract one article's claims and store them; return False if there was nothing to do."""
    return articles_extract(article_ids=[article_id], force=force) > 0


def articles_extract(*, article_ids: list[int], force: bool = False) -> int:
    """Extract a batch of articles one by one, each stored as soon as it is done; return how many.

    Safe to run twice: an article is claimed before it is extracted, and its claims are
    stored under a lock on its row, changing only what the new extraction changed and
    never a claim a reviewer has touched. An article whose extraction raises or takes too
    long is marked failed with the reason, and the rest of the batch goes on; if the task
    itself runs out of time, the articles it has not reached are sent on in a new task.
    """
    done: list[int] = []
    if not force:  # a batch sent again by the sweep after it was done costs one query
        waiting = set(
            Article.objects.filter(pk__in=article_ids).exclude(status=Article.Status.DONE).values_list("pk", flat=True)
        )
        article_ids = [article_id for article_id in article_ids if article_id in waiting]
    try:
        for position, article_id in enumerate(article_ids):
            article = _article_claim(article_id, force=force)
            if article is None:
                continue
            started = time.monotonic()
            try:
                extraction = extract(article.text, lang=article.language or None, published=article.published_date)
                claims_store(article_id=article_id, extraction=extraction)
            except SoftTimeLimitExceeded:
                articles_fail(article_ids=[article_id], error=_out_of_time(time.monotonic() - started))
                _send_on(article_ids[position + 1 :])
                break
            except (OperationalError, InterfaceError):
                raise  # the database is away: the task retries, and skips what is done
            except Exception as exc:  # an extractor bug on one article must not stop the queue
                if not _took_too_long(exc):
                    logger.exception("extraction failed for article %s", article_id)
                articles_fail(article_ids=[article_id], error=_describe(exc))
                continue
            done.append(article_id)
    finally:
        dispatch.matching_queue(*done)
    return len(done)


def articles_fail(*, article_ids: list[int], error: str) -> int:
    """Mark the articles not extracted yet as failed with the error; return how many."""
    return (
        Article.objects.filter(pk__in=article_ids)
        .exclude(status=Article.Status.DONE)
        .update(status=Article.Status.FAILED, error=error[:2000], finished_at=timezone.now())
    )


def _article_claim(article_id: int, *, force: bool) -> Article | None:
    """Mark the article running and read what extraction needs; None if it is done (or gone)."""
    claimable = Article.objects.filter(pk=article_id)
    if not force:
        claimable = claimable.exclude(status=Article.Status.DONE)
    if not claimable.update(status=Article.Status.RUNNING, started_at=timezone.now(), error=""):
        return None
    return Article.objects.filter(pk=article_id).only("pk", "text", "language", "published_date").first()


def _send_on(article_ids: list[int]) -> None:
    """Send the articles a task did not reach to be extracted in a task of their own."""
    waiting = list(
        Article.objects.filter(pk__in=article_ids).exclude(status=Article.Status.DONE).values_list("pk", flat=True)
    )
    dispatch.extraction_send(*waiting)


def _out_of_time(seconds: float) -> str:
    limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
    return (
        f"extraction took longer than {seconds:.0f} s and was stopped at the task's time limit ({limit} s); "
        'the article may be too long or too unusual for the extractor. "Re-run extraction" tries it again'
    )


def _took_too_long(exc: Exception) -> bool:
    return isinstance(exc, TimeoutError)


def _describe(exc: Exception) -> str:
    if _took_too_long(exc):
        return f"extraction took too long and was stopped: {exc}"
    return f"{type(exc).__name__}: {exc}"


# What re-extraction compares and rewrites on a claim nobody has reviewed.
EXTRACTED_FIELDS = (
    "content",
    "speaker_id",
    "speaker_text",
    "cue",
    "via",
    "kind",
    "claim_date",
    "checkworthiness",
    "flags",
    "extractor_version",
)


@transaction.atomic
def claims_store(*, article_id: int, extraction: Extraction) -> None:
    """Store an article's extracted claims and mark it done, writing only what changed.

    A claim whose span and content are unchanged keeps its row (its ID, matches and
    history), updated in place if its speaker, cue or scores changed. Unreviewed claims
    the extraction no longer finds are deleted, new ones created; claims a reviewer has
    touched stay exactly as they are, and no new claim takes their span. The article row
    and its claims are locked, so concurrent extractions of one article end in one set.
    """
    if not Article.objects.select_for_update().filter(pk=article_id).values_list("pk").first():
        return  # deleted meanwhile
    stored = list(Claim.objects.select_for_update().filter(article_id=article_id))
    reviewed = {(claim.start, claim.end) for claim in stored if claim.is_reviewed}
    unreviewed = {(claim.start, claim.end): claim for claim in stored if not claim.is_reviewed}
    fresh = [found for found in extraction.claims if (found.start, found.end) not in reviewed]
    speakers = speakers_resolve(names={found.speaker: found.speaker_aliases for found in fresh if found.speaker})
    now = timezone.now()
    kept: set[int] = set()
    changed: list[Claim] = []
    new: list[Claim] = []
    for found in fresh:
        row = _claim_row(article_id, found, speakers)
        old = unreviewed.get((found.start, found.end))
        if old is None or old.content != row.content:
            new.append(row)
            continue
        kept.add(old.pk)
        if any(getattr(old, name) != getattr(row, name) for name in EXTRACTED_FIELDS):
            for name in EXTRACTED_FIELDS:
                setattr(old, name, getattr(row, name))
            old.version, old.updated_at = F("version") + 1, now
            changed.append(old)
    gone = [claim.pk for claim in unreviewed.values() if claim.pk not in kept]
    if gone:
        Claim.objects.filter(pk__in=gone).delete()
    if changed:
        Claim.objects.bulk_update(changed, [*EXTRACTED_FIELDS, "version", "updated_at"], batch_size=500)
    if new:
        Claim.objects.bulk_create(new, batch_size=500)
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.DONE,
        language=extraction.lang,
        extractor_version=EXTRACTOR_VERSION,
        error="",
        finished_at=now,
        updated_at=now,
    )


def _claim_row(article_id: int, found: ExtractedClaim, speakers: dict[str, Speaker]) -> Claim:
    return Claim(
        article_id=article_id,
        content=found.content,
        start=found.start,
        end=found.end,
        speaker=speakers.get(found.speaker.strip()[:300].lower()) if found.speaker else None,
        speaker_text=(found.speaker or "")[:300],
        cue=(found.cue or "")[:100],
        via=(found.via or "")[:300],
        kind=found.kind,
        claim_date=found.date,
        checkworthiness=min(max(found.checkworthiness, 0.0), 1.0),
        flags=list(found.flags),
        extractor_version=EXTRACTOR_VERSION,
    )
