"""Claims as CSV, streamed row by row so a large export holds no more than a batch in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from .matching.selectors import with_best_fact_check
from .models import Claim

COLUMNS = [
    "id",
    "content",
    "speaker",
    "speaker_text",
    "cue",
    "via",
    "kind",
    "claim_date",
    "checkworthiness",
    "review_status",
    "verdict",
    "rationale",
    "assignee",
    "published_at",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "language",
    "article_published",
    # The best published fact-check found for the claim (confirmed first, none rejected).
    "fact_check_url",
    "fact_check_publisher",
    "fact_check_rating",
]

# A spreadsheet runs a cell that starts with one of these as a formula; article text is hostile.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def claims_for_export(queryset):
    """The claims with everything a row shows, in one query, without the article bodies."""
    claims = queryset.select_related("article__outlet", "speaker", "verdict", "assignee")
    return with_best_fact_check(claims.defer("article__text", "article__html")).order_by("pk")


def claim_row(claim: Claim) -> list[str]:
    article = claim.article
    fact_check = getattr(claim, "best_fact_check", None) or {}
    values = [
        claim.pk,
        claim.content,
        claim.speaker.canonical_name if claim.speaker else "",
        claim.speaker_text,
        claim.cue,
        claim.via,
        claim.kind,
        claim.claim_date.isoformat() if claim.claim_date else "",
        f"{claim.checkworthiness:.3f}",
        claim.review_status,
        claim.verdict.name if claim.verdict else "",
        claim.rationale,
        claim.assignee.get_username() if claim.assignee else "",
        claim.published_at.isoformat() if claim.published_at else "",
        article.pk,
        article.title,
        article.url,
        article.outlet.name if article.outlet else "",
        article.language,
        article.published_date.isoformat() if article.published_date else "",
        fact_check.get("url"),
        fact_check.get("publisher"),
        fact_check.get("rating"),
    ]
    return [_cell(value) for value in values]


class _Echo:
    def write(self, value: str) -> str:
        return value


def claims_csv_lines(claims: Iterable[Claim]) -> Iterator[str]:
    """The header, then one CSV line per claim."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for claim in claims:
        yield writer.writerow(claim_row(claim))


def claims_csv(queryset) -> Iterator[str]:
    return claims_csv_lines(claims_for_export(queryset).iterator(chunk_size=2000))
