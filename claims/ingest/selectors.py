"""Reads of import jobs shaped for display: how far a job has got, counted, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from claims.models import Article, ImportItem


@dataclass(frozen=True)
class ImportProgress:
    total: int
    queued: int
    fetched: int
    extracted: int
    duplicates: int
    failed: int

    @property
    def finished(self) -> int:
        """Items with a final outcome: extracted, already stored, or failed at any step."""
        return self.extracted + self.duplicates + self.failed

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.finished / self.total)

    @property
    def is_done(self) -> bool:
        return self.finished >= self.total

    @property
    def ok(self) -> int:
        """Items that gave an article: extracted, or found already stored."""
        return self.extracted + self.duplicates

    @property
    def state(self) -> str:
        """ "running" until every item has an outcome; then "done", "partial" (some failed) or "failed" (all)."""
        if not self.is_done:
            return "running"
        if not self.failed:
            return "done"
        return "failed" if self.failed >= self.total else "partial"

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


STATE_LABELS = {
    "running": _("In progress"),
    "done": _("Done"),
    "partial": _("Done, with failures"),
    "failed": _("Failed"),
}


def _progress_counts(path: str = "") -> dict:
    """Item counts by outcome, as aggregates over `path` (e.g. "items__" from a job)."""

    def q(**lookups):
        return Q(**{f"{path}{name}": value for name, value in lookups.items()})

    stored = q(status=ImportItem.Status.STORED)
    pk = f"{path}pk"
    return {
        "total": Count(pk),
        "queued": Count(pk, filter=q(status=ImportItem.Status.PENDING)),
        "fetched": Count(pk, filter=stored),
        # An item stored without an article (fact-checks, or an article deleted since) has nothing to wait for.
        "extracted": Count(pk, filter=stored & (q(article__status=Article.Status.DONE) | q(article__isnull=True))),
        "duplicates": Count(pk, filter=q(status=ImportItem.Status.DUPLICATE)),
        "failed": Count(
            pk, filter=q(status=ImportItem.Status.FAILED) | (stored & q(article__status=Article.Status.FAILED))
        ),
    }


def import_job_progress(job) -> ImportProgress:
    """Count a job's items by outcome in one query; nothing is stored that could drift."""
    if hasattr(job, "progress_total"):
        return ImportProgress(**{name: getattr(job, f"progress_{name}") for name in _progress_counts()})
    return ImportProgress(**job.items.aggregate(**_progress_counts()))


def import_jobs_with_progress(jobs):
    """Annotate a queryset of jobs with their progress, so a list of jobs costs one query."""
    return jobs.annotate(**{f"progress_{name}": count for name, count in _progress_counts("items__").items()})


def import_job_errors(job, *, limit: int = 5) -> list[tuple[str, int]]:
    """The job's commonest item errors, each with how many items it stopped, commonest first."""
    rows = (
        job.items.filter(status=ImportItem.Status.FAILED)
        .exclude(error="")
        .order_by()
        .values_list("error")
        .annotate(n=Count("pk"))
        .order_by("-n", "error")[:limit]
    )
    return [(error, n) for error, n in rows]
