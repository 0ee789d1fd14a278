"""Reads of claim matches: candidates for a new claim, families of repeats, the links a reviewer sees,
and the published fact-checks found for a claim."""

from __future__ import annotations

import re
import time
from itertools import combinations

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import JSONObject

from ..models import Claim, ClaimMatch, ClaimMatchKey, FactCheck, FactCheckMatch
from .text import MatchKey, fingerprint, trigram_similarity, trigrams

CANDIDATES = 100  # per claim, from the index, before scoring
SAME_SPEAKER_CANDIDATES = 50  # the speaker's latest claims, always scored
TRIGRAM_PREFILTER = 0.3  # without the index: trigram similarity a candidate's fingerprint needs
_PLAIN_WORD = re.compile(r"[a-z0-9]+")

Candidate = tuple[int, str, str, int | None]  # claim id, content, language, speaker id


def match_candidates(claim_id: int, key: MatchKey, speaker_id: int | None) -> list[Candidate]:
    """(claim id, content, language, speaker id) of claims that may repeat this one.

    On PostgreSQL this is the query of every pair of the fingerprint's words, kept as the
    baseline the lookup bench measures; matching uses `lexical_candidates`.
    """
    if connection.vendor == "postgresql":
        found = _indexed_candidates(claim_id, fingerprint(key))
    else:
        found = _scanned_candidates(claim_id, key)
    return _with_same_speaker(found, claim_id, speaker_id)


def _with_same_speaker(found: list[Candidate], claim_id: int, speaker_id: int | None) -> list[Candidate]:
    """The candidates found, then the speaker's latest other claims not among them."""
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


def _indexed_candidates(claim_id: int, print_: str) -> list[Candidate]:
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


def _scanned_candidates(claim_id: int, key: MatchKey) -> list[Candidate]:
    """Without the full-text index: the latest fingerprints, nearest by trigram similarity (bounded)."""
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


def _appearance_order(claim: Claim):
    day = claim.claim_date or claim.article.published_date or claim.article.created_at.date()
    return (day, claim.article.created_at, claim.pk)


def with_repeat_flag(claims: QuerySet) -> QuerySet:
    """Annotate `has_repeats`: whether a claim has a match link not rejected (only those need a family)."""
    links = ClaimMatch.objects.filter(claim_id=OuterRef("pk")).exclude(confirmed=False)
    return claims.annotate(has_repeats=Exists(links))


def live_matches(claim: Claim) -> QuerySet:
    """The claim's match links that no reviewer has rejected."""
    return ClaimMatch.objects.filter(claim=claim).exclude(confirmed=False)


def live_match(claim: Claim, match_id: int) -> ClaimMatch | None:
    """One of the claim's live match links, with the other claim's verdict, or None."""
    return live_matches(claim).filter(pk=match_id).select_related("other__verdict").first()


def similar_claims(claim: Claim, limit: int = 5) -> list[ClaimMatch]:
    """Repeats of the claim found by the matcher, best first, with their scores.

    Reviewers' decisions feed back into the order: a confirmed match comes before any
    unconfirmed one whatever its score, and a rejected match is never shown again.
    """
    matches = live_matches(claim).order_by(F("confirmed").desc(nulls_last=True), "-score", "pk")
    return list(matches.select_related("other__verdict", "other__article__outlet")[:limit])


def published_match(claim: Claim) -> ClaimMatch | None:
    """The best match of an unpublished claim whose verdict is published (confirmed first), or None."""
    if claim.review_status == Claim.ReviewStatus.PUBLISHED:
        return None
    matches = live_matches(claim).filter(
        other__review_status=Claim.ReviewStatus.PUBLISHED, other__verdict__isnull=False
    )
    matches = matches.order_by(F("confirmed").desc(nulls_last=True), "-score", "pk")
    return matches.select_related("other__verdict", "other__article__outlet", "other__speaker").first()


# Published fact-checks found for a claim. A reviewer's word orders them as for repeats: confirmed
# first whatever the score, then the best score; a rejected one is never shown again.
FACT_CHECK_ORDER = (F("confirmed").desc(nulls_last=True), "-score", "pk")
FACT_CHECKS_SHOWN = 10  # per claim, on the desk and in the API


