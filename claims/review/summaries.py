"""Running totals for the review dashboard, kept on write, so the dashboard reads a few hundred rows
instead of counting over every claim.

What changes the totals, and where it is seen:

- a claim stored one at a time (``post_save``) or in a batch by extraction (``claims_created``);
- a claim deleted (``post_delete``: its article deleted, an admin's delete), or a batch about to be
  deleted by re-extraction (``claims_deleting``: counted at once, and their ``post_delete`` skipped);
- a step of review (``post_save`` of its ``ClaimEvent``, written by every review service in the
  same transaction as the claim, with the states before and after).

Each total is updated with ``n = n + delta``, so concurrent writers add up. After the write
commits, the dashboard's cache version is raised and the next view counts afresh.
``summaries_rebuild`` recounts everything from the claims (after a bulk load, or to repair).
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from ..models import Claim, ClaimEvent, DashboardCount, DashboardPublished
from ..signals import claims_created, claims_deleted, claims_deleting

Status = Claim.ReviewStatus
Action = ClaimEvent.Action
EPOCH = datetime.date(2000, 1, 1)
OPEN = frozenset({Status.NEW, Status.IN_REVIEW, Status.VERDICT_PROPOSED, Status.REOPENED})
# Steps that decide a claim: a verdict proposed or published, or the claim dismissed.
DECISIONS = frozenset({Action.PROPOSE, Action.PUBLISH, Action.DISMISS})
VERSION_KEY = "review:dashboard:version"


class Metric:
    STATUS = "status"  # key: review status; claims in it now
    EXTRACTED = "extracted"  # day stored; claims stored that day (and still kept)
    OPEN = "open"  # day stored; of those, claims still open
    ACTION = "action"  # day of the step; key: action; steps taken
    WORK = "work"  # day of the step; key: "actor id:action"; steps taken by each person
    PUBLISHED = "published"  # day published; key: verdict id; verdicts published
    OUTLET_VERDICT = "outlet_verdict"  # key: "outlet id:verdict id" ("" for none); published now
    SPEAKER_VERDICT = "speaker_verdict"  # key: "speaker id:verdict id"; published now
    OUTLET_TOTAL = "outlet_total"  # key: outlet id ("" for none); published now, all verdicts
    SPEAKER_TOTAL = "speaker_total"  # key: speaker id; published now, all verdicts


Deltas = Counter[tuple[str, datetime.date, str]]


def dashboard_version() -> int:
    """The version the dashboard's cached figures are stored under; raised after every counted write."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new value retires the old entries
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)


def _day(moment: datetime.datetime | None) -> datetime.date:
    if moment is None:
        return timezone.localdate()
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def counts_add(deltas: Deltas) -> None:
    """Add each delta to its total, creating the row on first sight; concurrent writers add up."""
    for (metric, day, key), n in sorted(deltas.items()):
        if not n:
            continue
        rows = DashboardCount.objects.filter(metric=metric, day=day, key=key)
        if rows.update(n=F("n") + n):
            continue
        try:
            with transaction.atomic():
                DashboardCount.objects.create(metric=metric, day=day, key=key, n=n)
        except IntegrityError:  # created meanwhile by another writer
            rows.update(n=F("n") + n)
    if deltas:
        transaction.on_commit(_bump_version)


def _claim_deltas(claims: Iterable[Claim], sign: int) -> Deltas:
    deltas: Deltas = Counter()
    for claim in claims:
        day = _day(claim.created_at)
        deltas[(Metric.STATUS, EPOCH, claim.review_status)] += sign
        deltas[(Metric.EXTRACTED, day, "")] += sign
        if claim.review_status in OPEN:
            deltas[(Metric.OPEN, day, "")] += sign
    return deltas


def claims_added(claims: Iterable[Claim]) -> None:
    claims = list(claims)
    deltas = _claim_deltas(claims, +1)
    published = [claim.pk for claim in claims if claim.review_status == Status.PUBLISHED]
    deltas.update(_published_resync(published))
    counts_add(deltas)


