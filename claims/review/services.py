"""The review workflow: every change of a claim's review state, with its checks and its history.

Each transition takes the acting user and the claim version the user saw. It locks the row,
refuses a stale version (someone else changed the claim since), checks the role and the state,
writes with `UPDATE ... WHERE version = N` and records a ClaimEvent at the new version, so two
concurrent edits can never both succeed.

    new ──take/assign──> in review ──propose──> verdict proposed ──publish──> published
     │                    ^  ^  │                      │                            │
     │                    │  │  └─ release: unassigned, back in the queue            │
     │                    │  └────────── send back ────┘                            │
     │                    └─ take/assign ── reopened <───────── reopen ─────────────┘
     └─ dismiss (from new, in review or reopened) ──> not a claim / duplicate
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Claim, ClaimEvent, Evidence, Speaker, Verdict
from .permissions import can_publish, can_review, require_publish, require_review

Status = Claim.ReviewStatus
Action = ClaimEvent.Action

OPEN = (Status.NEW, Status.IN_REVIEW, Status.REOPENED)


class StaleClaimError(ValidationError):
    """The claim changed after the user loaded it; they must reload and decide again."""


# Fields whose before and after each event records, shown as text in the history.
TRACKED = ("review_status", "assignee", "verdict", "content", "speaker", "rationale", "duplicate_of")


def _shown(value):
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Claim):
        return f"#{value.pk}"
    return str(value)


def _transition(
    *,
    claim: Claim,
    user,
    expected_version: int,
    action: str,
    allowed_from: tuple[str, ...],
    changes: dict,
    check: Callable[[Claim], None] | None = None,
    then: Callable[[Claim], dict] | None = None,
    note: str = "",
) -> Claim:
    """Apply `changes` if the claim is still at `expected_version`, and record the step.

    `check(current)` may refuse on the locked row; `then(current)` writes what goes with the
    step (in the same transaction) and returns more {field: [before, after]} for the history.
    """
    with transaction.atomic():
        current = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("assignee", "verdict", "speaker", "duplicate_of")
            .get(pk=claim.pk)
        )
        if current.version != expected_version:
            raise StaleClaimError(
                f"Someone else changed this claim (you saw version {expected_version}, it is now at "
                f"version {current.version}). Reload it and try again.",
                code="stale",
            )
        if current.review_status not in allowed_from:
            raise ValidationError(
                f"The claim is “{current.get_review_status_display()}”: “{ClaimEvent.Action(action).label}” "
                "is not possible now.",
                code="invalid_state",
            )
        if check:
            check(current)
        version = expected_version + 1
        updated = Claim.objects.filter(pk=current.pk, version=expected_version).update(
            **changes, version=version, updated_at=timezone.now()
        )
        if updated != 1:
            raise StaleClaimError("Someone else changed this claim. Reload it and try again.", code="stale")
        diff = {
            name: [_shown(getattr(current, name)), _shown(changes[name])]
            for name in TRACKED
            if name in changes and _shown(getattr(current, name)) != _shown(changes[name])
        }
        if then:
            diff.update(then(current))
        ClaimEvent.objects.create(
            claim=current,
            actor=user,
            action=action,
            from_status=current.review_status,
            to_status=changes.get("review_status", current.review_status),
            verdict_id=_id_after(current, changes, "verdict"),
            assignee_id=_id_after(current, changes, "assignee"),
            note=note,
            changes=diff,
            version=version,
        )
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.version = version
    return claim


def _id_after(current: Claim, changes: dict, name: str) -> int | None:
    if name in changes:
        return changes[name].pk if changes[name] is not None else None
    return getattr(current, f"{name}_id")


def claim_take(*, claim: Claim, user, expected_version: int) -> Claim:
    """Assign an unassigned open claim to oneself and start reviewing it."""
    require_review(user)

    def check(current):
        if current.assignee_id not in (None, user.pk):
            raise ValidationError(f"{current.assignee} is already reviewing this claim.", code="taken")

    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.TAKE,
        allowed_from=OPEN,
        changes={"assignee": user, "review_status": Status.IN_REVIEW},
        check=check,
    )


def claim_assign(*, claim: Claim, user, assignee, expected_version: int, note: str = "") -> Claim:
    """An editor hands an open claim to a reviewer (or to no one, with assignee=None)."""
    require_publish(user)
    if assignee is not None and not can_review(assignee):
        raise ValidationError(f"{assignee} is not a reviewer.", code="not_a_reviewer")
    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.ASSIGN,
        allowed_from=OPEN,
        changes={"assignee": assignee, "review_status": Status.IN_REVIEW if assignee else claim.review_status},
        note=note,
    )


def claim_release(*, claim: Claim, user, expected_version: int) -> Claim:
    """Give a claim back to the queue: its reviewer, or an editor, may."""
    require_review(user)

    def check(current):
        if current.assignee_id != user.pk and not can_publish(user):
            raise PermissionDenied("Only the claim's reviewer or an editor can release it.")

    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.RELEASE,
        allowed_from=(Status.IN_REVIEW,),
        changes={"assignee": None},
        check=check,
    )


EDITABLE = (Status.IN_REVIEW, Status.VERDICT_PROPOSED, Status.REOPENED)


def _reviewer_or_editor(user, what: str):
    def check(current):
        if current.assignee_id != user.pk and not can_publish(user):
            raise PermissionDenied(f"Only the claim's reviewer or an editor can {what}; take the claim first.")

    return check


def claim_edit(*, claim: Claim, user, expected_version: int, content: str, speaker: Speaker | None) -> Claim:
    """Correct what the extractor got wrong: the wording or the speaker. The first correction keeps the originals.

    Only a claim under review can be corrected (so re-extraction leaves it alone), by its
    reviewer or an editor; a published verdict is locked until it is reopened.
    """
    require_review(user)
    content = content.strip()
    if not content:
        raise ValidationError("A claim needs its content.", code="empty")
    changes = {"content": content, "speaker": speaker}
    if content == claim.content and (speaker.pk if speaker else None) == claim.speaker_id:
        raise ValidationError("Nothing was changed.", code="unchanged")
    if not claim.original_content:
        changes.update(original_content=claim.content, original_speaker_id=claim.speaker_id)
    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.EDIT,
        allowed_from=EDITABLE,
        changes=changes,
        check=_reviewer_or_editor(user, "correct it"),
    )


def evidence_add(*, claim: Claim, user, url: str, title: str = "", note: str = "", expected_version: int) -> Evidence:
    """Attach a source to the claim's review."""
    require_review(user)
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(f"Not an http(s) address: {url!r}.", code="bad_url") from None
    added = []

    def attach(current):
        evidence = Evidence(claim=current, url=url, title=title.strip(), note=note.strip(), added_by=user)
        evidence.save()
        added.append(evidence)
        return {"evidence": [None, title.strip() or url]}

    _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.EVIDENCE,
        allowed_from=EDITABLE,
        changes={},
        check=_reviewer_or_editor(user, "add evidence"),
        then=attach,
    )
    return added[0]