def live_fact_check_matches(claim_id: int) -> QuerySet:
    """The claim's fact-check matches that no reviewer has rejected, best first."""
    return FactCheckMatch.objects.filter(claim_id=claim_id).exclude(confirmed=False).order_by(*FACT_CHECK_ORDER)


def live_fact_check_match(claim: Claim, match_id: int) -> FactCheckMatch | None:
    """One of the claim's live fact-check matches, with its fact-check, or None."""
    return live_fact_check_matches(claim.pk).filter(pk=match_id).select_related("fact_check").first()


def claim_fact_checks(claim: Claim, limit: int = FACT_CHECKS_SHOWN) -> list[FactCheckMatch]:
    """The published fact-checks that may cover the claim, confirmed first then best score, in one query."""
    return list(live_fact_check_matches(claim.pk).select_related("fact_check", "decided_by")[:limit])


def with_fact_checks(claims: QuerySet) -> QuerySet:
    """Claims with `live_fact_checks`, their best live fact-check matches first: one more query for them all."""
    matches = FactCheckMatch.objects.exclude(confirmed=False).order_by("claim_id", *FACT_CHECK_ORDER)
    return claims.prefetch_related(
        Prefetch(
            "fact_check_matches",
            queryset=matches.select_related("fact_check", "decided_by")[:FACT_CHECKS_SHOWN],
            to_attr="live_fact_checks",
        )
    )


def with_fact_check_flag(claims: QuerySet) -> QuerySet:
    """Annotate `already_checked`: whether a published fact-check may cover the claim (a match not rejected)."""
    matches = FactCheckMatch.objects.filter(claim_id=OuterRef("pk")).exclude(confirmed=False)
    return claims.annotate(already_checked=Exists(matches))


def with_best_fact_check(claims: QuerySet) -> QuerySet:
    """Annotate `best_fact_check`: {url, publisher, rating} of the claim's best live fact-check match, or None.

    One subquery in the claims' own query, so a streamed export stays one query.
    """
    best = live_fact_check_matches(OuterRef("pk")).values(
        found=JSONObject(url="fact_check__url", publisher="fact_check__publisher", rating="fact_check__rating_label")
    )[:1]
    return claims.annotate(best_fact_check=Subquery(best))


def lexical_candidates(claim_id: int, key: MatchKey, speaker_id: int | None) -> list[Candidate]:
    """`match_candidates`, with fingerprints ranked before their claims are read (the same candidates, faster)."""
    if connection.vendor != "postgresql":
        return match_candidates(claim_id, key, speaker_id)
    found = _ranked_candidates(claim_id, fingerprint(key))
    return _with_same_speaker(found, claim_id, speaker_id)


