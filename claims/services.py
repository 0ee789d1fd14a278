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
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .claim_matching import queue_matching
from .extraction import EXTRACTOR_VERSION, ExtractedClaim, Extraction, extract
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
    queue: bool = True,
) -> IngestResult:
    """Store an article given as a URL, its HTML or its text, and queue its extraction.

    The same URL or the same text ingested again returns the stored article and
    creates nothing. A caller storing many articles passes `queue=False` and
    queues them in batches.
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

    text = clean_text(text)
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing:
        return IngestResult(existing, created=False)

    article = article_new(
        text=text,
        digest=digest,
        url=url,
        canonical_url=canonical_url,
        title=title,
        outlet=_outlet_for(url or canonical_url, outlet_name),
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
        transaction.on_commit(lambda: queue_extraction(article.pk))
    return IngestResult(article, created=True)


def clean_text(text: str | None) -> str:
    """The article text as stored: Unix newlines, no NUL bytes; refuse an empty one."""
    text = (text or "").replace("\r\n", "\n").replace("\x00", "")
    if not text.strip():
        raise IngestError("no article text was found")
    return text


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
        title=(title or _first_line(text))[:1000],
        outlet=outlet,
        authors=list(authors),
        published_date=published,
        language=lang or detect_language(text),
        html=html,
        text=text,
        content_hash=digest,
        status=Article.Status.QUEUED,
        queued_at=timezone.now(),
    )


def batches(items, size: int) -> list[list]:
    """Split a sequence into lists of at most `size` (itertools.batched arrives in Python 3.12)."""
    items = list(items)
    return [items[i : i + size] for i in range(0, len(items), size)]


def queue_extraction(*article_ids: int) -> bool:
    """Send articles to the extract workers, a batch per task. If the broker is down they stay queued."""
    from .tasks import extract_articles_task

    try:
        for batch in batches(article_ids, settings.FACTCHECK_EXTRACT_BATCH):
            extract_articles_task.delay(list(batch))
    except Exception as exc:  # the broker's errors differ by transport; none may lose the article
        logger.warning("articles stay queued: could not reach the task broker (%s)", exc)
        return False
    return True


def articles_requeue(*, articles) -> int:
    """Queue the articles' extraction again (after a failure or an extractor upgrade)."""
    ids = articles_queue_again(articles=articles)
    transaction.on_commit(lambda: queue_extraction(*ids))
    return len(ids)


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
    Article.objects.filter(pk__in=ids).update(status=Article.Status.QUEUED, queued_at=now)
    queue_extraction(*ids)
    return len(ids)


def article_extract(*, article_id: int, force: bool = False) -> bool:
    """Extract one article's claims and store them; return False if there was nothing to do."""
    return articles_extract(article_ids=[article_id], force=force) > 0


def articles_extract(*, article_ids: list[int], force: bool = False) -> int:
    """Extract a batch of articles and store their claims in one transaction; return how many.

    Safe to run twice: each article's stored set is replaced under a lock on its
    row, and claims a reviewer has touched are kept as they are. An article whose
    extraction raises is marked failed with the error; the rest of the batch goes on.
    """
    pending = Article.objects.filter(pk__in=article_ids)
    if not force:
        pending = pending.exclude(status=Article.Status.DONE)
    claimed = list(pending.values_list("pk", flat=True))
    if not claimed:
        return 0
    Article.objects.filter(pk__in=claimed).update(status=Article.Status.RUNNING, started_at=timezone.now(), error="")
    results: dict[int, Extraction] = {}
    rows = Article.objects.filter(pk__in=claimed).values_list("pk", "text", "language", "published_date")
    for article_id, text, language, published in rows:
        try:
            results[article_id] = extract(text, lang=language or None, published=published)
        except Exception as exc:  # an extractor bug on one article must not stop the queue
            logger.exception("extraction failed for article %s", article_id)
            _article_failed(article_id, exc)
    if results:
        try:
            claims_replace(results=results)
        except (OperationalError, InterfaceError):
            raise  # the database is away: the task retries the batch
        except Exception as exc:  # anything else would fail again: say so on each article
            logger.exception("storing claims failed for articles %s", sorted(results))
            for article_id in results:
                _article_failed(article_id, exc)
            return 0
    return len(results)


