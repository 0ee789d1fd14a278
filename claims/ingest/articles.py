"""Store an article given as a URL, its HTML or its text: cleaned, de-duplicated, with its outlet."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import dispatch
from claims.extraction.decoding import decode_page
from claims.extraction.html import parse_page
from claims.extraction.language import SUPPORTED as LANGUAGES
from claims.extraction.language import detect_language
from claims.models import Article, Outlet

from .cleaning import clean_str, published_is_plausible, published_range
from .fetch.transport import fetch_page
from .outlets import outlet_find
from .urls import url_without_credentials


class IngestError(Exception):
    """The input cannot become an article; the message says why, for the user."""


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def content_hash(text: str) -> str:
    """Hash the text as a reader sees it, so re-saved copies of an article collide."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def clean_text(text: str | None) -> str:
    """The article text as stored: Unix newlines, nothing a database refuses; refuse an empty one."""
    text = clean_str((text or "").replace("\r\n", "\n"))
    if not text.strip():
        raise IngestError("no article text was found")
    return text


def article_ingest(
    *,
    url: str = "",
    html: str | bytes | None = None,
    text: str | None = None,
    title: str = "",
    lang: str = "",
    published: datetime.date | None = None,
    outlet_name: str = "",
    outlet_url: str = "",
    authors: tuple[str, ...] = (),
    queue: bool = True,
) -> IngestResult:
    """Store an article given as a URL, its HTML or its text, and queue its extraction.

    The same URL or the same text ingested again returns the stored article and
    creates nothing. A URL is stored without any user name or password in it, and
    one that holds them is not fetched. A caller storing many articles passes
    `queue=False` and queues them in batches.

    The outlet comes from the URL, else from `outlet_name` (a name or a domain), the
    address the text was taken from (`outlet_url`), or a dateline in the text.
    """
    given_url = clean_str(url or "").strip()
    url = url_without_credentials(given_url)
    _check_fields(lang=lang, published=published)
    if url:
        existing = Article.objects.filter(url=url).first()
        if existing:
            return IngestResult(existing, created=False)
    if html is None and text is None:
        if not url:
            raise IngestError("give a URL, HTML or text")
        html = fetch_page(given_url).text
    if isinstance(html, bytes):
        html = decode_page(html).text

    canonical_url = ""
    stored_html = ""
    if html is not None:
        html = clean_str(html)
        page = parse_page(html, url=url or None)
        text = page.text
        title = title or page.title or ""
        published = published or _plausible(page.published)
        outlet_name = outlet_name or page.outlet or ""
        authors = authors or page.authors
        lang = lang or page.lang or ""
        canonical_url = url_without_credentials(clean_str(page.canonical_url or ""))
        stored_html = html

    text = clean_text(text)
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing:
        return IngestResult(existing, created=False)
    outlet_url = url_without_credentials(clean_str(outlet_url or "").strip())
    outlet = outlet_find(url=url or canonical_url, name=clean_str(outlet_name), text=text, source_url=outlet_url)
    if not canonical_url and outlet_url.lower().startswith(("http://", "https://")):
        canonical_url = outlet_url  # the text's own address, for links and ClaimReview appearances

    article = article_new(
        text=text,
        digest=digest,
        url=url,
        canonical_url=canonical_url,
        title=title,
        outlet=outlet,
        authors=authors,
        published=published,
        lang=lang,
        html=stored_html,
    )
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another process stored the same article between our check and our insert.
        existing = Article.objects.filter(content_hash=digest).first() or Article.objects.filter(url=url).first()
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    if queue:
        dispatch.extraction_queue(article.pk)
    return IngestResult(article, created=True)


def article_new(
    *,
    text: str,
    digest: str,
    url: str = "",
    canonical_url: str = "",
    title: str = "",
    outlet: Outlet | None = None,
    authors=(),
    published: datetime.date | None = None,
    lang: str = "",
    html: str = "",
) -> Article:
    """An unsaved article, queued for extraction, with the defaults every way of ingesting shares."""
    return Article(
        url=url,
        canonical_url=canonical_url if len(canonical_url) <= 2000 else "",
        title=clean_str(title or _first_line(text))[:1000],
        outlet=outlet,
        authors=[clean_str(str(author)) for author in authors],
        published_date=published,
        language=lang or detect_language(text),
        html=html,
        text=text,
        content_hash=digest,
        status=Article.Status.QUEUED,
        queued_at=timezone.now(),
    )


def _check_fields(*, lang: str, published: datetime.date | None) -> None:
    if lang and lang not in LANGUAGES:
        raise IngestError(f"the language {lang!r} is not one of {', '.join(LANGUAGES)}")
    if published is not None and not published_is_plausible(published):
        earliest, latest = published_range()
        raise IngestError(f"the publication date {published.isoformat()} is not between {earliest} and {latest}")


def _plausible(published: datetime.date | None) -> datetime.date | None:
    """A date read from a page, unless it cannot be true (pages say 0001-01-01 for "no date")."""
    return published if published is not None and published_is_plausible(published) else None


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()