def claim_propose_verdict(*, claim: Claim, user, verdict: Verdict, rationale: str, expected_version: int) -> Claim:
    """The reviewer proposes a verdict with its rationale; an editor other than them publishes it."""
    require_review(user)
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError("Explain the verdict: the rationale is published with it.", code="no_rationale")

    def check(current):
        if current.assignee_id != user.pk:
            raise PermissionDenied("Only the claim's reviewer can propose its verdict; take it first.")

    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.PROPOSE,
        allowed_from=(Status.IN_REVIEW,),
        changes={
            "verdict": verdict,
            "rationale": rationale,
            "proposed_by": user,
            "review_status": Status.VERDICT_PROPOSED,
        },
        check=check,
    )


def claim_publish(*, claim: Claim, user, expected_version: int) -> Claim:
    """An editor publishes the proposed verdict; the two-person rule forbids publishing one's own."""
    require_publish(user)

    def check(current):
        if current.proposed_by_id == user.pk:
            raise PermissionDenied("Two-person rule: someone other than the proposer must publish this verdict.")

    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.PUBLISH,
        allowed_from=(Status.VERDICT_PROPOSED,),
        changes={"review_status": Status.PUBLISHED, "published_by": user, "published_at": timezone.now()},
        check=check,
    )


def claim_send_back(*, claim: Claim, user, note: str, expected_version: int) -> Claim:
    """An editor returns a proposed verdict to its reviewer, saying why."""
    require_publish(user)
    if not note.strip():
        raise ValidationError("Say why the verdict goes back.", code="no_note")
    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.SEND_BACK,
        allowed_from=(Status.VERDICT_PROPOSED,),
        changes={"review_status": Status.IN_REVIEW},
        note=note.strip(),
    )


