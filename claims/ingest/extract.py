"""Run extraction on stored articles and store their claims, keeping what reviewers touched."""

from __future__ import annotations

import contextlib
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from claims import dispatch
from claims.extraction import EXTRACTOR_VERSION, ExtractedClaim, Extraction, ExtractionTimeout, extract
from claims.models import Article, Claim, Speaker
from claims.signals import claims_created, claims_deleted, claims_deleting

from .speakers import speakers_resolve

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
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
    "gaps",
    "extractor_version",
)


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


def articles_fail(*, article_ids: list[int], error: str) -> int:
    """Mark the articles not extracted yet as failed with the error; return how many."""
    return (
        Article.objects.filter(pk__in=article_ids)
        .exclude(status=Article.Status.DONE)
        .update(status=Article.Status.FAILED, error=error[:2000], finished_at=timezone.now())
    )


def article_extract(*, article_id: int, force: bool = False) -> bool:
    """Extract one article's claims and store them; return False if there was nothing to do."""
    return articles_extract(article_ids=[article_id], force=force) > 0


def articles_extract(*, article_ids: list[int], force: bool = False) -> int:
    """Extract a batch of articles one by one, storing each outcome as it comes; return how many were stored.

    Safe to run twice: the articles are claimed (marked running), and claims are stored
    under a lock on their article's row, changing only what the new extraction changed and
    never a claim a reviewer has touched. An article whose extraction raises or takes too
    long is marked failed with the reason and the rest of the batch goes on. If the task
    itself runs out of time, what is done is stored, the article it was on fails in words,
    and the articles it has not reached are sent on in a new task.

    Each article's outcome is committed as soon as it is known; articles finished within
    FACTCHECK_EXTRACT_COMMIT_SECONDS of the last commit share the next one (0: every
    article on its own). Every commit also marks the articles still to come as alive, so
    the sweep takes an article as abandoned only when its batch has stopped moving.
    """
    pending = Article.objects.filter(pk__in=article_ids)
    if not force:
        pending = pending.exclude(status=Article.Status.DONE)
    # One read for the batch; a batch sent again after it was done costs nothing more.
    articles = {article.pk: article for article in pending.only("pk", "text", "language", "published_date")}
    ids = [article_id for article_id in article_ids if article_id in articles]
    if not ids:
        return 0
    with rederivable_transaction():
        pending.filter(pk__in=ids).update(status=Article.Status.RUNNING, started_at=timezone.now(), error="")
    window = float(settings.FACTCHECK_EXTRACT_COMMIT_SECONDS)
    outcomes: dict[int, Extraction | str] = {}  # finished, not committed yet
    stored: list[int] = []
    last_commit = started = time.monotonic()
    current = ids[0]
    try:
        for position, current in enumerate(ids):
            article = articles[current]
            started = time.monotonic()
            try:
                outcomes[current] = extract(
                    article.text,
                    lang=article.language or None,
                    published=article.published_date,
                    budget=settings.FACTCHECK_EXTRACT_ARTICLE_SECONDS,
                )
            except SoftTimeLimitExceeded:
                outcomes[current] = _out_of_time(time.monotonic() - started)
                raise
            except Exception as exc:  # an extractor bug on one article must not stop the queue
                if not _took_too_long(exc):
                    logger.exception("extraction failed for article %s", current)
                outcomes[current] = _describe(exc)
            if position == len(ids) - 1 or time.monotonic() - last_commit >= window:
                stored += _outcomes_commit(outcomes, alive=ids[position + 1 :])
                outcomes, last_commit = {}, time.monotonic()
    except SoftTimeLimitExceeded:
        outcomes.setdefault(current, _out_of_time(time.monotonic() - started))
        stored += _outcomes_commit(outcomes, alive=[])
        _send_on(ids[ids.index(current) + 1 :])
    finally:
        dispatch.matching_queue(*stored)
    return len(stored)


def claims_store(*, article_id: int, extraction: Extraction) -> bool:
    """Store an article's extracted claims and mark it done, writing only what changed; False if it is gone."""
    return bool(_outcomes_commit({article_id: extraction}, alive=[]))


def _outcomes_commit(outcomes: dict[int, Extraction | str], *, alive: list[int]) -> list[int]:
    """Store the extractions and the errors in one transaction; return the articles stored.

    Should one article's claims not store (a database outage aside), each article is
    committed on its own, so the others are stored and that one fails with the reason.
    """
    try:
        with rederivable_transaction():
            return _outcomes_write(outcomes, alive=alive)
    except (*DATABASE_ERRORS, SoftTimeLimitExceeded):
        raise  # the database is away (the task retries), or time is up (the caller stores what it can)
    except Exception as exc:
        if len(outcomes) > 1:
            return [pk for item in outcomes.items() for pk in _outcomes_commit(dict([item]), alive=alive)]
        (article_id,) = outcomes
        logger.exception("storing the claims of article %s failed", article_id)
        articles_fail(article_ids=[article_id], error=f"storing its claims failed: {type(exc).__name__}: {exc}")
        return []


