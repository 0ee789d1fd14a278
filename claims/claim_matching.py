"""Link each claim to its near-duplicates among the stored claims: the same statement reported again.

A claim's normalised text and fingerprint are stored once (ClaimMatchKey). New claims
find candidates through a full-text index over fingerprints on PostgreSQL (a bounded
trigram scan on SQLite), and each candidate
is scored in Python by `claims.matching`; matches above the threshold are stored both
ways, so either claim's page shows the other.
"""

from __future__ import annotations

import logging
import re
from itertools import combinations

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .matching import fingerprint, match_key, rank_candidates, trigram_similarity, trigrams
from .models import Claim, ClaimMatch, ClaimMatchKey

logger = logging.getLogger(__name__)

CANDIDATES = 100  # per claim, from the index, before scoring
MATCHES = 10  # per claim, kept
SAME_SPEAKER_CANDIDATES = 50  # the speaker's latest claims, always scored
TRIGRAM_PREFILTER = 0.3  # without the index: trigram similarity a candidate's fingerprint needs
_PLAIN_WORD = re.compile(r"[a-z0-9]+")


def articles_match(*, article_ids: list[int]) -> int:
    """Store the match keys of the articles' claims and link them to their near-duplicates; return links made."""
    claims = list(
        Claim.objects.filter(article_id__in=article_ids)
        .exclude(kind=Claim.Kind.ASSERTION)
        .values_list("pk", "content", "speaker_id", "article__language")
    )
    keys = {pk: match_key(content, language or "id") for pk, content, _, language in claims}
    ClaimMatchKey.objects.bulk_create(
        [
            ClaimMatchKey(
                claim_id=pk,
                search_text=keys[pk].search_text,
                fingerprint=fingerprint(keys[pk])[:300],
                language=lang or "",
            )
            for pk, _, _, lang in claims
        ],
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["search_text", "fingerprint", "language"],
    )
    links: list[ClaimMatch] = []
    for pk, _, speaker_id, _ in claims:
        key = keys[pk]
        if key.empty:
            continue
        candidates = _candidates(pk, key, speaker_id)
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


def claim_match_decide(*, match: ClaimMatch, user, confirmed: bool) -> None:
    """Record a reviewer's word on a match, both ways. A rejected match stops being shown."""
    both_ways = Q(claim_id=match.claim_id, other_id=match.other_id) | Q(
        claim_id=match.other_id, other_id=match.claim_id
    )
    ClaimMatch.objects.filter(both_ways).update(confirmed=confirmed, decided_by=user, decided_at=timezone.now())


def queue_matching(*article_ids: int) -> None:
    """Send the articles' new claims to be matched, unless matching is switched off."""
    if not settings.FACTCHECK_MATCH_CLAIMS:
        return
    from .tasks import match_claims_task

    try:
        match_claims_task.delay(list(article_ids))
    except Exception as exc:  # matching is an extra: a broker hiccup must not fail the extraction
        logger.warning("claim matching not queued for articles %s: %s", list(article_ids), exc)


def _candidates(claim_id: int, key, speaker_id: int | None) -> list[tuple[int, str, str, int | None]]:
    """(claim id, content, language, speaker id) of claims that may repeat this one."""
    if connection.vendor == "postgresql":
        found = _indexed_candidates(claim_id, fingerprint(key))
    else:
        found = _scanned_candidates(claim_id, key)
    if speaker_id is not None:
        same_speaker = (
            Claim.objects.filter(speaker_id=speaker_id)
            .exclude(pk=claim_id)
            .exclude(kind=Claim.Kind.ASSERTION)
            .order_by("-pk")
            .values_list("pk", "content", "article__language", "speaker_id")[:SAME_SPEAKER_CANDIDATES]
        )
        seen = {row[0] for row in found}
        found += [row for row in same_speaker if row[0] not in seen]
    return found


