from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .ingest.urls import CREDENTIALS_REFUSED, url_has_credentials
from .models import Feed


def refuse_credentials(url: str) -> str:
    """The address as given; a form error if it holds a user name or password (never sent or stored)."""
    if url and url_has_credentials(url):
        raise forms.ValidationError(f"{CREDENTIALS_REFUSED[:1].upper()}{CREDENTIALS_REFUSED[1:]}.")
    return url


class ArticleAddForm(forms.Form):
    """An article by its URL, or pasted as text; the rest is optional and read from the page when fetched."""

    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")
    text = forms.CharField(
        label=_("Article text"), required=False, widget=forms.Textarea(attrs={"rows": 16, "cols": 100})
    )
    title = forms.CharField(required=False, max_length=1000, label=_("Title"))
    published_date = forms.DateField(
        required=False, label=_("Published on"), help_text=_("YYYY-MM-DD; dates in the text are read against it.")
    )
    language = forms.ChoiceField(
        required=False,
        choices=[("", _("Detect")), ("id", _("Indonesian")), ("en", _("English"))],
        initial="",
        label=_("Language"),
    )

    def clean(self):
        data = super().clean()
        if not data.get("url") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Give the article's URL, or paste its text."))
        return data

    def ingest_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "url": data.get("url") or "",
            "text": data.get("text") or None,
            "title": data.get("title") or "",
            "published": data.get("published_date"),
            "lang": data.get("language") or "",
        }


class ImportJobForm(forms.Form):
    """Start a batch: a list of URLs, an uploaded file (see claims.ingest.sources), or a feed URL."""

    urls = forms.CharField(
        label=_("URLs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
        help_text=_("One http(s) address a line; blank lines and # comments are skipped."),
    )
    file = forms.FileField(
        required=False,
        label=_("File"),
        help_text=_(
            "A .jsonl (or .ndjson) or .csv batch, one article a line or row, with url, text or html, and "
            "optionally title, lang, published, source (or outlet) and source_url; one .html or .htm page; "
            "one article as a .txt file; or a .txt file of URLs, one a line."
        ),
    )
    feed_url = forms.URLField(
        label=_("Feed URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("An RSS or Atom feed: its new entries are fetched now."),
    )

    def clean_feed_url(self):
        return refuse_credentials(self.cleaned_data.get("feed_url"))

    def clean(self):
        data = super().clean()
        given = [name for name in ("urls", "file", "feed_url") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(_("Give exactly one of: a list of URLs, a file, or a feed URL."))
        return data


class FeedForm(forms.ModelForm):
    """A feed to poll; its address may not carry a user name or password."""

    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ["url", "kind", "outlet", "interval_minutes", "active"]

    def clean_url(self):
        return refuse_credentials(self.cleaned_data.get("url"))


class LinesField(forms.CharField):
    """A stored list of names edited as text, one a line; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class ArticleChangeForm(forms.ModelForm):
    authors = LinesField(required=False, label=_("Authors"), help_text=_("One a line."))


class SpeakerForm(forms.ModelForm):
    aliases = LinesField(
        required=False, label=_("Aliases"), help_text=_("Other names and titled forms seen in articles, one a line.")
    )
