"""Feeds: read an RSS or Atom feed's entries, and poll stored feeds into import jobs."""

from __future__ import annotations

import calendar
import datetime
import html
import io
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
from django.utils import timezone

from claims.models import Article, FactCheck, Feed, ImportItem, ImportJob

from .cleaning import clean_str, published_is_plausible
from .fetch.errors import FetchError
from .fetch.transport import FEED_ACCEPT, fetch_page
from .jobs import import_job_create
from .sources import ImportEntry
from .urls import CREDENTIALS_REFUSED, url_has_credentials


class FeedError(Exception):
    """The document is not a readable feed; the message says why, for the user."""


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute http(s) URL, without fragment
    title: str  # plain text, may be ""
    published: datetime.date | None  # UTC date of publication (or of the last update)
    published_at: datetime.datetime | None = None  # the same moment, aware (UTC)


# Errors feedparser reports that do not make the document unreadable.
_HARMLESS = (feedparser.CharacterEncodingOverride,)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def parse_feed(body: bytes | str, base_url: str) -> list[FeedEntry]:
    """The feed's entries in document order; [] for a valid feed without entries.

    Raises FeedError when the document is not XML or not an RSS/Atom feed. Relative
    links are resolved against the feed's xml:base and ``base_url``; entries without
    an http(s) link are skipped and repeated links kept once.
    """
    if isinstance(body, str):
        data = body.encode("utf-8")
        headers = {"content-type": "application/xml; charset=utf-8"}
    else:
        data = bytes(body)
        headers = {"content-type": "application/xml"}
    if not data.strip():
        raise FeedError("the feed is empty (no document at all)")
    headers["content-location"] = base_url
    # A file object, never the bytes themselves: feedparser would treat a string that
    # looks like a URL or a path as something to fetch or open.
    parsed = feedparser.parse(
        io.BytesIO(data), response_headers=headers, resolve_relative_uris=True, sanitize_html=True
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _HARMLESS):
        problem = None
    if not parsed.get("version"):
        if problem is not None:
            raise FeedError(f"the document is not a valid feed: {_describe(problem)}")
        raise FeedError("the document is not an RSS or Atom feed")

    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        url = _entry_url(item, base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        published_at = _entry_time(item)
        entries.append(
            FeedEntry(
                url=url,
                title=_title(item),
                published=published_at.date() if published_at else None,
                published_at=published_at,
            )
        )
    if problem is not None and not entries:
        raise FeedError(f"the feed is malformed: {_describe(problem)}")
    return entries


def fetch_feed(url: str) -> list[FeedEntry]:
    """Fetch a feed with :func:`claims.ingest.fetch.transport.fetch_page` (same guards and errors) and parse it."""
    page = fetch_page(url, accept=FEED_ACCEPT)
    return parse_feed(page.body, page.final_url)


def feed_poll(*, feed_id: int, user=None) -> ImportJob | None:
    """Fetch a feed and import the entries not seen before; errors are kept on the feed.

    The entries of a fact-check feed (``Feed.Kind.FACT_CHECKS``) are fact-check pages: they make a
    fact-check import job, and those already imported are left out.

    A feed deleted since the poll was scheduled is not polled.
    """
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return None
    now = timezone.now()
    try:
        fetched = fetch_page(feed.url)
        entries = parse_feed(fetched.body, fetched.final_url)
    except (FetchError, FeedError) as exc:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=str(exc))
        return None
    if not entries:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error="the feed has no entries")
        return None
    locked = [entry for entry in entries if url_has_credentials(entry.url)]
    entries = [entry for entry in entries if not url_has_credentials(entry.url)]
    urls = [entry.url for entry in entries]
    fact_checks = feed.kind == Feed.Kind.FACT_CHECKS
    stored = FactCheck.objects if fact_checks else Article.objects
    seen = set(stored.filter(url__in=urls).values_list("url", flat=True))
    seen |= set(ImportItem.objects.filter(job__feed=feed, url__in=urls).values_list("url", flat=True))
    new = [
        ImportEntry(position, url=entry.url, payload={} if fact_checks else _entry_payload(entry))
        for position, entry in enumerate(entries, start=1)
        if entry.url not in seen
    ]
    note = f"{len(locked)} entr{'y was' if len(locked) == 1 else 'ies were'} skipped: {CREDENTIALS_REFUSED}"
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=note if locked else "")
    if not new:
        return None
    kind = ImportJob.Kind.FACT_CHECKS if fact_checks else ImportJob.Kind.FEED
    return import_job_create(kind=kind, source=feed.url, entries=new, feed=feed, user=user)


def _entry_payload(entry: FeedEntry) -> dict:
    published = entry.published if entry.published and published_is_plausible(entry.published) else None
    fields = (("title", clean_str(entry.title)), ("published", published and published.isoformat()))
    return {key: value for key, value in fields if value}


def feed_fail(*, feed_id: int, error: str) -> None:
    """Record why the feed could not be polled."""
    Feed.objects.filter(pk=feed_id).update(last_polled_at=timezone.now(), last_error=error[:2000])


def feeds_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Active feeds whose interval has passed since their last poll."""
    now = now or timezone.now()
    due = []
    for feed in Feed.objects.filter(active=True).only("pk", "interval_minutes", "last_polled_at"):
        if (
            feed.last_polled_at is None
            or feed.last_polled_at + datetime.timedelta(minutes=feed.interval_minutes) <= now
        ):
            due.append(feed.pk)
    return due


def _entry_url(item, base_url: str) -> str | None:
    candidates = [item.get("link")]
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate":
            candidates.append(link.get("href"))
    if item.get("guidislink"):
        candidates.append(item.get("id"))
    for candidate in candidates:
        if not candidate or not isinstance(candidate, str):
            continue
        url = urldefrag(urljoin(base_url, candidate.strip()))[0]
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            return url
    return None


def _entry_time(item) -> datetime.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            try:
                return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _title(item) -> str:
    text = item.get("title") or ""
    kind = (item.get("title_detail") or {}).get("type", "")
    if "html" in kind:  # feedparser keeps HTML titles as (sanitised) markup
        text = html.unescape(_TAG.sub(" ", text))
    return _SPACE.sub(" ", text).strip()


def _describe(exc: BaseException) -> str:
    message = getattr(exc, "getMessage", None)
    line = getattr(exc, "getLineNumber", None)
    if callable(message) and callable(line):
        return f"{message()} (line {line()})"
    return str(exc) or type(exc).__name__
