"""Import published fact-checks as a job: fact-check pages, DataFeed files, or DataFeed URLs."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.factchecks.markup import MarkupError
from claims.factchecks.services import fact_check_feed_import, fact_check_feed_url_import, fact_check_pages_import
from claims.ingest.fetch.errors import FetchError
from claims.ingest.selectors import import_job_progress
from claims.management.progress import ProgressLine, bar, job_items_send
from claims.models import ImportItem, ImportJob

FEED_SUFFIXES = (".json", ".jsonld")


class Command(BaseCommand):
    help = (
        "Import other organisations' published fact-checks (schema.org ClaimReview): http(s) addresses of "
        "fact-check pages, .json DataFeed files, or DataFeed addresses with --datafeed; .txt files list page "
        "addresses, one a line. A fact-check already imported (the same address) is updated, not stored twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", help="URLs or file paths")
        parser.add_argument(
            "--datafeed", action="store_true", help="the URLs are schema.org DataFeed documents, not pages"
        )
        parser.add_argument(
            "--wait", action="store_true", help="with a broker, wait for the workers and show progress until done"
        )

    def handle(self, *args, inputs, datafeed, wait, **options):
        jobs, unreadable = self._jobs(inputs, datafeed=datafeed)
        progress = ProgressLine(self.stdout)
        for job in jobs:
            job_items_send(job, progress)
        if wait and not settings.CELERY_TASK_ALWAYS_EAGER:
            self._wait(jobs, progress)
        failed = unreadable + sum(self._report(job) for job in jobs)
        if failed:
            raise CommandError(f"{failed} input(s) failed; see the errors above")

    def _jobs(self, inputs, *, datafeed) -> tuple[list[ImportJob], int]:
        jobs: list[ImportJob] = []
        unreadable = 0
        urls = [item for item in inputs if item.startswith(("http://", "https://"))]
        for path in (Path(item) for item in inputs if item not in urls):
            if not path.is_file():
                self.stderr.write(f"{path}: no such file, and not an http(s) URL")
                unreadable += 1
                continue
            try:
                if path.suffix.lower() in FEED_SUFFIXES:
                    job = fact_check_feed_import(document=path.read_bytes(), source=str(path), queue=False)
                else:
                    text = path.read_text(errors="replace")
                    job = fact_check_pages_import(urls=text, source=str(path), queue=False)
            except MarkupError as exc:
                self.stderr.write(f"{path}: {exc}")
                unreadable += 1
                continue
            jobs.append(job)
        if datafeed:
            for url in urls:
                try:
                    jobs.append(fact_check_feed_url_import(url=url, queue=False))
                except (FetchError, MarkupError) as exc:
                    self.stderr.write(f"{url}: {exc}")
                    unreadable += 1
        elif urls:
            jobs.append(fact_check_pages_import(urls="\n".join(urls), queue=False))
        return jobs, unreadable

    def _wait(self, jobs: list[ImportJob], progress: ProgressLine) -> None:
        while True:
            states = [import_job_progress(job) for job in jobs]
            finished, total = sum(s.finished for s in states), sum(s.total for s in states)
            progress.show(f"{bar(finished, total)} {finished}/{total} done", force=True)
            if finished >= total:
                progress.finish(f"{finished}/{total} done")
                return
            time.sleep(0.5)

    def _report(self, job: ImportJob) -> int:
        state = import_job_progress(job)
        stored = job.items.filter(status__in=[ImportItem.Status.STORED, ImportItem.Status.DUPLICATE])
        fact_checks = stored.values("fact_checks").exclude(fact_checks=None).distinct().count()
        self.stdout.write(
            f"job {job.pk} ({job.source}): {state.total} item(s): {state.fetched} stored new or changed "
            f"fact-checks, {state.duplicates} unchanged, {state.queued} waiting to be fetched, {state.failed} failed; "
            f"{fact_checks} fact-check(s) in all"
        )
        for item in job.items.filter(status=ImportItem.Status.FAILED).order_by("position"):
            self.stderr.write(f"  {job.source} #{item.position}{' ' + item.url if item.url else ''}: {item.error}")
        return state.failed
