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

A published fact-check stays online: publishing writes the claim's public record (public_verdict,
public_content, public_rationale), which the public page and the ClaimReview read. Reopening keeps
it and posts an update notice; publishing again replaces it with a notice of what changed and why;
retracting (an editor's step, from any state once published) keeps the page with a retraction
notice. The notices (PublicNotice) are written in the step's transaction.

A correction of a proposed claim sends it back too (the two-person rule: nobody publishes what
they changed last). Each step's Rule (who, from which states, what else) is checked here on the
locked row, and read beforehand by the step registry (steps.py) to offer only what would succeed.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from ..models import Claim, ClaimEvent, ClaimNote, Evidence, PublicNotice, Speaker, Verdict
from .display import fact_check_rating
from .permissions import REVIEW_REFUSAL, can_publish, can_review, require_review
from .validators import claim_date_refusal, validate_claim_date

Status = Claim.ReviewStatus
Action = ClaimEvent.Action

OPEN = (Status.NEW, Status.IN_REVIEW, Status.REOPENED)
EDITABLE = (Status.IN_REVIEW, Status.VERDICT_PROPOSED, Status.REOPENED)
# Where a published fact-check may be once it is public, before it is retracted.
PUBLIC_STATES = (Status.PUBLISHED, Status.REOPENED, Status.IN_REVIEW, Status.VERDICT_PROPOSED)
# Refusals that only say the step does not fit the claim's state: the desk does not explain them.
SILENT_CODES = frozenset({"invalid_state", "already_yours"})


class StaleClaimError(ValidationError):
    """The claim changed after the user loaded it; they must reload and decide again."""


def stale_refusal(seen: int, current: int) -> str:
    return gettext(
        "Someone else changed this claim (you saw version %(seen)d, it is now at version %(current)d). "
        "Reload it and try again."
    ) % {"seen": seen, "current": current}


def state_refusal(claim: Claim, action: str) -> str:
    return gettext("The claim is “%(status)s”: “%(step)s” is not possible now.") % {
        "status": claim.get_review_status_display(),
        "step": Action(action).label,
    }


@dataclass(frozen=True)
class Rule:
    """Who may take one step of the workflow, from which states, and what else the claim must allow.

    The step's service enforces it on the locked row; `refusal()` answers beforehand, on a claim
    as last read, what the service would answer, so the interfaces offer only what would succeed.
    """

    action: str
    allowed_from: tuple[str, ...]
    editors_only: bool = False
    role_refusal: str = REVIEW_REFUSAL
    checks: tuple[Callable[[Claim, Any], None], ...] = ()

    def require_role(self, user) -> None:
        if not (can_publish(user) if self.editors_only else can_review(user)):
            raise PermissionDenied(self.role_refusal)

    def enforce(self, claim: Claim, user) -> None:
        """Refuse the step if the claim's state or its people do not allow it; the role is checked apart."""
        if claim.review_status not in self.allowed_from:
            raise ValidationError(state_refusal(claim, self.action), code="invalid_state")
        for check in self.checks:
            check(claim, user)

    def refusal(self, claim: Claim, user) -> str | None:
        """Why the service would refuse this user the step on this claim, or None."""

        def attempt():
            self.require_role(user)
            self.enforce(claim, user)

        return _refusal(attempt)

    def explanation(self, claim: Claim, user) -> str | None:
        """Why this user cannot take a step the claim's state would allow, to show where its button would be.

        None when the step is open to them, or when it simply does not fit the claim's state.
        """
        if claim.review_status not in self.allowed_from:
            return None
        try:
            self.require_role(user)
            self.enforce(claim, user)
        except PermissionDenied as exc:
            return str(exc)
        except ValidationError as exc:
            return None if exc.code in SILENT_CODES else exc.messages[0]
        return None


def _refusal(attempt: Callable[[], object]) -> str | None:
    try:
        attempt()
    except PermissionDenied as exc:
        return str(exc)
    except ValidationError as exc:
        return exc.messages[0]
    return None


def _not_taken(claim: Claim, user) -> None:
    if claim.assignee_id == user.pk:
        raise ValidationError(gettext("You are already reviewing this claim."), code="already_yours")
    if claim.assignee_id is not None:
        raise ValidationError(
            gettext("%(name)s is already reviewing this claim.") % {"name": claim.assignee}, code="taken"
        )


def _reviewer_or_editor(refusal: str) -> Callable[[Claim, Any], None]:
    def check(claim: Claim, user) -> None:
        if claim.assignee_id != user.pk and not can_publish(user):
            raise PermissionDenied(refusal)

    return check


def _reviewer_only(claim: Claim, user) -> None:
    if claim.assignee_id != user.pk:
        raise PermissionDenied(gettext("Only the claim's reviewer can propose its verdict; take it first."))


def _not_the_proposer(claim: Claim, user) -> None:
    if claim.proposed_by_id == user.pk:
        raise PermissionDenied(gettext("You proposed this verdict; another editor must publish it (two-person rule)."))


def _has_evidence(claim: Claim, user) -> None:
    if settings.FACTCHECK_REQUIRE_EVIDENCE and not Evidence.objects.filter(claim_id=claim.pk).exists():
        raise ValidationError(
            gettext("A verdict needs at least one evidence link before it is published: add the sources first."),
            code="no_evidence",
        )


def _is_public(claim: Claim, user) -> None:
    if claim.public_verdict_id is None:
        raise ValidationError(gettext("Only a published fact-check can be retracted."), code="invalid_state")


def _not_public(claim: Claim, user) -> None:
    if claim.public_verdict_id is not None:
        raise ValidationError(
            gettext("This fact-check has been published: retract it instead, with a notice."), code="published"
        )


def _plausible_date(claim: Claim, user) -> None:
    refusal = claim_date_refusal(claim.claim_date)
    if refusal:
        raise ValidationError(
            gettext("%(refusal)s Correct the claim's date first.") % {"refusal": refusal}, code="implausible_date"
        )


def _not_someone_elses(claim: Claim, user) -> None:
    if claim.assignee_id not in (None, user.pk) and not can_publish(user):
        raise PermissionDenied(gettext("%(name)s is reviewing this claim.") % {"name": claim.assignee})


TAKE = Rule(Action.TAKE, OPEN, checks=(_not_taken,))
ASSIGN = Rule(Action.ASSIGN, OPEN, editors_only=True, role_refusal=gettext_lazy("Only editors can assign claims."))
RELEASE = Rule(
    Action.RELEASE,
    (Status.IN_REVIEW,),
    checks=(_reviewer_or_editor(gettext_lazy("Only the claim's reviewer or an editor can release it.")),),
)
_CORRECT_REFUSAL = gettext_lazy("Only the claim's reviewer or an editor can correct it; take the claim first.")
_EVIDENCE_REFUSAL = gettext_lazy("Only the claim's reviewer or an editor can add evidence; take the claim first.")
EDIT = Rule(Action.EDIT, EDITABLE, checks=(_reviewer_or_editor(_CORRECT_REFUSAL),))
EVIDENCE = Rule(Action.EVIDENCE, EDITABLE, checks=(_reviewer_or_editor(_EVIDENCE_REFUSAL),))
PROPOSE = Rule(Action.PROPOSE, (Status.IN_REVIEW,), checks=(_reviewer_only, _plausible_date))
PUBLISH = Rule(
    Action.PUBLISH,
    (Status.VERDICT_PROPOSED,),
    editors_only=True,
    role_refusal=gettext_lazy("Only editors can publish verdicts."),
    checks=(_not_the_proposer, _plausible_date, _has_evidence),
)
SEND_BACK = Rule(
    Action.SEND_BACK,
    (Status.VERDICT_PROPOSED,),
    editors_only=True,
    role_refusal=gettext_lazy("Only editors can send verdicts back."),
)
REOPEN = Rule(
    Action.REOPEN,
    (Status.PUBLISHED,),
    editors_only=True,
    role_refusal=gettext_lazy("Only editors can reopen published verdicts."),
)
RETRACT = Rule(
    Action.RETRACT,
    PUBLIC_STATES,
    editors_only=True,
    role_refusal=gettext_lazy("Only editors can retract published fact-checks."),
    checks=(_is_public,),
)
DISMISS = Rule(Action.DISMISS, OPEN, checks=(_not_someone_elses, _not_public))


# Fields whose before and after each event records, shown as text in the history.
TRACKED = ("review_status", "assignee", "verdict", "content", "speaker", "claim_date", "rationale", "duplicate_of")


def _shown(value):
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Claim):
        return f"#{value.pk}"
    if isinstance(value, Verdict):  # the history keeps the scale's own name, whatever the page's language
        return value.name
    return str(value)


