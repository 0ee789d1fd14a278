"""The dashboard's running totals follow every write, agree with a recount, and show at once."""

import datetime
import re

import pytest
from django.db.models import Count
from django.urls import reverse

from claims.ingest.articles import article_ingest
from claims.ingest.extract import article_extract
from claims.models import Claim, DashboardCount, ImportJob, Verdict
from claims.review import services
from claims.review.dashboard import dashboard_cached, dashboard_figures
from claims.review.summaries import summaries_rebuild

from .factories import (
    add_evidence,
    make_article,
    make_claim,
    make_outlet,
    make_published_claim,
    make_speaker,
    make_user,
)

pytestmark = pytest.mark.django_db


def _totals() -> dict:
    return {(r.metric, r.day, r.key): r.n for r in DashboardCount.objects.all() if r.n}


def _history(sample_text):
    """Claims extracted, reviewed along every path, reopened, dismissed, deleted."""
    article = article_ingest(text=sample_text, lang="id", queue=False).article
    article_extract(article_id=article.pk)
    extracted = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(extracted) >= 3
    checker, editor = make_user(role="reviewer"), make_user(role="editor")
    false = Verdict.objects.get(name="False")
    first, second, third = extracted[:3]
    for claim in (first, second):
        services.claim_take(claim=claim, user=checker, expected_version=claim.version)
        services.claim_propose_verdict(
            claim=claim, user=checker, verdict=false, rationale="BPS.", expected_version=claim.version
        )
        add_evidence(claim, checker)
        services.claim_publish(claim=claim, user=editor, expected_version=claim.version)
    services.claim_reopen(claim=second, user=editor, note="new figures", expected_version=second.version)
    services.claim_dismiss(claim=third, user=checker, status="not_a_claim", expected_version=third.version)
    make_published_claim(article=make_article(outlet=make_outlet(name="Kompas")), speaker=make_speaker("Sri"))
    make_published_claim(article=make_article())  # no outlet
    gone = make_claim()
    gone.article.delete()
    return article, first, second


def test_running_totals_agree_with_a_recount(sample_text):
    _history(sample_text)
    kept = _totals()
    summaries_rebuild()
    assert _totals() == kept
    statuses = dict(Claim.objects.order_by().values_list("review_status").annotate(n=Count("pk")))
    assert {k[2]: n for k, n in kept.items() if k[0] == "status"} == statuses


def test_re_extraction_that_drops_claims_takes_them_off(sample_text, settings):
    article = article_ingest(text=sample_text, lang="id", queue=False).article
    article_extract(article_id=article.pk)
    before = Claim.objects.count()
    Claim.objects.filter(article=article).order_by("-start").first().delete()
    assert dashboard_figures()["total"] == before - 1
    kept = _totals()
    summaries_rebuild()
    assert _totals() == kept


def test_re_extraction_counts_the_claims_it_deletes_once_as_a_batch(sample_text, django_assert_max_num_queries):
    from claims.extraction import Extraction
    from claims.ingest.extract import claims_store

    article = article_ingest(text=sample_text, lang="id", queue=False).article
    article_extract(article_id=article.pk)
    stored = Claim.objects.filter(article=article).count()
    assert stored >= 5
    # The extraction now finds nothing: every stored (unreviewed) claim is deleted.
    with django_assert_max_num_queries(40):  # one count per total, not per deleted claim
        claims_store(article_id=article.pk, extraction=Extraction(text=article.text, lang="id", claims=[]))
    assert not Claim.objects.filter(article=article).exists()
    assert dashboard_figures()["total"] == Claim.objects.count()
    kept = _totals()
    summaries_rebuild()
    assert _totals() == kept
    # A claim deleted later on its own is still counted.
    make_claim().delete()
    assert dashboard_figures()["total"] == Claim.objects.count()


def test_published_verdicts_without_an_outlet_have_their_own_row(client):
    outlet = make_outlet(name="Kompas")
    make_published_claim(article=make_article(outlet=outlet))
    make_published_claim(article=make_article())
    make_published_claim(article=make_article())
    figures = dashboard_figures()
    assert figures["by_outlet"]["rows"] == [("Kompas", [1], 1)]
    assert figures["by_outlet"]["unknown"] == ("Unknown outlet", [2], 2)
    client.force_login(make_user(role="reviewer"))
    page = client.get(reverse("review:dashboard")).text
    assert re.search(r'<tr class="unknown"><td><em>Unknown outlet</em></td><td>2</td><td>2</td></tr>', page)


def test_the_dashboard_is_fresh_after_a_reviewers_own_step(client, settings, django_capture_on_commit_callbacks):
    settings.FACTCHECK_DASHBOARD_CACHE_SECONDS = 600
    checker = make_user(role="reviewer")
    client.force_login(checker)
    claim = make_claim()
    assert ("In review", 0) in client.get(reverse("review:dashboard")).context["by_state"]
    assert dashboard_cached() is not None  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_take(claim=claim, user=checker, expected_version=claim.version)
    by_state = client.get(reverse("review:dashboard")).context["by_state"]
    assert ("In review", 1) in by_state and ("New", 0) in by_state


