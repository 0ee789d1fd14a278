"""Paging over a million claims: counts that stop early, and pages fetched by their keys first.

An OFFSET page makes the database build every skipped row, joins included. Taking the page's
primary keys first (the skipped rows are read from an index only) and then joining just those
keeps page 500 close to page 1. Counting a million rows costs more than the page itself, so
above EXACT_COUNT_LIMIT rows the count is PostgreSQL's planner estimate.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

EXACT_COUNT_LIMIT = 10_000


def page_by_keys(queryset, offset: int, limit: int) -> list:
    """Rows offset..offset+limit of an ordered queryset, the keys found before the joins."""
    if queryset.query.distinct or queryset.query.combinator:
        return list(queryset[offset : offset + limit])
    keys = queryset.values("pk")[offset : offset + limit]
    return list(queryset.filter(pk__in=keys))


def estimated_count(queryset) -> int:
    """The number of rows: exact up to EXACT_COUNT_LIMIT, above it the planner's estimate, never below the rows seen."""
    seen = queryset.values("pk")[: EXACT_COUNT_LIMIT + 1].count()
    if seen <= EXACT_COUNT_LIMIT:
        return seen
    estimate = planner_estimate(queryset)
    return queryset.count() if estimate is None else max(seen, estimate)


def planner_estimate(queryset) -> int | None:
    """PostgreSQL's estimate of the rows the queryset selects; None on a database without one."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.values("pk").order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class LargeTablePaginator(Paginator):
    """The admin's paginator for the claims: estimated counts, pages fetched by key."""

    @cached_property
    def count(self) -> int:
        return estimated_count(self.object_list)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(page_by_keys(self.object_list, bottom, top - bottom), number, self)