def _transition(
    *,
    rule: Rule,
    claim: Claim,
    user,
    expected_version: int,
    changes: dict,
    amend: Callable[[Claim], tuple[dict, str]] | None = None,
    then: Callable[[Claim], dict] | None = None,
    note: str = "",
) -> Claim:
    """Apply `changes` if the claim is still at `expected_version` and the rule allows it, and record the step.

    The rule is enforced on the locked row. `amend(current)` returns more changes that depend on
    the row as it is, with a note saying why; `then(current)` writes what goes with the step (in
    the same transaction) and returns more {field: [before, after]} for the history.
    """
    with transaction.atomic():
        current = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("assignee", "verdict", "speaker", "duplicate_of", "public_verdict")
            .get(pk=claim.pk)
        )
        if current.version != expected_version:
            raise StaleClaimError(stale_refusal(expected_version, current.version), code="stale")
        rule.enforce(current, user)
        if amend:
            more, reason = amend(current)
            changes = {**changes, **more}
            note = " ".join(part for part in (note, reason) if part)
        version = expected_version + 1
        updated = Claim.objects.filter(pk=current.pk, version=expected_version).update(
            **changes, version=version, updated_at=timezone.now()
        )
        if updated != 1:
            raise StaleClaimError(gettext("Someone else changed this claim. Reload it and try again."), code="stale")
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
            action=rule.action,
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
    TAKE.require_role(user)
    return _transition(
        rule=TAKE,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"assignee": user, "review_status": Status.IN_REVIEW},
    )


