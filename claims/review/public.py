"""Public pages of fact-checks, with their ClaimReview markup, and the ClaimReview feed.

A fact-check stays online once published: while it is reviewed again the page shows the verdict
as published, and every update, correction or retraction is listed on it, newest first.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from ..claimreview import claim_review, claim_review_feed, json_ld_script, organisation
from ..matching.selectors import with_repeat_flag
from ..models import Claim
from .selectors import claim_evidence, claim_notices, public_claims, published_claims


def _public_url(request, claim) -> str:
    return request.build_absolute_uri(reverse("factchecks:claim", args=[claim.pk]))


def published_list(request):
    claims = list(public_claims()[:50])
    return TemplateResponse(
        request, "claims/review/public_list.html", {"claims": claims, "organisation": organisation()}
    )


def published_claim(request, pk: int):
    try:
        claim = public_claims().order_by().get(pk=pk)
    except Claim.DoesNotExist:
        raise Http404(gettext("No published fact-check with this number.")) from None
    retracted = claim.review_status == Claim.ReviewStatus.RETRACTED
    review = None if retracted else claim_review(claim, url=_public_url(request, claim))
    return TemplateResponse(
        request,
        "claims/review/public_claim.html",
        {
            "claim": claim,
            "review": review,
            "json_ld": json_ld_script(review) if review else "",
            "url": _public_url(request, claim),
            "verdict": claim.public_verdict,
            "verdict_label": claim.public_verdict.label,
            "retracted": retracted,
            "sources": list(claim_evidence(claim)),
            "notices": list(claim_notices(claim)),
            "organisation": organisation(),
        },
    )


def claim_review_json(request):
    claims = with_repeat_flag(published_claims())[: settings.FACTCHECK_FEED_SIZE]
    feed = claim_review_feed(claims, url_for=lambda claim: _public_url(request, claim))
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