def _outcomes_write(outcomes: dict[int, Extraction | str], *, alive: list[int]) -> list[int]:
    now = timezone.now()
    extracted = {pk: outcome for pk, outcome in outcomes.items() if isinstance(outcome, Extraction)}
    for article_id, error in outcomes.items():
        if isinstance(error, str):
            articles_fail(article_ids=[article_id], error=error)
    if alive:
        Article.objects.filter(pk__in=alive, status=Article.Status.RUNNING).update(started_at=now)
    # Lock the articles' rows, in one order whatever the batch, before reading their claims.
    present = _articles_lock(sorted(extracted))
    extracted = {pk: extraction for pk, extraction in extracted.items() if pk in present}
    if not extracted:
        return []
    by_language: dict[str, list[int]] = {}
    for article_id, extraction in extracted.items():
        by_language.setdefault(extraction.lang, []).append(article_id)
    for lang, article_ids in by_language.items():
        Article.objects.filter(pk__in=article_ids).update(
            status=Article.Status.DONE,
            language=lang,
            extractor_version=EXTRACTOR_VERSION,
            error="",
            finished_at=now,
            updated_at=now,
        )
    _claims_write(extracted, now=now)
    return list(extracted)


def _articles_lock(article_ids: list[int]) -> set[int]:
    if not article_ids:
        return set()
    rows = Article.objects.select_for_update().filter(pk__in=article_ids).order_by("pk").values_list("pk", flat=True)
    return set(rows)


def _claims_write(extracted: dict[int, Extraction], *, now) -> None:
    """Write the claims that changed: the rows of unchanged claims stay as they are.

    A claim whose span and content are unchanged keeps its row (its ID, matches and
    history), updated in place if its speaker, cue or scores changed. Unreviewed claims
    the extraction no longer finds are deleted, new ones created; claims a reviewer has
    touched stay exactly as they are, and no new claim takes their span.
    """
    stored = list(Claim.objects.select_for_update().filter(article_id__in=list(extracted)))
    reviewed = {(claim.article_id, claim.start, claim.end) for claim in stored if claim.is_reviewed}
    unreviewed = {(claim.article_id, claim.start, claim.end): claim for claim in stored if not claim.is_reviewed}
    fresh = [
        (article_id, found)
        for article_id, extraction in extracted.items()
        for found in extraction.claims
        if (article_id, found.start, found.end) not in reviewed
    ]
    speakers = speakers_resolve(names={found.speaker: found.speaker_aliases for _, found in fresh if found.speaker})
    kept: set[int] = set()
    changed: list[Claim] = []
    new: list[Claim] = []
    for article_id, found in fresh:
        row = _claim_row(article_id, found, speakers)
        old = unreviewed.get((article_id, found.start, found.end))
        if old is None or old.content != row.content:
            new.append(row)
            continue
        kept.add(old.pk)
        if any(getattr(old, name) != getattr(row, name) for name in EXTRACTED_FIELDS):
            for name in EXTRACTED_FIELDS:
                setattr(old, name, getattr(row, name))
            old.version, old.updated_at = F("version") + 1, now
            changed.append(old)
    gone = [claim for claim in unreviewed.values() if claim.pk not in kept]
    if gone:
        claims_deleting.send(sender=Claim, claims=gone)
        try:
            Claim.objects.filter(pk__in=[claim.pk for claim in gone]).delete()
        finally:
            claims_deleted.send(sender=Claim, claims=gone)
    if changed:
        Claim.objects.bulk_update(changed, [*EXTRACTED_FIELDS, "version", "updated_at"], batch_size=500)
    if new:
        Claim.objects.bulk_create(new, batch_size=500)
        claims_created.send(sender=Claim, claims=new)


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
        gaps=list(found.gaps),
        extractor_version=EXTRACTOR_VERSION,
    )


@contextlib.contextmanager
def rederivable_transaction():
    """A transaction whose commit returns before it reaches the disk, for writes that can be made again.

    Extraction state and claims are such writes: if a database crash loses the last
    second of commits, their articles are back to queued or running, and the sweep sends
    them round again. Waiting for the disk on every article would cost more than
    extracting it. Inside a caller's transaction nothing changes: its commit is its own.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _send_on(article_ids: list[int]) -> None:
    """Queue the articles a task did not reach again, and send them to be extracted in a task of their own."""
    waiting = Article.objects.filter(pk__in=article_ids).exclude(status=Article.Status.DONE)
    dispatch.extraction_send(*articles_mark_queued(articles=waiting))


def _out_of_time(seconds: float) -> str:
    limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
    return (
        f"extraction took longer than {seconds:.0f} s and was stopped at the task's time limit ({limit} s); "
        'the article may be too long or too unusual for the extractor. "Re-run extraction" tries it again'
    )


def _took_too_long(exc: Exception) -> bool:
    return isinstance(exc, ExtractionTimeout)


def _describe(exc: Exception) -> str:
    if isinstance(exc, ExtractionTimeout):
        return f"extraction took longer than {exc.seconds:g} s and was stopped: {exc.reason}"
    return f"{type(exc).__name__}: {exc}"