def claim_assign(*, claim: Claim, user, assignee, expected_version: int, note: str = "") -> Claim:
    """An editor hands an open claim to a reviewer (or to no one, with assignee=None)."""
    ASSIGN.require_role(user)
    if assignee is not None and not can_review(assignee):
        raise ValidationError(f"{assignee} is not a reviewer.", code="not_a_reviewer")
    return _transition(
        rule=ASSIGN,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"assignee": assignee, "review_status": Status.IN_REVIEW if assignee else claim.review_status},
        note=note,
    )


def claim_release(*, claim: Claim, user, expected_version: int) -> Claim:
    """Give a claim back to the queue: its reviewer, or an editor, may."""
    RELEASE.require_role(user)
    return _transition(
        rule=RELEASE,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"assignee": None},
    )


KEEP = object()  # claim_edit(claim_date=KEEP): the date stays as it is


def _fresh_proposal(current: Claim) -> tuple[dict, str]:
    """A change to a proposed claim sends it back for a fresh proposal: the publisher must not be its last author."""
    if current.review_status != Status.VERDICT_PROPOSED:
        return {}, ""
    reset = {"review_status": Status.IN_REVIEW, "verdict": None, "proposed_by": None}
    return reset, gettext("The claim changed after its verdict was proposed: it needs a fresh proposal.")


def claim_edit(
    *, claim: Claim, user, expected_version: int, content: str, speaker: Speaker | None, claim_date=KEEP
) -> Claim:
    """Correct what the extractor got wrong: the wording, the speaker or the date.

    The first correction keeps the extracted wording and speaker. Only a claim under review can
    be corrected (so re-extraction leaves it alone), by its reviewer or an editor; a published
    verdict is locked until it is reopened. Correcting a claim whose verdict is proposed
    withdraws the proposal (the two-person rule): the claim goes back in review and its reviewer
    proposes again, so nobody publishes words they changed last.
    """
    EDIT.require_role(user)
    content = content.strip()
    if not content:
        raise ValidationError(gettext("A claim needs its content."), code="empty")
    changes = {"content": content, "speaker": speaker}
    if claim_date is not KEEP:
        validate_claim_date(claim_date)
        changes["claim_date"] = claim_date
    same_date = claim_date is KEEP or claim_date == claim.claim_date
    if content == claim.content and (speaker.pk if speaker else None) == claim.speaker_id and same_date:
        raise ValidationError(gettext("Nothing was changed."), code="unchanged")
    if not claim.original_content:
        changes.update(original_content=claim.content, original_speaker_id=claim.speaker_id)
    return _transition(
        rule=EDIT,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes=changes,
        amend=_fresh_proposal,
    )


def evidence_add(*, claim: Claim, user, url: str, title: str = "", note: str = "", expected_version: int) -> Evidence:
    """Attach a source to the claim's review."""
    EVIDENCE.require_role(user)
    url = url.strip()
    _require_web_address(url)
    return _evidence_attach(claim=claim, user=user, url=url, title=title, note=note, version=expected_version)


