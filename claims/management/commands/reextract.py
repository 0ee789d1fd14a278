"""Queue extraction again, e.g. after an extractor upgrade. Claims a reviewer touched are kept."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims import dispatch
from claims.extraction import EXTRACTOR_VERSION
from claims.ingest.extract import articles_mark_queued
from claims.management.progress import ProgressLine, bar
from claims.models import Article


class Command(BaseCommand):
    help = (
        "Re-extract the claims of articles stored since a date (or all). Unreviewed claims are replaced; "
        "claims a reviewer has assigned, edited or judged are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=datetime.date.fromisoformat, help="articles stored on or after YYYY-MM-DD")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument(
            "--outdated",
            action="store_true",
            help=f"only articles extracted by a version other than {EXTRACTOR_VERSION}",
        )

    def handle(self, *args, since, all, outdated, **options):
        if not since and not all:
            raise CommandError("say which articles: --since YYYY-MM-DD or --all")
        articles = Article.objects.exclude(status=Article.Status.RUNNING)
        if since:
            articles = articles.filter(created_at__date__gte=since)
        if outdated:
            articles = articles.exclude(extractor_version=EXTRACTOR_VERSION)
        with transaction.atomic():
            ids = articles_mark_queued(articles=articles)
        progress = ProgressLine(self.stdout)
        done = 0
        for batch in dispatch.batches(ids, settings.FACTCHECK_EXTRACT_BATCH):
            dispatch.extraction_send(*batch)
            done += len(batch)
            progress.show(f"{bar(done, len(ids))} {done}/{len(ids)} queued")
        progress.finish(f"{len(ids)} article(s) queued for re-extraction with extractor {EXTRACTOR_VERSION}")