def _article_failed(article_id: int, exc: Exception) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
    )


# Claims nobody has touched: re-extraction may replace them (the query form of Claim.is_reviewed).
UNREVIEWED = Q(review_status=Claim.ReviewStatus.NEW, assignee__isnull=True)


@transaction.atomic
def claims_replace(*, results: dict[int, Extraction]) -> None:
    """Replace the articles' unreviewed claims with new extractions and mark them done."""
    ids = sorted(results)
    list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    claims = Claim.objects.filter(article_id__in=ids)
    reviewed = set(claims.exclude(UNREVIEWED).values_list("article_id", "start", "end"))
    claims.filter(UNREVIEWED).delete()
    fresh = [
        (article_id, found)
        for article_id in ids
        for found in results[article_id].claims
        if (article_id, found.start, found.end) not in reviewed
    ]
    speakers = speakers_resolve(names={f.speaker: f.speaker_aliases for _, f in fresh if f.speaker})
    Claim.objects.bulk_create(
        [_claim_row(article_id, found, speakers) for article_id, found in fresh],
        ignore_conflicts=True,
        batch_size=500,
    )
    now = timezone.now()
    by_language: dict[str, list[int]] = {}
    for article_id in ids:
        by_language.setdefault(results[article_id].lang, []).append(article_id)
    for lang, article_ids in by_language.items():
        Article.objects.filter(pk__in=article_ids).update(
            status=Article.Status.DONE,
            language=lang,
            extractor_version=EXTRACTOR_VERSION,
            finished_at=now,
            updated_at=now,
        )
    transaction.on_commit(lambda: queue_matching(*ids))


def _claim_row(article_id: int, found: ExtractedClaim, speakers: dict[str, Speaker]) -> Claim:
    return Claim(
        article_id=article_id,
        content=found.content,
        start=found.start,
        end=found.end,
        speaker=speakers.get(found.speaker.strip()[:300].lower()) if found.speaker else None,
        speaker_text=(found.speaker or "")[:300],
        cue=(found.cue or "")[:100],
        via=(found.via or "")[:300],
        kind=found.kind,
        claim_date=found.date,
        checkworthiness=min(max(found.checkworthiness, 0.0), 1.0),
        flags=list(found.flags),
        extractor_version=EXTRACTOR_VERSION,
    )


def speaker_resolve(*, name: str, aliases: tuple[str, ...] = ()) -> Speaker:
    """Find the speaker by name (any case) or create them, remembering new aliases."""
    return speakers_resolve(names={name: aliases})[name.strip()[:300].lower()]


def speakers_resolve(*, names: dict[str, tuple[str, ...]]) -> dict[str, Speaker]:
    """Find or create speakers by name (any case), in a few queries whatever their number.

    Returns them keyed by lower-cased name. Concurrent workers creating the same
    speaker meet at the case-insensitive unique constraint; both end with one row.
    """
    wanted: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, aliases in names.items():
        clean = name.strip()[:300]
        if clean:
            wanted.setdefault(clean.lower(), (clean, tuple(aliases)))
    if not wanted:
        return {}

    def fetch() -> dict[str, Speaker]:
        rows = Speaker.objects.annotate(key=Lower("canonical_name")).filter(key__in=list(wanted))
        return {speaker.key: speaker for speaker in rows}

    found = fetch()
    missing = [
        Speaker(canonical_name=name, kind=speaker_kind(name), aliases=_new_aliases(name, aliases, []))
        for key, (name, aliases) in wanted.items()
        if key not in found
    ]
    if missing:
        Speaker.objects.bulk_create(missing, ignore_conflicts=True)
        found = fetch()
    for key, (name, aliases) in wanted.items():
        speaker = found[key]
        added = _new_aliases(name, aliases, speaker.aliases)
        if added:
            speaker.aliases = [*speaker.aliases, *added]
            speaker.save(update_fields=["aliases"])
    return found


def _new_aliases(name: str, aliases, known: list[str]) -> list[str]:
    return [a for a in dict.fromkeys(aliases) if a and a.lower() != name.lower() and a not in known]


def _outlet_for(url: str, name: str) -> Outlet | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    if not host:
        return None
    outlet, _ = Outlet.objects.get_or_create(domain=host, defaults={"name": name or host})
    return outlet


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()
