"""The fact-check admin and the import_factchecks command: browse, import from pages and DataFeeds, report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import FactCheck, Feed, ImportJob

from .conftest import FIXTURES
from .factories import make_user
from .httpserver import page, serve

pytestmark = pytest.mark.django_db

PAGES = FIXTURES / "factchecks"
IMPORT = "admin:claims_factcheck_import"


@pytest.fixture
def web(settings, monkeypatch):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost"]
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 0
    monkeypatch.setattr("claims.dispatch.fact_checks_matching_send", lambda *ids: True)
    routes = {
        "/hoaks": page((PAGES / "cekfakta-hoaks-graph.html").read_bytes()),
        "/false": page((PAGES / "factcheck-false-microdata.html").read_bytes()),
        "/no-review": page((PAGES / "no-claimreview.html").read_bytes()),
        "/datafeed.json": page((PAGES / "datafeed.json").read_bytes(), "application/ld+json"),
    }
    with serve(routes) as server:
        yield server


def _fact_check(**fields) -> FactCheck:
    values = {
        "url": "https://cek.example/a",
        "publisher": "Cek Fakta Nusantara",
        "claim_reviewed": "Video banjir di Jalan Sudirman terjadi pada Januari 2025.",
        "rating_label": "Hoaks",
        "language": "id",
        **fields,
    }
    return FactCheck.objects.create(**values)


def test_the_list_shows_publisher_claim_rating_date_and_language_and_searches(admin_client):
    _fact_check()
    _fact_check(
        url="https://desk.example/b",
        publisher="Global Fact Desk",
        claim_reviewed="The WHO said so.",
        rating_label="False",
        language="en",
    )
    listing = admin_client.get(reverse("admin:claims_factcheck_changelist")).text
    for text in ("Cek Fakta Nusantara", "Video banjir di Jalan Sudirman", "Hoaks", "Global Fact Desk", "False"):
        assert text in listing, text
    assert reverse(IMPORT) in listing, "the import page is linked from the list"
    found = admin_client.get(reverse("admin:claims_factcheck_changelist"), {"q": "WHO"}).text
    assert "Global Fact Desk" in found and "Video banjir" not in found
    filtered = admin_client.get(reverse("admin:claims_factcheck_changelist"), {"language": "id"}).text
    assert "Video banjir" in filtered and "The WHO said so" not in filtered


def test_a_fact_check_page_is_read_only(admin_client):
    fact_check = _fact_check(appearances=["https://fb.example/p/1"])
    detail = admin_client.get(reverse("admin:claims_factcheck_change", args=[fact_check.pk])).text
    assert 'name="_save"' not in detail and 'name="claim_reviewed"' not in detail
    assert 'href="https://fb.example/p/1"' in detail
    assert admin_client.get(reverse("admin:claims_factcheck_add")).status_code == 403


def test_importing_pages_from_the_admin_leads_to_the_job(admin_client, web, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(IMPORT), {"urls": f"{web.url('/hoaks')}\n{web.url('/no-review')}\n"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:claims_importjob_change", args=[job.pk])
    assert job.kind == ImportJob.Kind.FACT_CHECKS
    assert FactCheck.objects.get().rating_label == "Hoaks"
    job_page = admin_client.get(response.url).text
    assert "Import started: 2 items." in job_page
    assert "the page has no ClaimReview markup" in job_page
    assert "Done, with failures" in job_page
    link = reverse("admin:claims_factcheck_change", args=[FactCheck.objects.get().pk])
    assert f'<a href="{link}">Cek Fakta Nusantara: Video banjir' in job_page, "each item links what it stored"


def test_uploading_a_datafeed_imports_each_element(admin_client, web, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("feed.json", (PAGES / "datafeed.json").read_bytes(), "application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(IMPORT), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.source == "feed.json"
    assert job.items.count() == 4 and FactCheck.objects.count() == 2


def test_a_datafeed_url_is_fetched_and_imported(admin_client, web, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(IMPORT), {"feed_url": web.url("/datafeed.json")})
    assert response.status_code == 302
    assert FactCheck.objects.count() == 2


def test_an_unreadable_upload_is_reported_and_imports_nothing(admin_client):
    upload = SimpleUploadedFile("feed.json", b"{not json")
    response = admin_client.post(reverse(IMPORT), {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "Nothing was imported: the feed is not JSON" in response.text
    assert not ImportJob.objects.exists()


def test_the_import_form_wants_exactly_one_source(admin_client):
    upload = SimpleUploadedFile("feed.json", b"[]")
    response = admin_client.post(reverse(IMPORT), {"urls": "https://cek.example/a", "file": upload})
    assert "Give exactly one of" in response.text
    assert "Give exactly one of" in admin_client.post(reverse(IMPORT), {}).text
    assert not ImportJob.objects.exists()


def test_only_people_allowed_to_import_reach_the_import_page(client):
    reviewer = make_user(role="reviewer")
    client.force_login(reviewer)
    assert client.get(reverse(IMPORT)).status_code == 403


def test_the_feed_admin_shows_and_edits_the_kind(admin_client):
    response = admin_client.post(
        reverse("admin:claims_feed_add"),
        {"url": "https://cek.example/feed.xml", "kind": "fact_checks", "interval_minutes": 60, "active": "on"},
    )
    assert response.status_code == 302
    feed = Feed.objects.get()
    assert feed.kind == Feed.Kind.FACT_CHECKS
    listing = admin_client.get(reverse("admin:claims_feed_changelist")).text
    assert "Fact-checks (pages with ClaimReview)" in listing


def _command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_factchecks", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None


def test_the_command_imports_pages_and_reports_each_failure(web):
    out, err, error = _command(web.url("/false"), web.url("/no-review"), "missing-file.json")
    assert error == "2 input(s) failed; see the errors above"
    assert "missing-file.json: no such file, and not an http(s) URL" in err
    assert f"#2 {web.url('/no-review')}: the page has no ClaimReview markup" in err
    assert "2 item(s): 1 stored new or changed fact-checks, 0 unchanged, 0 waiting to be fetched, 1 failed" in out
    assert FactCheck.objects.get().rating_label == "False"


def test_the_command_reads_datafeed_files_and_urls_and_counts_repeats(web, tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes((PAGES / "datafeed.json").read_bytes())
    out, err, error = _command(str(path))
    assert error == "2 input(s) failed; see the errors above", err
    assert "4 item(s): 2 stored new or changed fact-checks" in out
    out, err, error = _command("--datafeed", web.url("/datafeed.json"))
    assert "4 item(s): 0 stored new or changed fact-checks, 2 unchanged" in out
    assert FactCheck.objects.count() == 2


def test_the_command_reports_an_unreadable_feed(tmp_path, web):
    path = tmp_path / "bad.json"
    path.write_text("[1, 2")
    out, err, error = _command(str(path), web.url("/hoaks"))
    assert f"{path}: the feed is not JSON" in err
    assert error == "1 input(s) failed; see the errors above"
    assert FactCheck.objects.count() == 1
