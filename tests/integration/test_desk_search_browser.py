"""The desk's search, assignment picker and notes in a real browser, and the search's full-text path on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection, connections

from claims.models import Article, Claim, ClaimNote, Speaker
from claims.review.filters import ClaimFilter
from claims.review.search import _prefix_query, article_document, claim_document, search_claims, speaker_document
from tests.factories import make_article, make_claim, make_outlet, make_speaker, make_user

from .conftest import need
from .test_browser import _log_in, _role, browser, live_server  # noqa: F401

pytestmark = pytest.mark.integration

HOSTILE_NOTE = '<img src=x onerror="window.pwned=1"> Cek data BPS'


def _people():
    rina = make_user("rina", is_staff=True)
    rina.groups.add(_role("Reviewers", "view_claim", "review_claim"))
    dewi = make_user("dewi", is_staff=True)
    dewi.groups.add(_role("Editors", "view_claim", "review_claim", "publish_claim"))
    return rina, dewi


def _corpus():
    jokowi = make_speaker("Joko Widodo", aliases=["Jokowi"])
    tribun = make_outlet(name="Tribun News", domain="tribunnews.com")
    rice = make_claim(
        article=make_article(title="Harga pangan Januari", outlet=tribun),
        content="Harga beras naik 40 persen",
        speaker=jokowi,
        checkworthiness=0.8,
    )
    budget = make_claim(
        article=make_article(title="Budget debate", language="en"),
        content="The deficit is under three percent",
        checkworthiness=0.6,
    )
    return rice, budget


@pytest.mark.parametrize("rare", [1000, 0], ids=["rare words", "common words"])
@pytest.mark.django_db
def test_the_search_is_full_text_on_postgresql_and_uses_its_indexes(rare, monkeypatch):
    need(None if connection.vendor == "postgresql" else "DATABASE_URL does not point at PostgreSQL")
    # With RARE = 0 every word counts as common: matched on the row and by subqueries, not by ids.
    monkeypatch.setattr("claims.review.search.RARE", rare)
    rice, budget = _corpus()
    claims = Claim.objects.all()
    assert set(search_claims(claims, "Jokow").values_list("pk", flat=True)) == {rice.pk}, "a word's beginning"
    assert set(search_claims(claims, "pangan beras").values_list("pk", flat=True)) == {rice.pk}
    assert set(search_claims(claims, "tribunnews").values_list("pk", flat=True)) == {rice.pk}
    assert set(search_claims(claims, "deficit").values_list("pk", flat=True)) == {budget.pk}
    assert not search_claims(claims, "beras deficit").exists()
    by_alias = ClaimFilter({"speaker": "JOKOWI", "outlet": "www.tribunnews.com"}, queryset=claims)
    assert list(by_alias.qs.values_list("pk", flat=True)) == [rice.pk]
    assert not ClaimFilter({"speaker": "Jokow"}, queryset=claims).is_valid(), "an alias is a whole name"
    query = _prefix_query("beras")
    parts = {
        "claim_search_idx": Claim.objects.alias(d=claim_document()).filter(d=query),
        "speaker_search_idx": Speaker.objects.alias(d=speaker_document()).filter(d=query),
        "article_title_search_idx": Article.objects.alias(d=article_document()).filter(d=query),
    }
    for index, part in parts.items():
        sql, params = part.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


def test_search_assign_and_notes_in_a_browser(live_server, browser):  # noqa: F811
    try:
        _search_assign_and_note(live_server, browser)
    finally:
        connections.close_all()


def _search_assign_and_note(live_server, browser):  # noqa: F811
    rina, dewi = _people()
    rice, budget = _corpus()

    # An editor searches the queue; the search and the filters stay in the address and the boxes.
    page, alerts = _log_in(browser, live_server, "dewi", "/review/")
    assert page.locator("tr.claim-row").count() == 2
    page.fill("#search", "jokowi beras")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**q=jokowi+beras**")
    assert page.locator("tr.claim-row").count() == 1
    assert "Harga beras naik" in page.inner_text("tr.claim-row")
    assert page.input_value("#search") == "jokowi beras"
    page.fill("#search", "")
    page.fill("#speaker-filter", "Nobody Known")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_selector("ul.messages li.error")
    assert "There is no speaker “Nobody Known”." in page.inner_text("ul.messages")
    page.fill("#speaker-filter", "")
    page.select_option("select[name=outlet]", label="Tribun News")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**outlet=**")
    assert page.locator("tr.claim-row").count() == 1
    page.click("tr.claim-row a")

    # The editor hands the claim to rina with the picker.
    page.wait_for_selector("#assignment")
    assert page.inner_text("#assignee") == "Nobody reviews this claim yet."
    page.select_option("#assign-assignee", label="rina")
    page.click("button[name=assign]")
    page.wait_for_selector("#assignee:text('Reviewed by rina.')")
    assert page.inner_text("#review-status") == "In review"

    # A note: refused empty, kept as text (never as HTML), shown above the history.
    page.click("#add-note")  # the browser's own check refuses an empty required field first
    assert page.evaluate("document.querySelector('#note-text').validity.valueMissing")
    page.evaluate("document.querySelector('#note-text').removeAttribute('required')")
    page.fill("#note-text", "   ")
    page.click("#add-note")
    page.wait_for_selector("text=Write the note first: an empty note is not kept.")
    page.fill("#note-text", HOSTILE_NOTE)
    page.click("#add-note")
    page.wait_for_selector("ol.thread .note-text")
    assert page.inner_text("ol.thread .note-text") == HOSTILE_NOTE
    assert page.evaluate("window.pwned") is None, "a note ran as HTML"
    notes_top = page.locator("#notes").bounding_box()["y"]
    history_top = page.locator("ol.history").bounding_box()["y"]
    assert notes_top < history_top
    page.close()

    # rina finds it assigned to her, with the note.
    page, more_alerts = _log_in(browser, live_server, "rina", "/review/?queue=mine")
    assert page.locator("tr.claim-row").count() == 1
    page.click("tr.claim-row a")
    page.wait_for_selector("ol.thread")
    assert "dewi" in page.inner_text("ol.thread")
    assert page.locator("#assign-form").count() == 0, "reviewers do not assign others"
    assert not alerts and not more_alerts
    rice.refresh_from_db()
    assert (rice.assignee, rice.version) == (rina, 2)
    assert list(ClaimNote.objects.values_list("text", flat=True)) == [HOSTILE_NOTE]
