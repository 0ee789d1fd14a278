"""Re-queue lost work now: what celery beat does every five minutes."""

from django.core.management.base import BaseCommand

from claims.imports import import_items_requeue_stalled
from claims.services import articles_requeue_stalled


class Command(BaseCommand):
    help = "Re-send import items and articles left waiting by a dead worker or a broker that was down."

    def handle(self, *args, **options):
        items = import_items_requeue_stalled()
        articles = articles_requeue_stalled()
        self.stdout.write(f"re-queued {items} import item(s) and {articles} article(s)")
