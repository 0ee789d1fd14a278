"""Writes of claim matching: link each claim to its near-duplicates, and record reviewers' decisions.

A claim's fingerprint is stored once (ClaimMatchKey). New claims find candidates through
`selectors.lexical_candidates` (a full-text index over fingerprints on PostgreSQL, a bounded
scan elsewhere); each candidate is scored by `claims.matching.text`, and matches above the
threshold are stored both ways, so either claim's page shows the other.

Check-worthy claims (any kind) are also matched by meaning, across Indonesian and English:
embedded once (`ClaimEmbedding`), searched in this process's vector indexes of the stored
claims and of the imported fact-checks (`vectors`), scored by `combined_similarity`, and
linked as `ClaimMatch` (method "embedding") and `FactCheckMatch`. Imported fact-checks are
embedded and matched against the stored claims by `fact_checks_match`.

Matching is tracked state on the article (`Article.match_status`) and on the fact-check
(`FactCheck.matched_at`): pending from the transaction that stores it until the one that
writes its links, so the sweep sends again whatever a lost message, a dead worker or an
outage left unmatched.
"""

from __future__ import annotations

import datetime
import logging
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .. import dispatch
from ..extraction.language import detect_language
from ..models import MATCH_PENDING, Article, Claim, ClaimEmbedding, ClaimMatch, ClaimMatchKey, FactCheck, FactCheckMatch
from . import vectors
from .selectors import VectorHitText, lexical_candidates, vector_hits_read
from .text import (
    MATCH_THRESHOLD,
    MatchKey,
    combined_similarity,
    fingerprint,
    match_key,
    rank_candidates,
)
from .text.embeddings import MODEL_VERSION, embed, quantise

logger = logging.getLogger(__name__)

