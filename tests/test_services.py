import datetime

import pytest
from django.utils import timezone

from claims.ingest.articles import IngestError, article_ingest, content_hash
from claims.ingest.extract import article_extract
from claims.ingest.speakers import speaker_resolve
from claims.ingest.sweep import stalled_articles_requeue
from claims.models import Article, Claim, Outlet, Speaker

from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db

PAGE = """<html><head><title>Harga beras naik - Kabar Contoh</title>
<meta property="og:site_name" content="Kabar Contoh"></head><body><nav>Beranda | Politik</nav>
<article><h1>Harga beras naik</h1>
<p>JAKARTA - Menteri Perdagangan Budi Santoso mengatakan bahwa harga beras naik 10 persen sejak Januari.</p>
<p>"Pasokan dari petani berkurang karena kemarau panjang," ujar Budi di Jakarta, Senin (3/2/2025).</p>
</article></body></html>"""


def test_ingest_text_stores_article_and_queues_extraction(django_capture_on_commit_callbacks, sample_text):
    with django_capture_on_commit_callbacks() as callbacks:
        result = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4))
    assert result.created
    article = result.article
    assert article.status == Article.Status.QUEUED
    assert article.title.startswith("Hamas-Rusia Makin Mesra")
    assert article.content_hash == content_hash(sample_text)
    assert len(callbacks) == 1


def test_ingest_same_text_twice_creates_nothing_new(sample_text):
    first = article_ingest(text=sample_text)
    again = article_ingest(text="  " + sample_text.replace("\n", "\r\n") + "\n")
    assert not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_ingest_same_url_twice_creates_nothing_new():
    first = article_ingest(url="https://kabar.example/beras", html=PAGE)
    again = article_ingest(url="https://kabar.example/beras", text="another text entirely")
    assert not again.created
    assert again.article.pk == first.article.pk


def test_ingest_html_takes_body_metadata_and_outlet():
    result = article_ingest(url="https://www.kabar.example/beras", html=PAGE)
    article = result.article
    assert "harga beras naik 10 persen" in article.text
    assert "Beranda" not in article.text
    assert article.html == PAGE
    assert article.outlet == Outlet.objects.get(domain="kabar.example")
    assert article.language == "id"


def test_ingest_refuses_empty_text():
    with pytest.raises(IngestError, match="no article text"):
        article_ingest(text="   \n ")


def test_ingest_refuses_non_http_urls():
    from claims.ingest.fetch.errors import FetchError

    with pytest.raises(FetchError, match="only http and https"):
        article_ingest(url="file:///etc/passwd")


