"""The one definition of how claims are filtered: the desk's queues and the API's claim list both use it.

A value that does not parse is an error with its reason (the API answers 400), never silently
ignored.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from ..models import Claim, Outlet, Speaker, Verdict

LANGUAGES = [("id", "Indonesian"), ("en", "English")]
# Scores are calibrated: 0.5 and above is check-worthy, whoever made the claim.
CHECKWORTHINESS = [
    ("", "Any check-worthiness"),
    ("0.5", "Check-worthy (0.5 and above)"),
    ("0.7", "0.7 and above"),
    ("0.9", "0.9 and above"),
]


class VerdictField(forms.ModelChoiceField):
    """A verdict by id or by name ("False", any case)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        lookup = {"pk": value} if str(value).isdigit() else {"name__iexact": str(value).strip()}
        verdict = self.queryset.filter(**lookup).first()
        if verdict is None:
            raise ValidationError(f"There is no verdict “{value}”.", code="invalid_choice")
        return verdict


class VerdictFilter(django_filters.ModelChoiceFilter):
    field_class = VerdictField


class AssigneeField(forms.CharField):
    """`me`, `none` (unassigned) or a user id."""

    def to_python(self, value):
        value = super().to_python(value).strip().lower()
        if value in ("", "me", "none"):
            return value
        if not value.isdigit():
            raise ValidationError("Give “me”, “none” or a user id.", code="invalid")
        return int(value)


class AssigneeFilter(django_filters.Filter):
    field_class = AssigneeField

    def filter(self, qs, value):
        if value == "":
            return qs
        if value == "me":
            return qs.filter(assignee=self.parent.user)
        if value == "none":
            return qs.filter(assignee=None)
        return qs.filter(assignee_id=value)


class ClaimFilter(django_filters.FilterSet):
    review_status = django_filters.ChoiceFilter(
        choices=Claim.ReviewStatus.choices, empty_label="Any status", label="Status"
    )
    verdict = VerdictFilter(queryset=Verdict.objects.all(), empty_label="Any verdict")
    speaker = django_filters.ModelChoiceFilter(queryset=Speaker.objects.all(), widget=forms.NumberInput)
    outlet = django_filters.ModelChoiceFilter(
        field_name="article__outlet", queryset=Outlet.objects.order_by("name"), empty_label="Any outlet"
    )
    language = django_filters.ChoiceFilter(
        field_name="article__language", choices=LANGUAGES, empty_label="Any language"
    )
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices, empty_label="Any kind")
    assignee = AssigneeFilter(label="Reviewer")
    min_cw = django_filters.NumberFilter(
        field_name="checkworthiness",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        widget=forms.Select(choices=CHECKWORTHINESS),
        label="Check-worthiness",
    )
    date_from = django_filters.DateFilter(
        field_name="claim_date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"}), label="Said from"
    )
    date_to = django_filters.DateFilter(
        field_name="claim_date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"}), label="Said until"
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)

    def selects(self, names: tuple[str, ...]) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
        """The named filters as (name, label, [(value, label, selected)]): plain loops render faster than widgets."""
        rows = []
        for name in names:
            field = self.form.fields[name]
            current = str(self.form.data.get(name, "") or "")
            choices = getattr(field, "choices", None) or field.widget.choices
            options = [(str(value), str(label), str(value) == current) for value, label in choices]
            rows.append((name, str(field.label), options))
        return rows
