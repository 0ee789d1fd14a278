from __future__ import annotations

from django import forms

from .ingest.urls import CREDENTIALS_REFUSED, url_has_credentials
from .models import Feed


def _feed_address(url: str) -> str:
    if url and url_has_credentials(url):
        raise forms.ValidationError(f"This {CREDENTIALS_REFUSED}.")
    return url


class ArticleAddForm(forms.Form):
    """An article by its URL, or pasted as text; the rest is optional and read from the page when fetched."""

    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")
    text = forms.CharField(label="Article text", required=False, widget=forms.Textarea(attrs={"rows": 16, "cols": 100}))
    title = forms.CharField(required=False, max_length=1000)
    published_date = forms.DateField(required=False, help_text="YYYY-MM-DD; dates in the text are read against it.")
    language = forms.ChoiceField(
        required=False, choices=[("", "Detect"), ("id", "Indonesian"), ("en", "English")], initial=""
    )

    def clean(self):
        data = super().clean()
        if not data.get("url") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Give the article's URL, or paste its text.")
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
    """Start a batch: a list of URLs, an uploaded JSONL or CSV file, or a feed URL."""

    urls = forms.CharField(
        label="URLs", required=False, widget=forms.Textarea(attrs={"rows": 8, "cols": 100}), help_text="One a line."
    )
    file = forms.FileField(
        required=False,
        help_text="JSONL or CSV with url, text or html, title, lang, published, source; or one .html page.",
    )
    feed_url = forms.URLField(label="Feed URL", required=False, max_length=2000, assume_scheme="https")

    def clean_feed_url(self):
        return _feed_address(self.cleaned_data.get("feed_url"))

    def clean(self):
        data = super().clean()
        given = [name for name in ("urls", "file", "feed_url") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError("Give exactly one of: a list of URLs, a file, or a feed URL.")
        return data


class FeedForm(forms.ModelForm):
    """A feed to poll; its address may not carry a user name or password."""

    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ["url", "outlet", "interval_minutes", "active"]

    def clean_url(self):
        return _feed_address(self.cleaned_data.get("url"))
