"""Writes of claim matching: link each claim to its near-duplicates, and record reviewers' decisions.

A claim's fingerprint is stored once (ClaimMatchKey). New claims find candidates through
`selectors.match_candidates` (a full-text index over fingerprints on PostgreSQL, a bounded
scan elsewhere); each candidate is scored by `claims.matching.text`, and matches above the
threshold are stored both ways, so either claim's page shows the other.

Matching is tracked state on the article (`Article.match_status`): pending from the
transaction that stores its claims until the one that writes their links, so the sweep
sends again whatever a lost message, a dead worker or an outage left unmatched.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .. import dispatch
from ..models import MATCH_PENDING, Article, Claim, ClaimMatch, ClaimMatchKey, FactCheckMatch
from .selectors import match_candidates
from .text import fingerprint, match_key, rank_candidates

logger = logging.getLogger(__name__)

MATCHES = 10  # per claim, kept
MATCHING_LOCK = 0x6D61_7463_6821  # the PostgreSQL advisory lock key of the matching critical section
DATABASE_ERRORS = (OperationalError, InterfaceError)


def articles_match(*, article_ids: list[int]) -> int:
    """Link the claims of the articles still waiting for matching to their near-duplicates; return links made.

    Safe to run twice and side by side: an article already matched is skipped, and one
    whose matching raises is marked failed with the error while the rest of the batch goes
    on. Database errors propagate, for the task to retry the batch.
    """
    try:
        try:
            return _articles_match(article_ids)
        except IntegrityError:  # a candidate's claims were replaced meanwhile: look again without them
            return _articles_match(article_ids)
    except DATABASE_ERRORS:
        raise
    except Exception as exc:  # a bug on one article must not leave the others unmatched
        if len(article_ids) > 1:
            return sum(articles_match(article_ids=[pk]) for pk in article_ids)
        logger.exception("claim matching failed for article %s", article_ids[0])
        Article.objects.filter(MATCH_PENDING, pk=article_ids[0]).update(
            matched_extraction_at=F("finished_at"), match_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return 0


def _articles_match(article_ids: list[int]) -> int:
    with transaction.atomic():
        _enter_critical_section()
        # Locking the rows keeps a re-extraction from replacing the claims while they are matched.
        pending = list(
            Article.objects.select_for_update()
            .filter(MATCH_PENDING, pk__in=article_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not pending:
            return 0
        made = _claims_link(pending)
        Article.objects.filter(pk__in=pending).update(matched_extraction_at=F("finished_at"), match_error="")
    return made


def _enter_critical_section() -> None:
    """Wait until no other transaction is matching claims, and keep them waiting until this one commits.

    Two tasks matching side by side would each search the claims stored before the other
    committed, and a repeat split between their batches would be found by neither. Inside
    this section a task stores its keys, searches and writes its links while every earlier
    task's keys are committed and no later task's search has begun, so each pair of claims
    is scored exactly as one worker running the tasks in the same order would score it.
    One lock for all languages: a claim's candidates are not limited to its language.
    Without PostgreSQL there is no concurrent writer to exclude (SQLite writes one at a time).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MATCHING_LOCK])


def _claims_link(article_ids: list[int]) -> int:
    claims = list(
        Claim.objects.filter(article_id__in=article_ids)
        .exclude(kind=Claim.Kind.ASSERTION)
        .order_by("pk")
        .values_list("pk", "content", "speaker_id", "article__language")
    )
    keys = {pk: match_key(content, language or "id") for pk, content, _, language in claims}
    ClaimMatchKey.objects.bulk_create(
        [ClaimMatchKey(claim_id=pk, fingerprint=fingerprint(keys[pk])[:300]) for pk, _, _, _ in claims],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["fingerprint"],
    )
    links: list[ClaimMatch] = []
    for pk, _, speaker_id, _ in claims:
        key = keys[pk]
        if key.empty:
            continue
        candidates = match_candidates(pk, key, speaker_id)
        scored = rank_candidates(
            key,
            [
                (other, match_key(content, language or "id"), speaker_id is not None and other_speaker == speaker_id)
                for other, content, language, other_speaker in candidates
            ],
            limit=MATCHES,
        )
        for other, match in scored:
            fields = {"score": round(match.score, 4), "method": match.method, "reasons": list(match.reasons)}
            links += [
                ClaimMatch(claim_id=pk, other_id=other, **fields),
                ClaimMatch(claim_id=other, other_id=pk, **fields),
            ]
    ClaimMatch.objects.bulk_create(links, ignore_conflicts=True, batch_size=1000)
    return len(links) // 2


def fact_checks_match(*, fact_check_ids: list[int]) -> int:
    """Embed imported fact-checks and link the stored check-worthy claims they cover; return links made."""
    raise NotImplementedError("semantic matching of fact-checks is being built")


def stalled_matching_requeue(*, now: datetime.datetime | None = None) -> int:
    """Re-send articles whose claims were stored but are still not matched a while later; return how many.

    Each is sent again at most once per FACTCHECK_REQUEUE_AFTER_SECONDS, so a long backlog
    is not sent twice while it drains; if the broker is down the rest waits for the next
    sweep. Nothing is sent while matching is switched off: the articles stay pending and
    are matched once it is switched on.
    """
    if not settings.FACTCHECK_MATCH_CLAIMS:
        return 0
    now = now or timezone.now()
    before = now - datetime.timedelta(seconds=settings.FACTCHECK_REQUEUE_AFTER_SECONDS)
    stalled = Article.objects.filter(MATCH_PENDING, finished_at__lt=before).filter(
        Q(match_requeued_at__isnull=True) | Q(match_requeued_at__lt=before)
    )
    ids = stalled.order_by("pk").values_list("pk", flat=True)
    sent = 0
    for batch in dispatch.batches(ids, settings.FACTCHECK_EXTRACT_BATCH):
        if not dispatch.matching_send(*batch):
            break
        Article.objects.filter(pk__in=batch).update(match_requeued_at=now)
        sent += len(batch)
    return sent


def claim_match_decide(*, match: ClaimMatch, user, confirmed: bool) -> None:
    """Record a reviewer's word on a match, both ways. A rejected match stops being shown."""
    both_ways = Q(claim_id=match.claim_id, other_id=match.other_id) | Q(
        claim_id=match.other_id, other_id=match.claim_id
    )
    ClaimMatch.objects.filter(both_ways).update(confirmed=confirmed, decided_by=user, decided_at=timezone.now())


def fact_check_match_decide(*, match: FactCheckMatch, user, confirmed: bool) -> None:
    """Record a reviewer's word on a published fact-check found for a claim. A rejected one stops being shown."""
    now = timezone.now()
    FactCheckMatch.objects.filter(pk=match.pk).update(confirmed=confirmed, decided_by=user, decided_at=now)
    match.confirmed, match.decided_by, match.decided_at = confirmed, user, now
