"""Reads for the review desk and the public pages, each shaped to cost a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Claim, ClaimEvent, ClaimNote, PublicNotice
from .filters import ClaimFilter

Status = Claim.ReviewStatus


@dataclass(frozen=True)
class ContextPiece:
    text: str
    claim: bool  # inside the claim's span
    gap: bool  # a dropped name seems to have stood right before this piece


@dataclass(frozen=True)
class ClaimInContext:
    before: str
    content: str
    after: str
    pieces: tuple[ContextPiece, ...] = ()


def claim_in_context(claim: Claim) -> ClaimInContext:
    """The paragraph holding the claim, split around the claim's span."""
    text = claim.article.text
    start, end = max(0, claim.start), min(len(text), claim.end)
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end < 0:
        paragraph_end = len(text)
    gaps = sorted({g for g in claim.gaps or () if isinstance(g, int) and paragraph_start <= g <= paragraph_end})
    cuts = sorted({paragraph_start, start, end, paragraph_end, *gaps})
    pieces = tuple(
        ContextPiece(text[a:b], start <= a < end, a in gaps) for a, b in zip(cuts, cuts[1:], strict=False) if a < b
    ) + ((ContextPiece("", False, True),) if paragraph_end in gaps else ())
    return ClaimInContext(text[paragraph_start:start], text[start:end], text[end:paragraph_end], pieces)


# What a reviewer can act on: everything not finished or set aside.
OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.REOPENED, Status.VERDICT_PROPOSED)

QUEUES = {
    "open": _("Unassigned, most check-worthy first"),
    "mine": _("Assigned to me"),
    "approve": _("Verdicts to approve"),
    "published": _("Published"),
    "all": _("All claims"),
}


def _listed(claims: QuerySet) -> QuerySet:
    return claims.select_related("article__outlet", "speaker", "assignee", "verdict").defer(
        "article__text", "article__html", "article__authors"
    )


def review_queue(*, user, queue: str = "open", filters: ClaimFilter | None = None) -> QuerySet:
    """The claims of one queue, most check-worthy first, narrowed by the filters' valid values."""
    claims = _queue(user, queue)
    if filters is not None:
        filters.is_valid()
        claims = filters.filter_queryset(claims)
    if queue == "published":
        return _listed(claims).order_by("-published_at", "-pk")
    return _listed(claims).order_by("-checkworthiness", "pk")


def _queue(user, queue: str) -> QuerySet:
    if queue == "mine":
        return Claim.objects.filter(assignee=user, review_status__in=OPEN_STATUSES)
    if queue == "approve":
        return Claim.objects.filter(review_status=Status.VERDICT_PROPOSED).exclude(proposed_by=user)
    if queue == "published":
        return Claim.objects.filter(review_status=Status.PUBLISHED)
    if queue == "all":
        return Claim.objects.all()
    # Unassigned and open: new, reopened, or released by its reviewer (the partial index's condition).
    return Claim.objects.filter(review_status__in=(Status.NEW, Status.IN_REVIEW, Status.REOPENED), assignee=None)


def claim_for_review(pk: int) -> Claim:
    """One claim with its article (text included, for the context) and the people around it."""
    return Claim.objects.select_related(
        "article__outlet", "speaker", "assignee", "verdict", "proposed_by", "published_by", "duplicate_of"
    ).get(pk=pk)


def claim_history(claim: Claim) -> QuerySet:
    return ClaimEvent.objects.filter(claim=claim).select_related("actor", "verdict", "assignee").order_by("version")


def public_claims() -> QuerySet:
    """Every fact-check ever published, newest first: online as published, while reviewed again, or retracted."""
    return (
        Claim.objects.filter(public_verdict__isnull=False)
        .select_related("article__outlet", "speaker", "public_verdict")
        .defer("article__text", "article__html")
        .order_by("-published_at", "-pk")
    )


