"""Recount the review dashboard's totals from the claims (after loading rows with SQL, or to repair)."""

from django.core.management.base import BaseCommand

from claims.review.summaries import summaries_rebuild


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        rows = summaries_rebuild()
        self.stdout.write(f"dashboard totals recounted: {rows} row(s)")
