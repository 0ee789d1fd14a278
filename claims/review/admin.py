"""The claim admin: claims in context, review state read-only, every change through the review services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..exports import claims_csv
from ..matching.selectors import FACT_CHECK_ORDER
from ..models import Claim, ClaimEvent, ClaimMatch, Evidence, FactCheckMatch, PublicNotice, Speaker
from . import services
from .display import (
    as_words,
    changes_display,
    checkworthiness_badge,
    fact_check_rating,
    figure,
    filter_by_level,
    language_name,
    reasons_display,
)
from .forms import AssigneeChoiceField
from .pagination import LargeTablePaginator
from .permissions import can_publish, can_review
from .selectors import assignable_users, claim_in_context
from .steps import STEPS
from .validators import validate_claim_date

EDIT = STEPS["edit"]
ASSIGN = STEPS["assign"]
RETRACT = STEPS["retract"]
CORRECTABLE = ["content", "speaker", "claim_date"]


class ClaimAdminForm(forms.ModelForm):
    """Carries the version the editor saw, so a save over someone else's change is refused."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Offered to editors only (see ClaimAdmin.get_fieldsets); saved through the assign step.
    assign_to = AssigneeChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Assign to",
        empty_label="Nobody: back to the queue",
        help_text="A member of the Reviewers or Editors groups.",
    )

    class Meta:
        model = Claim
        fields = ["content", "speaker", "claim_date"]

    def clean_claim_date(self):
        value = self.cleaned_data.get("claim_date")
        validate_claim_date(value)
        return value

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version
        if "assign_to" in self.fields:
            self.fields["assign_to"].queryset = assignable_users(also=self.instance.assignee_id)
            self.fields["assign_to"].initial = self.instance.assignee_id

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != seen:
                raise forms.ValidationError(services.stale_refusal(seen, current))
        return cleaned


class DateSafeChangeList(ChangeList):
    """A changelist on which an impossible date in the query string (year 0, year 9999 + 1) is a bad
    lookup, as a misspelt field is, and not a server error.

    Django turns dates into bounds lazily, when the query is compiled or the date hierarchy's
    next year computed; both are tried here, where the admin still answers with its "?e=1" page.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as exc:
            raise IncorrectLookupParameters(exc) from exc

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            queryset.query.get_compiler(queryset.db).as_sql()
        except (ValueError, OverflowError) as exc:
            raise IncorrectLookupParameters(exc) from exc
        return queryset


class _Refused(Exception):
    """A step the service refused while the admin saved: reported on the page, nothing kept."""


class SpeakerFilter(admin.SimpleListFilter):
    """By speaker: click a speaker in the list (there are too many speakers to list them all here)."""

    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        choices = [("none", "No speaker resolved")]
        value = self.value()
        if value and value.isdigit():
            speaker = Speaker.objects.filter(pk=value).first()
            if speaker:
                choices.append((value, speaker.canonical_name))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(speaker=None)
        if value and value.isdigit():
            return queryset.filter(speaker_id=int(value))
        return queryset


class CheckworthinessFilter(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "checkworthy"

    def lookups(self, request, model_admin):
        return [
            ("high", "0.7 and above"),
            ("medium", "0.5 to 0.7 (check-worthy)"),
            ("low", "below 0.5 (not check-worthy)"),
        ]

    def queryset(self, request, queryset):
        return filter_by_level(queryset, self.value())


class ShownOnlyFormSet(BaseInlineFormSet):
    """The formset of a record that is shown and never posted: it reads nothing from a submitted form,
    so a change form sent without it (by a script, or from a page loaded before it was added) still saves."""

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(None, None, *args, **kwargs)

    def is_valid(self):
        return True

    def save(self, commit=True):
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []


class RecordInline(admin.TabularInline):
    """A read-only record of the claim (its history, sources, notices, repeats), shown to whoever may read the claim."""

    formset = ShownOnlyFormSet
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.view_claim")


class ClaimEventInline(RecordInline):
    model = ClaimEvent
    fields = ["version", "created_at", "actor", "action", "from_status", "to_status", "changes_shown", "note"]
    readonly_fields = fields
    verbose_name_plural = "history"
    ordering = ["version"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("Changes"))
    def changes_shown(self, event):
        return changes_display(event.changes)


class EvidenceInline(RecordInline):
    model = Evidence
    fields = ["url", "title", "note", "added_by", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("added_by")


class PublicNoticeInline(RecordInline):
    """The public correction log of the claim's fact-check, newest first: written by the review steps only."""

    model = PublicNotice
    fields = ["created_at", "kind", "text", "changes_shown", "created_by", "version"]
    readonly_fields = fields
    verbose_name = _("public notice")
    verbose_name_plural = _("public notices")
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("What changed"))
    def changes_shown(self, notice):
        return changes_display(notice.changes)