def _require_web_address(url: str) -> None:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(gettext("Not an http(s) address: %(url)r.") % {"url": url}, code="bad_url") from None


def _evidence_attach(*, claim: Claim, user, url: str, title: str, note: str, version: int, once: bool = False):
    """Write the evidence as a step of the claim; with `once`, refuse a link the claim's evidence already holds."""
    added = []

    def refuse_twice(claim_id: int) -> None:
        if once and Evidence.objects.filter(claim_id=claim_id, url=url).exists():
            raise ValidationError(gettext("This link is already in the claim's evidence."), code="already_evidence")

    def attach(current):
        refuse_twice(current.pk)  # again on the locked claim: two clicks at once add it once
        evidence = Evidence(claim=current, url=url, title=title.strip(), note=note.strip(), added_by=user)
        evidence.save()
        added.append(evidence)
        return {"evidence": [None, title.strip() or url]}

    refuse_twice(claim.pk)
    _transition(rule=EVIDENCE, claim=claim, user=user, expected_version=version, changes={}, then=attach)
    return added[0]


def claim_propose_verdict(*, claim: Claim, user, verdict: Verdict, rationale: str, expected_version: int) -> Claim:
    """The reviewer proposes a verdict with its rationale; an editor other than them publishes it."""
    PROPOSE.require_role(user)
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError(gettext("Explain the verdict: the rationale is published with it."), code="no_rationale")
    return _transition(
        rule=PROPOSE,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={
            "verdict": verdict,
            "rationale": rationale,
            "proposed_by": user,
            "review_status": Status.VERDICT_PROPOSED,
        },
    )


def _notice(current: Claim, *, kind: str, text: str, user, changes: dict, at) -> PublicNotice:
    return PublicNotice.objects.create(
        claim=current,
        kind=kind,
        text=text,
        changes=changes,
        created_by=user,
        created_at=at,
        version=current.version + 1,
    )


def public_changes(current: Claim) -> dict:
    """What publishing the claim as it is now would change on its public page: {field: [before, after]}."""
    changes = {}
    if current.public_verdict_id != current.verdict_id:
        before = current.public_verdict.name if current.public_verdict_id else None
        changes["verdict"] = [before, current.verdict.name if current.verdict_id else None]
    if current.public_content != current.content:
        changes["claim"] = [current.public_content, current.content]
    if current.public_rationale != current.rationale:
        changes["explanation"] = [current.public_rationale, current.rationale]
    return changes


def claim_publish(*, claim: Claim, user, expected_version: int, notice: str = "", notice_kind: str = "") -> Claim:
    """An editor publishes the proposed verdict; the two-person rule forbids publishing one's own.

    Publishing a fact-check again (after it was reopened) needs a public notice saying why: the page
    shows it with what changed, as a correction when the verdict or the claim changed, else an
    update (unless the editor says which). The first publication date is kept.
    """
    PUBLISH.require_role(user)
    notice = notice.strip()
    if notice_kind and notice_kind not in (PublicNotice.Kind.UPDATE, PublicNotice.Kind.CORRECTION):
        raise ValidationError(
            gettext("A republication notice is an update or a correction, not %(kind)r.") % {"kind": notice_kind}
        )
    now = timezone.now()

    def record(current: Claim) -> tuple[dict, str]:
        public = {
            "public_verdict": current.verdict,
            "public_content": current.content,
            "public_rationale": current.rationale,
            "public_modified_at": now,
            "published_at": current.published_at or now,
        }
        return public, ""

    def announce(current: Claim) -> dict:
        if current.public_verdict_id is None:
            return {}
        if not notice:
            raise ValidationError(
                gettext("Say what changed and why: the notice is shown on the public fact-check."), code="no_notice"
            )
        changed = public_changes(current)
        kind = notice_kind or (
            PublicNotice.Kind.CORRECTION if {"verdict", "claim"} & changed.keys() else PublicNotice.Kind.UPDATE
        )
        _notice(current, kind=kind, text=notice, user=user, changes=changed, at=now)
        return {"notice": [None, f"{PublicNotice.Kind(kind).label}: {notice}"]}

    return _transition(
        rule=PUBLISH,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"review_status": Status.PUBLISHED, "published_by": user},
        amend=record,
        then=announce,
    )


