"""Import articles as a job: URLs, HTML or text files, JSONL or CSV batches, or a feed."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.import_sources import ImportEntry, entries_from_file
from claims.imports import feed_poll, import_job_create, queue_import_items
from claims.management.progress import ProgressLine, bar
from claims.models import Feed, ImportItem, ImportJob
from claims.selectors import import_job_progress
from claims.services import batches


class Command(BaseCommand):
    help = (
        "Ingest articles and queue their extraction: http(s) URLs, .html/.txt files, .jsonl or .csv batches "
        "(fields: url, text or html, title, lang, published, source), or feeds with --feed. "
        "Articles already stored (same URL or same text) are counted, not stored again."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", help="URLs or file paths")
        parser.add_argument("--feed", action="store_true", help="the URLs are RSS or Atom feeds to import")
        parser.add_argument("--published", type=datetime.date.fromisoformat, help="publication date, YYYY-MM-DD")
        parser.add_argument("--lang", choices=["id", "en"], help="language, if known")
        parser.add_argument("--title", default="", help="title, for a single .html or .txt file")
        parser.add_argument("--url", default="", help="the article's address, for a single .html or .txt file")
        parser.add_argument(
            "--wait", action="store_true", help="with a broker, wait for the workers and show progress until done"
        )

    def handle(self, *args, inputs, feed, published, lang, title, url, wait, **options):
        defaults = {k: v for k, v in (("published", published and published.isoformat()), ("lang", lang)) if v}
        jobs, unreadable = self._jobs(inputs, feed=feed, defaults=defaults, title=title, url=url)
        progress = ProgressLine(self.stdout)
        for job in jobs:
            self._dispatch(job, progress)
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
            jobs.append(import_job_create(kind=ImportJob.Kind.FILE, source=str(path), entries=entries, dispatch=False))
        if feed:
            for feed_url in urls:
                feed_row, _ = Feed.objects.get_or_create(url=feed_url)
                job = feed_poll(feed_id=feed_row.pk)
                feed_row.refresh_from_db()
                if feed_row.last_error:
                    self.stderr.write(f"{feed_url}: {feed_row.last_error}")
                    unreadable += 1
                elif job is None:
                    self.stdout.write(f"{feed_url}: no new entries")
                else:
                    jobs.append(job)
        elif urls:
            entries = [ImportEntry(n, url=u, payload=dict(defaults)) for n, u in enumerate(urls, start=1)]
            source = urls[0] if len(urls) == 1 else f"{len(urls)} URLs"
            jobs.append(import_job_create(kind=ImportJob.Kind.URLS, source=source, entries=entries, dispatch=False))
        return jobs, unreadable

    def _file_entries(self, path: Path, *, defaults, title, url) -> list[ImportEntry]:
        data = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".csv", ".urls"):
            return [
                ImportEntry(e.position, e.url, {**defaults, **e.payload}, e.error)
                for e in entries_from_file(path.name, data)
            ]
        key = "html" if suffix in (".html", ".htm") else "text"
        payload = {**defaults, key: _decode(data)}
        if title:
            payload["title"] = title
        return [ImportEntry(1, url=url, payload=payload)]

    def _dispatch(self, job: ImportJob, progress: ProgressLine) -> None:
        """Queue each item; without a broker each runs here and now, so the bar shows real progress."""
        pending = list(job.items.filter(status=ImportItem.Status.PENDING).values_list("pk", flat=True))
        done = 0
        for batch in batches(pending, settings.FACTCHECK_IMPORT_BATCH):
            queue_import_items(*batch)
            done += len(batch)
            progress.show(f"{job.source}: {bar(done, len(pending))} {done}/{len(pending)} sent")
        outcome = "processed" if settings.CELERY_TASK_ALWAYS_EAGER else "queued for the workers"
        progress.finish(f"{job.source}: {len(pending)} item(s) {outcome}")

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


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
