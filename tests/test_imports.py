"""Batch imports: every item ends with an outcome, errors stay on their item, nothing is lost."""

import datetime

import pytest
from django.utils import timezone

from claims.ingest.fetch.errors import FetchError
from claims.ingest.jobs import (
    TransientImportError,
    import_item_process,
    import_items_process,
    import_items_retry,
    import_job_create,
)
from claims.ingest.selectors import import_job_progress
from claims.ingest.sources import ImportEntry, entries_from_csv, entries_from_jsonl, entries_from_urls
from claims.ingest.sweep import stalled_import_items_requeue
from claims.models import Article, ImportItem, ImportJob

from .factories import make_article

pytestmark = pytest.mark.django_db


def _job(*entries, queue=False):
    return import_job_create(kind=ImportJob.Kind.FILE, source="test", entries=list(entries), queue=queue)


def test_url_lists_skip_blanks_and_comments_and_flag_non_http_lines():
    entries = list(entries_from_urls("https://a.example/1\n\n# note\nfile:///etc/passwd\nhttp://b.example/2\n"))
    assert [(e.position, e.url, e.error) for e in entries] == [
        (1, "https://a.example/1", ""),
        (4, "", "not an http(s) URL: 'file:///etc/passwd'"),
        (5, "http://b.example/2", ""),
    ]


def test_jsonl_lines_become_entries_or_errors_by_line():
    lines = ['{"text": "Isi berita.", "published": "2025-02-04T10:00:00+07:00"}', "", "{oops", '{"title": "no body"}']
    entries = list(entries_from_jsonl(lines))
    assert entries[0].payload == {"text": "Isi berita.", "published": "2025-02-04"}
    assert entries[1].position == 3 and entries[1].error.startswith("line 3 is not JSON")
    assert entries[2].error == 'line 4 has no "url", "text" or "html"'


def test_csv_without_a_usable_header_is_one_clear_error():
    entries = list(entries_from_csv("a,b\n1,2\n"))
    assert [e.error for e in entries] == ["the CSV header must name a url, text or html column"]


def test_job_stores_unreadable_entries_as_failed_items():
    job = _job(ImportEntry(1, payload={"text": "Isi."}), ImportEntry(2, error="line 2 is not JSON"))
    assert list(job.items.values_list("position", "status", "error")) == [
        (1, "pending", ""),
        (2, "failed", "line 2 is not JSON"),
    ]


def test_processing_an_item_stores_its_article_once(django_capture_on_commit_callbacks):
    text = "Menteri Budi mengatakan bahwa harga beras naik 10 persen."
    job = _job(ImportEntry(1, payload={"text": text, "lang": "id"}), ImportEntry(2, payload={"text": text}))
    first, second = job.items.all()
    with django_capture_on_commit_callbacks(execute=True):
        import_item_process(item_id=first.pk)
        import_item_process(item_id=second.pk)
        import_item_process(item_id=first.pk)  # a redelivered message changes nothing
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("stored", "duplicate")
    assert first.article_id == second.article_id
    assert first.payload == {}, "the inline text is not kept twice"
    assert first.attempts == 1
    progress = import_job_progress(job)
    assert (progress.total, progress.extracted, progress.duplicates, progress.failed) == (2, 1, 1, 0)
    assert progress.is_done and progress.percent == 100


def test_a_poisoned_item_fails_alone_with_its_error(monkeypatch, django_capture_on_commit_callbacks):
    def explode(*args, **kwargs):
        raise ValueError("parser blew up")

    job = _job(ImportEntry(1, payload={"html": "<html>bad</html>"}), ImportEntry(2, payload={"text": "Dia bilang."}))
    bad, good = job.items.all()
    monkeypatch.setattr("claims.ingest.articles.parse_page", explode)
    with django_capture_on_commit_callbacks(execute=True):
        import_item_process(item_id=bad.pk)
        import_item_process(item_id=good.pk)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.status, bad.error) == ("failed", "ValueError: parser blew up")
    assert good.status == "stored"


