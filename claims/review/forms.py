"""Forms of the review desk: each carries the claim version the reviewer saw."""

from __future__ import annotations

from django import forms

from ..models import Claim, Outlet, Verdict


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteForm(VersionForm):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ProposeForm(VersionForm):
    verdict = forms.ModelChoiceField(queryset=Verdict.objects.all(), empty_label=None)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), help_text="Published with the verdict.")


class DismissForm(NoteForm):
    status = forms.ChoiceField(
        choices=[(Claim.ReviewStatus.NOT_A_CLAIM, "Not a claim"), (Claim.ReviewStatus.DUPLICATE, "Duplicate")]
    )
    duplicate_of = forms.IntegerField(required=False, min_value=1, label="Duplicate of claim #")

    def clean_duplicate_of(self):
        pk = self.cleaned_data.get("duplicate_of")
        if pk is None:
            return None
        original = Claim.objects.filter(pk=pk).first()
        if original is None:
            raise forms.ValidationError(f"There is no claim #{pk}.")
        return original


class QueueFilterForm(forms.Form):
    queue = forms.ChoiceField(required=False)
    language = forms.ChoiceField(
        required=False, choices=[("", "Any language"), ("id", "Indonesian"), ("en", "English")]
    )
    outlet = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Claim.Kind.choices])
    min_cw = forms.TypedChoiceField(
        required=False,
        coerce=float,
        empty_value=0,
        choices=[("", "Any check-worthiness"), ("0.4", "0.4 and above"), ("0.7", "0.7 and above")],
        label="Check-worthiness",
    )

    def __init__(self, *args, queues: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["queue"].choices = list(queues.items())
        outlets = Outlet.objects.order_by("name").values_list("pk", "name")
        self.fields["outlet"].choices = [("", "Any outlet"), *outlets]

    def selects(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """Each filter as (name, [(value, label, selected)]): plain loops render faster than widgets."""
        current = {name: self.data.get(name, "") for name in self.fields}
        return [
            (name, [(str(value), label, str(value) == current[name]) for value, label in field.choices])
            for name, field in self.fields.items()
        ]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "language": data.get("language", ""),
            "outlet": data.get("outlet"),
            "kind": data.get("kind", ""),
            "min_cw": data.get("min_cw") or 0,
        }


class EditForm(VersionForm):
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    speaker_name = forms.CharField(
        required=False, max_length=300, label="Speaker", help_text="As the speaker is usually named; empty for none."
    )


class EvidenceForm(VersionForm):
    url = forms.URLField(max_length=2000, label="Link", assume_scheme="https")
    title = forms.CharField(max_length=500, required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MatchForm(VersionForm):
    """A decision on one of the claim's match links: which link, and the claim version the reviewer saw."""

    match = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
