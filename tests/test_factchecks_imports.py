"""Importing published fact-checks from a local server through the safe fetcher: storing, de-duplication,
updates, per-item errors, retries, fact-check feeds, and where each item's task is sent."""

import datetime

import pytest
from celery.signals import task_retry
from django.utils import timezone

from claims import dispatch
from claims.factchecks.markup import MarkupError, reviews_from_element
from claims.factchecks.services import (
    fact_check_feed_import,
    fact_check_feed_url_import,
    fact_check_items_process,
    fact_check_pages_import,
    fact_checks_store,
)
from claims.ingest.feeds import feed_poll
from claims.ingest.fetch.errors import UnsupportedContent
from claims.ingest.jobs import TransientImportError, import_items_retry, import_job_create
from claims.ingest.selectors import import_job_progress
from claims.ingest.sources import ImportEntry
from claims.ingest.sweep import stalled_import_items_requeue
from claims.models import FactCheck, Feed, ImportItem, ImportJob
from claims.tasks import ingest_fact_check_items_task

from .conftest import FIXTURES
from .httpserver import page, serve

pytestmark = pytest.mark.django_db

PAGES = FIXTURES / "factchecks"


def _fixture(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _rss(*links: str) -> bytes:
    items = "".join(f"<item><title>Cek fakta {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


@pytest.fixture
def web(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost"]
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 0
    routes = {
        "/hoaks": page(_fixture("cekfakta-hoaks-graph.html")),
        "/false": page(_fixture("factcheck-false-microdata.html")),
        "/roundup": page(_fixture("roundup-several-reviews.html")),
        "/salah": page(_fixture("salah-rdfa.html")),
        "/no-review": page(_fixture("no-claimreview.html")),
        "/datafeed.json": page(_fixture("datafeed.json"), "application/json"),
        "/datafeed-as-image": page(_fixture("datafeed.json"), "image/png"),
        "/busy": page(b"busy", status=503, Retry_After="1"),
    }
    with serve(routes) as server:
        server.routes["/feed"] = page(_rss(server.url("/roundup"), server.url("/salah")), "application/rss+xml")
        yield server


@pytest.fixture
def matching(monkeypatch):
    """The fact-check IDs sent to be matched (the matching itself is another part's work)."""
    sent: list[int] = []
    monkeypatch.setattr("claims.dispatch.fact_checks_matching_send", lambda *ids: sent.extend(ids) or True)
    return sent


def _import(web, *paths, capture):
    with capture(execute=True):
        job = fact_check_pages_import(urls="\n".join(p if "://" in p else web.url(p) for p in paths))
    return job


def test_pages_are_fetched_stored_and_queued_for_matching_after_commit(
    web, matching, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = fact_check_pages_import(urls=f"{web.url('/false')}\n{web.url('/salah')}")
    assert not FactCheck.objects.exists(), "nothing is fetched before the job commits"
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert job.kind == ImportJob.Kind.FACT_CHECKS
    checks = {fc.url: fc for fc in FactCheck.objects.all()}
    assert set(checks) == {
        "https://factdesk.example/checks/who-new-pandemic-march-2025",
        "https://periksa.example/salah-bantuan-rp-5-juta",
    }
    english = checks["https://factdesk.example/checks/who-new-pandemic-march-2025"]
    assert (english.publisher, english.rating_label, english.language) == ("Global Fact Desk", "False", "en")
    assert english.appearances == ["https://t.example/viralnews/8841"]
    assert sorted(matching) == sorted(fc.pk for fc in checks.values())
    for item in job.items.all():
        assert (item.status, item.error) == (ImportItem.Status.STORED, "")
        assert item.fact_checks.count() == 1
    state = import_job_progress(job)
    assert (state.state, state.ok, state.failed) == ("done", 2, 0)


def test_a_page_with_several_reviews_stores_each_on_its_item(web, matching, django_capture_on_commit_callbacks):
    job = _import(web, "/roundup", capture=django_capture_on_commit_callbacks)
    item = job.items.get()
    urls = sorted(item.fact_checks.values_list("url", flat=True))
    assert urls == [web.url("/roundup"), web.url("/roundup") + "#claimreview-2"]
    assert sorted(FactCheck.objects.values_list("rating_label", flat=True)) == ["False", "Misleading"]


def test_importing_again_updates_by_url_and_a_changed_claim_loses_its_vector(
    web, matching, django_capture_on_commit_callbacks
):
    _import(web, "/hoaks", capture=django_capture_on_commit_callbacks)
    fact_check = FactCheck.objects.get()
    FactCheck.objects.filter(pk=fact_check.pk).update(
        vector=b"\x01" * 384, vector_model="e5-small", matched_at=timezone.now()
    )
    matching.clear()

    again = _import(web, "/hoaks", capture=django_capture_on_commit_callbacks)
    assert again.items.get().status == ImportItem.Status.DUPLICATE, "nothing changed: already stored"
    assert matching == [], "an unchanged fact-check is not matched again"
    fact_check.refresh_from_db()
    assert fact_check.vector_model == "e5-small"

    changed = _fixture("cekfakta-hoaks-graph.html").replace(b'"ratingValue": "1"', b'"ratingValue": "2"')
    web.routes["/hoaks"] = page(changed)
    _import(web, "/hoaks", capture=django_capture_on_commit_callbacks)
    fact_check.refresh_from_db()
    assert fact_check.rating_value == 2.0 and fact_check.vector_model == "e5-small", "same claim: vector kept"
    assert matching == [fact_check.pk]

    reworded = changed.replace(b"setinggi dua meter", b"setinggi tiga meter")
    web.routes["/hoaks"] = page(reworded)
    item = _import(web, "/hoaks", capture=django_capture_on_commit_callbacks).items.get()
    fact_check.refresh_from_db()
    assert "setinggi tiga meter" in fact_check.claim_reviewed
    assert (bytes(fact_check.vector or b""), fact_check.vector_model, fact_check.matched_at) == (b"", "", None)
    assert item.status == ImportItem.Status.STORED and list(item.fact_checks.all()) == [fact_check]
    assert matching == [fact_check.pk, fact_check.pk]
    assert FactCheck.objects.count() == 1


def test_two_items_with_the_same_review_share_one_fact_check(web, matching, django_capture_on_commit_callbacks):
    web.routes["/hoaks-copy"] = page(_fixture("cekfakta-hoaks-graph.html"))
    job = _import(web, "/hoaks", "/hoaks-copy", capture=django_capture_on_commit_callbacks)
    fact_check = FactCheck.objects.get()
    assert [list(item.fact_checks.all()) for item in job.items.all()] == [[fact_check], [fact_check]]
    assert sorted(job.items.values_list("status", flat=True)) == ["duplicate", "stored"]


def test_each_bad_item_fails_alone_with_its_reason(web, matching, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = fact_check_pages_import(
            urls="\n".join(
                [web.url("/false"), web.url("/no-review"), web.url("/missing"), "ftp://files.example/x", "# note"]
            )
        )
    items = {item.position: item for item in job.items.all()}
    assert items[1].status == ImportItem.Status.STORED
    assert (items[2].status, items[2].error) == (
        ImportItem.Status.FAILED,
        "the page has no ClaimReview markup (JSON-LD, microdata or RDFa)",
    )
    assert items[3].status == ImportItem.Status.FAILED and "404" in items[3].error
    assert items[4].status == ImportItem.Status.FAILED and items[4].error.startswith("not an http(s) URL")
    assert len(items) == 4, "the comment line is no item"
    assert import_job_progress(job).state == "partial"


def test_a_blocked_address_is_refused_by_the_fetcher(matching, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = fact_check_pages_import(urls="http://127.0.0.1:9/check\nhttp://169.254.169.254/latest/meta-data")
    for item in job.items.all():
        assert item.status == ImportItem.Status.FAILED and "cannot be fetched" in item.error, item.error
    assert not FactCheck.objects.exists()


def test_a_transient_error_keeps_the_item_pending_for_a_retry(web):
    job = fact_check_pages_import(urls=web.url("/busy"), queue=False)
    item = job.items.get()
    with pytest.raises(TransientImportError) as raised:
        fact_check_items_process(item_ids=[item.pk], final_attempt=False)
    assert raised.value.item_ids == [item.pk]
    item.refresh_from_db()
    assert (item.status, item.attempts) == (ImportItem.Status.PENDING, 1)


@pytest.fixture
def retries():
    from factcheck.celery import app

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    waits = []

    def record(sender=None, reason=None, **kwargs):
        waits.append(reason.when)

    task_retry.connect(record, weak=False)
    yield waits
    task_retry.disconnect(record)
    app.conf.task_eager_propagates = propagates


def test_a_busy_site_is_tried_five_times_by_the_task_then_the_item_fails(web, retries):
    job = fact_check_pages_import(urls=web.url("/busy"), queue=False)
    item = job.items.get()
    assert ingest_fact_check_items_task.apply(args=[[item.pk]]).successful()
    assert len(retries) == 4
    item.refresh_from_db()
    assert (item.status, item.attempts) == (ImportItem.Status.FAILED, 5)
    assert "503" in item.error


def test_the_task_delivered_twice_stores_once(web, matching):
    job = fact_check_pages_import(urls=web.url("/salah"), queue=False)
    item = job.items.get()
    ingest_fact_check_items_task.apply(args=[[item.pk]])
    ingest_fact_check_items_task.apply(args=[[item.pk]])
    item.refresh_from_db()
    assert (item.status, item.attempts) == (ImportItem.Status.STORED, 1)
    assert FactCheck.objects.count() == 1


def test_a_datafeed_file_makes_one_item_per_element(matching, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = fact_check_feed_import(document=_fixture("datafeed.json"), source="datafeed.json")
    items = {item.position: item for item in job.items.all()}
    assert items[1].url == "https://cekfakta.nusantara.example/2025/05/30/hoaks-gempa-megathrust-31-mei"
    assert items[1].status == items[2].status == ImportItem.Status.STORED
    assert (items[1].payload, items[1].fact_checks.get().rating_label) == ({}, "Hoaks")
    assert items[2].fact_checks.get().publisher == "Global Fact Desk"
    assert (items[3].status, items[3].error) == (
        ImportItem.Status.FAILED,
        "the ClaimReview has no claimReviewed text, or no http(s) url",
    )
    assert (items[4].status, items[4].error) == (ImportItem.Status.FAILED, "the feed element holds no ClaimReview")
    assert items[4].payload, "a failed element keeps what it was, for a retry"
    assert len(matching) == 2


def test_an_unreadable_datafeed_makes_no_job():
    with pytest.raises(MarkupError, match="not JSON"):
        fact_check_feed_import(document=b"{oops", source="bad.json")
    assert not ImportJob.objects.exists()


def test_a_datafeed_url_is_fetched_as_json_through_the_fetcher(web, matching, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = fact_check_feed_url_import(url=web.url("/datafeed.json"))
    assert job.source == web.url("/datafeed.json")
    assert FactCheck.objects.count() == 2
    with pytest.raises(UnsupportedContent, match="serves image/png, not a JSON document"):
        fact_check_feed_url_import(url=web.url("/datafeed-as-image"))


def test_a_fact_check_feed_is_polled_into_a_fact_check_job_once(web, matching, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=web.url("/feed"), kind=Feed.Kind.FACT_CHECKS)
    with django_capture_on_commit_callbacks(execute=True):
        job = feed_poll(feed_id=feed.pk)
    assert (job.kind, job.feed) == (ImportJob.Kind.FACT_CHECKS, feed)
    assert sorted(job.items.values_list("status", flat=True)) == ["stored", "stored"]
    assert FactCheck.objects.count() == 3, "two reviews on the roundup, one on the other page"
    assert not job.items.filter(article__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll(feed_id=feed.pk) is None, "nothing new the second time"


def test_items_are_routed_to_their_task_by_the_jobs_kind(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("claims.dispatch._send", lambda name, ids: sent.append((name, ids)))
    with django_capture_on_commit_callbacks(execute=True):
        checks = fact_check_pages_import(urls="https://cek.example/a\nhttps://cek.example/b")
        articles = import_job_create(
            kind=ImportJob.Kind.URLS, source="t", entries=[ImportEntry(1, url="https://news.example/a")]
        )
    check_ids = sorted(checks.items.values_list("pk", flat=True))
    article_ids = list(articles.items.values_list("pk", flat=True))
    assert sent == [(dispatch.INGEST_FACT_CHECK_ITEMS, check_ids), (dispatch.INGEST_ITEMS, article_ids)]

    sent.clear()
    assert dispatch.import_items_send(article_ids[0], *check_ids)
    assert sent == [(dispatch.INGEST_ITEMS, article_ids), (dispatch.INGEST_FACT_CHECK_ITEMS, check_ids)]

    sent.clear()  # the retry action
    ImportItem.objects.filter(pk=check_ids[0]).update(status="failed", error="timed out")
    with django_capture_on_commit_callbacks(execute=True):
        assert import_items_retry(job=checks) == 1
    assert sent == [(dispatch.INGEST_FACT_CHECK_ITEMS, [check_ids[0]])]

    sent.clear()  # the sweep of items left pending
    ImportItem.objects.update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    assert stalled_import_items_requeue() == 3
    assert sorted(sent) == sorted([(dispatch.INGEST_ITEMS, article_ids), (dispatch.INGEST_FACT_CHECK_ITEMS, check_ids)])


def test_storing_queues_matching_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.FACTCHECK_MATCH_CLAIMS = True
    sent = []
    monkeypatch.setattr("claims.dispatch._send_batches", lambda name, ids, size, what: sent.append((name, ids)))
    (review,) = reviews_from_element({"@type": "ClaimReview", "url": "https://cek.example/a", "claimReviewed": "K"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = fact_checks_store(reviews=[review])
    assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [(dispatch.MATCH_FACT_CHECKS, (result.created[0].pk,))]


def test_a_datafeed_with_nul_and_broken_surrogates_is_stored(matching, django_capture_on_commit_callbacks):
    document = (
        '{"dataFeedElement": [{"@type": "ClaimReview", "url": "https://a.example/r", '
        '"claimReviewed": "Klaim\\u0000 \\udc00palsu", "note\\u0000": "\\u0000"}]}'
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = fact_check_feed_import(document=document, source="feed.json")
    assert job.items.get().status == ImportItem.Status.STORED
    assert FactCheck.objects.get().claim_reviewed == "Klaim ?palsu"


def test_fact_check_items_are_fetched_on_the_fetch_queue(settings):
    from factcheck.celery import app

    route = app.amqp.router.route({}, dispatch.INGEST_FACT_CHECK_ITEMS)
    assert route["queue"].name == settings.FACTCHECK_FETCH_QUEUE