def test_charts_come_from_static_scripts_with_their_data_as_json(client):
    editor = make_user(role="editor")
    make_published_claim()
    ImportJob.objects.create(kind="urls", source="x", created_by=editor).items.create(position=1, status="failed")
    client.force_login(editor)
    response = client.get(reverse("review:dashboard"))
    page = response.text
    assert '<script src="/static/claims/vendor/chart.umd.min.js" defer></script>' in page
    assert '<script src="/static/claims/dashboard.js" defer></script>' in page
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page) == [], "no inline script"
    charts = response.context["charts"]
    assert set(charts) == {"per_day", "backlog", "verdicts", "reviewers", "imports"}
    today = datetime.date.today().isoformat()
    assert charts["per_day"]["labels"][-1] == today
    extracted, reviewed = (series["data"][-1] for series in charts["per_day"]["series"])
    assert (extracted, reviewed) == (1, 2), "one claim stored today; proposed and published"
    assert charts["backlog"]["series"][0]["data"] == [0, 0, 0, 0, 0]
    assert [s["label"] for s in charts["verdicts"]["series"]] == ["False"]
    assert charts["verdicts"]["series"][0]["data"][-1] == 1
    per_person = [sum(values) for values in zip(*(s["data"] for s in charts["reviewers"]["series"]), strict=True)]
    assert sorted(per_person) == [1, 2], "the reviewer took and proposed; the editor published"
    assert charts["imports"]["series"][2]["data"][-1] == 1
    assert 'id="dashboard-charts" type="application/json"' in page


def test_backlog_buckets_open_claims_by_age():
    old = make_claim()
    Claim.objects.filter(pk=old.pk).update(created_at=old.created_at - datetime.timedelta(days=40))
    make_claim()
    summaries_rebuild()
    assert dict(dashboard_figures()["backlog"]) == {
        "under a day": 1,
        "1–7 days": 0,
        "7–30 days": 0,
        "30–90 days": 1,
        "over 90 days": 0,
    }


def test_the_recount_command_repairs_totals_written_past_the_signals():
    make_claim()
    Claim.objects.filter().update(review_status="not_a_claim")  # no signal for a queryset update
    from django.core.management import call_command

    call_command("dashboard_recount")
    assert ("Not a claim", 1) in dashboard_figures()["by_state"] and ("New", 0) in dashboard_figures()["by_state"]


def test_the_nightly_recount_is_scheduled_and_repairs_totals():
    from django.conf import settings

    from claims.tasks import dashboard_recount_task

    entry = settings.CELERY_BEAT_SCHEDULE["recount-dashboard"]
    assert entry["task"] == "claims.tasks.dashboard_recount_task"
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {17}, "once a night"
    make_claim()
    Claim.objects.update(review_status="not_a_claim")  # raw SQL: the totals drift
    assert ("Not a claim", 0) in dashboard_figures()["by_state"]
    assert dashboard_recount_task() > 0
    assert ("Not a claim", 1) in dashboard_figures()["by_state"] and ("New", 0) in dashboard_figures()["by_state"]


@pytest.mark.django_db(transaction=True)
def test_a_recount_during_a_write_loses_neither():
    """A claim stored while the totals are recounted is counted once: the recount waits for the writer."""
    import threading
    import time

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the recount's table lock is PostgreSQL's; SQLite runs one writer at a time anyway")
    article = make_article()
    make_claim(article=article)
    written, recounted = threading.Event(), threading.Event()
    errors = []

    def writer():
        try:
            with transaction.atomic():
                make_claim(article=article, start=5)  # its signal adds to the totals, in this transaction
                written.set()
                recounted.wait(1.0)  # the recount must not finish while this is open
                time.sleep(0.3)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def recount():
        try:
            written.wait(10)
            summaries_rebuild()
            recounted.set()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer), threading.Thread(target=recount)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert ("New", 2) in dashboard_figures()["by_state"]
    before = _totals()
    summaries_rebuild()
    assert _totals() == before, "the totals equal a fresh recount"


def test_a_batch_delete_that_fails_leaves_later_deletions_counted(sample_text, monkeypatch):
    """Re-extraction counts its deletions before deleting: if the delete fails and rolls back, those
    claims are still counted when they are deleted later, one by one."""
    from django.db import OperationalError, transaction
    from django.db.models.query import QuerySet

    from claims.extraction import Extraction
    from claims.ingest.extract import claims_store

    article = article_ingest(text=sample_text, lang="id", queue=False).article
    article_extract(article_id=article.pk)
    real_delete = QuerySet.delete

    def failing_delete(self):
        if self.model is Claim:
            raise OperationalError("the server closed the connection")
        return real_delete(self)

    monkeypatch.setattr(QuerySet, "delete", failing_delete)
    with pytest.raises(OperationalError), transaction.atomic():
        claims_store(article_id=article.pk, extraction=Extraction(text=article.text, lang="id", claims=[]))
    monkeypatch.setattr(QuerySet, "delete", real_delete)
    assert dashboard_figures()["total"] == Claim.objects.count() > 0, "rolled back with the claims"
    Claim.objects.filter(article=article).first().delete()
    assert dashboard_figures()["total"] == Claim.objects.count(), "the later single delete is counted"