def test_transient_fetch_errors_are_retried_then_fail_with_the_reason(monkeypatch):
    def busy(url):
        raise FetchError("the server answered 503 Service Unavailable", transient=True, retry_after=7)

    monkeypatch.setattr("claims.ingest.articles.fetch_page", busy)
    item = _job(ImportEntry(1, url="https://news.example/a")).items.get()
    with pytest.raises(TransientImportError) as raised:
        import_item_process(item_id=item.pk, final_attempt=False)
    assert raised.value.retry_after == 7
    item.refresh_from_db()
    assert item.status == "pending"
    import_item_process(item_id=item.pk, final_attempt=True)
    item.refresh_from_db()
    assert (item.status, item.error, item.attempts) == ("failed", "the server answered 503 Service Unavailable", 2)


def test_permanent_fetch_errors_fail_at_once(monkeypatch):
    item = _job(ImportEntry(1, url="http://10.0.0.1/admin")).items.get()
    import_item_process(item_id=item.pk, final_attempt=False)
    item.refresh_from_db()
    assert item.status == "failed"
    assert "10.0.0.1" in item.error and "cannot be fetched" in item.error


def test_retry_sends_failed_items_round_again(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("claims.dispatch.import_items_send", lambda *ids: sent.extend(ids))
    job = _job(ImportEntry(1, url="https://news.example/a"), ImportEntry(2, error="line 2 is not JSON"))
    ImportItem.objects.filter(position=1).update(status="failed", error="timed out")
    with django_capture_on_commit_callbacks(execute=True):
        assert import_items_retry(job=job) == 1
    retried = job.items.get(position=1)
    assert sent == [retried.pk]
    assert (retried.status, retried.error) == ("pending", "")
    assert job.items.get(position=2).status == "failed", "an unreadable line cannot be retried"


def test_sweep_resends_items_left_pending(monkeypatch):
    sent = []
    monkeypatch.setattr("claims.dispatch.import_items_send", lambda *ids: sent.extend(ids))
    job = _job(ImportEntry(1, url="https://news.example/a"), ImportEntry(2, url="https://news.example/b"))
    old = timezone.now() - datetime.timedelta(hours=1)
    ImportItem.objects.filter(position=1).update(updated_at=old)
    assert stalled_import_items_requeue() == 1
    assert sent == [job.items.get(position=1).pk]


def test_dispatch_happens_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("claims.dispatch.import_items_send", lambda *ids: sent.extend(ids))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _job(ImportEntry(1, url="https://news.example/a"), queue=True)
    assert sent == []
    for callback in callbacks:
        callback()
    assert sent == [job.items.get().pk]


def test_progress_counts_failed_extractions_as_failed():
    text = "Kata polisi, pelaku sudah ditangkap."
    job = _job(ImportEntry(1, payload={"text": text}))
    item = job.items.get()
    import_item_process(item_id=item.pk)
    Article.objects.update(status=Article.Status.FAILED, error="RuntimeError: boom")
    progress = import_job_progress(job)
    assert (progress.fetched, progress.failed, progress.extracted) == (1, 1, 0)


def test_retry_also_sends_failed_extractions_round_again(monkeypatch, django_capture_on_commit_callbacks):
    item = _job(ImportEntry(1, payload={"text": "Kata polisi, pelaku sudah ditangkap."})).items.get()
    import_item_process(item_id=item.pk)
    Article.objects.update(status=Article.Status.FAILED, error="RuntimeError: boom")
    sent = []
    monkeypatch.setattr("claims.dispatch.extraction_send", lambda *ids: sent.extend(ids))
    with django_capture_on_commit_callbacks(execute=True):
        assert import_items_retry(job=item.job) == 1
    article = Article.objects.get()
    assert sent == [article.pk]
    assert (article.status, article.error) == (Article.Status.QUEUED, "")


def test_a_batch_of_texts_is_stored_together_with_duplicates_and_errors_per_item(django_assert_max_num_queries):
    stored_before = make_article(text="Kata polisi, pelaku sudah ditangkap.")
    job = _job(
        ImportEntry(1, payload={"text": "Menurut BPS, inflasi Januari 2,4 persen.", "lang": "id"}),
        ImportEntry(2, payload={"text": "  menurut BPS,   inflasi Januari 2,4 persen. "}),
        ImportEntry(3, payload={"text": "Kata polisi, pelaku sudah ditangkap."}),
        ImportEntry(4, payload={"text": "   "}),
        ImportEntry(5, payload={"text": "The mayor said the bridge reopens in May.", "lang": "en", "title": "Bridge"}),
    )
    ids = list(job.items.values_list("pk", flat=True))
    with django_assert_max_num_queries(8):
        import_items_process(item_ids=ids)
    items = {item.position: item for item in job.items.all()}
    assert [items[n].status for n in range(1, 6)] == ["stored", "duplicate", "duplicate", "failed", "stored"]
    assert items[2].article_id == items[1].article_id
    assert items[3].article_id == stored_before.pk
    assert items[4].error == "no article text was found"
    assert items[5].article.title == "Bridge" and items[5].article.language == "en"
    assert items[1].payload == {} and items[4].payload == {"text": "   "}
    assert {item.attempts for item in items.values()} == {1}


def test_a_batch_that_meets_a_concurrent_writer_falls_back_to_one_by_one(monkeypatch):
    from django.db import IntegrityError

    from claims.models import Article as ArticleModel

    job = _job(ImportEntry(1, payload={"text": "Menurut BPS, inflasi Januari 2,4 persen."}))
    real_bulk_create = ArticleModel.objects.bulk_create

    def taken_meanwhile(objs, *args, **kwargs):
        monkeypatch.setattr(ArticleModel.objects, "bulk_create", real_bulk_create)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(ArticleModel.objects, "bulk_create", taken_meanwhile)
    import_items_process(item_ids=[job.items.get().pk])
    assert job.items.get().status == "stored"
    assert ArticleModel.objects.count() == 1


def test_addresses_with_credentials_are_stored_without_them_or_refused_when_they_would_be_fetched():
    lines = [
        '{"url": "https://rina:s3cret@news.example/a", "text": "Menurut polisi, pelaku ditangkap."}',
        '{"url": "https://rina:s3cret@news.example/b"}',
    ]
    with_text, url_only = entries_from_jsonl(lines)
    assert (with_text.url, with_text.error) == ("https://news.example/a", "")
    assert url_only.error.startswith("line 2: https://news.example/b: the address holds a user name or password")
    (listed,) = entries_from_urls("https://rina:s3cret@news.example/c\n")
    assert listed.url == "" and "never sent or stored" in listed.error
    job = _job(with_text, ImportEntry(3, url="https://rina:s3cret@news.example/d"))
    assert list(job.items.values_list("url", "status")) == [("https://news.example/a", "pending"), ("", "failed")]
    assert not any("s3cret" in str(value) for value in job.items.values_list("url", "error", "payload"))


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"text": "Isi.", "lang": "fr"}', 'line 1: "lang" must be "id" or "en", not \'fr\''),
        ('{"text": "Isi.", "lang": 5}', 'line 1: "lang" must be a string'),
        ('{"text": "Isi.", "published": "2025-02-30"}', 'line 1: "published" is not a YYYY-MM-DD date'),
        ('{"text": "Isi.", "published": "0001-01-01"}', 'line 1: "published" 0001-01-01 is not between 1900-01-01 and'),
        ('{"text": ["Isi."]}', 'line 1: "text" must be a string'),
        ('{"url": 5, "text": "Isi."}', 'line 1: "url" must be a string'),
    ],
)
def test_fields_of_the_wrong_type_or_value_are_the_lines_error(line, error):
    (entry,) = entries_from_jsonl([line])
    assert entry.error.startswith(error)
    assert entry.payload == {}


def test_nul_and_lone_surrogates_are_cleaned_out_of_every_field():
    (entry,) = entries_from_jsonl(['{"text": "Kata\\u0000 polisi\\ud800.", "title": "\\udc00Judul", "lang": "ID"}'])
    assert entry.payload == {"text": "Kata polisi\ufffd.", "title": "\ufffdJudul", "lang": "id"}
