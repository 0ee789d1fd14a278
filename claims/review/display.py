"""How a reviewer sees a claim's numbers: one definition of the check-worthiness levels.

Scores are calibrated, so 0.5 is the line between check-worthy and not. The desk, the admin, the
filters and the API read the levels from here, never from their own copies.
"""

from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Claim, Verdict

# (key, lowest score, highest score (exclusive), label), highest level first.
LEVELS = (
    ("high", 0.7, None, _("High")),
    ("medium", 0.5, 0.7, _("Check-worthy")),
    ("low", None, 0.5, _("Low")),
)
BANDS = {key: (low, high) for key, low, high, _label in LEVELS}


def checkworthiness_level(score):
    """The level a score falls in, as (key, label); None for a claim not scored."""
    if score is None:
        return None
    for key, low, _high, label in LEVELS:
        if low is None or score >= low:
            return key, label
    return None  # pragma: no cover - the last level has no lower bound


def checkworthiness_badge(score):
    """A score as its level, the exact figure kept in the title: <span class="cw cw-high">High</span>."""
    level = checkworthiness_level(score)
    if level is None:
        return "—"
    key, label = level
    return format_html('<span class="cw cw-{}" title="{}">{}</span>', key, floatformat(score, 2), label)


def filter_by_level(queryset, key, field="checkworthiness"):
    """Claims whose score falls in the level named by key; all of them for an unknown key."""
    if key not in BANDS:
        return queryset
    low, high = BANDS[key]
    if low is not None:
        queryset = queryset.filter(**{f"{field}__gte": low})
    if high is not None:
        queryset = queryset.filter(**{f"{field}__lt": high})
    return queryset


# The names of the fields a history entry's or a public notice's changes list (claims.review.services'
# TRACKED and public_changes), as the page shows them: as stored in English, translated on other pages.
CHANGE_LABELS = {
    "review_status": pgettext_lazy("changed field", "review_status"),
    "assignee": pgettext_lazy("changed field", "assignee"),
    "verdict": pgettext_lazy("changed field", "verdict"),
    "content": pgettext_lazy("changed field", "content"),
    "speaker": pgettext_lazy("changed field", "speaker"),
    "claim_date": pgettext_lazy("changed field", "claim_date"),
    "rationale": pgettext_lazy("changed field", "rationale"),
    "duplicate_of": pgettext_lazy("changed field", "duplicate_of"),
    "claim": pgettext_lazy("changed field", "claim"),
    "explanation": pgettext_lazy("changed field", "explanation"),
}


def change_label(name):
    """A changed field's name in the page's language ("claim_date" is "tanggal klaim" in Indonesian)."""
    return CHANGE_LABELS.get(name, name)


def change_value(value, name):
    """A changed field's value as stored (a status's code, a verdict's English name) in the page's language."""
    if value in (None, ""):
        return value
    if name == "review_status":
        return Claim.ReviewStatus(value).label if value in Claim.ReviewStatus.values else value
    if name == "verdict":
        verdict = Verdict.objects.filter(name=value).first()
        return verdict.label if verdict else value
    return value
