import datetime
import re

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


# Readable values: what a person reads in the admin is words and rounded, localised figures,
# never a raw float or a stored JSON list or dict.

LONG_FLOAT = re.compile(r"\d[.,]\d{4,}")
JSON_MARKS = re.compile(r"""[\[\]{}"']""")


def _cells(html: str) -> dict[str, str]:
    """The text of every field the page shows (list columns, read-only fields, inline cells), by field name."""
    from bs4 import BeautifulSoup

    cells: dict[str, list[str]] = {}
    for element in BeautifulSoup(html, "html.parser").select('[class*="field-"]'):
        for name in element.get("class", []):
            if name.startswith("field-"):
                shown = element.select(".readonly") or [element]
                texts = [part.get_text(" ", strip=True) for part in shown]
                cells.setdefault(name.removeprefix("field-"), []).extend(texts)
    return {name: " | ".join(texts) for name, texts in cells.items()}


def _readable_page(client, url: str, json_fields: tuple[str, ...] = ()) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    cells = _cells(response.text)
    for name, text in cells.items():
        assert not LONG_FLOAT.search(text), f"{url}: {name} shows a raw float: {text}"
    for name in json_fields:
        assert name in cells, f"{url}: no {name} shown"
        assert not JSON_MARKS.search(cells[name]), f"{url}: {name} shows JSON: {cells[name]}"
    return cells


@pytest.fixture
def storied_claim(admin_user):
    """A corrected fact-check (history, notices with what changed) with flags, gaps, a repeat and long floats."""
    from claims.models import ClaimMatch

    from .factories import make_corrected_claim

    article = make_article(authors=["Rina Wulandari", "Budi Santoso"])
    claim = make_corrected_claim(
        article=article,
        checkworthiness=0.17625829276831464,
        flags=["missing_entity"],
        gaps=[12, 40],
        speaker=make_speaker("Sri Mulyani", aliases=["Menkeu Sri Mulyani", "Sri Mulyani Indrawati"]),
    )
    other = make_claim(checkworthiness=0.8123456789)
    ClaimMatch.objects.create(
        claim=claim, other=other, score=0.876543219, method="words", reasons=["same_numbers", "same speaker"]
    )
    return claim


def test_claim_pages_show_levels_rounded_scores_and_lists_as_words(admin_client, storied_claim):
    claim = storied_claim
    listed = _readable_page(admin_client, reverse("admin:claims_claim_changelist"))
    assert "Low" in listed["checkworthiness_display"] and "High" in listed["checkworthiness_display"]

    page = _readable_page(
        admin_client,
        reverse("admin:claims_claim_change", args=[claim.pk]),
        json_fields=("flags_shown", "gaps_shown", "changes_shown", "reasons_shown"),
    )
    assert page["checkworthiness_shown"] == "Low (0.18)"
    assert page["flags_shown"] == "missing entity"
    assert page["gaps_shown"] == "12, 40"
    assert page["score_shown"] == "0.88"
    assert page["reasons_shown"] == "same numbers, same speaker"
    history = page["changes_shown"]
    assert "review status: Published → Reopened" in history
    assert "verdict: False → Misleading" in history
    assert "explanation: Official statistics show the price fell. → The price fell in one province" in history


def test_article_page_shows_its_claims_levels_flags_and_authors_as_lines(admin_client, storied_claim):
    article = storied_claim.article
    url = reverse("admin:claims_article_change", args=[article.pk])
    cells = _readable_page(admin_client, url, json_fields=("flags_shown",))
    assert cells["checkworthiness_shown"] == "Low"
    assert cells["flags_shown"] == "missing entity"
    page = admin_client.get(url).text
    assert "Rina Wulandari\nBudi Santoso</textarea>" in page
    assert "[&quot;" not in page.split('name="authors"')[1].split("</textarea>")[0]


def test_speaker_aliases_are_edited_one_a_line(admin_client):
    speaker = make_speaker("Sri Mulyani", aliases=["Menkeu Sri Mulyani"])
    url = reverse("admin:claims_speaker_change", args=[speaker.pk])
    assert "Menkeu Sri Mulyani</textarea>" in admin_client.get(url).text
    response = admin_client.post(
        url,
        {"canonical_name": "Sri Mulyani", "kind": "person", "aliases": "Menkeu Sri Mulyani\n\n Sri Mulyani Indrawati "},
    )
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert speaker.aliases == ["Menkeu Sri Mulyani", "Sri Mulyani Indrawati"]


