"""The one definition of how claims are filtered: the desk's queues and the API's claim list both use it.

A value that does not parse is an error with its reason (the API answers 400), never silently
ignored.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Claim, Outlet, Speaker, Verdict
from .display import filter_by_level
from .search import search_claims

LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
# Scores are calibrated: 0.5 and above is check-worthy, whoever made the claim.
CHECKWORTHINESS = [
    ("", _("Any check-worthiness")),
    ("0.5", _("Check-worthy (0.5 and above)")),
    ("0.7", _("0.7 and above")),
    ("0.9", _("0.9 and above")),
]


class VerdictField(forms.ModelChoiceField):
    """A verdict by id or by name ("False", any case)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        lookup = {"pk": value} if str(value).isdigit() else {"name__iexact": str(value).strip()}
        verdict = self.queryset.filter(**lookup).first()
        if verdict is None:
            raise ValidationError(_("There is no verdict “%(name)s”.") % {"name": value}, code="invalid_choice")
        return verdict


class VerdictFilter(django_filters.ModelChoiceFilter):
    field_class = VerdictField


class SpeakerField(forms.CharField):
    """A speaker by id, or by name: the canonical name or one of the aliases, any case (all speakers so named)."""

    def to_python(self, value):
        value = super().to_python(value).strip()[:300]
        if not value:
            return None
        if value.isdigit():
            found = list(Speaker.objects.filter(pk=int(value)).values_list("pk", flat=True))
        else:
            found = speakers_named(value)
        if not found:
            raise ValidationError(_("There is no speaker “%(name)s”.") % {"name": value}, code="invalid_choice")
        return found


def speakers_named(name: str) -> list[int]:
    """The ids of the speakers called `name` (canonical name or an alias, any case)."""
    name = " ".join(name.split())
    wanted = name.casefold()
    named = set(Speaker.objects.filter(canonical_name__iexact=name).values_list("pk", flat=True))
    # The aliases are a JSON list: find candidates by their text, then compare whole names.
    for pk, aliases in Speaker.objects.filter(aliases__icontains=name).values_list("pk", "aliases"):
        if any(isinstance(alias, str) and " ".join(alias.split()).casefold() == wanted for alias in aliases or ()):
            named.add(pk)
    return sorted(named)


class SpeakerNameFilter(django_filters.Filter):
    field_class = SpeakerField

    def filter(self, qs, value):
        return qs if not value else qs.filter(speaker_id__in=value)


class OutletField(forms.CharField):
    """An outlet by id, by domain (tribunnews.com, www. or not) or by name, any case."""

    widget = forms.Select

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The desk's menu: every outlet by name (a handful, not a million)."""
        return [("", str(_("Any outlet"))), *((str(pk), name) for pk, name in Outlet.objects.values_list("pk", "name"))]

    def to_python(self, value):
        value = super().to_python(value).strip()[:300]
        if not value:
            return None
        if value.isdigit():
            outlet = Outlet.objects.filter(pk=int(value)).first()
        else:
            domain = value.lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
            outlet = Outlet.objects.filter(Q(domain__iexact=domain) | Q(name__iexact=value)).order_by("pk").first()
        if outlet is None:
            raise ValidationError(_("There is no outlet “%(name)s”.") % {"name": value}, code="invalid_choice")
        return outlet


class OutletFilter(django_filters.Filter):
    field_class = OutletField

    def filter(self, qs, value):
        return qs if value is None else qs.filter(article__outlet=value)


# Bands of the calibrated score, as the admin's list filter offers them.
BAND_CHOICES = [
    ("high", _("High (0.7 and above)")),
    ("medium", _("Check-worthy (0.5 to 0.7)")),
    ("low", _("Low (below 0.5)")),
]


class BandFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        return filter_by_level(qs, value)


class SearchFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        return search_claims(qs, value) if value and value.strip() else qs


# What the API may order claims by: fields that are never empty, so a page's cursor always has a position.
ORDERINGS = ("id", "checkworthiness", "created_at")


class AssigneeField(forms.CharField):
    """`me`, `none` (unassigned) or a user id."""

    def to_python(self, value):
        value = super().to_python(value).strip().lower()
        if value in ("", "me", "none"):
            return value
        if not value.isdigit():
            raise ValidationError(_("Give “me”, “none” or a user id."), code="invalid")
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
        choices=Claim.ReviewStatus.choices, empty_label=_("Any status"), label=_("Status")
    )
    verdict = VerdictFilter(queryset=Verdict.objects.all(), empty_label=_("Any verdict"), label=_("Verdict"))
    q = SearchFilter(label=_("Search"), max_length=300)
    speaker = SpeakerNameFilter(label=_("Speaker"))
    outlet = OutletFilter(label=_("Outlet"))
    language = django_filters.ChoiceFilter(
        field_name="article__language", choices=LANGUAGES, empty_label=_("Any language"), label=_("Language")
    )
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices, empty_label=_("Any kind"), label=_("Kind"))
    assignee = AssigneeFilter(label=_("Reviewer"))
    band = BandFilter(choices=BAND_CHOICES, empty_label=_("Any band"), label=_("Check-worthiness band"))
    min_cw = django_filters.NumberFilter(
        field_name="checkworthiness",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        widget=forms.Select(choices=CHECKWORTHINESS),
        label=_("Check-worthiness"),
    )
    date_from = django_filters.DateFilter(
        field_name="claim_date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"}), label=_("Said from")
    )
    date_to = django_filters.DateFilter(
        field_name="claim_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("Said until"),
    )
    ordering = django_filters.OrderingFilter(fields=ORDERINGS, label=_("Order by"))

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
