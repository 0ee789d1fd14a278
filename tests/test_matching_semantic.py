"""Claims match published fact-checks and each other by meaning, across Indonesian and English."""

import datetime
import time

import numpy as np
import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from claims.matching import selectors, vectors
from claims.matching.selectors import claim_family
from claims.matching.services import articles_match, fact_checks_match
from claims.matching.text import fingerprint, match_key
from claims.matching.text.embeddings import MODEL_VERSION, embed, quantise
from claims.models import Article, Claim, ClaimEmbedding, ClaimMatch, ClaimMatchKey, FactCheck, FactCheckMatch
from claims.tasks import requeue_stalled_work_task

from .factories import make_article, make_claim, make_user

pytestmark = pytest.mark.django_db

MICROCHIP_ID = "Vaksin COVID-19 mengandung microchip yang dapat melacak lokasi penerimanya."
MICROCHIP_EN = "COVID-19 vaccines contain a microchip that can track the location of recipients."
COCONUT_ID = "Minum air kelapa setiap pagi dapat menyembuhkan kanker dalam dua minggu."
COCONUT_EN = "Drinking coconut water every morning can cure cancer within two weeks."


def _claim(text, *, language="id", checkworthiness=0.8, **fields):
    """A check-worthy claim filling an article that extraction has just finished."""
    article = make_article(text=text, language=language, status=Article.Status.DONE, finished_at=timezone.now())
    return make_claim(article, start=0, end=len(text), checkworthiness=checkworthiness, **fields)


def _fact_check(claim_reviewed, *, language="en", **fields):
    n = FactCheck.objects.count() + 1
    return FactCheck.objects.create(
        url=f"https://checker.example/{n}",
        publisher="Checker",
        claim_reviewed=claim_reviewed,
        rating_label="False",
        language=language,
        **fields,
    )


def _rematch(claim):
    Article.objects.filter(pk=claim.article_id).update(matched_extraction_at=None)
    return articles_match(article_ids=[claim.article_id])


def test_an_indonesian_claim_finds_the_english_fact_check_of_the_same_claim():
    fact_check = _fact_check(MICROCHIP_EN)
    _fact_check("Drinking hot water kills the coronavirus in the throat.")
    fact_checks_match(fact_check_ids=list(FactCheck.objects.values_list("pk", flat=True)))
    claim = _claim(MICROCHIP_ID, kind="assertion")
    articles_match(article_ids=[claim.article_id])
    match = FactCheckMatch.objects.get(claim=claim)
    assert match.fact_check == fact_check
    assert match.method == "embedding" and match.score >= 0.5
    assert any("(id / en)" in reason for reason in match.reasons)
    assert ClaimEmbedding.objects.get(claim=claim).model == MODEL_VERSION


def test_a_fact_check_with_another_number_does_not_match():
    _fact_check("The government will raise fuel prices by 10 percent starting next month.")
    fact_checks_match(fact_check_ids=list(FactCheck.objects.values_list("pk", flat=True)))
    claim = _claim("Pemerintah akan menaikkan harga BBM sebesar 30 persen mulai bulan depan.")
    articles_match(article_ids=[claim.article_id])
    assert ClaimEmbedding.objects.filter(claim=claim).exists()
    assert not FactCheckMatch.objects.exists()


def test_a_claim_below_the_checkworthiness_threshold_is_not_embedded(settings):
    settings.FACTCHECK_EMBED_MIN_CHECKWORTHINESS = 0.5
    fact_check = _fact_check(MICROCHIP_EN)
    fact_checks_match(fact_check_ids=[fact_check.pk])
    claim = _claim(MICROCHIP_ID, checkworthiness=0.2)
    articles_match(article_ids=[claim.article_id])
    assert not ClaimEmbedding.objects.exists()
    assert not FactCheckMatch.objects.exists()


def test_a_claim_repeated_in_the_other_language_joins_its_family():
    first = _claim(COCONUT_ID)
    articles_match(article_ids=[first.article_id])
    again = _claim(COCONUT_EN, language="en")
    unrelated = _claim("Harga cabai di Pasar Minggu turun tajam pekan ini.")
    articles_match(article_ids=[again.article_id, unrelated.article_id])
    link = ClaimMatch.objects.get(claim=again)
    assert link.other == first and link.method == "embedding"
    assert ClaimMatch.objects.filter(claim=first, other=again, method="embedding").exists()
    assert {c.pk for c in claim_family(first)} == {first.pk, again.pk}


def test_repeats_in_one_batch_are_found_by_each_other():
    first, again = _claim(COCONUT_ID), _claim(COCONUT_EN, language="en")
    articles_match(article_ids=[first.article_id, again.article_id])
    assert ClaimMatch.objects.filter(claim=first, other=again).exists()
    assert ClaimMatch.objects.filter(claim=again, other=first).exists()


