import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.review import pagination
from claims.review.pagination import LargeTablePaginator, estimated_count, page_by_keys, planner_estimate

from .factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    return [make_claim(checkworthiness=n / 10) for n in range(7)]


def test_page_by_keys_keeps_order_and_related_rows(claims):
    ordered = Claim.objects.select_related("article").order_by("-checkworthiness", "pk")
    with CaptureQueriesContext(connection) as queries:
        page = page_by_keys(ordered, 2, 3)
        titles = [claim.article.title for claim in page]
    assert [claim.pk for claim in page] == [claims[4].pk, claims[3].pk, claims[2].pk]
    assert titles == [claims[4].article.title, claims[3].article.title, claims[2].article.title]
    assert len(queries) == 1


def test_page_by_keys_past_the_end_is_empty(claims):
    assert page_by_keys(Claim.objects.order_by("pk"), 7, 3) == []


def test_counts_are_exact_below_the_limit(claims, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 10)

    def no_estimate(queryset):
        raise AssertionError("below the limit the rows are counted, not estimated")

    monkeypatch.setattr(pagination, "planner_estimate", no_estimate)
    assert estimated_count(Claim.objects.all()) == 7
    assert estimated_count(Claim.objects.filter(checkworthiness__gte=0.5)) == 2
    assert estimated_count(Claim.objects.filter(checkworthiness__gte=0.6)) == 1


def test_above_the_limit_the_count_is_the_planners_estimate(claims, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset: 1_000_000)
    assert estimated_count(Claim.objects.all()) == 1_000_000


def test_an_estimate_below_the_rows_seen_counts_as_the_rows_seen(claims, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset: 2)
    assert estimated_count(Claim.objects.all()) == 4, "four rows were seen before the count stopped"


def test_without_an_estimate_the_count_above_the_limit_is_exact(claims, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 3)
    monkeypatch.setattr(pagination, "planner_estimate", lambda queryset: None)
    assert estimated_count(Claim.objects.all()) == 7
    assert estimated_count(Claim.objects.filter(checkworthiness__gte=0.2)) == 5


def test_the_planner_estimate_is_postgresqls_and_reads_its_statistics(claims):
    if connection.vendor != "postgresql":
        assert planner_estimate(Claim.objects.all()) is None
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    assert planner_estimate(Claim.objects.all()) == 7


def test_the_paginator_pages_by_key(claims):
    paginator = LargeTablePaginator(Claim.objects.order_by("pk"), 3)
    assert paginator.count == 7
    assert paginator.num_pages == 3
    assert [c.pk for c in paginator.page(3).object_list] == [claims[6].pk]
    assert [c.pk for c in paginator.page(2).object_list] == [c.pk for c in claims[3:6]]