def _ranked_candidates(claim_id: int, print_: str) -> list[Candidate]:
    """`_indexed_candidates`' query with its work bounded: only the rarest pairs of the fingerprint's words,
    ranked before their claims and articles are joined.

    A pair of common words ("pemerintah & indonesia") or of two small numbers matches
    thousands of fingerprints at a million claims, and ranking them all was most of the
    lookup's time; a repeat keeps the claim's rarer words too, and their pairs find it.
    Rarity comes from PostgreSQL's statistics of the fingerprint index (`word_shares`). At a
    million claims (bench/matching_lookup.py) the query's p95 fell from 76 to 12 ms, and all
    200 lookups kept the same best ten scores after scoring.
    """
    words = [word for word in print_.split() if _PLAIN_WORD.fullmatch(word)]
    if not words:
        return []
    query = " | ".join([f"({a} & {b})" for a, b in rarest_pairs(words, *word_shares())] or words)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH best AS (
                SELECT k.claim_id, ts_rank(to_tsvector('simple', k.fingerprint), q) AS rank
                FROM claims_claimmatchkey k, to_tsquery('simple', %s) q
                WHERE to_tsvector('simple', k.fingerprint) @@ q AND k.claim_id <> %s
                ORDER BY rank DESC
                LIMIT %s
            )
            SELECT c.id, c.content, a.language, c.speaker_id
            FROM best
            JOIN claims_claim c ON c.id = best.claim_id
            JOIN claims_article a ON a.id = c.article_id
            ORDER BY best.rank DESC, c.id
            """,
            [query, claim_id, CANDIDATES],
        )
        return list(cursor.fetchall())


FINGERPRINT_INDEX = "claim_match_key_words_idx"  # migration 0007_claim_match_words_index
MAX_PAIRS = 8  # of the fingerprint's words, rarest first, in one claim's candidate query
COMMON_PAIR_ROWS = 2000  # a pair whose rarer word is in more rows than this is left out when rarer pairs exist
SHARES_TTL = 600.0  # seconds a process keeps the statistics it read
_shares: tuple[float, dict[str, float], float, float] | None = None  # read at, shares, unlisted share, rows


def word_shares() -> tuple[dict[str, float], float, float]:
    """({word: share of fingerprints holding it}, the share of any word not listed, fingerprint rows).

    From PostgreSQL's statistics of the fingerprint index (its most common lexemes), read
    at most once per SHARES_TTL in each process. A word not listed is rarer than the
    rarest listed one. Without statistics (a table never analysed) every word counts as rare.
    """
    global _shares
    now = time.monotonic()
    if _shares is not None and now - _shares[0] < SHARES_TTL:
        return _shares[1:]
    shares, unlisted, rows = {}, 0.0, 0.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_stats s, pg_class c"
            " WHERE s.schemaname = current_schema() AND s.tablename = %s AND c.oid = 'claims_claimmatchkey'::regclass",
            [FINGERPRINT_INDEX],
        )
        row = cursor.fetchone()
    if row is not None and row[0] and row[1] and row[2] > 0:
        lexemes, freqs, rows = row
        shares = dict(zip(lexemes, freqs, strict=False))  # the frequencies end with min, max and null share
        unlisted = min(freqs[: len(lexemes)])
    _shares = (now, shares, unlisted, rows)
    return shares, unlisted, rows


def rarest_pairs(words: list[str], shares: dict[str, float], unlisted: float, rows: float) -> list[tuple[str, str]]:
    """At most MAX_PAIRS pairs of the words, rarest first (the longer words first where the statistics
    tie); pairs of two numbers, and pairs of two common words (their rarer word in more than
    COMMON_PAIR_ROWS rows), only when nothing rarer is left."""

    def share(word: str) -> float:
        return shares.get(word, unlisted)

    def cost(pair: tuple[str, str]) -> tuple[bool, bool, float, float, int, int]:
        a, b = pair
        rarer = min(share(a), share(b))
        common = rarer * rows > COMMON_PAIR_ROWS
        # Among words the statistics cannot tell apart, the longer are taken for the rarer.
        return (a.isdigit() and b.isdigit(), common, share(a) * share(b), rarer, -min(len(a), len(b)), -len(a + b))

    ranked = sorted(combinations(words, 2), key=cost)
    if ranked and not cost(ranked[0])[0]:
        ranked = [pair for pair in ranked if not (pair[0].isdigit() and pair[1].isdigit())]
    if ranked and not cost(ranked[0])[1]:
        ranked = [pair for pair in ranked if not cost(pair)[1]]
    return ranked[:MAX_PAIRS]


VectorHitText = tuple[int, str, int | None, str]  # id, text, speaker id (claims only), language


def vector_hits_read(claim_ids, fact_check_ids) -> tuple[dict[int, VectorHitText], dict[int, VectorHitText]]:
    """The vector indexes' hits still stored, in one query: ({claim id: (id, content, speaker id, article
    language)}, {fact-check id: (id, claim reviewed, None, language)})."""
    # No ORDER BY in either part: SQLite refuses it inside a UNION.
    claims = Claim.objects.filter(pk__in=set(claim_ids)).order_by().values_list(
        "pk", "content", "speaker_id", "article__language", Value(0, output_field=IntegerField())
    )
    fact_checks = FactCheck.objects.filter(pk__in=set(fact_check_ids)).order_by().values_list(
        "pk",
        "claim_reviewed",
        Value(None, output_field=IntegerField()),
        "language",
        Value(1, output_field=IntegerField()),
    )
    found: tuple[dict, dict] = ({}, {})
    for pk, text, speaker_id, language, collection in claims.union(fact_checks, all=True):
        found[collection][pk] = (pk, text, speaker_id, language or "")
    return found
