"""An import job's page says how it went: a failed job looks failed, with its errors and counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.ingest.jobs import import_job_create
from claims.ingest.selectors import import_job_errors, import_job_progress
from claims.ingest.sources import ImportEntry
from claims.models import ImportJob

from .factories import make_article

pytestmark = pytest.mark.django_db


def _job(*entries):
    return import_job_create(kind=ImportJob.Kind.FILE, source="t", entries=list(entries), queue=False)


def test_progress_states_tell_failure_from_success():
    failed = _job(ImportEntry(1, error="bad line"), ImportEntry(2, error="bad line"))
    assert (import_job_progress(failed).state, import_job_progress(failed).state_label) == ("failed", "Failed")
    article = make_article()
    partial = _job(ImportEntry(1, error="bad line"), ImportEntry(2, payload={"text": "x"}))
    partial.items.filter(position=2).update(status="duplicate", article=article)
    state = import_job_progress(partial)
    assert (state.state, state.ok, state.failed) == ("partial", 1, 1)
    running = _job(ImportEntry(1, payload={"text": "y"}))
    assert import_job_progress(running).state == "running"
    running.items.update(status="duplicate", article=article)
    assert import_job_progress(running).state == "done"


def test_errors_are_grouped_commonest_first():
    job = _job(ImportEntry(1, error="b"), ImportEntry(2, error="a"), ImportEntry(3, error="a"), ImportEntry(4))
    assert import_job_errors(job) == [("a", 2), ("b", 1)]


def test_a_failed_import_page_is_read_only_and_shows_failure(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:claims_importjob_add"), {"urls": "not a url\nnor this\n"})
    job = ImportJob.objects.get()
    page = admin_client.get(reverse("admin:claims_importjob_change", args=[job.pk])).text
    assert 'class="import-state import-state-failed"' in page
    assert '<strong class="import-state-label">Failed</strong>' in page
    assert "0 ok (0 extracted, 0 already stored), 2 failed" in page
    assert "not an http(s) URL: &#x27;not a url&#x27; <small>(1 item)</small>" in page
    assert 'name="_save"' not in page and 'name="_continue"' not in page and 'name="_addanother"' not in page
    assert "deletelink" not in page
    assert "claims/admin.css" in page


def test_the_add_form_names_every_kind_of_input_it_takes(admin_client):
    page = admin_client.get(reverse("admin:claims_importjob_add")).text
    for kind in (".jsonl", ".csv", ".html", ".txt", "source_url", "RSS or Atom feed"):
        assert kind in page, kind


def test_an_uploaded_text_article_is_stored_not_read_as_urls(admin_client, django_capture_on_commit_callbacks):
    text = "Judul\nJAKARTA, KOMPAS.com - Menteri mengatakan harga beras naik 40 persen.\n"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:claims_importjob_add"), {"file": SimpleUploadedFile("a.txt", text.encode())})
    item = ImportJob.objects.get().items.get()
    assert item.error == "" and item.article.outlet.domain == "kompas.com"