def test_notice_log_lists_notices_readably_and_nobody_writes_it_by_hand(admin_client, storied_claim):
    from claims.models import PublicNotice

    correction = PublicNotice.objects.get(claim=storied_claim, kind=PublicNotice.Kind.CORRECTION)
    listed = _readable_page(admin_client, reverse("admin:claims_publicnotice_changelist"))
    assert "Correction" in listed["kind"] and "Update" in listed["kind"]
    assert f"#{storied_claim.pk}" in listed["claim_link"]
    by_kind = admin_client.get(reverse("admin:claims_publicnotice_changelist"), {"kind__exact": "update"}).text
    assert "Update" in _cells(by_kind)["kind"] and "Correction" not in _cells(by_kind)["kind"]
    notices = reverse("admin:claims_publicnotice_changelist")
    for_claim = admin_client.get(notices, {"claim__id__exact": storied_claim.pk})
    assert for_claim.status_code == 200 and _cells(for_claim.text)["kind"].count("|") == 1  # its two notices

    change = reverse("admin:claims_publicnotice_change", args=[correction.pk])
    cells = _readable_page(admin_client, change, json_fields=("changes_shown",))
    assert "verdict: False → Misleading" in cells["changes_shown"]
    page = admin_client.get(change).text
    assert 'name="_save"' not in page and "deletelink" not in page

    assert admin_client.get(reverse("admin:claims_publicnotice_add")).status_code == 403
    assert admin_client.post(change, {"text": "rewritten", "kind": "update"}).status_code == 403
    delete = reverse("admin:claims_publicnotice_delete", args=[correction.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    actions = admin_client.get(reverse("admin:claims_publicnotice_changelist")).text
    assert "delete_selected" not in actions
    correction.refresh_from_db()
    assert correction.text == "The verdict was wrong for most provinces."


def test_claim_page_shows_its_public_notices_newest_first(admin_client, storied_claim):
    page = admin_client.get(reverse("admin:claims_claim_change", args=[storied_claim.pk])).text
    assert page.index("The verdict was wrong for most provinces.") < page.index("A reader sent the ministry")


def test_a_reviewer_reads_the_notice_log_and_the_claims_whole_record(client, storied_claim):
    from .factories import make_user

    client.force_login(make_user(role="reviewer"))
    assert client.get(reverse("admin:claims_publicnotice_changelist")).status_code == 200
    page = client.get(reverse("admin:claims_claim_change", args=[storied_claim.pk])).text
    assert "The verdict was wrong for most provinces." in page
    # and the rest of the claim's record: its sources, repeats and history
    for group in ("evidence-group", "notices-group", "matches-group", "events-group"):
        assert f'id="{group}"' in page, group


# Retracting from the admin: the registry's retract step, with its reason when refused.


def _retract(client, claim, note="The quoted figures were fabricated by the source."):
    return client.post(reverse("admin:claims_claim_retract", args=[claim.pk]), {"version": claim.version, "note": note})


def test_an_editor_retracts_a_fact_check_from_the_admin(client):
    from claims.models import PublicNotice

    from .factories import make_published_claim, make_user

    claim, standing = make_published_claim(), make_published_claim()
    client.force_login(make_user(role="editor"))
    change = reverse("admin:claims_claim_change", args=[claim.pk])
    retract = reverse("admin:claims_claim_retract", args=[claim.pk])
    assert f'href="{retract}"' in client.get(change).text
    form = client.get(retract)
    assert form.status_code == 200 and "Why it is retracted" in form.text

    response = _retract(client, claim)
    assert response.status_code == 302 and response["Location"] == change
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.RETRACTED
    notice = PublicNotice.objects.get(claim=claim)
    assert (notice.kind, notice.text) == ("retraction", "The quoted figures were fabricated by the source.")
    assert claim.events.last().action == "retract"

    public = client.get(reverse("factchecks:claim", args=[claim.pk]))
    assert public.status_code == 200
    assert 'id="retraction-notice"' in public.text and "fabricated by the source" in public.text
    assert "application/ld+json" not in public.text  # a retracted fact-check carries no ClaimReview
    feed = client.get(reverse("claimreview-feed")).json()["dataFeedElement"]
    standing_url = "http://testserver" + reverse("factchecks:claim", args=[standing.pk])
    assert [item["item"]["url"] for item in feed] == [standing_url]
    page = client.get(change).text
    assert "fabricated by the source" in page and f'href="{retract}"' not in page


def test_retracting_without_a_reason_is_refused_with_the_services_words(client):
    from .factories import make_published_claim, make_user

    claim = make_published_claim()
    client.force_login(make_user(role="editor"))
    response = _retract(client, claim, note="  ")
    assert response.status_code == 200
    assert "Say why the fact-check is retracted" in response.text
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.PUBLISHED


def test_a_stale_retraction_is_refused(client):
    from .factories import make_published_claim, make_user

    claim = make_published_claim()
    client.force_login(make_user(role="editor"))
    response = client.post(
        reverse("admin:claims_claim_retract", args=[claim.pk]), {"version": claim.version - 1, "note": "Why."}
    )
    assert response.status_code == 200 and "Someone else changed this claim" in response.text
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.PUBLISHED


def test_a_reviewer_may_not_retract_and_is_told_why(client):
    from claims.review.steps import STEPS

    from .factories import make_published_claim, make_user

    claim = make_published_claim()
    reviewer = make_user(role="reviewer")
    reason = STEPS["retract"].refusal(claim, reviewer)
    assert reason == "Only editors can retract published fact-checks."
    client.force_login(reviewer)
    retract = reverse("admin:claims_claim_retract", args=[claim.pk])
    change_page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert f'href="{retract}"' not in change_page and reason in change_page

    response = _retract(client, claim)
    assert response.status_code == 403 and reason in response.text
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.PUBLISHED
    assert not claim.notices.exists()


def test_an_unpublished_claim_has_nothing_to_retract(admin_client):
    claim = make_claim()
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert reverse("admin:claims_claim_retract", args=[claim.pk]) not in page
    response = _retract(admin_client, claim)
    assert response.status_code == 403 and "not possible now" in response.text
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.NEW
