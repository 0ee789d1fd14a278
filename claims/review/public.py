"""Public pages of published verdicts, with their ClaimReview markup, and the ClaimReview feed."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from ..claimreview import claim_review, claim_review_feed, json_ld_script
from ..matching.selectors import with_repeat_flag
from ..models import Claim
from .selectors import published_claims


def _public_url(request, claim) -> str:
    return request.build_absolute_uri(reverse("factchecks:claim", args=[claim.pk]))


def published_list(request):
    claims = list(published_claims()[:50])
    return TemplateResponse(request, "claims/review/public_list.html", {"claims": claims})


def published_claim(request, pk: int):
    try:
        claim = published_claims().order_by().get(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No published fact-check with this number.") from None
    review = claim_review(claim, url=_public_url(request, claim))
    return TemplateResponse(
        request,
        "claims/review/public_claim.html",
        {"claim": claim, "review": review, "json_ld": json_ld_script(review)},
    )


def claim_review_json(request):
    claims = with_repeat_flag(published_claims())[: settings.FACTCHECK_FEED_SIZE]
    feed = claim_review_feed(claims, url_for=lambda claim: _public_url(request, claim))
    response = JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