def claim_send_back(*, claim: Claim, user, note: str, expected_version: int) -> Claim:
    """An editor returns a proposed verdict to its reviewer, saying why."""
    SEND_BACK.require_role(user)
    if not note.strip():
        raise ValidationError(gettext("Say why the verdict goes back."), code="no_note")
    return _transition(
        rule=SEND_BACK,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"review_status": Status.IN_REVIEW},
        note=note.strip(),
    )


def claim_reopen(*, claim: Claim, user, note: str, expected_version: int) -> Claim:
    """An editor takes a published verdict back for another review (new evidence, a correction).

    The fact-check stays online as published, with an update notice saying why it is reviewed again.
    """
    REOPEN.require_role(user)
    note = note.strip()
    if not note:
        raise ValidationError(gettext("Say why the verdict is reopened."), code="no_note")
    return _announced_transition(
        REOPEN, PublicNotice.Kind.UPDATE, Status.REOPENED, claim=claim, user=user, note=note, version=expected_version
    )


def claim_retract(*, claim: Claim, user, note: str, expected_version: int) -> Claim:
    """An editor retracts a published fact-check: its page stays online with a retraction notice saying why.

    A retracted fact-check leaves the ClaimReview feed and is not reviewed again.
    """
    RETRACT.require_role(user)
    note = note.strip()
    if not note:
        raise ValidationError(gettext("Say why the fact-check is retracted: the notice is published."), code="no_note")
    return _announced_transition(
        RETRACT,
        PublicNotice.Kind.RETRACTION,
        Status.RETRACTED,
        claim=claim,
        user=user,
        note=note,
        version=expected_version,
    )


def _announced_transition(rule, kind: str, status: str, *, claim: Claim, user, note: str, version: int) -> Claim:
    """A step on a published fact-check: the new status, and a public notice of it written in the same transaction."""
    now = timezone.now()

    def announce(current: Claim) -> dict:
        _notice(current, kind=kind, text=note, user=user, changes={}, at=now)
        return {}

    return _transition(
        rule=rule,
        claim=claim,
        user=user,
        expected_version=version,
        changes={"review_status": status, "assignee": None, "public_modified_at": now},
        then=announce,
        note=note,
    )


def claim_dismiss(
    *, claim: Claim, user, status: str, expected_version: int, duplicate_of: Claim | None = None, note: str = ""
) -> Claim:
    """Set aside an open claim as not a claim, or as a duplicate of another."""
    DISMISS.require_role(user)
    if status == Status.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == claim.pk:
            raise ValidationError(gettext("Name the other claim this one duplicates."), code="no_original")
        if duplicate_of.review_status == Status.DUPLICATE:
            raise ValidationError(gettext("Point at the original claim, not at another duplicate."), code="chained")
    elif status == Status.NOT_A_CLAIM:
        duplicate_of = None
    else:
        raise ValidationError(
            gettext("Dismiss as not a claim or as a duplicate, not as %(status)r.") % {"status": str(status)},
            code="bad_status",
        )
    return _transition(
        rule=DISMISS,
        claim=claim,
        user=user,
        expected_version=expected_version,
        changes={"review_status": status, "duplicate_of": duplicate_of},
        note=note.strip(),
    )


def _match_of(claim: Claim, match_id: int):
    from ..matching.selectors import live_match

    match = live_match(claim, match_id)
    if match is None:
        raise ValidationError(
            gettext("That match is no longer linked to this claim. Reload the page."), code="no_match"
        )
    return match


def claim_apply_matched_verdict(*, claim: Claim, user, match_id: int, expected_version: int) -> Claim:
    """Confirm that the claim repeats one already checked, and propose that claim's published verdict.

    A person decides: the match is recorded as confirmed (both ways) and the verdict goes
    through the usual workflow. An open claim nobody reviews is taken first; otherwise
    the workflow's rules apply, and if they refuse, nothing is recorded.
    """
    from ..matching.services import claim_match_decide

    require_review(user)
    match = _match_of(claim, match_id)
    original = match.other
    if original.review_status != Status.PUBLISHED or original.verdict is None:
        raise ValidationError(
            gettext("Claim #%(number)d has no published verdict to apply.") % {"number": original.pk},
            code="not_published",
        )
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


def apply_matched_verdict_refusal(claim: Claim, user) -> str | None:
    """Why claim_apply_matched_verdict would refuse this user on this claim (its match aside), or None."""
    if claim.assignee_id != user.pk and claim.review_status in OPEN:
        refused = TAKE.refusal(claim, user)
        if refused:
            return refused
        claim = copy.copy(claim)
        claim.review_status, claim.assignee_id = Status.IN_REVIEW, user.pk
    return PROPOSE.refusal(claim, user)


