"""Figures for the review dashboard: where the claims stand, what was published, what came in."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..models import Claim

Status = Claim.ReviewStatus
DAYS = 30
TOP = 10


def dashboard_figures(*, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    published = Claim.objects.filter(review_status=Status.PUBLISHED)
    counts = dict(Claim.objects.order_by().values_list("review_status").annotate(n=Count("pk")))
    by_state = [(label, counts.get(value, 0)) for value, label in Status.choices]
    return {
        "by_state": by_state,
        "total": sum(counts.values()),
        "by_outlet": _verdict_table(published, "article__outlet__name"),
        "by_speaker": _verdict_table(published, "speaker__canonical_name"),
        "per_day": _per_day(today),
    }


def _verdict_table(published, group: str) -> dict:
    """{"verdicts": [...], "rows": [(name, [count per verdict], total)]} for the TOP groups."""
    cells = (
        published.exclude(**{f"{group}__isnull": True})
        .order_by()
        .values_list(group, "verdict__name")
        .annotate(n=Count("pk"))
    )
    table: dict[str, dict[str, int]] = {}
    verdicts: list[str] = []
    for name, verdict, n in cells:
        table.setdefault(name, {})[verdict] = n
        if verdict not in verdicts:
            verdicts.append(verdict)
    rows = sorted(table.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:TOP]
    return {
        "verdicts": verdicts,
        "rows": [(name, [counts.get(v, 0) for v in verdicts], sum(counts.values())) for name, counts in rows],
    }


def _per_day(today: datetime.date) -> list[tuple[datetime.date, int, int]]:
    """(day, claims extracted, bar width in percent) for the last DAYS days, oldest first."""
    start = today - datetime.timedelta(days=DAYS - 1)
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    counts = dict(
        Claim.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .order_by()
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    days = [start + datetime.timedelta(days=n) for n in range(DAYS)]
    peak = max(counts.values(), default=0) or 1
    return [(day, counts.get(day, 0), round(100 * counts.get(day, 0) / peak)) for day in days]
