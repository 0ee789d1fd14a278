"""The desk's search on PostgreSQL: a word the statistics know to be common is matched on the row at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.review import search
from claims.review.search import common_words, search_claims
from tests.factories import make_article, make_claim

from .conftest import need

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def postgresql():
    need(None if connection.vendor == "postgresql" else "DATABASE_URL does not point at PostgreSQL")


def test_common_words_are_read_from_the_index_statistics(postgresql, monkeypatch):
    # A table of this test's own (dropped with its transaction): analysing the claims' table would leave
    # its row count behind for the tests after this one.
    monkeypatch.setattr(search, "RARE", 10)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE search_stats_probe (content text NOT NULL, speaker_text text NOT NULL)")
        cursor.execute(
            "CREATE INDEX search_stats_probe_idx ON search_stats_probe"
            " USING gin (to_tsvector('simple'::regconfig, content || ' ' || speaker_text))"
        )
        probe = {"index": "search_stats_probe_idx", "table": "search_stats_probe"}
        cursor.execute(
            "INSERT INTO search_stats_probe SELECT 'Harga beras naik ' || i || ' persen', 'Menteri'"
            " FROM generate_series(1, 30) i"
        )
        cursor.execute("INSERT INTO search_stats_probe VALUES ('Jumlah penduduk bertambah', '')")
        assert common_words(["beras"], **probe) == set(), "no statistics before the table is analysed"
        cursor.execute("ANALYZE search_stats_probe")
    assert common_words(["beras", "bera", "menteri", "penduduk", "zzz"], **probe) == {"beras", "bera", "menteri"}


def _claims_looked_up_by_ids(queries) -> bool:
    """Whether the claims matching a word were fetched as ids first (the rare word's path)."""
    return any(
        'FROM "claims_claim"' in q["sql"] and "to_tsvector" in q["sql"] and f"LIMIT {search.RARE + 1}" in q["sql"]
        for q in queries.captured_queries
    )


def test_a_word_known_to_be_common_is_matched_on_the_row_and_finds_the_same(postgresql, monkeypatch):
    for n in range(12):
        make_claim(article=make_article(text=f"Harga beras naik {n} persen di pasar."), start=0, end=30)
    odd = make_claim(article=make_article(text="Jumlah penduduk bertambah pesat tahun ini."), start=0, end=30)
    claims = Claim.objects.all()
    found = {}
    for known in ("nothing", "beras"):
        monkeypatch.setattr(search, "common_words", lambda words, known=known, **_: {known} & set(words))
        with CaptureQueriesContext(connection) as queries:
            found[known] = set(search_claims(claims, "beras").values_list("pk", flat=True))
        assert _claims_looked_up_by_ids(queries) == (known == "nothing")
    assert found["nothing"] == found["beras"] and len(found["beras"]) == 12 and odd.pk not in found["beras"]
    assert set(search_claims(claims, "beras penduduk").values_list("pk", flat=True)) == set()
    assert set(search_claims(claims, "beras harga").values_list("pk", flat=True)) == found["beras"]