class ClaimMatchInline(RecordInline):
    """The claim's repeats in other articles, best first, as matching found them."""

    model = ClaimMatch
    fk_name = "claim"
    fields = ["other_claim", "score_shown", "method", "reasons_shown", "confirmed", "decided_by"]
    readonly_fields = fields
    verbose_name = _("repeat")
    verbose_name_plural = _("repeats in other articles")
    ordering = ["-score", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("other", "decided_by")

    @admin.display(description=_("Claim"))
    def other_claim(self, match):
        other = match.other
        text = other.content if len(other.content) <= 120 else other.content[:117] + "…"
        url = reverse("admin:claims_claim_change", args=[other.pk])
        return format_html('<a href="{}">#{}</a> {}', url, other.pk, text)

    @admin.display(description=_("Score"))
    def score_shown(self, match):
        return figure(match.score)

    @admin.display(description=_("Why"))
    def reasons_shown(self, match):
        return as_words(match.reasons)


class FactCheckMatchInline(RecordInline):
    """The published fact-checks the matcher found for the claim, confirmed first then best score,
    with reviewers' decisions (taken on the desk or through the API)."""

    model = FactCheckMatch
    fk_name = "claim"
    fields = ["fact_check_shown", "rating_shown", "score_shown", "reasons_shown", "confirmed", "decision_shown"]
    readonly_fields = fields
    verbose_name = _("published fact-check found")
    verbose_name_plural = _("published fact-checks found")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fact_check", "decided_by").order_by(*FACT_CHECK_ORDER)

    @admin.display(description=_("Fact-check"))
    def fact_check_shown(self, match):
        fact_check = match.fact_check
        reviewed = fact_check.claim_reviewed
        reviewed = reviewed if len(reviewed) <= 120 else reviewed[:117] + "…"
        when = date_format(fact_check.review_date, "DATE_FORMAT") if fact_check.review_date else "—"
        if fact_check.url.lower().startswith(("https://", "http://")):  # an import's data is not trusted
            publisher = format_html(
                '<a href="{}" rel="noopener noreferrer">{}</a>', fact_check.url, fact_check.publisher
            )
        else:
            publisher = fact_check.publisher
        return format_html(
            "{} · {} · {}<br>{}",
            publisher,
            when,
            language_name(fact_check.language),
            reviewed,
        )

    @admin.display(description=_("Rating"))
    def rating_shown(self, match):
        return _labelled(_("Rating"), fact_check_rating(match.fact_check) or "—")

    @admin.display(description=_("Score"))
    def score_shown(self, match):
        return _labelled(_("Score"), figure(match.score))

    @admin.display(description=_("Why"))
    def reasons_shown(self, match):
        return reasons_display(match.reasons)

    @admin.display(description=_("Decided"))
    def decision_shown(self, match):
        parts = [str(match.decided_by)] if match.decided_by else []
        if match.decided_at:
            parts.append(date_format(timezone.localtime(match.decided_at), "SHORT_DATETIME_FORMAT"))
        return _labelled(_("Decided"), ", ".join(parts) or "—")


def _labelled(label, value):
    """A cell's value with its column's name before it, shown where the table's head is not (on a phone)."""
    return format_html('<span class="cell-label">{}:</span> {}', label, value)


class ClaimActionForm(ActionForm):
    """The action bar, with the reviewer that "Assign to the chosen reviewer" hands the claims to."""

    assignee = AssigneeChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Reviewer",
        empty_label="(reviewer for “Assign”)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users()


def _in_context_html(claim: Claim) -> str:
    parts = claim_in_context(claim)
    return format_html(
        '<div class="claim-context">{}<mark>{}</mark>{}</div>',
        parts.before,
        parts.content,
        parts.after,
    )


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimAdminForm

    class Media:
        css = {"all": ["claims/levels.css", "claims/admin.css"]}

    paginator = LargeTablePaginator
    list_display = [
        "short_content",
        "speaker_display",
        "cue",
        "kind",
        "claim_date",
        "checkworthiness_display",
        "review_status",
        "verdict",
        "assignee",
        "article_outlet",
    ]
    list_filter = [
        "review_status",
        "verdict",
        "assignee",
        "article__outlet",
        "article__language",
        SpeakerFilter,
        "claim_date",
        CheckworthinessFilter,
        "kind",
    ]
    list_select_related = ["article__outlet", "speaker", "verdict", "assignee"]
    search_fields = ["content", "speaker__canonical_name", "speaker_text"]
    autocomplete_fields = ["speaker"]
    show_full_result_count = False
    list_per_page = 50
    # Article order, made total by the span's unique constraint: one index scan, no extra sort key.
    ordering = ["article_id", "start", "end"]
    actions = ["assign_to_me", "assign_to_reviewer", "mark_not_a_claim", "mark_duplicate", "export_csv"]
    action_form = ClaimActionForm
    inlines = [FactCheckMatchInline, EvidenceInline, PublicNoticeInline, ClaimMatchInline, ClaimEventInline]
    review_fields = [
        "review_desk",
        "review_status",
        "assignee",
        "verdict",
        "rationale",
        "proposed_by",
        "published_by",
        "published_at",
        "duplicate_of",
        "original_content",
        "original_speaker",
        "version",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "in_context",
        "article",
        "start",
        "end",
        "speaker_text",
        "cue",
        "via",
        "kind",
        "checkworthiness_shown",
        "flags_shown",
        "gaps_shown",
        "extractor_version",
        *review_fields,
    ]
    fieldsets = [
        (None, {"fields": ["in_context", "article", "content", "seen_version"]}),
        ("Attribution", {"fields": ["speaker", "speaker_text", "cue", "via", "kind", "claim_date"]}),
        (
            "Extraction",
            {"fields": ["checkworthiness_shown", "flags_shown", "gaps_shown", "start", "end", "extractor_version"]},
        ),
        ("Review", {"fields": review_fields}),
    ]

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList

    def get_queryset(self, request):
        # The change page reads the article text for the context; the changelist must not load it.
        return super().get_queryset(request).defer("article__text", "article__html")

    def get_object(self, request, object_id, from_field=None):
        related = ["article", "speaker", "verdict", "assignee", "proposed_by", "published_by", "duplicate_of"]
        return Claim.objects.select_related(*related, "original_speaker").filter(pk=object_id).first()

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # adding by hand: the extractor's fields are typed in, not read
            return [(None, {"fields": ["article", "content", "start", "end", "speaker", "kind", "extractor_version"]})]
        if ASSIGN.allows(obj, request.user):  # editors, on an open claim; the service decides again
            *others, (title, review) = self.fieldsets
            fields = list(review["fields"])
            fields.insert(fields.index("assignee") + 1, "assign_to")
            return [*others, (title, {**review, "fields": fields})]
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if EDIT.allows(obj, request.user):  # the service decides again; this hides fields it would refuse
            return self.readonly_fields
        return [*self.readonly_fields, *CORRECTABLE]

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if not FactCheckMatch.objects.filter(claim_id=obj.pk).exists():  # most claims: no table of none
            return [inline for inline in self.inlines if inline is not FactCheckMatchInline]
        return self.inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = forms.ModelForm
        return super().get_form(request, obj, change=change, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        """Corrections go through the edit step: the version check, the rules and the history."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        version = form.cleaned_data.get("seen_version") or obj.version
        try:
            if set(CORRECTABLE) & set(form.changed_data):
                version = EDIT.service(
                    claim=Claim.objects.get(pk=obj.pk),
                    user=request.user,
                    expected_version=version,
                    content=obj.content,
                    speaker=obj.speaker,
                    claim_date=obj.claim_date,
                ).version
            # Only when sent: a form posted without the picker (a script, an older page) leaves the reviewer be.
            if "assign_to" in form.data and "assign_to" in form.changed_data:
                self._assign(request, obj, form.cleaned_data["assign_to"], version)
        except ValidationError as exc:  # changed between the form's checks and the save
            raise _Refused(exc.messages[0]) from exc
        except PermissionDenied as exc:
            raise _Refused(str(exc)) from exc

    def _assign(self, request, obj, assignee, version: int) -> None:
        """The change page's "Assign to": the assign step, from the version the editor saw (or just wrote)."""
        current = Claim.objects.get(pk=obj.pk)
        ASSIGN.service(claim=current, user=request.user, assignee=assignee, expected_version=version)

    def has_review_permission(self, request):
        return can_review(request.user)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def _each(self, request, queryset, step, done: str):
        succeeded, refused = 0, []
        for claim in queryset.order_by("pk"):
            try:
                step(claim)
            except (ValidationError, PermissionDenied) as exc:
                reason = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                refused.append(f"#{claim.pk}: {reason}")
            else:
                succeeded += 1
        self.message_user(request, f"{succeeded} claim(s) {done}.")
        for line in refused:
            self.message_user(request, line, "warning")

    @admin.action(description="Assign to me", permissions=["review"])
    def assign_to_me(self, request, queryset):
        def take(claim):
            services.claim_take(claim=claim, user=request.user, expected_version=claim.version)

        self._each(request, queryset, take, "assigned to you")

    @admin.action(description="Assign to the chosen reviewer", permissions=["publish"])
    def assign_to_reviewer(self, request, queryset):
        try:
            assignee = self.action_form().fields["assignee"].clean(request.POST.get("assignee", ""))
        except ValidationError as exc:
            self.message_user(request, exc.messages[0], messages.ERROR)
            return
        if assignee is None:
            self.message_user(request, "Choose the reviewer next to the action first.", messages.ERROR)
            return

        def assign(claim):
            ASSIGN.service(claim=claim, user=request.user, assignee=assignee, expected_version=claim.version)

        self._each(request, queryset, assign, f"assigned to {assignee}")

    @admin.action(description="Mark as not a claim", permissions=["review"])
    def mark_not_a_claim(self, request, queryset):
        def dismiss(claim):
            services.claim_dismiss(
                claim=claim, user=request.user, status=Claim.ReviewStatus.NOT_A_CLAIM, expected_version=claim.version
            )

        self._each(request, queryset, dismiss, "marked as not a claim")

    @admin.action(description="Mark as duplicates of the oldest selected claim", permissions=["review"])
    def mark_duplicate(self, request, queryset):
        original = queryset.order_by("pk").first()

        def dismiss(claim):
            services.claim_dismiss(
                claim=claim,
                user=request.user,
                status=Claim.ReviewStatus.DUPLICATE,
                duplicate_of=original,
                expected_version=claim.version,
            )

        self._each(request, queryset.exclude(pk=original.pk), dismiss, f"marked as duplicates of #{original.pk}")

    @admin.action(description="Export selected claims as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        response = StreamingHttpResponse(claims_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="claims-{timezone.now():%Y%m%d-%H%M%S}.csv"'
        return response

    @admin.display(description="Claim")
    def short_content(self, claim):
        return claim.content if len(claim.content) <= 120 else claim.content[:117] + "…"

    @admin.display(description="Speaker", ordering="speaker__canonical_name")
    def speaker_display(self, claim):
        if claim.speaker:
            return format_html('<a href="?speaker={}">{}</a>', claim.speaker_id, claim.speaker.canonical_name)
        return claim.speaker_text or "—"

    @admin.display(description="Check-worthy", ordering="checkworthiness")
    def checkworthiness_display(self, claim):
        return checkworthiness_badge(claim.checkworthiness)

    @admin.display(description="Outlet", ordering="article__outlet__name")
    def article_outlet(self, claim):
        return claim.article.outlet or "—"

    @admin.display(description="In its paragraph")
    def in_context(self, claim):
        return _in_context_html(claim)

    @admin.display(description="Review desk")
    def review_desk(self, claim):
        return format_html('<a href="{}">Review this claim</a>', reverse("review:claim", args=[claim.pk]))

    @admin.display(description=_("Check-worthiness"))
    def checkworthiness_shown(self, claim):
        score = claim.checkworthiness
        return format_html("{} <small>({})</small>", checkworthiness_badge(score), figure(score))

    @admin.display(description=_("Flags"))
    def flags_shown(self, claim):
        return as_words(claim.flags)

    @admin.display(description=_("Dropped names at characters"))
    def gaps_shown(self, claim):
        return as_words(claim.gaps)

    # Retracting: the registry's retract step, with its form and its refusal, on a page of its own.

    def get_urls(self):
        retract = self.admin_site.admin_view(self.retract_view)
        return [path("<path:object_id>/retract/", retract, name="claims_claim_retract"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        context = {**(extra_context or {}), **(self._retract_context(request, claim) if claim else {})}
        return super().change_view(request, object_id, form_url, context)

    def _retract_context(self, request, claim: Claim) -> dict:
        """The change page's Retract button when the step is open, else why not (when the state would allow it)."""
        if RETRACT.allows(claim, request.user):
            return {"retract_url": reverse("admin:claims_claim_retract", args=[claim.pk])}
        return {"retract_unavailable": RETRACT.unavailable_reason(claim, request.user)}

    def retract_view(self, request, object_id):
        claim = self.get_object(request, object_id)
        if claim is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        posted = request.method == "POST"
        form = RETRACT.form(request.POST if posted else None, initial=RETRACT.form.initial_for(claim))
        refusal = RETRACT.refusal(claim, request.user)
        if posted and refusal is None and form.is_valid():
            try:
                RETRACT.run(claim=claim, user=request.user, form=form)
            except ValidationError as exc:  # changed since the page was read, or no reason given
                form.add_error(None, exc.messages[0])
            except PermissionDenied as exc:
                refusal = str(exc)
            else:
                self.log_change(request, claim, [{"changed": {"fields": ["review_status"]}}])
                self.message_user(request, gettext("The fact-check was retracted; its public page shows the notice."))
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Retract the published fact-check"),
            "opts": self.opts,
            "original": claim,
            "form": form,
            "refusal": refusal,
            "public_url": reverse("factchecks:claim", args=[claim.pk]) if claim.public_verdict_id else "",
        }
        return TemplateResponse(
            request, "admin/claims/claim/retract.html", context, status=403 if refusal and posted else 200
        )


@admin.register(PublicNotice)
class PublicNoticeAdmin(admin.ModelAdmin):
    """The public correction log: every update, correction and retraction, as the review steps wrote it.

    Nobody adds, edits or deletes a notice by hand; they are read here and on the public pages.
    """

    list_display = ["created_at", "kind", "claim_link", "short_text", "created_by"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["claim", "created_by"]
    search_fields = ["text", "claim__content"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    show_full_result_count = False
    fields = ["claim_link", "kind", "created_at", "created_by", "version", "text", "changes_shown", "public_page"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("claim__public_rationale", "claim__rationale")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.view_claim")  # the notices are public: whoever reads the claims

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList

    @admin.display(description=_("Claim"), ordering="claim")
    def claim_link(self, notice):
        claim = notice.claim
        text = claim.content if len(claim.content) <= 80 else claim.content[:77] + "…"
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        return format_html('<a href="{}">#{}</a> {}', url, claim.pk, text)

    @admin.display(description=_("Text"))
    def short_text(self, notice):
        return notice.text if len(notice.text) <= 120 else notice.text[:117] + "…"

    @admin.display(description=_("What changed"))
    def changes_shown(self, notice):
        return changes_display(notice.changes)

    @admin.display(description=_("Public page"))
    def public_page(self, notice):
        url = reverse("factchecks:claim", args=[notice.claim_id])
        return format_html('<a href="{}">{}</a>', url, url)
