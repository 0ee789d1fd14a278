"""What a claim's fields may hold before a verdict on it is proposed or published."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

EARLIEST_CLAIM_DATE = datetime.date(1900, 1, 1)


def latest_claim_date(today: datetime.date | None = None) -> datetime.date:
    """One year from today: a claim can be dated ahead (an announced plan), not further."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def claim_date_refusal(value: datetime.date | None) -> str | None:
    """Why a claim date is not plausible, or None (no date is plausible: the date is unknown)."""
    if value is None:
        return None
    latest = latest_claim_date()
    if EARLIEST_CLAIM_DATE <= value <= latest:
        return None
    return gettext("A claim's date must lie between %(earliest)s and %(latest)s: %(value)s is not plausible.") % {
        "earliest": EARLIEST_CLAIM_DATE,
        "latest": latest,
        "value": value,
    }


def validate_claim_date(value: datetime.date | None) -> None:
    refusal = claim_date_refusal(value)
    if refusal:
        raise ValidationError(refusal, code="implausible_date")
