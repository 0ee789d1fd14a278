"""Admin for published fact-checks: browse them, and import them from pages or DataFeeds."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from claims.ingest.fetch.errors import FetchError
from claims.models import FactCheck, ImportJob

from .forms import FactCheckImportForm
from .markup import MarkupError
from .services import fact_check_feed_import, fact_check_feed_url_import, fact_check_pages_import


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin):
    list_display = ["publisher", "claim_shown", "rating_label", "review_date", "language"]
    list_filter = ["language", "publisher", "rating_label", "review_date"]
    search_fields = ["claim_reviewed", "headline", "publisher", "claim_author", "url"]
    date_hierarchy = "review_date"
    fields = [
        "url_link",
        "publisher",
        "publisher_url",
        "headline",
        "claim_reviewed",
        "claim_author",
        "claim_date",
        "appearances_shown",
        "rating_label",
        "rating_value",
        "best_rating",
        "worst_rating",
        "review_date",
        "language",
        "vector_model",
        "matched_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    change_list_template = "admin/claims/factcheck/change_list.html"

    def has_add_permission(self, request):
        return False  # fact-checks are imported, never typed in

    def has_change_permission(self, request, obj=None):
        return False  # a record of what another organisation published

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="claims_factcheck_import"), *super().get_urls()]

    @admin.display(description=gettext_lazy("claim reviewed"), ordering="claim_reviewed")
    def claim_shown(self, fact_check):
        text = fact_check.claim_reviewed
        return text if len(text) <= 120 else f"{text[:117]}…"

    @admin.display(description=gettext_lazy("url"))
    def url_link(self, fact_check):
        return format_html(
            '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', fact_check.url, fact_check.url
        )

    @admin.display(description=gettext_lazy("appearances"))
    def appearances_shown(self, fact_check):
        if not fact_check.appearances:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", '<li><a href="{}" rel="noopener noreferrer">{}</a></li>', ((u, u) for u in fact_check.appearances)
            ),
        )

    def changelist_view(self, request, extra_context=None):
        can_import = self._can_import(request)
        return super().changelist_view(request, {**(extra_context or {}), "can_import": can_import})

    def _can_import(self, request) -> bool:
        return request.user.has_perm("claims.add_factcheck") and request.user.has_perm("claims.add_importjob")

    def import_view(self, request):
        if not self._can_import(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = FactCheckImportForm(request.POST if posted else None, request.FILES if posted else None)
        if posted and form.is_valid():
            job = self._start(request, form)
            if job is not None:
                count = job.items.count()
                self.message_user(
                    request,
                    ngettext("Import started: %(n)s item.", "Import started: %(n)s items.", count) % {"n": count},
                )
                return redirect(reverse("admin:claims_importjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import published fact-checks"),
            "form": form,
            "opts": self.model._meta,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/claims/factcheck/import_form.html", context)

    def _start(self, request, form) -> ImportJob | None:
        data = form.cleaned_data
        try:
            if data.get("file"):
                upload = data["file"]
                return fact_check_feed_import(document=upload.read(), source=upload.name, user=request.user)
            if data.get("feed_url"):
                return fact_check_feed_url_import(url=data["feed_url"], user=request.user)
        except (FetchError, MarkupError) as exc:
            form.add_error("file" if data.get("file") else "feed_url", str(exc))
            self.message_user(request, _("Nothing was imported: %(reason)s") % {"reason": exc}, messages.ERROR)
            return None
        return fact_check_pages_import(urls=data["urls"], user=request.user)
