import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.ingest.articles import article_ingest
from claims.ingest.extract import article_extract
from claims.ingest.jobs import import_job_create
from claims.ingest.sources import ImportEntry
from claims.models import Article, Claim, Feed, ImportJob, Outlet, Speaker, Verdict

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
        "ok": 0,
        "state": "failed",
        "state_label": "Failed",
        "text": "0 ok (0 extracted, 0 already stored), 2 failed, 0 in progress, of 2 · 100% processed",
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
            import_job_create(kind="urls", source="x", entries=[ImportEntry(1, error="bad")], queue=False)

    make_jobs(2)
    url = reverse("admin:claims_importjob_changelist")
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    make_jobs(20)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert response.text.count('<progress class="import-progress"') == 22
    assert len(many) == len(few)


def _claims_with_everything(count):
    from .factories import make_user

    outlet, verdict, reviewer = make_outlet(), Verdict.objects.get(name="False"), make_user(role="reviewer")
    for _ in range(count):
        article = make_article(outlet=outlet)
        speaker = make_speaker(f"Speaker {article.pk}")
        make_claim(article, speaker=speaker, assignee=reviewer, verdict=verdict)


def _changelist_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:claims_claim_changelist"), params)
    assert response.status_code == 200
    return len(queries)


def test_claim_changelist_query_count_does_not_grow_with_rows(admin_client):
    _claims_with_everything(2)
    few = _changelist_queries(admin_client)
    filtered_few = _changelist_queries(admin_client, review_status="new")
    _claims_with_everything(18)
    assert Claim.objects.count() == 20
    assert _changelist_queries(admin_client) == few
    assert _changelist_queries(admin_client, review_status="new") == filtered_few


def test_claim_changelist_shows_verdict_and_reviewer(admin_client):
    _claims_with_everything(1)
    page = admin_client.get(reverse("admin:claims_claim_changelist")).text
    claim = Claim.objects.get()
    assert '<td class="field-verdict nowrap">False</td>' in page
    assert f'<td class="field-assignee nowrap">{claim.assignee.username}</td>' in page


def test_csv_export_streams_the_selected_claims_with_formulas_defused(admin_client):
    import csv
    import io

    article = make_article(
        text='=HYPERLINK("http://evil.example","klik") kata dia, "harga naik".', url="https://a.example/1"
    )
    claim = make_claim(article, start=0, end=38, speaker_text="Budi, juru bicara")
    other = make_claim()
    response = admin_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "export_csv", "_selected_action": [claim.pk, other.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [int(row["id"]) for row in rows] == [claim.pk, other.pk]
    assert rows[0]["content"] == "'" + claim.content
    assert rows[0]["speaker_text"] == "Budi, juru bicara"
    assert rows[0]["article_url"] == "https://a.example/1"
    assert rows[0]["review_status"] == "new"


def test_csv_export_costs_one_query_whatever_the_rows(admin_client):
    from claims.exports import claims_csv

    _claims_with_everything(3)
    with CaptureQueriesContext(connection) as queries:
        lines = list(claims_csv(Claim.objects.all()))
    assert len(lines) == 4
    assert len(queries) == 1


# What the change page's read-only inlines (evidence, history) send back with the form.
INLINES = {
    f"{prefix}-{field}": value
    for prefix in ("evidence", "events")
    for field, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0), ("MIN_NUM_FORMS", 0), ("MAX_NUM_FORMS", 1000))
}


def _taken_by(user):
    from claims.review.services import claim_take

    return claim_take(claim=make_claim(), user=user, expected_version=1)


def test_correcting_a_claim_in_the_admin_records_history_and_keeps_the_original(admin_client, admin_user):
    claim = _taken_by(admin_user)
    extracted = claim.content
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(url, {"content": "Harga beras naik.", "speaker": "", "seen_version": 2, **INLINES})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.content, claim.original_content, claim.version) == ("Harga beras naik.", extracted, 3)
    assert list(claim.events.values_list("action", flat=True)) == ["take", "edit"]
    page = admin_client.get(url).text
    assert "Harga beras naik." in page and "history" in page.lower()