def test_extract_stores_attributed_claims(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    assert article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.finished_at is not None
    claims = list(article.claims.select_related("speaker"))
    assert claims
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.content
    speakers = {c.speaker.canonical_name for c in claims if c.speaker}
    assert "Mousa Abu Marzouk" in speakers


def test_extract_twice_gives_the_same_claims(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    article_extract(article_id=article.pk)
    first = sorted(article.claims.values_list("start", "end", "speaker_text", "cue", "claim_date"))
    assert not article_extract(article_id=article.pk), "a done article is not extracted again"
    article_extract(article_id=article.pk, force=True)
    again = sorted(article.claims.values_list("start", "end", "speaker_text", "cue", "claim_date"))
    assert again == first
    assert Claim.objects.filter(article=article).count() == len(first)


def test_reextraction_keeps_claims_a_reviewer_touched(sample_text, django_user_model):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    article_extract(article_id=article.pk)
    reviewed = article.claims.first()
    reviewed.content = "corrected by a reviewer"
    reviewed.review_status = Claim.ReviewStatus.IN_REVIEW
    reviewed.assignee = django_user_model.objects.create_user("rina")
    reviewed.save()
    count = article.claims.count()
    article_extract(article_id=article.pk, force=True)
    reviewed.refresh_from_db()
    assert reviewed.content == "corrected by a reviewer"
    assert article.claims.count() == count


def test_extract_failure_is_stored_on_the_article(monkeypatch):
    article = make_article()

    def broken(*args, **kwargs):
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr("claims.ingest.extract.extract", broken)
    assert not article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == "RuntimeError: extractor exploded"


def test_speaker_resolve_matches_any_case_and_keeps_new_aliases():
    first = speaker_resolve(name="Zulkifli Hasan", aliases=("Ketua MPR Zulkifli Hasan",))
    again = speaker_resolve(name="zulkifli hasan", aliases=("Zulkifli",))
    assert again.pk == first.pk
    assert again.aliases == ["Ketua MPR Zulkifli Hasan", "Zulkifli"]
    assert Speaker.objects.count() == 1


def test_speaker_resolve_tells_organisations_from_people():
    assert speaker_resolve(name="kantor media pemerintah Gaza").kind == Speaker.Kind.ORGANISATION
    assert speaker_resolve(name="Mousa Abu Marzouk").kind == Speaker.Kind.PERSON


def test_sweep_requeues_stalled_and_forgotten_articles(django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("claims.dispatch.extraction_send", lambda *ids: sent.extend(ids))
    now = timezone.now()
    fresh = make_article(status=Article.Status.QUEUED, queued_at=now)
    forgotten = make_article(status=Article.Status.QUEUED, queued_at=now - datetime.timedelta(minutes=10))
    stalled = make_article(status=Article.Status.RUNNING, started_at=now - datetime.timedelta(hours=2))
    busy = make_article(status=Article.Status.RUNNING, started_at=now - datetime.timedelta(seconds=5))
    done = make_article(status=Article.Status.DONE)
    assert stalled_articles_requeue(now=now) == 2
    assert sorted(sent) == sorted([forgotten.pk, stalled.pk])
    stalled.refresh_from_db()
    assert stalled.status == Article.Status.QUEUED
    for untouched in (fresh, busy, done):
        untouched.refresh_from_db()
    assert busy.status == Article.Status.RUNNING


def test_claim_factory_spans_point_into_text():
    claim = make_claim(start=7, end=12)
    assert claim.article.text[7:12] == claim.content


def _claims_by_span(article):
    return {(c.start, c.end): c for c in article.claims.all()}


def test_reextraction_keeps_the_rows_of_unchanged_claims_and_writes_nothing_else(sample_text):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article
    article_extract(article_id=article.pk)
    before = {span: (c.pk, c.version) for span, c in _claims_by_span(article).items()}
    with CaptureQueriesContext(connection) as queries:
        article_extract(article_id=article.pk, force=True)
    after = {span: (c.pk, c.version) for span, c in _claims_by_span(article).items()}
    assert after == before
    claim_writes = [
        q["sql"] for q in queries if "claims_claim" in q["sql"] and q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert claim_writes == []


def test_reextraction_writes_only_the_claims_that_changed(sample_text, monkeypatch):
    import dataclasses

    from claims.ingest import extract as extraction

    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article
    article_extract(article_id=article.pk)
    before = _claims_by_span(article)
    real = extraction.extract(article.text, lang="id", published=article.published_date)
    kept, rescored, dropped = real.claims[0], real.claims[1], real.claims[2]
    added = dataclasses.replace(kept, start=0, end=10, content=article.text[0:10])
    changed = [
        kept,
        dataclasses.replace(rescored, checkworthiness=0.01, cue="menurut"),
        *real.claims[3:],
        added,
    ]
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: dataclasses.replace(real, claims=changed))
    article_extract(article_id=article.pk, force=True)
    after = _claims_by_span(article)
    span = lambda found: (found.start, found.end)  # noqa: E731
    assert after[span(kept)].pk == before[span(kept)].pk
    assert after[span(kept)].version == before[span(kept)].version
    assert after[span(rescored)].pk == before[span(rescored)].pk
    assert (after[span(rescored)].checkworthiness, after[span(rescored)].cue) == (0.01, "menurut")
    assert after[span(rescored)].version == before[span(rescored)].version + 1, "a reviewer's stale view is refused"
    assert span(dropped) not in after
    assert after[(0, 10)].pk not in {c.pk for c in before.values()}
    assert set(after) == {span(found) for found in changed}


def test_a_batch_goes_on_past_an_article_the_extractor_gives_up_on(monkeypatch):
    from claims.extraction import ExtractionTimeout
    from claims.ingest import extract as extraction
    from claims.ingest.extract import articles_extract

    slow, fast = make_article(text="Kata saksi, api muncul dari dapur."), make_article()
    real = extraction.extract

    def budgeted(text, **kwargs):
        if "saksi" in text:
            raise ExtractionTimeout("the text has a 1.2 MB paragraph: split it into paragraphs", seconds=20)
        return real(text, **kwargs)

    monkeypatch.setattr(extraction, "extract", budgeted)
    assert articles_extract(article_ids=[slow.pk, fast.pk]) == 1
    slow.refresh_from_db()
    fast.refresh_from_db()
    assert slow.status == Article.Status.FAILED
    assert slow.error == (
        "extraction took longer than 20 s and was stopped: the text has a 1.2 MB paragraph: split it into paragraphs"
    )
    assert fast.status == Article.Status.DONE


def test_a_task_out_of_time_fails_the_article_in_words_and_sends_the_rest_on(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from claims.ingest import extract as extraction
    from claims.ingest.extract import articles_extract

    first, slow, rest = make_article(), make_article(text="Kata saksi, api muncul dari dapur."), make_article()
    real = extraction.extract
    sent = []

    def out_of_time(text, **kwargs):
        if "saksi" in text:
            raise SoftTimeLimitExceeded()
        return real(text, **kwargs)

    monkeypatch.setattr(extraction, "extract", out_of_time)
    monkeypatch.setattr("claims.dispatch.extraction_send", lambda *ids: sent.extend(ids))
    assert articles_extract(article_ids=[first.pk, slow.pk, rest.pk]) == 1
    for article in (first, slow, rest):
        article.refresh_from_db()
    assert first.status == Article.Status.DONE
    assert slow.status == Article.Status.FAILED
    assert slow.error.startswith("extraction took longer than 0 s and was stopped at the task's time limit")
    assert "SoftTimeLimitExceeded" not in slow.error
    assert (rest.status, sent) == (Article.Status.QUEUED, [rest.pk])


def test_urls_are_stored_without_credentials_and_never_fetched_with_them():
    from claims.ingest.fetch.errors import CredentialsInURL

    stored = article_ingest(url="https://rina:s3cret@kabar.example/beras", html=PAGE).article
    assert stored.url == "https://kabar.example/beras"
    assert "s3cret" not in stored.canonical_url
    assert article_ingest(url="https://rina:s3cret@kabar.example/beras").article == stored, "found without them"
    with pytest.raises(CredentialsInURL, match="holds a user name or password, which are never sent or stored") as e:
        article_ingest(url="https://rina:s3cret@kabar.example/lain")
    assert "s3cret" not in str(e.value) and "s3cret" not in e.value.url
    assert Article.objects.count() == 1


def test_a_page_dated_year_one_is_stored_without_a_date_and_extracted(django_capture_on_commit_callbacks):
    page = PAGE.replace(
        "<title>", '<meta property="article:published_time" content="0001-01-01T00:00:00Z"><title>', 1
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(url="https://kabar.example/tanpa-tanggal", html=page).article
    article.refresh_from_db()
    assert article.published_date is None
    assert article.status == Article.Status.DONE and article.claims.exists()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"lang": "fr"}, "the language 'fr' is not one of id, en"),
        ({"published": datetime.date(1, 1, 1)}, "the publication date 0001-01-01 is not between 1900-01-01 and "),
        ({"published": datetime.date(2999, 1, 1)}, "the publication date 2999-01-01 is not between 1900-01-01 and "),
    ],
)
def test_ingest_refuses_an_unknown_language_or_an_impossible_date(fields, error):
    with pytest.raises(IngestError, match=error):
        article_ingest(text="Menurut polisi, tiga orang ditangkap.", **fields)


def test_text_is_stored_without_nul_or_lone_surrogates():
    article = article_ingest(text="Menurut polisi,\x00 tiga orang\ud800 ditangkap.", title="Judul\x00\udfff").article
    article.refresh_from_db()
    assert article.text == "Menurut polisi, tiga orang\ufffd ditangkap."
    assert article.title == "Judul\ufffd"


class _WorkerKilled(BaseException):
    """What a worker process killed mid-batch looks like to the code it was running."""


@pytest.mark.parametrize(("window", "committed"), [(0, 2), (3600, 0)])
def test_finished_articles_are_committed_within_the_commit_window(settings, monkeypatch, window, committed):
    from claims.ingest import extract as extraction
    from claims.ingest.extract import articles_extract

    settings.FACTCHECK_EXTRACT_COMMIT_SECONDS = window
    batch = [make_article(text=f"Menurut polisi, {n} orang ditangkap di Bekasi.") for n in (1, 2, 3)]
    real = extraction.extract

    def killed_on_the_third(text, **kwargs):
        if " 3 orang" in text:
            raise _WorkerKilled()
        return real(text, **kwargs)

    monkeypatch.setattr(extraction, "extract", killed_on_the_third)
    with pytest.raises(_WorkerKilled):
        articles_extract(article_ids=[article.pk for article in batch])
    assert Article.objects.filter(status=Article.Status.DONE).count() == committed
    assert Article.objects.filter(status=Article.Status.RUNNING).count() == 3 - committed, "left for the sweep"


def test_an_article_whose_claims_cannot_be_stored_fails_alone(settings, monkeypatch):
    import dataclasses

    from claims.ingest import extract as extraction
    from claims.ingest.extract import articles_extract

    settings.FACTCHECK_EXTRACT_COMMIT_SECONDS = 3600  # all three in one commit, until it fails
    batch = [make_article(text=f"Menurut polisi, {n} orang ditangkap di Bekasi.") for n in (1, 2, 3)]
    real = extraction.extract

    def broken_span_on_the_second(text, **kwargs):
        found = real(text, **kwargs)
        if " 2 orang" in text:
            bad = dataclasses.replace(found.claims[0], start=5, end=5)
            return dataclasses.replace(found, claims=[bad])
        return found

    monkeypatch.setattr(extraction, "extract", broken_span_on_the_second)
    assert articles_extract(article_ids=[article.pk for article in batch]) == 2
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert [statuses[article.pk] for article in batch] == ["done", "failed", "done"]
    assert Article.objects.get(pk=batch[1].pk).error.startswith("storing its claims failed: IntegrityError")


def test_an_article_over_its_time_budget_fails_with_what_makes_it_slow(settings, sample_text):
    from claims.ingest.extract import articles_extract

    settings.FACTCHECK_EXTRACT_ARTICLE_SECONDS = 0.2
    flattened = make_article(text=(sample_text.replace("\n", " ") + " ") * 600)  # one 1.8 MB paragraph
    normal = make_article()
    assert articles_extract(article_ids=[flattened.pk, normal.pk]) == 1
    flattened.refresh_from_db()
    normal.refresh_from_db()
    assert flattened.status == Article.Status.FAILED
    assert flattened.error == (
        "extraction took longer than 0.2 s and was stopped: "
        "the text has a 1.8 MB paragraph: split it into paragraphs or shorten it"
    )
    assert normal.status == Article.Status.DONE and normal.claims.exists()


@pytest.mark.django_db
def test_upgrading_removes_credentials_already_stored_in_addresses():
    from importlib import import_module

    from django.apps import apps

    from claims.models import Feed, ImportItem, ImportJob

    strip_credentials = import_module("claims.migrations.0011_strip_url_credentials").strip_credentials
    plain = make_article(url="https://kabar.example/a")
    copy = make_article(url="https://rina:s3cret@kabar.example/a")
    other = make_article(url="https://rina:s3cret@kabar.example/b", canonical_url="https://rina:s3cret@kabar.example/b")
    job = ImportJob.objects.create(kind="urls", source="list")
    item = ImportItem.objects.create(job=job, position=1, url="http://u:p@kabar.example/c")
    feed = Feed.objects.create(url="https://u:p@kabar.example/rss.xml")
    strip_credentials(apps, None)
    urls = dict(Article.objects.values_list("pk", "url"))
    assert urls == {plain.pk: "https://kabar.example/a", copy.pk: "", other.pk: "https://kabar.example/b"}
    assert Article.objects.get(pk=other.pk).canonical_url == "https://kabar.example/b"
    assert ImportItem.objects.get(pk=item.pk).url == "http://kabar.example/c"
    assert Feed.objects.get(pk=feed.pk).url == "https://kabar.example/rss.xml"