def published_claims() -> QuerySet:
    """Public fact-checks whose verdict stands (not retracted), newest first: the ClaimReview feed's."""
    return public_claims().exclude(review_status=Status.RETRACTED)


def claim_notices(claim: Claim) -> QuerySet:
    """The public notices of a fact-check (updates, corrections, a retraction), newest first."""
    return PublicNotice.objects.filter(claim=claim).select_related("created_by").order_by("-created_at", "-pk")


FLAG_WARNINGS = {
    "missing_entity": _("A name seems to have been dropped from the source text here: check the original article."),
}


def flag_warnings(claim: Claim) -> list[str]:
    return [FLAG_WARNINGS.get(flag, flag) for flag in claim.flags or ()]


def claim_evidence(claim: Claim) -> QuerySet:
    return claim.evidence.select_related("added_by").order_by("created_at", "pk")


def claims_by_same_speaker(claim: Claim, limit: int = 5) -> list[Claim]:
    """The speaker's other claims, most recent first."""
    if claim.speaker_id is None:
        return []
    others = Claim.objects.filter(speaker_id=claim.speaker_id).exclude(pk=claim.pk).order_by("-pk")
    return list(_listed(others)[:limit])


def queue_neighbours(
    claim: Claim, *, user, queue: str, filters: ClaimFilter | None = None
) -> tuple[int | None, int | None]:
    """The claims before and after this one in a queue ordered by check-worthiness, narrowed by the
    queue's filters (the reviewer's own view of it): for j / k."""
    if queue not in ("open", "mine", "approve"):
        return None, None
    claims = _queue(user, queue)
    if filters is not None:
        filters.is_valid()
        claims = filters.filter_queryset(claims)
    cw = claim.checkworthiness
    # Ranges the queue index can seek to (an OR of the two cases would make it scan from the top).
    after = claims.filter(checkworthiness__lte=cw).exclude(checkworthiness=cw, pk__lte=claim.pk)
    before = claims.filter(checkworthiness__gte=cw).exclude(checkworthiness=cw, pk__gte=claim.pk)
    following = after.order_by("-checkworthiness", "pk").values_list("pk", flat=True).first()
    previous = before.order_by("checkworthiness", "-pk").values_list("pk", flat=True).first()
    return previous, following


# Who can be handed a claim: the members of the two review roles' groups (see migration 0005).
ASSIGNABLE_GROUPS = ("Reviewers", "Editors")


def assignable_users(*, also: int | None = None) -> QuerySet:
    """Active members of the Reviewers and Editors groups, by username: the assignment picker's choices.

    `also` adds one user by id (a claim's current reviewer, who may hold the role otherwise), so a
    picker shows who has the claim now and saving it unchanged keeps them.
    """
    members = Q(is_active=True, groups__name__in=ASSIGNABLE_GROUPS)
    if also is not None:
        members |= Q(pk=also)
    return get_user_model().objects.filter(members).distinct().order_by("username")


@dataclass(frozen=True)
class ThreadEntry:
    """One message of a claim's thread: a note, or the note a workflow step was taken with."""

    author: object
    created_at: object
    text: str
    step: str = ""  # the step's label when the message came with one ("Sent it back")


# Steps whose note is addressed to the claim's reviewer, so they belong in the thread too.
THREAD_STEPS = (ClaimEvent.Action.SEND_BACK, ClaimEvent.Action.REOPEN)


def claim_thread(claim: Claim) -> list[ThreadEntry]:
    """The claim's notes and its send-back / reopen notes, oldest first, in two queries."""
    notes = ClaimNote.objects.filter(claim=claim).select_related("author")
    steps = ClaimEvent.objects.filter(claim=claim, action__in=THREAD_STEPS).exclude(note="").select_related("actor")
    entries = [ThreadEntry(note.author, note.created_at, note.text) for note in notes]
    entries += [ThreadEntry(event.actor, event.created_at, event.note, event.get_action_display()) for event in steps]
    return sorted(entries, key=lambda entry: entry.created_at)
