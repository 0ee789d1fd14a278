"""Figures for the review dashboard: where the claims stand, what was reviewed and published, what came in.

Read from the running totals that claims.review.summaries keeps on write, so the page costs a
few small queries whatever the number of claims. Cached for FACTCHECK_DASHBOARD_CACHE_SECONDS
under a version that every counted write raises: a reviewer's own step shows at once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ..models import Claim, ClaimEvent, DashboardCount, ImportItem, Outlet, Speaker, Verdict
from .summaries import DECISIONS, EPOCH, Metric, dashboard_version

Status = Claim.ReviewStatus
DAYS = 30
TOP = 10
TOP_REVIEWERS = 15
# Open claims by how long ago they were stored: (upper bound in days, label).
AGES = [
    (1, gettext_lazy("under a day")),
    (7, gettext_lazy("1–7 days")),
    (30, gettext_lazy("7–30 days")),
    (90, gettext_lazy("30–90 days")),
    (None, gettext_lazy("over 90 days")),
]


def dashboard_cached() -> dict:
    """The figures, reused until they are FACTCHECK_DASHBOARD_CACHE_SECONDS old or something is counted.

    Their labels are in the page's language, so each language has its own copy."""
    key = f"review:dashboard:{dashboard_version()}:{timezone.localdate().isoformat()}:{get_language()}"
    return cache.get_or_set(key, dashboard_figures, settings.FACTCHECK_DASHBOARD_CACHE_SECONDS)


def dashboard_figures(*, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=DAYS - 1)
    days = [start + datetime.timedelta(days=n) for n in range(DAYS)]
    totals = _totals(today, start)
    counts = totals[Metric.STATUS]
    verdict_names = {verdict.pk: verdict.label for verdict in Verdict.objects.all()}
    by_outlet = _verdict_table(
        Metric.OUTLET_VERDICT, Metric.OUTLET_TOTAL, Outlet, "name", verdict_names, _("Unknown outlet")
    )
    by_speaker = _verdict_table(
        Metric.SPEAKER_VERDICT, Metric.SPEAKER_TOTAL, Speaker, "canonical_name", verdict_names, None
    )
    extracted = [totals[Metric.EXTRACTED].get(day, 0) for day in days]
    actions = totals[Metric.ACTION]
    reviewed = [sum(n for action, n in actions.get(day, {}).items() if action in DECISIONS) for day in days]
    peak = max(extracted, default=0) or 1
    figures = {
        "by_state": [(str(label), counts.get(value, 0)) for value, label in Status.choices],
        "total": sum(counts.values()),
        "by_outlet": by_outlet,
        "by_speaker": by_speaker,
        "per_day": [(day, n, round(100 * n / peak)) for day, n in zip(days, extracted, strict=True)],
        "reviewed_per_day": list(zip(days, extracted, reviewed, strict=True)),
        "backlog": _backlog(totals[Metric.OPEN], today),
        "verdicts_over_time": _verdicts_over_time(totals[Metric.PUBLISHED], days, verdict_names),
        "reviewers": _reviewers(totals[Metric.WORK]),
        "imports": _imports(start, days),
    }
    figures["charts"] = _charts(figures, days)
    return figures


def _totals(today: datetime.date, start: datetime.date) -> dict:
    """Every total the page needs, in one query: all-time ones and the last DAYS days' daily ones."""
    daily = [Metric.EXTRACTED, Metric.ACTION, Metric.WORK, Metric.PUBLISHED]
    rows = (
        DashboardCount.objects.filter(n__gt=0)
        .filter(Q(metric__in=[Metric.STATUS, Metric.OPEN]) | Q(metric__in=daily, day__gte=start))
        .values_list("metric", "day", "key", "n")
    )
    totals: dict = defaultdict(dict)
    for metric, day, key, n in rows:
        if metric == Metric.STATUS:
            totals[metric][key] = n
        elif metric in (Metric.EXTRACTED, Metric.OPEN):
            totals[metric][day] = totals[metric].get(day, 0) + n
        else:
            totals[metric].setdefault(day, {})[key] = n
    return totals


def _verdict_table(group_metric: str, total_metric: str, model, name_field: str, verdict_names: dict, unknown):
    """{"verdicts": [...], "rows": [(name, [count per verdict], total)], "unknown": row or None}.

    The TOP groups by published verdicts, read off an index of the groups' totals; published
    claims with no group (an article without an outlet) make the "unknown" row when `unknown`
    names it, so the table adds up.
    """
    top = list(
        DashboardCount.objects.filter(metric=total_metric, day=EPOCH, n__gt=0)
        .exclude(key="")
        .order_by("-n", "key")
        .values_list("key", flat=True)[:TOP]
    )
    groups = [*top, ""] if unknown else top
    verdict_ids = ["", *map(str, verdict_names)]
    keys = [f"{group}:{verdict}" for group in groups for verdict in verdict_ids]
    table: dict[str, dict[str, int]] = defaultdict(dict)
    cells = DashboardCount.objects.filter(metric=group_metric, day=EPOCH, key__in=keys, n__gt=0)
    for key, n in cells.values_list("key", "n"):
        group, _sep, verdict = key.partition(":")
        table[group][verdict] = n
    used = [v for v in verdict_ids if any(v in counts for counts in table.values())]
    names = dict(model.objects.filter(pk__in=[int(g) for g in top]).values_list("pk", name_field))

    def row(name, counts):
        return (name, [counts.get(v, 0) for v in used], sum(counts.values()))

    ranked = sorted(
        (row(names.get(int(group), f"#{group}"), table[group]) for group in top if table.get(group)),
        key=lambda r: (-r[2], r[0]),
    )
    return {
        "verdicts": [verdict_names[int(v)] if v else _("no verdict") for v in used],
        "rows": ranked,
        "unknown": row(unknown, table[""]) if unknown and table.get("") else None,
    }


