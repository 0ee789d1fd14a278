from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.forms import refuse_credentials


class FactCheckImportForm(forms.Form):
    """Import published fact-checks: page addresses, a DataFeed file, or a DataFeed's address."""

    urls = forms.CharField(
        label=_("Fact-check pages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        help_text=_(
            "One http(s) address a line, of a page with ClaimReview markup (JSON-LD, microdata or RDFa); "
            "blank lines and # comments are skipped."
        ),
    )
    file = forms.FileField(
        required=False,
        label=_("DataFeed file"),
        help_text=_("A schema.org DataFeed of ClaimReviews as JSON (.json), or a JSON list of ClaimReviews."),
    )
    feed_url = forms.URLField(
        label=_("DataFeed URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("The address of such a DataFeed: it is fetched now, and each of its elements imported."),
    )

    def clean_feed_url(self):
        return refuse_credentials(self.cleaned_data.get("feed_url"))

    def clean(self):
        data = super().clean()
        given = [name for name in ("urls", "file", "feed_url") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                _("Give exactly one of: fact-check page addresses, a DataFeed file, or a DataFeed URL.")
            )
        return data