def test_a_stale_admin_edit_is_refused_with_a_message(admin_client, admin_user):
    claim = _taken_by(admin_user)
    Claim.objects.filter(pk=claim.pk).update(version=5, content="changed by someone else")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(url, {"content": "my edit", "speaker": "", "seen_version": 2, **INLINES})
    assert response.status_code == 200
    assert "you saw version 2, it is now at version 5" in response.text
    claim.refresh_from_db()
    assert claim.content == "changed by someone else"


def test_a_new_or_published_claim_cannot_be_corrected_in_the_admin(admin_client):
    from .factories import make_published_claim

    for claim in (make_claim(), make_published_claim()):
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        admin_client.post(url, {"content": "rewritten", "speaker": "", "seen_version": claim.version, **INLINES})
        before = claim.content
        claim.refresh_from_db()
        assert claim.content == before


def _action(client, action, claims):
    return client.post(
        reverse("admin:claims_claim_changelist"), {"action": action, "_selected_action": [c.pk for c in claims]}
    )


def test_bulk_assign_to_me_and_not_a_claim(client):
    from .factories import make_user

    reviewer = make_user(role="reviewer")
    client.force_login(reviewer)
    first, second = make_claim(), make_claim()
    taken_by_other = _taken_by(make_user(role="reviewer"))
    response = _action(client, "assign_to_me", [first, taken_by_other])
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.assignee == reviewer
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages[0] == "1 claim(s) assigned to you."
    assert "is already reviewing this claim" in messages[1]
    _action(client, "mark_not_a_claim", [second])
    second.refresh_from_db()
    assert second.review_status == Claim.ReviewStatus.NOT_A_CLAIM


def test_bulk_mark_duplicate_points_at_the_oldest_selected(admin_client):
    original, copy, another = make_claim(), make_claim(), make_claim()
    _action(admin_client, "mark_duplicate", [another, original, copy])
    assert set(Claim.objects.filter(duplicate_of=original).values_list("pk", flat=True)) == {copy.pk, another.pk}
    original.refresh_from_db()
    assert original.review_status == Claim.ReviewStatus.NEW


def test_review_actions_need_a_review_role(client):
    from .factories import make_user

    viewer = make_user(is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    page = client.get(reverse("admin:claims_claim_changelist")).text
    assert "export_csv" in page
    assert "assign_to_me" not in page


def test_speaker_and_checkworthiness_filters(admin_client):
    speaker = make_speaker("Sri Mulyani")
    by_speaker = make_claim(speaker=speaker, checkworthiness=0.9)
    nobody = make_claim(checkworthiness=0.1)
    url = reverse("admin:claims_claim_changelist")

    def listed(**params):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return {c.pk for c in response.context["cl"].result_list}

    assert listed(speaker=speaker.pk) == {by_speaker.pk}
    assert listed(speaker="none") == {nobody.pk}
    assert listed(checkworthy="high") == {by_speaker.pk}
    assert listed(checkworthy="low") == {nobody.pk}
    assert f'href="?speaker={speaker.pk}"' in admin_client.get(url).text


def test_review_fields_cannot_be_set_from_the_admin_form(admin_client, admin_user):
    claim = _taken_by(admin_user)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    verdict = Verdict.objects.get(name="True")
    admin_client.post(
        url,
        {"content": claim.content, "seen_version": 2, "review_status": "published", "verdict": verdict.pk, **INLINES},
    )
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.IN_REVIEW
    assert claim.verdict is None


def test_the_admin_lets_edit_exactly_whom_the_edit_step_allows(client):
    from .factories import make_user

    reviewer, other = make_user(role="reviewer"), make_user(role="reviewer")
    claim = _taken_by(reviewer)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client.force_login(reviewer)
    assert '<textarea name="content"' in client.get(url).text
    client.force_login(other)
    assert '<textarea name="content"' not in client.get(url).text
    client.post(url, {"content": "rewritten by someone else", "seen_version": 2, **INLINES})
    claim.refresh_from_db()
    assert claim.content != "rewritten by someone else"


def test_a_correction_the_service_refuses_while_saving_is_reported_and_nothing_is_kept(
    admin_client, admin_user, monkeypatch
):
    import dataclasses

    from django.contrib.admin.models import LogEntry
    from django.core.exceptions import ValidationError

    from claims.review import admin as claim_admin

    def refuse(**kwargs):
        raise ValidationError("The claim is “Published”: “Edited it” is not possible now.")

    monkeypatch.setattr(claim_admin, "EDIT", dataclasses.replace(claim_admin.EDIT, service=refuse))
    claim = _taken_by(admin_user)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(url, {"content": "too late", "speaker": "", "seen_version": 2, **INLINES}, follow=True)
    assert "“Edited it” is not possible now." in response.text
    claim.refresh_from_db()
    assert claim.content != "too late"
    assert not LogEntry.objects.exists()


def test_a_feed_address_with_credentials_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:claims_importjob_add"), {"feed_url": "https://rina:pw@news.example/rss"}
    )
    assert "holds a user name or password" in response.text
    response = admin_client.post(
        reverse("admin:claims_feed_add"), {"url": "https://rina:pw@news.example/rss", "interval_minutes": 30}
    )
    assert response.status_code == 200 and "holds a user name or password" in response.text
    assert not Feed.objects.exists()