def test_matching_again_changes_nothing():
    fact_check = _fact_check(MICROCHIP_EN)
    first = _claim(MICROCHIP_ID)
    articles_match(article_ids=[first.article_id])
    fact_checks_match(fact_check_ids=[fact_check.pk])
    again = _claim(MICROCHIP_EN, language="en")
    articles_match(article_ids=[again.article_id])

    def state():
        return (
            sorted(ClaimMatch.objects.values_list("claim_id", "other_id", "score", "method")),
            sorted(FactCheckMatch.objects.values_list("claim_id", "fact_check_id", "score", "method")),
            sorted(ClaimEmbedding.objects.values_list("claim_id", "model")),
        )

    before = state()
    assert len(before[1]) == 2 and len(before[0]) == 2
    _rematch(first)
    _rematch(again)
    fact_checks_match(fact_check_ids=[fact_check.pk])
    assert state() == before


def test_a_rejected_fact_check_match_stays_rejected():
    fact_check = _fact_check(MICROCHIP_EN)
    fact_checks_match(fact_check_ids=[fact_check.pk])
    claim = _claim(MICROCHIP_ID)
    articles_match(article_ids=[claim.article_id])
    reviewer = make_user()
    FactCheckMatch.objects.filter(claim=claim).update(confirmed=False, decided_by=reviewer)
    _rematch(claim)
    fact_checks_match(fact_check_ids=[fact_check.pk])
    match = FactCheckMatch.objects.get(claim=claim)
    assert match.confirmed is False and match.decided_by == reviewer


def test_an_imported_fact_check_finds_the_stored_claims_it_covers():
    claim = _claim(MICROCHIP_ID)
    other = _claim(COCONUT_ID)
    articles_match(article_ids=[claim.article_id, other.article_id])
    fact_check = _fact_check(MICROCHIP_EN)
    assert fact_checks_match(fact_check_ids=[fact_check.pk]) == 1
    assert list(FactCheckMatch.objects.values_list("claim_id", "fact_check_id")) == [(claim.pk, fact_check.pk)]
    fact_check.refresh_from_db()
    assert fact_check.matched_at is not None and fact_check.vector_model == MODEL_VERSION
    assert fact_check.vector_stamp > 0 and len(bytes(fact_check.vector)) == 384


def test_a_fact_check_whose_claim_is_gone_is_dropped_from_the_index():
    claim = _claim(MICROCHIP_ID)
    articles_match(article_ids=[claim.article_id])
    claim.article.delete()
    fact_check = _fact_check(MICROCHIP_EN)
    assert fact_checks_match(fact_check_ids=[fact_check.pk]) == 0
    assert len(vectors.claim_index()) == 0


def test_the_sweep_sends_unmatched_fact_checks_again():
    old = timezone.now() - datetime.timedelta(hours=1)
    waiting = _fact_check(MICROCHIP_EN)
    fresh = _fact_check(COCONUT_EN)
    done = _fact_check("Drinking hot water kills the coronavirus in the throat.", matched_at=old)
    FactCheck.objects.filter(pk__in=[waiting.pk, done.pk]).update(created_at=old)
    claim = _claim(MICROCHIP_ID)
    articles_match(article_ids=[claim.article_id])
    assert not FactCheckMatch.objects.exists()
    assert requeue_stalled_work_task() == 1
    waiting.refresh_from_db()
    fresh.refresh_from_db()
    assert waiting.matched_at is not None and fresh.matched_at is None
    assert FactCheckMatch.objects.get().fact_check == waiting
    assert requeue_stalled_work_task() == 0


@pytest.mark.django_db(transaction=True)
def test_the_index_loads_vectors_committed_by_another_worker_after_it_loaded():
    first = _claim(COCONUT_ID)
    later = _claim(MICROCHIP_ID)
    index = vectors.claim_index()
    query = embed([MICROCHIP_EN])
    ClaimEmbedding.objects.create(claim=first, vector=quantise(embed([COCONUT_ID])[0]), model=MODEL_VERSION, stamp=1)
    assert [pk for pk, _ in index.search(query, 5)[0]] == [first.pk]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params) as other, other.cursor() as cursor:
        cursor.execute(
            "INSERT INTO claims_claimembedding (claim_id, vector, model, stamp) VALUES (%s, %s, %s, %s)",
            [later.pk, quantise(embed([MICROCHIP_ID])[0]), MODEL_VERSION, 2],
        )
    hits = index.search(query, 5)[0]
    assert hits[0][0] == later.pk and hits[0][1] > 0.9
    assert len(index) == 2