def claims_removed(claims: Iterable[Claim]) -> None:
    claims = list(claims)
    deltas = _claim_deltas(claims, -1)
    deltas.update(_published_resync([claim.pk for claim in claims if claim.review_status == Status.PUBLISHED]))
    counts_add(deltas)


def event_counted(event: ClaimEvent) -> None:
    """Count one step of review: the claim moved between states, and someone did something."""
    deltas: Deltas = Counter()
    day = _day(event.created_at)
    before, after = event.from_status, event.to_status
    if before != after:
        deltas[(Metric.STATUS, EPOCH, before)] -= 1
        deltas[(Metric.STATUS, EPOCH, after)] += 1
        if (before in OPEN) != (after in OPEN):
            stored = _day(_claim_created_at(event))
            deltas[(Metric.OPEN, stored, "")] += 1 if after in OPEN else -1
    deltas[(Metric.ACTION, day, event.action)] += 1
    if event.actor_id:
        deltas[(Metric.WORK, day, f"{event.actor_id}:{event.action}")] += 1
    if event.action == Action.PUBLISH:
        deltas[(Metric.PUBLISHED, day, str(event.verdict_id or ""))] += 1
    if Status.PUBLISHED in (before, after):
        deltas.update(_published_resync([event.claim_id]))
    counts_add(deltas)


def _claim_created_at(event: ClaimEvent) -> datetime.datetime | None:
    claim = ClaimEvent.claim.field.get_cached_value(event, default=None)
    if claim is not None and claim.created_at:
        return claim.created_at
    return Claim.objects.filter(pk=event.claim_id).values_list("created_at", flat=True).first()


def _id(value) -> str:
    return "" if value is None else str(value)


def _verdict_keys(outlet_id, speaker_id, verdict_id) -> list[tuple[str, datetime.date, str]]:
    """The totals one published claim counts in: its outlet's and speaker's, by verdict and in all."""
    verdict = _id(verdict_id)
    return [
        (Metric.OUTLET_VERDICT, EPOCH, f"{_id(outlet_id)}:{verdict}"),
        (Metric.SPEAKER_VERDICT, EPOCH, f"{_id(speaker_id)}:{verdict}"),
        (Metric.OUTLET_TOTAL, EPOCH, _id(outlet_id)),
        (Metric.SPEAKER_TOTAL, EPOCH, _id(speaker_id)),
    ]


def _published_resync(claim_ids: list[int]) -> Deltas:
    """Take the claims' last counted part of the verdict tables off, and add what they are now."""
    deltas: Deltas = Counter()
    if not claim_ids:
        return deltas
    counted = DashboardPublished.objects.filter(claim_id__in=claim_ids)
    for row in counted:
        for key in _verdict_keys(row.outlet_id, row.speaker_id, row.verdict_id):
            deltas[key] -= 1
    counted.delete()
    now = list(
        Claim.objects.filter(pk__in=claim_ids, review_status=Status.PUBLISHED).values_list(
            "pk", "article__outlet_id", "speaker_id", "verdict_id"
        )
    )
    for _, outlet_id, speaker_id, verdict_id in now:
        for key in _verdict_keys(outlet_id, speaker_id, verdict_id):
            deltas[key] += 1
    DashboardPublished.objects.bulk_create(
        [DashboardPublished(claim_id=pk, outlet_id=o, speaker_id=s, verdict_id=v) for pk, o, s, v in now]
    )
    return deltas