def test_an_editor_who_corrects_a_proposed_claim_in_the_admin_cannot_then_publish_it(admin_client, admin_user):
    from django.core.exceptions import ValidationError

    from claims.review.services import claim_propose_verdict, claim_publish

    from .factories import make_user

    reviewer = make_user(role="reviewer")
    claim = _taken_by(reviewer)
    claim_propose_verdict(
        claim=claim, user=reviewer, verdict=Verdict.objects.get(name="False"), rationale="BPS.", expected_version=2
    )
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    admin_client.post(url, {"content": "Harga beras naik.", "speaker": "", "seen_version": 3, **INLINES})
    claim.refresh_from_db()
    assert (claim.content, claim.review_status, claim.proposed_by) == ("Harga beras naik.", "in_review", None)
    with pytest.raises(ValidationError, match="not possible now"):
        claim_publish(claim=claim, user=admin_user, expected_version=claim.version)


def test_the_admin_refuses_an_impossible_claim_date(admin_client, admin_user):
    claim = _taken_by(admin_user)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = {"content": claim.content, "speaker": "", "seen_version": 2, **INLINES}
    response = admin_client.post(url, {**data, "claim_date": "9999-12-31"})
    assert response.status_code == 200
    assert "9999-12-31 is not plausible." in response.text
    admin_client.post(url, {**data, "claim_date": "2025-02-03"})
    claim.refresh_from_db()
    assert claim.claim_date == datetime.date(2025, 2, 3)
    assert claim.events.last().changes == {"claim_date": [None, "2025-02-03"]}


@pytest.mark.parametrize(
    "query", ["created_at__year=0", "created_at__year=10000", "claim_date__year=0", "claim_date__gte=0000-01-01"]
)
def test_an_impossible_date_in_the_claim_list_is_a_bad_lookup_not_a_server_error(admin_client, query):
    make_claim()
    url = reverse("admin:claims_claim_changelist")
    response = admin_client.get(f"{url}?{query}")
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


def test_the_date_drill_down_past_year_9999_is_a_bad_lookup(admin_user, rf):
    from claims.review.admin import ClaimAdmin

    class DrillDown(ClaimAdmin):
        date_hierarchy = "created_at"

    def drill_down(year):
        request = rf.get("/admin/claims/claim/", {"created_at__year": year})
        request.user = admin_user
        return DrillDown(Claim, admin.site).changelist_view(request)

    make_claim()
    response = drill_down("9999")
    assert (response.status_code, response["Location"]) == (302, "/admin/claims/claim/?e=1")
    assert drill_down("2025").status_code == 200


@pytest.mark.parametrize("year", ["0", "9999", "10000"])
def test_an_impossible_year_in_the_article_list_is_a_bad_lookup_not_a_server_error(admin_client, year):
    make_claim()
    url = reverse("admin:claims_article_changelist")
    response = admin_client.get(url, {"created_at__year": year})
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")
    assert admin_client.get(url, {"created_at__year": "2025"}).status_code == 200
