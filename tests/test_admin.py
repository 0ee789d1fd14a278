import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.import_sources import ImportEntry
from claims.imports import import_job_create
from claims.models import Article, Claim, Feed, ImportJob, Outlet, Speaker, Verdict
from claims.services import article_extract, article_ingest

from .factories import make_article, make_claim, make_outlet, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    article_extract(article_id=article.pk)
    make_outlet()
    make_speaker("Seorang Juru Bicara")
    return article


def _registered_models():
    return [model for model in admin.site._registry if model._meta.app_label in ("claims", "auth")]


def test_every_changelist_and_change_page_renders(admin_client, stored):
    for model in _registered_models():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = admin_client.get(changelist)
        assert response.status_code == 200, changelist
        obj = model._default_manager.first()
        if obj is None:
            continue
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200, change


def test_every_add_page_renders(admin_client):
    for model in (Article, Outlet, Speaker, Verdict, Claim, Feed, ImportJob):
        url = reverse(f"admin:claims_{model._meta.model_name}_add")
        assert admin_client.get(url).status_code == 200, url


def test_admin_shows_the_sample_articles_claims(admin_client, stored):
    response = admin_client.get(reverse("admin:claims_claim_changelist"))
    assert "Mousa Abu Marzouk" in response.text
    claim = stored.claims.exclude(speaker=None).first()
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert f"<mark>{claim.content}</mark>" in page.replace("&quot;", '"')


def test_claim_context_is_escaped(admin_client):
    article = make_article(text='Dia bilang <script>alert("x")</script> itu benar.')
    claim = make_claim(article, start=11, end=38)
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_adding_pasted_text_ingests_and_extracts_it(admin_client, sample_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:claims_article_add"),
            {"text": sample_text, "language": "id", "published_date": "2025-02-04"},
        )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_article_change", args=[article.pk])
    assert article.status == Article.Status.DONE, "without a broker the task runs in-process"
    assert article.claims.exists()
    page = admin_client.get(response["Location"]).text
    assert "Done" in page and "Mousa Abu Marzouk" in page


def test_adding_nothing_shows_an_error_not_a_traceback(admin_client):
    response = admin_client.post(reverse("admin:claims_article_add"), {"text": "  "})
    assert response.status_code == 200
    assert "Give the article&#x27;s URL, or paste its text." in response.text


def test_adding_a_url_on_a_private_address_shows_the_reason(admin_client):
    response = admin_client.post(reverse("admin:claims_article_add"), {"url": "http://127.0.0.1:9/nothing"})
    assert response.status_code == 200
    assert "127.0.0.1, a private or reserved address, which cannot be fetched" in response.text
    assert not Article.objects.exists()


def test_adding_an_article_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw-for-test-only", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:claims_article_add")).status_code == 403


def test_rerun_extraction_action_queues_articles(admin_client, stored, django_capture_on_commit_callbacks):
    Claim.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:claims_article_changelist"),
            {"action": "rerun_extraction", "_selected_action": [stored.pk]},
        )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == Article.Status.DONE
    assert stored.claims.exists()


def test_an_import_from_a_url_list_shows_progress_and_item_errors(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:claims_importjob_add"),
            {"urls": "http://10.0.0.1/internal\nnot a url\n"},
        )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:claims_importjob_change", args=[job.pk])
    page = admin_client.get(response["Location"]).text
    assert "10.0.0.1, a private or reserved address" in page
    assert "not an http(s) URL: &#x27;not a url&#x27;" in page
    assert '<progress class="import-progress" max="2" value="2"' in page
    progress = admin_client.get(reverse("admin:claims_importjob_progress", args=[job.pk])).json()
    assert progress == {
        "total": 2,
        "queued": 0,
        "fetched": 0,
        "extracted": 0,
        "duplicates": 0,
        "failed": 2,
        "percent": 100,
        "done": True,
    }


def test_an_import_needs_exactly_one_source(admin_client):
    response = admin_client.post(reverse("admin:claims_importjob_add"), {})
    assert "Give exactly one of: a list of URLs, a file, or a feed URL." in response.text
    assert not ImportJob.objects.exists()


def test_an_uploaded_jsonl_file_is_imported(admin_client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("batch.jsonl", b'{"text": "Menurut polisi, dua orang ditangkap.", "lang": "id"}\n')
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:claims_importjob_add"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.source == "batch.jsonl"
    assert job.items.get().article.status == Article.Status.DONE


def test_a_feed_that_cannot_be_fetched_is_reported(admin_client):
    feed = Feed.objects.create(url="http://169.254.169.254/latest/meta-data/")
    response = admin_client.post(
        reverse("admin:claims_feed_changelist"), {"action": "poll_now", "_selected_action": [feed.pk]}, follow=True
    )
    assert "169.254.169.254, a private or reserved address" in response.text
    feed.refresh_from_db()
    assert feed.last_error


def test_import_job_changelist_query_count_does_not_grow_with_rows(admin_client):
    def make_jobs(n):
        for _ in range(n):
            import_job_create(kind="urls", source="x", entries=[ImportEntry(1, error="bad")], dispatch=False)

    make_jobs(2)
    url = reverse("admin:claims_importjob_changelist")
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    make_jobs(20)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert response.text.count('<progress class="import-progress"') == 22
    assert len(many) == len(few)
