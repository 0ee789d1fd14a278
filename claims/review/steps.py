"""The steps of the review workflow, defined once: the desk, the API and the admin all read them here.

A step names the service that does it, the form that reads its inputs (the desk renders it,
the API validates JSON with it), and who may take it on which claim, with the reason when not.
The services stay the judges: they check the role, the state and the version again on the
locked row. `refusal()` says beforehand what the service would say, so an interface offers
only what would succeed; tests walk every step, state and role to hold the two together.
`unavailable_reason()` is the same refusal, said where the step's button would be when the
claim's state would allow the step but this user may not take it (yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Claim
from . import services
from .forms import (
    AssignForm,
    DismissForm,
    EditForm,
    EvidenceForm,
    FactCheckMatchForm,
    MatchForm,
    NoteForm,
    ProposeForm,
    PublishForm,
    ReopenForm,
    RetractForm,
    StepForm,
)


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    form: type[StepForm]
    service: Callable[..., Any]
    refusal: Callable[[Claim, Any], str | None]
    # Shown folded under this summary on the desk, when the form asks for more than a click.
    summary: str = ""
    # Acts on one of the claim's match links, which the form names.
    on_match: bool = False
    # Acts on one of the published fact-checks found for the claim, which the form names.
    on_fact_check: bool = False
    # Why the step is closed to this user though the claim's state would allow it (None if open or off-state).
    explanation: Callable[[Claim, Any], str | None] | None = None

    def allows(self, claim: Claim, user) -> bool:
        return self.refusal(claim, user) is None

    def unavailable_reason(self, claim: Claim, user) -> str | None:
        """What the desk says where the step's button would be; the refusal's own words."""
        return self.explanation(claim, user) if self.explanation else None

    def run(self, *, claim: Claim, user, form: StepForm):
        """Take the step with a valid form's inputs; what the service refuses is raised and nothing is kept."""
        with transaction.atomic():
            arguments = form.service_arguments()
            return self.service(claim=claim, user=user, expected_version=form.cleaned_data["version"], **arguments)


def _ruled(name: str, label: str, form: type[StepForm], service, rule: services.Rule, **more) -> Step:
    """A step whose refusal, and its explanation on the desk, are its service's Rule."""
    return Step(name, label, form, service, rule.refusal, explanation=rule.explanation, **more)


# In the order the desk shows them.
STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        _ruled("take", _("Assign to me"), StepForm, services.claim_take, services.TAKE),
        _ruled(
            "assign",
            _("Assign"),
            AssignForm,
            services.claim_assign,
            services.ASSIGN,
            summary=_("Assign to a reviewer"),
        ),
        _ruled("evidence", _("Add evidence"), EvidenceForm, services.evidence_add, services.EVIDENCE),
        _ruled("propose", _("Propose verdict"), ProposeForm, services.claim_propose_verdict, services.PROPOSE),
        _ruled("publish", _("Publish verdict"), PublishForm, services.claim_publish, services.PUBLISH),
        _ruled("send_back", _("Send back"), NoteForm, services.claim_send_back, services.SEND_BACK),
        _ruled("reopen", _("Reopen"), ReopenForm, services.claim_reopen, services.REOPEN),
        _ruled(
            "retract",
            _("Retract"),
            RetractForm,
            services.claim_retract,
            services.RETRACT,
            summary=_("Retract the published fact-check"),
        ),
        _ruled(
            "edit",
            _("Save correction"),
            EditForm,
            services.claim_edit,
            services.EDIT,
            summary=_("Correct the claim's wording, speaker or date"),
        ),
        _ruled(
            "dismiss",
            _("Dismiss"),
            DismissForm,
            services.claim_dismiss,
            services.DISMISS,
            summary=_("Not a claim, or a duplicate"),
        ),
        _ruled("release", _("Release to the queue"), StepForm, services.claim_release, services.RELEASE),
        Step(
            "apply_match",
            _("Apply this verdict"),
            MatchForm,
            services.claim_apply_matched_verdict,
            services.apply_matched_verdict_refusal,
            on_match=True,
        ),
        Step(
            "reject_match",
            _("Not the same claim"),
            MatchForm,
            services.claim_reject_match,
            services.match_decision_refusal,
            on_match=True,
        ),
        Step(
            "confirm_fact_check",
            _("It covers this claim"),
            FactCheckMatchForm,
            services.claim_confirm_fact_check,
            services.match_decision_refusal,
            on_fact_check=True,
        ),
        Step(
            "reject_fact_check",
            _("Not this claim"),
            FactCheckMatchForm,
            services.claim_reject_fact_check,
            services.match_decision_refusal,
            on_fact_check=True,
        ),
        _ruled(
            "fact_check_evidence",
            _("Add as evidence"),
            FactCheckMatchForm,
            services.fact_check_evidence_add,
            services.EVIDENCE,
            on_fact_check=True,
        ),
    )
}


def steps_open_to(claim: Claim, user) -> list[Step]:
    """The steps this user may take on this claim now, in the desk's order."""
    return [step for step in STEPS.values() if step.allows(claim, user)]


def steps_unavailable_to(claim: Claim, user) -> list[tuple[Step, str]]:
    """The steps the claim's state allows but this user may not take now, each with the reason."""
    return [(step, reason) for step in STEPS.values() if (reason := step.unavailable_reason(claim, user))]
