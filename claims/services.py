"""Writes: ingesting articles, storing their extracted claims, re-queueing lost work."""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .extraction import EXTRACTOR_VERSION, ExtractedClaim, extract
from .extraction.html import decode_html, parse_page
from .extraction.language import detect_language
from .extraction.speakers import speaker_kind
from .fetch import fetch_page
from .models import Article, Claim, Outlet, Speaker

logger = logging.getLogger(__name__)


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


def article_ingest(
    *,
    url: str = "",
    html: str | bytes | None = None,
    text: str | None = None,
    title: str = "",
    lang: str = "",
    published: datetime.date | None = None,
    outlet_name: str = "",
    authors: tuple[str, ...] = (),
) -> IngestResult:
    """Store an article given as a URL, its HTML or its text, and queue its extraction.

    The same URL or the same text ingested again returns the stored article and
    creates nothing.
    """
    url = (url or "").strip()
    if url:
        existing = Article.objects.filter(url=url).first()
        if existing:
            return IngestResult(existing, created=False)
    if html is None and text is None:
        if not url:
            raise IngestError("give a URL, HTML or text")
        fetched = fetch_page(url)
        html = fetched.text

    canonical_url = ""
    stored_html = ""
    if html is not None:
        page = parse_page(html, url=url or None)
        text = page.text
        title = title or page.title or ""
        published = published or page.published
        outlet_name = outlet_name or page.outlet or ""
        authors = authors or page.authors
        lang = lang or page.lang or ""
        canonical_url = page.canonical_url or ""
        stored_html = decode_html(html) if isinstance(html, bytes) else html

    text = (text or "").replace("\r\n", "\n").replace("\x00", "")
    if not text.strip():
        raise IngestError("no article text was found")
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing:
        return IngestResult(existing, created=False)

    article = Article(
        url=url,
        canonical_url=canonical_url if len(canonical_url) <= 2000 else "",
        title=(title or _first_line(text))[:1000],
        outlet=_outlet_for(url or canonical_url, outlet_name),
        authors=list(authors),
        published_date=published,
        language=lang or detect_language(text),
        html=stored_html,
        text=text,
        content_hash=digest,
        status=Article.Status.QUEUED,
        queued_at=timezone.now(),
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
    transaction.on_commit(lambda: queue_extraction(article.pk))
    return IngestResult(article, created=True)


def queue_extraction(article_id: int) -> bool:
    """Send the article to a worker. If the broker is down it stays queued for the sweep."""
    from .tasks import extract_article_task

    try:
        extract_article_task.delay(article_id)
    except Exception as exc:  # the broker's errors differ by transport; none may lose the article
        logger.warning("article %s stays queued: could not reach the task broker (%s)", article_id, exc)
        return False
    return True


def article_requeue(*, article: Article) -> None:
    """Queue the article's extraction again (after a failure or an extractor upgrade)."""
    for article_id in articles_queue_again(articles=Article.objects.filter(pk=article.pk)):
        transaction.on_commit(lambda pk=article_id: queue_extraction(pk))


def articles_queue_again(*, articles) -> list[int]:
    """Mark the articles queued so their next task extracts them again; return their IDs to dispatch."""
    ids = list(articles.values_list("pk", flat=True))
    articles.update(status=Article.Status.QUEUED, queued_at=timezone.now(), error="")
    return ids


def articles_requeue_stalled(*, now: datetime.datetime | None = None) -> int:
    """Re-send articles left queued or running by a lost message or a dead worker."""
    now = now or timezone.now()
    stalled_before = now - datetime.timedelta(seconds=settings.FACTCHECK_STALLED_AFTER_SECONDS)
    waiting_before = now - datetime.timedelta(seconds=settings.FACTCHECK_REQUEUE_AFTER_SECONDS)
    ids = list(
        Article.objects.filter(status=Article.Status.QUEUED, queued_at__lt=waiting_before).values_list("pk", flat=True)
    ) + list(
        Article.objects.filter(status=Article.Status.RUNNING, started_at__lt=stalled_before).values_list(
            "pk", flat=True
        )
    )
    for article_id in ids:
        Article.objects.filter(pk=article_id).update(status=Article.Status.QUEUED, queued_at=now)
        queue_extraction(article_id)
    return len(ids)


def article_extract(*, article_id: int, force: bool = False) -> bool:
    """Extract the article's claims and store them; return False if there was nothing to do.

    Safe to run twice: the stored set is replaced in one transaction, under a lock
    on the article row, and claims a reviewer has touched are kept as they are.
    """
    pending = Article.objects.filter(pk=article_id)
    if not force:
        pending = pending.exclude(status=Article.Status.DONE)
    if not pending.update(status=Article.Status.RUNNING, started_at=timezone.now(), error=""):
        return False
    article = Article.objects.get(pk=article_id)
    try:
        result = extract(article.text, lang=article.language or None, published=article.published_date)
    except Exception as exc:  # an extractor bug on one article must not stop the queue
        logger.exception("extraction failed for article %s", article_id)
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        return False
    claims_replace(article_id=article_id, extracted=result.claims, lang=result.lang)
    return True


@transaction.atomic
def claims_replace(*, article_id: int, extracted: list[ExtractedClaim], lang: str) -> None:
    """Replace the article's unreviewed claims with a new extraction and mark it done."""
    article = Article.objects.select_for_update().get(pk=article_id)
    existing = list(article.claims.all())
    reviewed_spans = {(c.start, c.end) for c in existing if c.is_reviewed}
    article.claims.filter(pk__in=[c.pk for c in existing if not c.is_reviewed]).delete()
    speakers: dict[str, Speaker] = {}
    new_claims = []
    for found in extracted:
        if (found.start, found.end) in reviewed_spans:
            continue
        speaker = None
        if found.speaker:
            key = found.speaker.lower()
            speaker = speakers.get(key) or speaker_resolve(name=found.speaker, aliases=found.speaker_aliases)
            speakers[key] = speaker
        new_claims.append(
            Claim(
                article=article,
                content=found.content,
                start=found.start,
                end=found.end,
                speaker=speaker,
                speaker_text=(found.speaker or "")[:300],
                cue=(found.cue or "")[:100],
                via=(found.via or "")[:300],
                kind=found.kind,
                claim_date=found.date,
                checkworthiness=min(max(found.checkworthiness, 0.0), 1.0),
                flags=list(found.flags),
                extractor_version=EXTRACTOR_VERSION,
            )
        )
    Claim.objects.bulk_create(new_claims, ignore_conflicts=True)
    article.status = Article.Status.DONE
    article.language = lang
    article.extractor_version = EXTRACTOR_VERSION
    article.finished_at = timezone.now()
    article.save(update_fields=["status", "language", "extractor_version", "finished_at", "updated_at"])


def speaker_resolve(*, name: str, aliases: tuple[str, ...] = ()) -> Speaker:
    """Find the speaker by name (any case) or create them, remembering new aliases."""
    name = name.strip()[:300]
    speaker, _ = Speaker.objects.get_or_create(
        canonical_name__iexact=name, defaults={"canonical_name": name, "kind": speaker_kind(name)}
    )
    new_aliases = [a for a in aliases if a and a.lower() != name.lower() and a not in speaker.aliases]
    if new_aliases:
        speaker.aliases = [*speaker.aliases, *new_aliases]
        speaker.save(update_fields=["aliases"])
    return speaker


def _outlet_for(url: str, name: str) -> Outlet | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    if not host:
        return None
    outlet, _ = Outlet.objects.get_or_create(domain=host, defaults={"name": name or host})
    return outlet


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()