def test_past_its_size_limit_the_index_is_inverted_lists_with_a_measured_nprobe():
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(600, 384)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    article = make_article()
    claims = Claim.objects.bulk_create(
        Claim(article=article, content=f"claim {i}", start=i, end=i + 1, extractor_version="test", checkworthiness=0.9)
        for i in range(len(rows))
    )
    ClaimEmbedding.objects.bulk_create(
        ClaimEmbedding(claim=c, vector=quantise(v * 0.25 / np.abs(v).max()), model=MODEL_VERSION, stamp=1)
        for c, v in zip(claims, rows, strict=True)
    )
    index = vectors.VectorIndex(vectors.CLAIMS, ivf_min_size=500)
    hits = index.search(rows[:3], 1)
    assert index.nprobe in vectors.NPROBES
    assert [found[0][0] for found in hits] == [c.pk for c in claims[:3]]
    ClaimEmbedding.objects.filter(claim=claims[0]).update(
        vector=quantise(rows[1] * 0.25 / np.abs(rows[1]).max()), stamp=2
    )
    assert index.search(rows[1:2], 2)[0][0][1] > 0.95 and len(index) == 600


def test_the_ranked_lexical_query_finds_the_same_candidates_as_before():
    texts = [
        "Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.",
        "Penundaan pengiriman bahan bakar ke Gaza dilakukan Israel sejak Senin.",
        "Israel menunda pengiriman bantuan makanan ke Gaza.",
        "Harga cabai di Pasar Minggu turun tajam pekan ini.",
    ]
    claims = [_claim(text, checkworthiness=0.0) for text in texts]
    articles_match(article_ids=[claim.article_id for claim in claims])
    for claim, text in zip(claims, texts, strict=True):
        key = match_key(text, "id")
        before = {row[0] for row in selectors.match_candidates(claim.pk, key, None)}
        assert {row[0] for row in selectors.lexical_candidates(claim.pk, key, None)} == before
    assert {row[0] for row in selectors.lexical_candidates(claims[0].pk, match_key(texts[0], "id"), None)} >= {
        claims[1].pk,
        claims[2].pk,
    }


def test_the_candidate_query_keeps_the_rarest_pairs_and_leaves_common_ones_out():
    shares = {"umum": 0.2, "biasa": 0.1, "sering": 0.05}
    words = ["biasa", "langka", "sering", "umum", "unik", "2", "3"]
    pairs = selectors.rarest_pairs(words, shares, 0.0001, 1_000_000)
    assert pairs[0] == ("langka", "unik")
    assert len(pairs) == selectors.MAX_PAIRS
    # Every pair kept holds a rare word: no two common words, no two numbers.
    assert all({a, b} - set(shares) for a, b in pairs) and ("2", "3") not in pairs
    # Only common words: their rarest pairs are still searched.
    assert selectors.rarest_pairs(["biasa", "sering", "umum"], shares, 0.0001, 1_000_000)[0] == ("biasa", "sering")
    assert selectors.rarest_pairs(["1", "2"], {}, 0.0, 0.0) == [("1", "2")]


def test_a_common_word_pair_finds_no_candidates_but_the_repeat_is_still_found(monkeypatch):
    key = match_key("Pemerintah Indonesia: air kelapa menyembuhkan", "id")
    print_ = fingerprint(key)
    assert print_ == "air indonesia kelapa perintah sembuh"
    article = make_article()
    claims = Claim.objects.bulk_create(
        Claim(article=article, content=f"claim {i}", start=i, end=i + 1, extractor_version="test") for i in range(302)
    )
    prints = [f"indonesia perintah kata{i}" for i in range(300)] + [print_, print_]
    ClaimMatchKey.objects.bulk_create(
        ClaimMatchKey(claim=claim, fingerprint=text) for claim, text in zip(claims, prints, strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claimmatchkey")
    monkeypatch.setattr(selectors, "_shares", None)
    monkeypatch.setattr(selectors, "COMMON_PAIR_ROWS", 100)
    shares, unlisted, rows = selectors.word_shares()
    assert shares["indonesia"] > 0.9 and shares["perintah"] > 0.9 and rows == 302
    assert [row[0] for row in selectors.lexical_candidates(claims[-1].pk, key, None)] == [claims[-2].pk]
    # Without the statistics the common pair is searched, and its 300 fingerprints are candidates too.
    monkeypatch.setattr(selectors, "_shares", (time.monotonic(), {}, 0.0, 0.0))
    assert len(selectors.lexical_candidates(claims[-1].pk, key, None)) == selectors.CANDIDATES


def test_the_vector_hits_of_both_collections_are_read_back_in_one_query(django_assert_num_queries):
    claim = _claim(MICROCHIP_ID)
    fact_check = _fact_check(MICROCHIP_EN)
    with django_assert_num_queries(1):
        claims, fact_checks = selectors.vector_hits_read([claim.pk, 999_999], [fact_check.pk, 999_999])
    assert claims == {claim.pk: (claim.pk, MICROCHIP_ID, None, "id")}
    assert fact_checks == {fact_check.pk: (fact_check.pk, MICROCHIP_EN, None, "en")}