def _backlog(open_by_day: dict, today: datetime.date) -> list[tuple[str, int]]:
    """Open claims (new, in review, proposed, reopened) by how long ago they were stored."""
    buckets = [0] * len(AGES)
    for day, n in open_by_day.items():
        age = (today - day).days
        index = next(i for i, (bound, _label) in enumerate(AGES) if bound is None or age < bound)
        buckets[index] += n
    return [(str(label), n) for (_bound, label), n in zip(AGES, buckets, strict=True)]


def _verdicts_over_time(published: dict, days: list, verdict_names: dict) -> dict:
    """{"verdicts": [names], "rows": [(day, [published that day per verdict])]}."""
    used = sorted({key for counts in published.values() for key in counts})
    return {
        "verdicts": [verdict_names.get(int(key), _("no verdict")) if key else _("no verdict") for key in used],
        "rows": [(day, [published.get(day, {}).get(key, 0) for key in used]) for day in days],
    }


def _reviewers(work: dict) -> dict:
    """{"actions": [labels], "rows": [(username, [steps per action], total)]}, the busiest first."""
    per_person: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for counts in work.values():
        for key, n in counts.items():
            actor, _sep, action = key.partition(":")
            per_person[int(actor)][action] += n
    ranked = sorted(per_person.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:TOP_REVIEWERS]
    actions = [value for value, _label in ClaimEvent.Action.choices if any(value in c for _pk, c in ranked)]
    labels = dict(ClaimEvent.Action.choices)
    names = dict(get_user_model().objects.filter(pk__in=[pk for pk, _counts in ranked]).values_list("pk", "username"))
    return {
        "actions": [str(labels[a]) for a in actions],
        "rows": [
            (names.get(pk, f"#{pk}"), [counts.get(a, 0) for a in actions], sum(counts.values()))
            for pk, counts in ranked
        ],
    }


def _imports(start: datetime.date, days: list) -> list[tuple[datetime.date, int, int, int, int]]:
    """(day, items, stored, already stored, failed) for the imports started each day."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    rows = (
        ImportItem.objects.filter(job__created_at__gte=since)
        .annotate(day=TruncDate("job__created_at"))
        .order_by()
        .values_list("day", "status")
        .annotate(n=Count("pk"))
    )
    by_day: dict = defaultdict(lambda: defaultdict(int))
    for day, status, n in rows:
        by_day[day][status] += n
    Item = ImportItem.Status
    return [
        (
            day,
            sum(by_day[day].values()),
            by_day[day][Item.STORED],
            by_day[day][Item.DUPLICATE],
            by_day[day][Item.FAILED],
        )
        for day in days
    ]


def _charts(figures: dict, days: list) -> dict:
    """The same figures as plain lists, for the page's charts (read by claims/dashboard.js)."""
    labels = [day.isoformat() for day in days]
    return {
        "per_day": {
            "labels": labels,
            "series": [
                {"label": _("Extracted"), "data": [row[1] for row in figures["reviewed_per_day"]]},
                {"label": _("Reviewed"), "data": [row[2] for row in figures["reviewed_per_day"]]},
            ],
        },
        "backlog": {
            "labels": [label for label, _n in figures["backlog"]],
            "series": [{"label": _("Open claims"), "data": [n for _label, n in figures["backlog"]]}],
        },
        "verdicts": {
            "labels": labels,
            "stacked": True,
            "legend": True,
            "series": [
                {"label": name, "data": [counts[i] for _day, counts in figures["verdicts_over_time"]["rows"]]}
                for i, name in enumerate(figures["verdicts_over_time"]["verdicts"])
            ],
        },
        "reviewers": {
            "labels": [row[0] for row in figures["reviewers"]["rows"]],
            "stacked": True,
            "horizontal": True,
            "series": [
                {"label": action, "data": [row[1][i] for row in figures["reviewers"]["rows"]]}
                for i, action in enumerate(figures["reviewers"]["actions"])
            ],
        },
        "imports": {
            "labels": labels,
            "stacked": True,
            "series": [
                {"label": _("Stored"), "data": [row[2] for row in figures["imports"]], "colour": "#3c9a5f"},
                {"label": _("Already stored"), "data": [row[3] for row in figures["imports"]], "colour": "#9aa5ad"},
                {"label": _("Failed"), "data": [row[4] for row in figures["imports"]], "colour": "#ba2121"},
            ],
        },
    }
