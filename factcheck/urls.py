from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView

from claims.review.public import claim_review_json

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
admin.site.index_title = gettext_lazy("Claims and reviews")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    # The language switcher posts to set_language (name "set_language"), which sets the language cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    path("review/", include("claims.review.urls")),
    path("fact-checks/", include("claims.review.public_urls")),
    path("claimreview.json", claim_review_json, name="claimreview-feed"),
    path("api/", include(("claims.api", "api"))),
]
