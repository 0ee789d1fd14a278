"""Import articles as a job: URLs, HTML or text files, JSONL or CSV batches, or a feed."""

from __future__ import annotations

import argparse
import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction.language import SUPPORTED as LANGUAGES
from claims.ingest.cleaning import published_is_plausible, published_range
from claims.ingest.feeds import feed_poll
from claims.ingest.jobs import import_job_create
from claims.ingest.selectors import import_job_progress
from claims.ingest.sources import PAGE_SUFFIXES, ImportEntry, entries_from_file, entry_from_page, url_entry
from claims.ingest.urls import CREDENTIALS_REFUSED, url_has_credentials, url_without_credentials
from claims.management.progress import ProgressLine, bar, job_items_send
from claims.models import Feed, ImportItem, ImportJob


class Command(BaseCommand):
    help = (
        "Ingest articles and queue their extraction: http(s) URLs, .html/.txt files, .jsonl or .csv batches "
        "(fields: url, text or html, title, lang, published, source), or feeds with --feed. "
        "Articles already stored (same URL or same text) are counted, not stored again."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", help="URLs or file paths")
        parser.add_argument("--feed", action="store_true", help="the URLs are RSS or Atom feeds to import")
        parser.add_argument("--published", type=_published, help="publication date, YYYY-MM-DD")
        parser.add_argument("--lang", choices=LANGUAGES, help="language, if known")
        parser.add_argument(
            "--source", default="", help="the outlet, by domain (tribunnews.com) or name, for inputs that do not say"
        )
        parser.add_argument("--title", default="", help="title, for a single .html or .txt file")
        parser.add_argument("--url", default="", help="the article's address, for a single .html or .txt file")
        parser.add_argument(
            "--wait", action="store_true", help="with a broker, wait for the workers and show progress until done"
        )

    def handle(self, *args, inputs, feed, published, lang, source, title, url, wait, **options):
        given = (("published", published and published.isoformat()), ("lang", lang), ("source", source.strip()))
        defaults = {k: v for k, v in given if v}
        jobs, unreadable = self._jobs(inputs, feed=feed, defaults=defaults, title=title, url=url)
        progress = ProgressLine(self.stdout)
        for job in jobs:
            job_items_send(job, progress)
        if wait and not settings.CELERY_TASK_ALWAYS_EAGER:
            self._wait(jobs, progress)
        failed = unreadable + sum(self._report(job) for job in jobs)
        if failed:
            raise CommandError(f"{failed} input(s) failed; see the errors above")

    def _jobs(self, inputs, *, feed, defaults, title, url) -> tuple[list[ImportJob], int]:
        jobs: list[ImportJob] = []
        unreadable = 0
        urls = [item for item in inputs if item.startswith(("http://", "https://"))]
        for path in (Path(item) for item in inputs if item not in urls):
            if not path.is_file():
                self.stderr.write(f"{path}: no such file, and not an http(s) URL")
                unreadable += 1
                continue
            entries = self._file_entries(path, defaults=defaults, title=title, url=url)
            jobs.append(import_job_create(kind=ImportJob.Kind.FILE, source=str(path), entries=entries, queue=False))
        if feed:
            for feed_url in urls:
                if url_has_credentials(feed_url):
                    self.stderr.write(f"{url_without_credentials(feed_url)}: {CREDENTIALS_REFUSED}")
                    unreadable += 1
                    continue
                feed_row, _ = Feed.objects.get_or_create(url=feed_url)
                job = feed_poll(feed_id=feed_row.pk)
                feed_row.refresh_from_db()
                if job is not None:
                    jobs.append(job)
                    if feed_row.last_error:  # some entries were left out, and why
                        self.stderr.write(f"{feed_url}: {feed_row.last_error}")
                elif feed_row.last_error:
                    self.stderr.write(f"{feed_url}: {feed_row.last_error}")
                    unreadable += 1
                else:
                    self.stdout.write(f"{feed_url}: no new entries")
        elif urls:
            entries = [url_entry(n, u, dict(defaults)) for n, u in enumerate(urls, start=1)]
            source = url_without_credentials(urls[0]) if len(urls) == 1 else f"{len(urls)} URLs"
            jobs.append(import_job_create(kind=ImportJob.Kind.URLS, source=source, entries=entries, queue=False))
        return jobs, unreadable

    def _file_entries(self, path: Path, *, defaults, title, url) -> list[ImportEntry]:
        data = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".csv", ".urls"):
            return [
                ImportEntry(e.position, e.url, {**defaults, **e.payload}, e.error)
                for e in entries_from_file(path.name, data)
            ]
        page = entry_from_page(data, html=suffix in PAGE_SUFFIXES)
        payload = {**defaults, **page.payload, **({"title": title} if title else {})}
        return [ImportEntry(1, url=url, payload=payload)]

    def _wait(self, jobs: list[ImportJob], progress: ProgressLine) -> None:
        while True:
            states = [import_job_progress(job) for job in jobs]
            finished, total = sum(s.finished for s in states), sum(s.total for s in states)
            extracted = sum(s.extracted for s in states)
            progress.show(f"{bar(finished, total)} {finished}/{total} done, {extracted} extracted", force=True)
            if finished >= total:
                progress.finish(f"{finished}/{total} done")
                return
            time.sleep(0.5)

    def _report(self, job: ImportJob) -> int:
        state = import_job_progress(job)
        self.stdout.write(
            f"job {job.pk} ({job.source}): {state.total} item(s): {state.extracted} extracted, "
            f"{state.fetched - state.extracted} stored and waiting for extraction, {state.duplicates} already stored, "
            f"{state.queued} waiting to be fetched, {state.failed} failed"
        )
        failures = job.items.filter(status=ImportItem.Status.FAILED).order_by("position")
        for item in failures:
            self.stderr.write(f"  {job.source} #{item.position}{' ' + item.url if item.url else ''}: {item.error}")
        failed_extractions = job.items.filter(status=ImportItem.Status.STORED, article__status="failed")
        for item in failed_extractions.select_related("article"):
            self.stderr.write(f"  {job.source} #{item.position}: extraction failed: {item.article.error}")
        return state.failed


def _published(value: str) -> datetime.date:
    """A --published date, which must be a real one."""
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from None
    if not published_is_plausible(date):
        earliest, latest = published_range()
        raise argparse.ArgumentTypeError(f"{date} is not between {earliest} and {latest}")
    return date
