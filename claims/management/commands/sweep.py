"""Re-queue lost work now: what celery beat does every minute."""

from django.core.management.base import BaseCommand

from claims.ingest.sweep import stalled_articles_requeue, stalled_import_items_requeue
from claims.matching.services import stalled_matching_requeue


class Command(BaseCommand):
    help = "Re-send import items, articles and claim matching left waiting by a dead worker or a broker that was down."

    def handle(self, *args, **options):
        items = stalled_import_items_requeue()
        articles = stalled_articles_requeue()
        matching = stalled_matching_requeue()
        self.stdout.write(
            f"re-queued {items} import item(s) and {articles} article(s); "
            f"{matching} article(s) sent to claim matching again"
        )
