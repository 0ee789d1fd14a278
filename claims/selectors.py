"""Reads shaped for display."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Claim


@dataclass(frozen=True)
class ClaimInContext:
    before: str
    content: str
    after: str


def claim_in_context(claim: Claim) -> ClaimInContext:
    """The paragraph holding the claim, split around the claim's span."""
    text = claim.article.text
    start, end = max(0, claim.start), min(len(text), claim.end)
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end < 0:
        paragraph_end = len(text)
    return ClaimInContext(text[paragraph_start:start], text[start:end], text[end:paragraph_end])


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


def import_job_progress(job) -> ImportProgress:
    """Count a job's items by outcome in one query; nothing is stored that could drift."""
    from django.db.models import Count, Q

    from .models import Article, ImportItem

    stored = Q(status=ImportItem.Status.STORED)
    counts = job.items.aggregate(
        total=Count("pk"),
        queued=Count("pk", filter=Q(status=ImportItem.Status.PENDING)),
        fetched=Count("pk", filter=stored),
        extracted=Count("pk", filter=stored & Q(article__status=Article.Status.DONE)),
        duplicates=Count("pk", filter=Q(status=ImportItem.Status.DUPLICATE)),
        failed=Count(
            "pk", filter=Q(status=ImportItem.Status.FAILED) | (stored & Q(article__status=Article.Status.FAILED))
        ),
    )
    return ImportProgress(**counts)
