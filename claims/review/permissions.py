"""Who may do what in the review workflow.

Two roles, held as permissions (the migrations give them to the "Reviewers" and
"Editors" groups): reviewers take claims and propose verdicts, editors also publish,
send back and reopen them. No one publishes a verdict they proposed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

REVIEW = "claims.review_claim"
PUBLISH = "claims.publish_claim"

REVIEW_REFUSAL = _("Only reviewers and editors can review claims.")


def can_review(user) -> bool:
    return bool(user and user.is_active and user.has_perm(REVIEW))


def can_publish(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PUBLISH))


def require_review(user) -> None:
    if not can_review(user):
        raise PermissionDenied(REVIEW_REFUSAL)

