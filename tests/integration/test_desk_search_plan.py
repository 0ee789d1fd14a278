"""The desk's search on PostgreSQL: a word the statistics know to be common is matched on the row at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.review import search
from claims.review.search import common_claim_words, search_claims
from tests.factories import make_article, make_claim

from .conftest import need

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _claims_ids_looked_up(queries) -> bool:
    """Whether the claims matching a word were fetched by ids first (the rare word's path)."""
    return any(
        'FROM "claims_claim"' in q["sql"] and "to_tsvector" in q["sql"] and f"LIMIT {search.RARE + 1}" in q["sql"]
        for q in queries.captured_queries
    )


def test_a_word_common_in_the_statistics_skips_the_lookup_by_ids_and_finds_the_same(monkeypatch):
    need(None if connection.vendor == "postgresql" else "DATABASE_URL does not point at PostgreSQL")
    monkeypatch.setattr(search, "RARE", 10)
    for n in range(30):
        make_claim(article=make_article(text=f"Harga beras naik {n} persen di pasar."), start=0, end=30)
    odd = make_claim(article=make_article(text="Jumlah penduduk bertambah pesat tahun ini."), start=0, end=30)
    claims = Claim.objects.all()
    with monkeypatch.context() as unknown, CaptureQueriesContext(connection) as before:
        unknown.setattr(search, "common_claim_words", lambda words: set())  # as without statistics
        unanalysed = set(search_claims(claims, "beras").values_list("pk", flat=True))
    assert _claims_ids_looked_up(before)

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    assert common_claim_words(["beras", "bera", "penduduk", "zzz"]) == {"beras", "bera"}
    with CaptureQueriesContext(connection) as after:
        analysed = set(search_claims(claims, "beras").values_list("pk", flat=True))
    assert not _claims_ids_looked_up(after)
    assert analysed == unanalysed and len(analysed) == 30 and odd.pk not in analysed
    assert set(search_claims(claims, "beras penduduk").values_list("pk", flat=True)) == set()
    assert set(search_claims(claims, "penduduk").values_list("pk", flat=True)) == {odd.pk}
