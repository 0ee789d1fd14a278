"""Send again the work a lost message, a dead worker or a broker outage left behind."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from claims import dispatch
from claims.models import Article, ImportItem


def stalled_articles_requeue(*, now: datetime.datetime | None = None) -> int:
    """Re-send articles left queued or running by a lost message or a dead worker; return how many."""
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
    dispatch.extraction_send(*ids)
    return len(ids)


def stalled_import_items_requeue(*, now: datetime.datetime | None = None) -> int:
    """Re-send items still pending long after they were queued (a lost message, a dead worker)."""
    now = now or timezone.now()
    before = now - datetime.timedelta(seconds=settings.FACTCHECK_REQUEUE_AFTER_SECONDS)
    ids = list(
        ImportItem.objects.filter(status=ImportItem.Status.PENDING, updated_at__lt=before).values_list("pk", flat=True)
    )
    ImportItem.objects.filter(pk__in=ids).update(updated_at=now)
    dispatch.import_items_send(*ids)
    return len(ids)