def claim_reopen(*, claim: Claim, user, note: str, expected_version: int) -> Claim:
    """An editor withdraws a published verdict for another review (new evidence, a correction)."""
    require_publish(user)
    if not note.strip():
        raise ValidationError("Say why the verdict is reopened.", code="no_note")
    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.REOPEN,
        allowed_from=(Status.PUBLISHED,),
        changes={"review_status": Status.REOPENED, "assignee": None},
        note=note.strip(),
    )


def claim_dismiss(
    *, claim: Claim, user, status: str, expected_version: int, duplicate_of: Claim | None = None, note: str = ""
) -> Claim:
    """Set aside an open claim as not a claim, or as a duplicate of another."""
    require_review(user)
    if status == Status.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == claim.pk:
            raise ValidationError("Name the other claim this one duplicates.", code="no_original")
        if duplicate_of.review_status == Status.DUPLICATE:
            raise ValidationError("Point at the original claim, not at another duplicate.", code="chained")
    elif status == Status.NOT_A_CLAIM:
        duplicate_of = None
    else:
        raise ValidationError(f"Dismiss as not a claim or as a duplicate, not as {str(status)!r}.", code="bad_status")

    def check(current):
        if current.assignee_id not in (None, user.pk) and not can_publish(user):
            raise PermissionDenied(f"{current.assignee} is reviewing this claim.")

    return _transition(
        claim=claim,
        user=user,
        expected_version=expected_version,
        action=Action.DISMISS,
        allowed_from=OPEN,
        changes={"review_status": status, "duplicate_of": duplicate_of},
        check=check,
        note=note.strip(),
    )


def _match_of(claim: Claim, match_id: int):
    from ..models import ClaimMatch

    match = (
        ClaimMatch.objects.filter(pk=match_id, claim_id=claim.pk)
        .exclude(confirmed=False)
        .select_related("other__verdict")
        .first()
    )
    if match is None:
        raise ValidationError("That match is no longer linked to this claim. Reload the page.", code="no_match")
    return match


def claim_apply_matched_verdict(*, claim: Claim, user, match_id: int, expected_version: int) -> Claim:
    """Confirm that the claim repeats one already checked, and propose that claim's published verdict.

    A person decides: the match is recorded as confirmed (both ways) and the verdict goes
    through the usual workflow. An open claim nobody reviews is taken first; otherwise
    the workflow's rules apply, and if they refuse, nothing is recorded.
    """
    from ..claim_matching import claim_match_decide

    require_review(user)
    match = _match_of(claim, match_id)
    original = match.other
    if original.review_status != Status.PUBLISHED or original.verdict is None:
        raise ValidationError(f"Claim #{original.pk} has no published verdict to apply.", code="not_published")
    rationale = f"Same claim as #{original.pk} ({reverse('factchecks:claim', args=[original.pk])}), already checked"
    rationale += f": {original.rationale}" if original.rationale.strip() else "."
    with transaction.atomic():
        claim_match_decide(match=match, user=user, confirmed=True)
        if claim.assignee_id != user.pk and claim.review_status in OPEN:
            claim = claim_take(claim=claim, user=user, expected_version=expected_version)
            expected_version = claim.version
        return claim_propose_verdict(
            claim=claim, user=user, verdict=original.verdict, rationale=rationale, expected_version=expected_version
        )


def claim_reject_match(*, claim: Claim, user, match_id: int, expected_version: int) -> None:
    """Record that a matched claim is not the same claim: the link is hidden from then on, both ways.

    The claim itself does not change, so `expected_version` is not checked.
    """
    from ..claim_matching import claim_match_decide

    require_review(user)
    claim_match_decide(match=_match_of(claim, match_id), user=user, confirmed=False)
