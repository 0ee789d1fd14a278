"""The inputs of each workflow step: one form per step, read by the desk and by the API alike.

Each form carries the claim version the user saw, and turns its cleaned data into the
keyword arguments of the step's service.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..ingest.speakers import speaker_resolve
from ..models import Claim, ClaimNote, PublicNotice, Speaker, Verdict
from .selectors import assignable_users
from .validators import validate_claim_date


class StepForm(forms.Form):
    """A step with no input besides the claim version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_for(cls, claim: Claim) -> dict:
        """The form's starting values on the claim page."""
        return {"version": claim.version}

    def service_arguments(self) -> dict:
        """The service's keyword arguments besides the claim, the user and the version."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def fit_to(self, claim: Claim) -> StepForm:
        """Leave out, on the desk, the inputs that do not apply to this claim; the form as it is by default."""
        return self

    # The inputs a stale form shows side by side with the claim's newer values (theirs vs yours).
    conflict_fields: tuple[str, ...] = ()


class NoteForm(StepForm):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Note"))

    conflict_fields = ("note",)


class AssigneeChoiceField(forms.ModelChoiceField):
    """A member of the Reviewers or Editors groups, by user id or by username (any case)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str) and not value.strip().isdigit():
            user = self.queryset.filter(username__iexact=value.strip()).first()
            if user is None:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
            return user
        return super().to_python(value)


class AssignForm(NoteForm):
    assignee = AssigneeChoiceField(
        queryset=None,
        required=False,
        empty_label=_("Nobody: back to the queue"),
        label=_("Reviewer"),
        error_messages={"invalid_choice": _("Choose a reviewer: that user is not one.")},
    )

    field_order = ["assignee", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The claim's current reviewer stays in the menu, whatever their groups, so the page shows them.
        self.fields["assignee"].queryset = assignable_users(also=self.initial.get("assignee"))

    @classmethod
    def initial_for(cls, claim: Claim) -> dict:
        return {**super().initial_for(claim), "assignee": claim.assignee_id}


class ProposeForm(StepForm):
    # No verdict is chosen until a person chooses one: the menu starts empty and an empty choice is refused.
    verdict = forms.ModelChoiceField(
        queryset=Verdict.objects.all(),
        label=_("Verdict"),
        empty_label=_("Choose a verdict…"),
        error_messages={"required": _("Choose a verdict: none is chosen for you.")},
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), label=_("Rationale"), help_text=_("Published with the verdict.")
    )

    conflict_fields = ("verdict", "rationale")

    @classmethod
    def initial_for(cls, claim: Claim) -> dict:
        return {**super().initial_for(claim), "verdict": claim.verdict_id, "rationale": claim.rationale}


class PublishForm(StepForm):
    """Publishing; publishing again (after a reopening) also takes the public notice of what changed and why."""

    notice_kind = forms.ChoiceField(
        choices=[("", _("Decide from what changed"))]
        + [(kind.value, kind.label) for kind in (PublicNotice.Kind.UPDATE, PublicNotice.Kind.CORRECTION)],
        required=False,
        label=_("Notice"),
        help_text=_("A correction when the verdict or the claim changed, else an update, unless you choose."),
    )
    notice = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("What changed and why"),
        help_text=_("Shown on the public fact-check with the date."),
    )

    conflict_fields = ("notice",)

    def fit_to(self, claim: Claim) -> StepForm:
        if claim.public_verdict_id is None:  # a first publication has no notice
            del self.fields["notice_kind"], self.fields["notice"]
        else:  # publishing again: the browser asks for the notice too (the service refuses it empty)
            self.fields["notice"].required = True
        return self

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"notice": data.get("notice") or "", "notice_kind": data.get("notice_kind") or ""}


def notice_form(name: str, *, label, help_text) -> type[NoteForm]:
    """The form of a step on a published fact-check whose note is published as its notice: only the texts differ."""
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=label, help_text=help_text)
    body = {"__module__": __name__, "__doc__": "A note published as the step's notice.", "note": note}
    return type(name, (NoteForm,), body)


