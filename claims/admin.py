"""The admin: add articles, watch their extraction, read their claims in context."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .factchecks import admin as factchecks_admin  # noqa: F401 - registers the fact-check admin
from .forms import ArticleAddForm, ArticleChangeForm, FeedForm, ImportJobForm, SpeakerForm
from .ingest.articles import IngestError, article_ingest
from .ingest.extract import articles_rerun
from .ingest.feeds import feed_poll
from .ingest.fetch.errors import FetchError
from .ingest.jobs import import_items_retry, import_job_create
from .ingest.selectors import import_job_errors, import_job_progress, import_jobs_with_progress
from .ingest.sources import entries_from_file, entries_from_urls
from .models import Article, Claim, Feed, ImportItem, ImportJob, Outlet, Speaker, Verdict
from .review.admin import ClaimAdmin, DateSafeChangeList  # noqa: F401 - registers the claim admin
from .review.display import as_words, checkworthiness_badge

# Addresses typed without a scheme are taken as https (Django 6's default, said explicitly).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def _form_page(model_admin, request, form, title: str, template: str, extra_context=None) -> TemplateResponse:
    """Render an add page whose form goes through a service rather than a ModelForm."""
    context = {
        **model_admin.admin_site.each_context(request),
        **(extra_context or {}),
        "title": title,
        "form": form,
        "opts": model_admin.model._meta,
        "has_view_permission": model_admin.has_view_permission(request),
    }
    return TemplateResponse(request, template, context)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description=gettext_lazy("Articles"))
    def article_count(self, outlet):
        return outlet.article_count


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = [
        "content",
        "speaker_text",
        "cue",
        "via",
        "kind",
        "claim_date",
        "checkworthiness_shown",
        "flags_shown",
        "review_status",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["start"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("Check-worthy"))
    def checkworthiness_shown(self, claim):
        return checkworthiness_badge(claim.checkworthiness)

    @admin.display(description=gettext_lazy("Flags"))
    def flags_shown(self, claim):
        return as_words(claim.flags)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleChangeForm
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "outlet", "language", "published_date", "status", "claim_count", "created_at"]
    list_filter = ["status", "language", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    autocomplete_fields = ["outlet"]
    readonly_fields = [
        "status",
        "error",
        "content_hash",
        "extractor_version",
        "queued_at",
        "started_at",
        "finished_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "url", "canonical_url", "outlet", "authors", "published_date", "language"]}),
        ("Extraction", {"fields": readonly_fields}),
        ("Text", {"fields": ["text"], "classes": ["collapse"]}),
        ("Page as fetched", {"fields": ["html"], "classes": ["collapse"]}),
    ]
    inlines = [ClaimInline]
    actions = ["rerun_extraction"]

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList  # an impossible drill-down year is the usual "?e=1" page, not a 500

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(ordering="claim_count", description=gettext_lazy("Claims"))
    def claim_count(self, article):
        return article.claim_count

    def add_view(self, request, form_url="", extra_context=None):
        """Adding goes through the ingest service: fetch or take the text, de-duplicate, queue extraction."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleAddForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                result = article_ingest(**form.ingest_kwargs())
            except (IngestError, FetchError) as exc:
                form.add_error(None, str(exc))
            else:
                if result.created:
                    self.log_addition(request, result.article, [{"added": {}}])
                    self.message_user(request, f"“{result.article}” was added and queued for extraction.")
                else:
                    self.message_user(
                        request, f"This article is already stored as “{result.article}”.", messages.WARNING
                    )
                return redirect(reverse("admin:claims_article_change", args=[result.article.pk]))
        return _form_page(self, request, form, _("Add article"), "admin/claims/article/add_form.html", extra_context)

    @admin.action(description=gettext_lazy("Re-run extraction"), permissions=["change"])
    def rerun_extraction(self, request, queryset):
        queued = articles_rerun(articles=queryset.exclude(status=Article.Status.RUNNING))
        self.message_user(request, f"{queued} article(s) queued for extraction.")


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerForm
    list_display = ["canonical_name", "kind", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["canonical_name", "aliases"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(ordering="claim_count", description=gettext_lazy("Claims"))
    def claim_count(self, speaker):
        return speaker.claim_count


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["name", "name_id", "rating_value"]
    search_fields = ["name", "name_id"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    formfield_overrides = URL_FIELDS
    list_display = ["url", "kind", "outlet", "interval_minutes", "active", "last_polled_at", "last_error"]
    list_filter = ["kind", "active", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["url"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["last_polled_at", "last_error", "created_at"]
    actions = ["poll_now"]

    @admin.action(description=gettext_lazy("Poll now"), permissions=["change"])
    def poll_now(self, request, queryset):
        for feed in queryset:
            job = feed_poll(feed_id=feed.pk, user=request.user)
            feed.refresh_from_db()
            if feed.last_error:
                self.message_user(request, f"{feed}: {feed.last_error}", messages.ERROR)
            elif job is None:
                self.message_user(request, f"{feed}: no new entries")
            else:
                self.message_user(request, f"{feed}: {job.items.count()} new entries queued")


class ImportItemInline(admin.TabularInline):
    model = ImportItem
    fields = ["position", "url", "status", "error", "attempts", "article"]
    readonly_fields = [*fields, "fact_checks_shown"]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is not None and obj.kind == ImportJob.Kind.FACT_CHECKS:  # what a fact-check item stores
            return [*self.fields[:-1], "fact_checks_shown"]
        return self.fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article").prefetch_related("fact_checks")

    @admin.display(description=gettext_lazy("Fact-checks"))
    def fact_checks_shown(self, item):
        checks = list(item.fact_checks.all())
        if not checks:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:claims_factcheck_change", args=[fc.pk]), str(fc)) for fc in checks),
        )


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "created_by", "created_at", "progress_bar"]
    list_filter = ["kind"]
    list_select_related = ["created_by"]
    search_fields = ["source"]
    readonly_fields = ["kind", "source", "feed", "created_by", "created_at", "progress_bar", "errors"]
    fields = readonly_fields
    inlines = [ImportItemInline]
    actions = ["retry_failed"]

    class Media:
        css = {"all": ["claims/admin.css"]}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A job is a record of what happened: nothing on its page to save or delete.
        read_only = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **read_only})

    def get_queryset(self, request):
        return import_jobs_with_progress(super().get_queryset(request))

    def get_urls(self):
        progress = self.admin_site.admin_view(self.progress_view)
        return [path("<int:job_id>/progress/", progress, name="claims_importjob_progress"), *super().get_urls()]

    def progress_view(self, request, job_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        state = import_job_progress(get_object_or_404(ImportJob, pk=job_id))
        return JsonResponse(
            {
                **state.__dict__,
                "percent": state.percent,
                "done": state.is_done,
                "ok": state.ok,
                "state": state.state,
                "state_label": state.state_label,
                "text": _progress_text(state),
            }
        )

    @admin.display(description=gettext_lazy("Progress"))
    def progress_bar(self, job):
        state = import_job_progress(job)
        return format_html(
            '<span class="import-state import-state-{}" data-state="{}">'
            '<strong class="import-state-label">{}</strong> '
            '<progress class="import-progress" max="{}" value="{}" data-url="{}"></progress> '
            '<span class="import-progress-text">{}</span></span>',
            state.state,
            state.state,
            state.state_label,
            state.total,
            state.finished,
            reverse("admin:claims_importjob_progress", args=[job.pk]),
            _progress_text(state),
        )

    @admin.display(description=gettext_lazy("Errors"))
    def errors(self, job):
        rows = import_job_errors(job)
        if not rows:
            return "—"
        return format_html(
            '<ul class="import-errors">{}</ul>',
            format_html_join("", "<li>{} <small>({})</small></li>", ((error, _items(n)) for error, n in rows)),
        )

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = ImportJobForm(request.POST if posted else None, request.FILES if posted else None)
        if posted and form.is_valid():
            job = self._start(request, form.cleaned_data)
            if job is not None:
                self.log_addition(request, job, [{"added": {}}])
                self.message_user(request, f"Import started: {job.items.count()} item(s).")
                return redirect(reverse("admin:claims_importjob_change", args=[job.pk]))
        return _form_page(
            self, request, form, _("Start an import"), "admin/claims/importjob/add_form.html", extra_context
        )

    def _start(self, request, data) -> ImportJob | None:
        if data.get("feed_url"):
            feed, _ = Feed.objects.get_or_create(url=data["feed_url"])
            job = feed_poll(feed_id=feed.pk, user=request.user)
            feed.refresh_from_db()
            if job is None:
                self.message_user(request, f"{feed}: {feed.last_error or 'no new entries'}", messages.WARNING)
                return None
            return job
        if data.get("file"):
            upload = data["file"]
            entries = list(entries_from_file(upload.name, upload.read()))
            return import_job_create(kind=ImportJob.Kind.FILE, source=upload.name, entries=entries, user=request.user)
        entries = list(entries_from_urls(data["urls"]))
        source = entries[0].url if len(entries) == 1 else f"{len(entries)} URLs"
        return import_job_create(kind=ImportJob.Kind.URLS, source=source, entries=entries, user=request.user)

    @admin.action(description=gettext_lazy("Retry failed items"), permissions=["change"])
    def retry_failed(self, request, queryset):
        retried = sum(import_items_retry(job=job) for job in queryset)
        self.message_user(request, f"{retried} failed item(s) queued again.")


def _progress_text(state) -> str:
    return _(
        "%(ok)s ok (%(extracted)s extracted, %(duplicates)s already stored), %(failed)s failed, "
        "%(running)s in progress, of %(total)s · %(percent)s%% processed"
    ) % {
        "ok": state.ok,
        "extracted": state.extracted,
        "duplicates": state.duplicates,
        "failed": state.failed,
        "running": state.total - state.finished,
        "total": state.total,
        "percent": state.percent,
    }


def _items(n: int) -> str:
    return ngettext("%(n)s item", "%(n)s items", n) % {"n": n}
