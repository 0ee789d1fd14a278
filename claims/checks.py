"""Start-up checks of the product's own settings."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register()
def organisation_configured(app_configs=None, **kwargs) -> list[Warning]:
    """Every ClaimReview names the publishing organisation as its author: warn while it is not configured."""
    problems = []
    if not (settings.FACTCHECK_ORGANISATION_NAME or "").strip():
        problems.append(
            Warning(
                "FACTCHECK_ORGANISATION_NAME is not set: fact-checks and their ClaimReview name "
                "“factcheck” as their author.",
                hint="Set FACTCHECK_ORGANISATION_NAME to the newsroom's name.",
                id="claims.W001",
            )
        )
    if not (settings.FACTCHECK_ORGANISATION_URL or "").strip():
        problems.append(
            Warning(
                "FACTCHECK_ORGANISATION_URL is not set: the ClaimReview author has no address.",
                hint="Set FACTCHECK_ORGANISATION_URL to the newsroom's home page.",
                id="claims.W002",
            )
        )
    return problems