MATCHES = 10  # per claim, kept
STORED_KEYS = 2048  # match keys of stored texts kept per process (about 9 KB each)
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
    embedded = _claims_embed(_worthy_claims(Article.objects.filter(MATCH_PENDING, pk__in=article_ids)), {})
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
        made += _claims_link_by_meaning(_claims_embed(_worthy_claims(pending), embedded))
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
        candidates = lexical_candidates(pk, key, speaker_id)
        scored = rank_candidates(
            key,
            [
                (other, stored_key(content, language), speaker_id is not None and other_speaker == speaker_id)
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


WorthyClaim = tuple[int, str, int | None, str]  # claim id, content, speaker id, language


def _worthy_claims(articles) -> list[WorthyClaim]:
    """The articles' check-worthy claims, of any kind: an outlet's own sentence can repeat a hoax."""
    rows = (
        Claim.objects.filter(article__in=articles, checkworthiness__gte=settings.FACTCHECK_EMBED_MIN_CHECKWORTHINESS)
        .order_by("pk")
        .values_list("pk", "content", "speaker_id", "article__language")
    )
    return [(pk, content, speaker_id, language or "id") for pk, content, speaker_id, language in rows]


def _claims_embed(claims: list[WorthyClaim], known: dict) -> dict:
    """{claim id: (claim, unit vector)}, reusing the vectors of `known` whose text has not changed since."""
    found, missing = {}, []
    for row in claims:
        if row[0] in known and known[row[0]][0][1] == row[1]:
            found[row[0]] = (row, known[row[0]][1])
        else:
            missing.append(row)
    for row, vector in zip(missing, embed([row[1] for row in missing]), strict=True):
        found[row[0]] = (row, vector)
    return found


def _claims_link_by_meaning(embedded: dict) -> int:
    """Store the claims' vectors and link them to stored claims and fact-checks of the same meaning."""
    if not embedded:
        return 0
    ids = sorted(embedded)
    matrix = np.stack([embedded[pk][1] for pk in ids])
    keys = {pk: match_key(embedded[pk][0][1], embedded[pk][0][3]) for pk in ids}
    # Searched before this batch's vectors are stored: each other's cosines come from the matrix.
    near: dict[int, dict[int, float]] = {pk: {} for pk in ids}
    for pk, hits in zip(ids, vectors.claim_index().search(matrix, MATCHES + len(ids)), strict=True):
        near[pk].update((other, cosine) for other, cosine in hits if other != pk)
    within = matrix @ matrix.T
    for i, pk in enumerate(ids):
        near[pk].update((other, float(within[i, j])) for j, other in enumerate(ids) if other != pk)
    near = {pk: dict(sorted(found.items(), key=lambda hit: -hit[1])[:MATCHES]) for pk, found in near.items()}
    covering = vectors.fact_check_index().search(matrix, MATCHES)
    wanted = {other for found in near.values() for other in found}
    others, fact_checks = vector_hits_read(wanted, {fc for found in covering for fc, _ in found})
    vectors.claim_index().discard(wanted - set(others))
    best: dict[tuple[int, int], tuple[float, ClaimMatch, ClaimMatch]] = {}
    for pk in ids:
        speaker_id = embedded[pk][0][2]
        for other, cosine in near[pk].items():
            if other not in others:
                continue
            _, content, other_speaker, language = others[other]
            same_speaker = speaker_id is not None and other_speaker == speaker_id
            match = combined_similarity(keys[pk], stored_key(content, language), cosine, same_speaker=same_speaker)
            pair = (min(pk, other), max(pk, other))
            if match.score >= MATCH_THRESHOLD and match.score > best.get(pair, (0.0,))[0]:
                fields = {"score": match.score, "method": match.method, "reasons": list(match.reasons)}
                best[pair] = (
                    match.score,
                    ClaimMatch(claim_id=pk, other_id=other, **fields),
                    ClaimMatch(claim_id=other, other_id=pk, **fields),
                )
    ClaimMatch.objects.bulk_create([link for _, *both in best.values() for link in both], ignore_conflicts=True)
    covered = _fact_checks_covering(ids, covering, fact_checks, keys)
    FactCheckMatch.objects.bulk_create(covered, ignore_conflicts=True)
    stamp = vectors.CLAIMS.next_stamp()
    ClaimEmbedding.objects.bulk_create(
        [ClaimEmbedding(claim_id=pk, vector=quantise(embedded[pk][1]), model=MODEL_VERSION, stamp=stamp) for pk in ids],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["vector", "model", "stamp"],
    )
    return len(best) + len(covered)


def _fact_checks_covering(
    ids: list[int], hits: list, stored: dict[int, VectorHitText], keys: dict[int, MatchKey]
) -> list[FactCheckMatch]:
    """The fact-check matches of the claims `ids` from their fact-check index hits, the hits' stored texts given."""
    vectors.fact_check_index().discard({fc for found in hits for fc, _ in found} - set(stored))
    fact_checks = {pk: _fact_check_key(text, language) for pk, (_, text, _, language) in stored.items()}
    covered = []
    for pk, found in zip(ids, hits, strict=True):
        for fc, cosine in found:
            if fc in fact_checks:
                match = combined_similarity(keys[pk], fact_checks[fc], cosine)
                if match.score >= MATCH_THRESHOLD:
                    covered.append(_fact_check_match(pk, fc, match))
    return covered


@lru_cache(maxsize=STORED_KEYS)
def stored_key(text: str, language: str | None) -> MatchKey:
    """`match_key` of a stored claim's text, cached: the same claims come back as candidates lookup after lookup."""
    return match_key(text, language or "id")


@lru_cache(maxsize=STORED_KEYS)
def _fact_check_key(text: str, language: str) -> MatchKey:
    language = (language or "").lower()[:2]
    return match_key(text, language if language in ("id", "en") else detect_language(text))


def _fact_check_match(claim_id: int, fact_check_id: int, match) -> FactCheckMatch:
    return FactCheckMatch(
        claim_id=claim_id,
        fact_check_id=fact_check_id,
        score=match.score,
        method=match.method,
        reasons=list(match.reasons),
    )


def fact_checks_match(*, fact_check_ids: list[int]) -> int:
    """Embed imported fact-checks and link the stored check-worthy claims they cover; return links made.

    Safe to run twice and side by side (in the matching critical section, a link made
    once is not made again, and a rejected one stays rejected); database errors propagate,
    for the task to retry.
    """
    rows = list(FactCheck.objects.filter(pk__in=fact_check_ids).order_by("pk").values_list("pk", "claim_reviewed"))
    known = {row[0]: (row, vector) for row, vector in zip(rows, embed([text for _, text in rows]), strict=True)}
    with transaction.atomic():
        _enter_critical_section()
        fact_checks = list(
            FactCheck.objects.select_for_update()
            .filter(pk__in=fact_check_ids)
            .order_by("pk")
            .only("claim_reviewed", "language")
        )
        if not fact_checks:
            return 0
        stale = [fc for fc in fact_checks if fc.pk not in known or known[fc.pk][0][1] != fc.claim_reviewed]
        for fc, vector in zip(stale, embed([fc.claim_reviewed for fc in stale]), strict=True):
            known[fc.pk] = ((fc.pk, fc.claim_reviewed), vector)
        with_text = [fc for fc in fact_checks if fc.claim_reviewed.strip()]
        matrix = np.stack([known[fc.pk][1] for fc in with_text]) if with_text else np.zeros((0, 1))
        hits = vectors.claim_index().search(matrix, MATCHES) if with_text else []
        wanted = {claim for found in hits for claim, _ in found}
        claims = {
            pk: stored_key(content, language)
            for pk, content, language in Claim.objects.filter(pk__in=wanted).values_list(
                "pk", "content", "article__language"
            )
        }
        vectors.claim_index().discard(wanted - set(claims))
        covered = []
        for fc, found in zip(with_text, hits, strict=True):
            key = _fact_check_key(fc.claim_reviewed, fc.language)
            for claim, cosine in found:
                if claim in claims:
                    match = combined_similarity(claims[claim], key, cosine)
                    if match.score >= MATCH_THRESHOLD:
                        covered.append(_fact_check_match(claim, fc.pk, match))
        FactCheckMatch.objects.bulk_create(covered, ignore_conflicts=True)
        stamp, now = vectors.FACT_CHECKS.next_stamp(), timezone.now()
        for fc in fact_checks:
            has_text = bool(fc.claim_reviewed.strip())
            fc.vector = quantise(known[fc.pk][1]) if has_text else None
            fc.vector_model = MODEL_VERSION if has_text else ""
            fc.vector_stamp, fc.matched_at = stamp, now
        FactCheck.objects.bulk_update(fact_checks, ["vector", "vector_model", "vector_stamp", "matched_at"])
    return len(covered)


def stalled_fact_checks_requeue(*, now: datetime.datetime | None = None) -> int:
    """Re-send imported fact-checks still unmatched a while after import; return how many.

    Like `stalled_matching_requeue`: at most once per FACTCHECK_REQUEUE_AFTER_SECONDS each,
    nothing while matching is switched off, the rest left for the next sweep if the broker is down.
    """
    if not settings.FACTCHECK_MATCH_CLAIMS:
        return 0
    now = now or timezone.now()
    before = now - datetime.timedelta(seconds=settings.FACTCHECK_REQUEUE_AFTER_SECONDS)
    stalled = FactCheck.objects.filter(matched_at__isnull=True, created_at__lt=before).filter(
        Q(match_requeued_at__isnull=True) | Q(match_requeued_at__lt=before)
    )
    sent = 0
    for batch in dispatch.batches(
        stalled.order_by("pk").values_list("pk", flat=True), settings.FACTCHECK_EXTRACT_BATCH
    ):
        if not dispatch.fact_checks_matching_send(*batch):
            break
        FactCheck.objects.filter(pk__in=batch).update(match_requeued_at=now)
        sent += len(batch)
    return sent


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