def match_decision_refusal(claim: Claim, user) -> str | None:
    """Why claim_reject_match would refuse this user (its match aside), or None: any reviewer may decide."""
    return _refusal(lambda: require_review(user))


def claim_reject_match(*, claim: Claim, user, match_id: int, expected_version: int) -> None:
    """Record that a matched claim is not the same claim: the link is hidden from then on, both ways.

    The claim itself does not change, so `expected_version` is not checked.
    """
    from ..matching.services import claim_match_decide

    require_review(user)
    claim_match_decide(match=_match_of(claim, match_id), user=user, confirmed=False)


# Published fact-checks of other organisations that the matcher found for a claim. Any reviewer may
# say whether one covers the claim (as for repeats); adding a confirmed one to the evidence is the
# evidence step's, with its rule.


def _fact_check_match_of(claim: Claim, match_id: int):
    from ..matching.selectors import live_fact_check_match

    match = live_fact_check_match(claim, match_id)
    if match is None:
        raise ValidationError(
            gettext("That fact-check is no longer linked to this claim. Reload the page."), code="no_fact_check"
        )
    return match


def claim_confirm_fact_check(*, claim: Claim, user, fact_check_match_id: int, expected_version: int) -> None:
    """Record that a published fact-check covers the claim: it is then shown first and can be added as evidence.

    The claim itself does not change, so `expected_version` is not checked.
    """
    from ..matching.services import fact_check_match_decide

    require_review(user)
    fact_check_match_decide(match=_fact_check_match_of(claim, fact_check_match_id), user=user, confirmed=True)


def claim_reject_fact_check(*, claim: Claim, user, fact_check_match_id: int, expected_version: int) -> None:
    """Record that a published fact-check does not cover the claim: it is not shown for the claim again.

    The claim itself does not change, so `expected_version` is not checked.
    """
    from ..matching.services import fact_check_match_decide

    require_review(user)
    fact_check_match_decide(match=_fact_check_match_of(claim, fact_check_match_id), user=user, confirmed=False)


def fact_check_evidence_add(*, claim: Claim, user, fact_check_match_id: int, expected_version: int) -> Evidence:
    """Add a confirmed fact-check to the claim's evidence: its link, a title naming the publisher and the
    rating, a note with the claim it reviewed and its date. The same fact-check is never added twice."""
    EVIDENCE.require_role(user)
    match = _fact_check_match_of(claim, fact_check_match_id)
    if match.confirmed is not True:
        raise ValidationError(
            gettext("Confirm that this fact-check covers the claim before adding it as evidence."),
            code="not_confirmed",
        )
    fact_check = match.fact_check
    _require_web_address(fact_check.url)
    rating = fact_check_rating(fact_check)
    names = {"publisher": fact_check.publisher, "rating": rating}
    title = gettext("Fact-check by %(publisher)s: %(rating)s") if rating else gettext("Fact-check by %(publisher)s")
    reviewed = {"claim": fact_check.claim_reviewed.strip()}
    if fact_check.review_date:
        reviewed["date"] = date_format(fact_check.review_date, "DATE_FORMAT")
        note = gettext("Claim reviewed: “%(claim)s” (checked on %(date)s).") % reviewed
    else:
        note = gettext("Claim reviewed: “%(claim)s”.") % reviewed
    return _evidence_attach(
        claim=claim,
        user=user,
        url=fact_check.url,
        title=(title % names)[: Evidence._meta.get_field("title").max_length],
        note=note,
        version=expected_version,
        once=True,
    )


# The claim's discussion: notes beside the workflow. A note changes neither the claim's state nor its
# version, so it needs no version check: two people writing at once both keep their notes.


def claim_note_add(*, claim: Claim, user, text: str) -> ClaimNote:
    """Add a note to the claim's thread: any reviewer or editor may, whoever reviews the claim."""
    require_review(user)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(gettext("Write the note first: an empty note is not kept."), code="empty")
    if len(text) > ClaimNote.MAX_LENGTH:
        raise ValidationError(
            gettext("A note holds at most %(limit)d characters; this one has %(length)d.")
            % {"limit": ClaimNote.MAX_LENGTH, "length": len(text)},
            code="too_long",
        )
    return ClaimNote.objects.create(claim=claim, author=user, text=text)