@receiver(post_save, sender=Claim, dispatch_uid="dashboard-claim-saved")
def _claim_saved(sender, instance: Claim, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        claims_added([instance])


@receiver(claims_created, dispatch_uid="dashboard-claims-created")
def _claims_created(sender, claims, **kwargs) -> None:
    claims_added(claims)


_batch = threading.local()  # pks of a claims_deleting batch already counted, whose post_delete is skipped


@receiver(claims_deleting, dispatch_uid="dashboard-claims-deleting")
def _claims_deleting(sender, claims, **kwargs) -> None:
    claims = list(claims)
    claims_removed(claims)
    _counted_deletions().update(claim.pk for claim in claims)


@receiver(claims_deleted, dispatch_uid="dashboard-claims-deleted")
def _claims_deleted(sender, claims, **kwargs) -> None:
    _counted_deletions().difference_update(claim.pk for claim in claims)


@receiver(post_delete, sender=Claim, dispatch_uid="dashboard-claim-deleted")
def _claim_deleted(sender, instance: Claim, **kwargs) -> None:
    counted = _counted_deletions()
    if instance.pk in counted:
        counted.discard(instance.pk)
        return
    claims_removed([instance])


def _counted_deletions() -> set[int]:
    if not hasattr(_batch, "pks"):
        _batch.pks = set()
    return _batch.pks


@receiver(post_save, sender=ClaimEvent, dispatch_uid="dashboard-claim-event")
def _event_saved(sender, instance: ClaimEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        event_counted(instance)


def summaries_rebuild(apps=None) -> int:
    """Recount every total from the claims and their history; return how many rows were written.

    `apps` is a migration's app registry (historical models); by default the installed models.
    """
    if apps is None:
        from django.apps import apps
    claim_model = apps.get_model("claims", "Claim")
    event_model = apps.get_model("claims", "ClaimEvent")
    count_model = apps.get_model("claims", "DashboardCount")
    published_model = apps.get_model("claims", "DashboardPublished")
    with transaction.atomic():
        _lock_totals(count_model, published_model)
        return _rebuild(claim_model, event_model, count_model, published_model)


def _lock_totals(*models) -> None:
    """Hold off the writers that move the totals while they are recounted (PostgreSQL).

    Taken before counting, so a writer either committed before (and is counted) or waits until the
    recount commits and then adds its change on top: a scheduled recount loses no concurrent update.
    """
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def _rebuild(claim_model, event_model, count_model, published_model) -> int:
    rows: Counter[tuple[str, datetime.date, str]] = Counter()
    claims = claim_model.objects.order_by()
    for status, n in claims.values_list("review_status").annotate(n=Count("pk")):
        rows[(Metric.STATUS, EPOCH, status)] += n
    stored = claims.annotate(day=TruncDate("created_at")).values_list("day")
    for day, n in stored.annotate(n=Count("pk")):
        rows[(Metric.EXTRACTED, day, "")] += n
    for day, n in stored.filter(review_status__in=OPEN).annotate(n=Count("pk")):
        rows[(Metric.OPEN, day, "")] += n
    events = event_model.objects.order_by().annotate(day=TruncDate("created_at"))
    for day, action, n in events.values_list("day", "action").annotate(n=Count("pk")):
        rows[(Metric.ACTION, day, action)] += n
    by_actor = events.filter(actor__isnull=False).values_list("day", "actor_id", "action").annotate(n=Count("pk"))
    for day, actor, action, n in by_actor:
        rows[(Metric.WORK, day, f"{actor}:{action}")] += n
    published = events.filter(action=Action.PUBLISH).values_list("day", "verdict_id").annotate(n=Count("pk"))
    for day, verdict, n in published:
        rows[(Metric.PUBLISHED, day, str(verdict or ""))] += n
    current = claims.filter(review_status=Status.PUBLISHED)
    cells = current.values_list("article__outlet_id", "speaker_id", "verdict_id").annotate(n=Count("pk"))
    for outlet_id, speaker_id, verdict_id, n in cells:
        for key in _verdict_keys(outlet_id, speaker_id, verdict_id):
            rows[key] += n
    count_model.objects.all().delete()
    published_model.objects.all().delete()
    count_model.objects.bulk_create(
        [count_model(metric=m, day=d, key=k, n=n) for (m, d, k), n in rows.items() if n],
        batch_size=1000,
    )
    published_model.objects.bulk_create(
        (
            published_model(claim_id=pk, outlet_id=o, speaker_id=s, verdict_id=v)
            for pk, o, s, v in current.values_list("pk", "article__outlet_id", "speaker_id", "verdict_id").iterator(
                chunk_size=5000
            )
        ),
        batch_size=5000,
    )
    transaction.on_commit(_bump_version)
    return len(rows)