def _indexed_candidates(claim_id: int, print_: str) -> list[tuple[int, str, str, int | None]]:
    """Claims whose fingerprint shares at least two words with this one, most shared first.

    Any two of a claim's longest words are rare together, so the full-text index
    intersects short posting lists even among millions of claims.
    """
    words = [word for word in print_.split() if _PLAIN_WORD.fullmatch(word)]
    if not words:
        return []
    pairs = [f"({a} & {b})" for a, b in combinations(words, 2)] or words
    query = " | ".join(pairs)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.id, c.content, a.language, c.speaker_id
            FROM claims_claimmatchkey k
            JOIN claims_claim c ON c.id = k.claim_id
            JOIN claims_article a ON a.id = c.article_id
            WHERE to_tsvector('simple', k.fingerprint) @@ to_tsquery('simple', %s) AND k.claim_id <> %s
            ORDER BY ts_rank(to_tsvector('simple', k.fingerprint), to_tsquery('simple', %s)) DESC
            LIMIT %s
            """,
            [query, claim_id, query, CANDIDATES],
        )
        return list(cursor.fetchall())


def _scanned_candidates(claim_id: int, key) -> list[tuple[int, str, str, int | None]]:
    """Without pg_trgm: the trigram prefilter in Python over the latest keys (slower, bounded)."""
    wanted = trigrams(fingerprint(key))
    rows = (
        ClaimMatchKey.objects.exclude(claim_id=claim_id)
        .order_by("-claim_id")
        .values_list("claim_id", "fingerprint")[: settings.FACTCHECK_MATCH_SCAN_LIMIT]
    )
    near = sorted(
        ((trigram_similarity(wanted, trigrams(text)), pk) for pk, text in rows),
        reverse=True,
    )
    ids = [pk for similarity, pk in near[:CANDIDATES] if similarity >= TRIGRAM_PREFILTER]
    by_id = {
        row[0]: row
        for row in Claim.objects.filter(pk__in=ids).values_list("pk", "content", "article__language", "speaker_id")
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def claim_family(claim: Claim, *, limit: int = 200) -> list[Claim]:
    """The claim and its repeats, followed through match links (rejected ones excepted), oldest first.

    The first element is the family's first appearance: the earliest claim date (the
    article's date when the claim has none), then the earliest stored.
    """
    return claim_families([claim], limit=limit)[claim.pk]


def claim_families(claims: list[Claim], *, limit: int = 200) -> dict[int, list[Claim]]:
    """`claim_family` of several claims at once, by claim id: one query per link hop, one for the claims."""
    seen = {claim.pk: {claim.pk} for claim in claims}
    frontiers = {claim.pk: [claim.pk] for claim in claims}
    while any(frontiers.values()):
        wanted = {pk for frontier in frontiers.values() for pk in frontier}
        links: dict[int, list[int]] = {}
        rows = (
            ClaimMatch.objects.filter(claim_id__in=wanted)
            .exclude(confirmed=False)
            .order_by("claim_id", "-score", "pk")
            .values_list("claim_id", "other_id")
        )
        for pk, other in rows:
            links.setdefault(pk, []).append(other)
        for root, frontier in frontiers.items():
            found = [other for pk in sorted(frontier) for other in links.get(pk, ()) if other not in seen[root]]
            room = limit - len(seen[root])
            frontiers[root] = list(dict.fromkeys(found))[: max(room, 0)]
            seen[root].update(frontiers[root])
            if len(seen[root]) >= limit:
                frontiers[root] = []
    given = {claim.pk: claim for claim in claims}
    others = set().union(*seen.values()) - set(given) if seen else set()
    by_id = dict(given)
    if others:
        by_id.update(
            (claim.pk, claim)
            for claim in Claim.objects.filter(pk__in=others)
            .select_related("article__outlet", "speaker", "verdict")
            .defer("article__text", "article__html")
        )
    return {
        root: sorted((by_id[pk] for pk in members if pk in by_id), key=_appearance_order)
        for root, members in seen.items()
    }


def with_repeat_flag(claims: QuerySet) -> QuerySet:
    """Annotate `has_repeats`: whether a claim has a match link not rejected (only those need a family)."""
    links = ClaimMatch.objects.filter(claim_id=OuterRef("pk")).exclude(confirmed=False)
    return claims.annotate(has_repeats=Exists(links))


def _appearance_order(claim: Claim):
    day = claim.claim_date or claim.article.published_date or claim.article.created_at.date()
    return (day, claim.article.created_at, claim.pk)