ReopenForm = notice_form(
    "ReopenForm",
    label=_("Why it is reviewed again"),
    help_text=_("Shown on the public fact-check as an update notice; the page stays online."),
)
RetractForm = notice_form(
    "RetractForm",
    label=_("Why it is retracted"),
    help_text=_("Shown on the public fact-check as its retraction notice; the page stays online."),
)


class DismissForm(NoteForm):
    status = forms.ChoiceField(
        choices=[(Claim.ReviewStatus.NOT_A_CLAIM, _("Not a claim")), (Claim.ReviewStatus.DUPLICATE, _("Duplicate"))],
        label=_("Status"),
    )
    duplicate_of = forms.IntegerField(required=False, min_value=1, label=_("Duplicate of claim #"))

    field_order = ["status", "duplicate_of", "note"]

    def clean_duplicate_of(self):
        pk = self.cleaned_data.get("duplicate_of")
        if pk is None:
            return None
        original = Claim.objects.filter(pk=pk).first()
        if original is None:
            raise forms.ValidationError(_("There is no claim #%(number)d.") % {"number": pk})
        return original


class EditForm(StepForm):
    """A correction: the wording, the speaker by name (found or added) or by id, and the date (kept if not sent)."""

    conflict_fields = ("content", "speaker_name", "claim_date")

    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Content"))
    speaker_name = forms.CharField(
        required=False,
        max_length=300,
        label=_("Speaker"),
        help_text=_("As the speaker is usually named; empty for none."),
    )
    speaker = forms.ModelChoiceField(queryset=Speaker.objects.all(), required=False, widget=forms.HiddenInput)
    claim_date = forms.DateField(
        required=False,
        validators=[validate_claim_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        label=_("Said on"),
        help_text=_("Empty if the article does not say."),
    )

    @classmethod
    def initial_for(cls, claim: Claim) -> dict:
        name = claim.speaker.canonical_name if claim.speaker else claim.speaker_text
        initial = {"content": claim.content, "speaker_name": name, "claim_date": claim.claim_date}
        return {**super().initial_for(claim), **initial}

    def clean(self):
        cleaned = super().clean()
        if "speaker" not in self.data and "speaker_name" not in self.data:
            raise forms.ValidationError(_("Give the speaker: an id or a name, empty for none."), code="no_speaker")
        if cleaned.get("speaker") and (cleaned.get("speaker_name") or "").strip():
            raise forms.ValidationError(_("Give the speaker by id or by name, not both."), code="two_speakers")
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        name = data["speaker_name"].strip()
        speaker = data["speaker"] or (speaker_resolve(name=name) if name else None)
        arguments = {"content": data["content"], "speaker": speaker}
        if "claim_date" in self.data:
            arguments["claim_date"] = data["claim_date"]
        return arguments


class EvidenceForm(StepForm):
    url = forms.URLField(max_length=2000, label=_("Link"), assume_scheme="https")
    title = forms.CharField(max_length=500, required=False, label=_("Title"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note"))

    conflict_fields = ("url", "title", "note")


class MatchForm(StepForm):
    """A decision on one of the claim's match links: which link, and the claim version the reviewer saw."""

    match = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def service_arguments(self) -> dict:
        return {"match_id": self.cleaned_data["match"]}


class FactCheckMatchForm(StepForm):
    """A decision on one of the published fact-checks found for the claim: which match, and the version seen."""

    fact_check_match = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def service_arguments(self) -> dict:
        return {"fact_check_match_id": self.cleaned_data["fact_check_match"]}


class ClaimNoteForm(forms.Form):
    """A note for the claim's thread; the service checks its length again."""

    text = forms.CharField(
        label=_("Note"),
        max_length=ClaimNote.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": ClaimNote.MAX_LENGTH}),
        error_messages={
            "required": _("Write the note first: an empty note is not kept."),
            "max_length": _("A note holds at most %(limit_value)d characters; this one has %(show_value)d."),
        },
    )
