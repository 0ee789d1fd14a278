"""Reads of import jobs shaped for display: how far a job has got, counted, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

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
        "extracted": Count(pk, filter=stored & q(article__status=Article.Status.DONE)),
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
