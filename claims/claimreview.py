"""Published verdicts as schema.org ClaimReview, the markup search engines read from fact-checks.

https://schema.org/ClaimReview; the organisation publishing them comes from settings.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import Max, Min
from django.utils.safestring import SafeString, mark_safe

from .matching.selectors import claim_families, claim_family
from .models import Claim, Speaker, Verdict

CONTEXT = "https://schema.org"


def rating_scale() -> tuple[int, int]:
    """(worst, best) of the verdict scale, as admins configured it."""
    bounds = Verdict.objects.aggregate(worst=Min("rating_value"), best=Max("rating_value"))
    return bounds["worst"] or 1, bounds["best"] or 5


DEFAULT_ORGANISATION = "factcheck"


def organisation() -> dict:
    """The publishing organisation, the author of every ClaimReview (claims.checks warns while it is unset)."""
    org = {"@type": "Organization", "name": settings.FACTCHECK_ORGANISATION_NAME.strip() or DEFAULT_ORGANISATION}
    if settings.FACTCHECK_ORGANISATION_URL:
        org["url"] = settings.FACTCHECK_ORGANISATION_URL
    return org


def claim_review(
    claim: Claim, *, url: str, scale: tuple[int, int] | None = None, family: list[Claim] | None = None
) -> dict:
    """The ClaimReview of a public fact-check, as last published; `url` is the absolute address of its page.

    It reads the claim's public record, not its working fields: a fact-check reviewed again keeps
    its published verdict until it is published again. `dateModified` is the last public change
    (an update or a correction). A retracted fact-check has none. `family` is the claim's
    `claim_family`, looked up when not given.
    """
    if claim.public_verdict_id is None or claim.review_status == Claim.ReviewStatus.RETRACTED:
        raise ValueError(f"claim {claim.pk} has no published verdict")
    worst, best = scale or rating_scale()
    article = claim.article
    verdict = claim.public_verdict
    rating = {"@type": "Rating", "alternateName": _verdict_label(verdict, article.language)}
    if verdict.rating_value is not None:
        rating.update(ratingValue=verdict.rating_value, bestRating=best, worstRating=worst)
    review = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "datePublished": claim.published_at.date().isoformat(),
        "dateModified": (claim.public_modified_at or claim.published_at).isoformat(),
        "author": organisation(),
        "claimReviewed": claim.public_content or claim.content,
        "reviewRating": rating,
        "itemReviewed": _item_reviewed(claim, claim_family(claim) if family is None else family),
    }
    if claim.public_rationale:
        review["reviewBody"] = claim.public_rationale
    if article.language:
        review["inLanguage"] = article.language
    return review


def _verdict_label(verdict: Verdict, language: str) -> str:
    return verdict.label_in(language)


def _item_reviewed(claim: Claim, family: list[Claim]) -> dict:
    """The Claim reviewed, with where it first appeared and where it was repeated (its family)."""
    article = claim.article
    item = {"@type": "Claim"}
    author = _claim_author(claim)
    if author:
        item["author"] = author
    if claim.claim_date or article.published_date:
        item["datePublished"] = (claim.claim_date or article.published_date).isoformat()
    first, *later = family or [claim]
    first_url = _article_url(first.article)
    if first_url:
        item["firstAppearance"] = _creative_work(first.article, first_url)
    seen = {first_url}
    appearances = []
    for repeat in later:
        url = _article_url(repeat.article)
        if url and url not in seen:
            seen.add(url)
            appearances.append(_creative_work(repeat.article, url))
    if appearances:
        item["appearance"] = appearances
    return item


def _article_url(article) -> str:
    return article.canonical_url or article.url


def _creative_work(article, url: str) -> dict:
    work = {"@type": "CreativeWork", "url": url}
    if article.title:
        work["headline"] = article.title
    if article.published_date:
        work["datePublished"] = article.published_date.isoformat()
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return work


def _claim_author(claim: Claim) -> dict | None:
    if claim.speaker:
        kind = "Organization" if claim.speaker.kind == Speaker.Kind.ORGANISATION else "Person"
        return {"@type": kind, "name": claim.speaker.canonical_name}
    if claim.speaker_text:
        return {"@type": "Person", "name": claim.speaker_text}
    if claim.kind == Claim.Kind.ASSERTION and claim.article.outlet:
        return {"@type": "Organization", "name": claim.article.outlet.name}
    return None


def claim_review_feed(claims, *, url_for) -> dict:
    """A schema.org DataFeed of ClaimReviews; `url_for(claim)` gives each public page's address.

    Families are looked up together, and only for claims not annotated `has_repeats=False`
    (see `with_repeat_flag`), so the feed costs a fixed number of queries.
    """
    scale = rating_scale()
    claims = list(claims)
    families = claim_families([claim for claim in claims if getattr(claim, "has_repeats", True)])
    items = []
    for claim in claims:
        review = claim_review(claim, url=url_for(claim), scale=scale, family=families.get(claim.pk, [claim]))
        del review["@context"]  # the feed's context covers its items
        items.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": claim.published_at.isoformat(),
                "dateModified": review["dateModified"],
                "item": review,
            }
        )
    feed = {"@context": CONTEXT, "@type": "DataFeed", "name": f"{organisation()['name']} fact-checks"}
    if items:
        feed["dateModified"] = max(item["dateModified"] for item in items)
    feed["dataFeedElement"] = items
    return feed


# JSON inside <script> ends at the first "</script>", whatever the quoting: escape what HTML reads.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element whose hostile strings cannot end it early."""
    payload = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
