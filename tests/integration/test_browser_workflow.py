# ruff: noqa: F811 - the fixtures imported from test_browser are pytest's arguments here
"""The desk's workflow answers in a real browser: kept input on a conflict, an empty verdict menu, published
fact-checks that stay online, refusals with their reasons, queue navigation with its filters, evidence."""

from __future__ import annotations

import pytest
from django.db import connections

from claims.models import Claim, Evidence, Verdict
from claims.review.services import claim_edit, claim_propose_verdict, claim_publish, claim_take
from tests.factories import make_article, make_claim, make_outlet, make_speaker, make_user

from .test_browser import _log_in, _role, browser, live_server  # noqa: F401

pytestmark = pytest.mark.integration
Status = Claim.ReviewStatus


@pytest.fixture
def people(live_server):
    reviewer = make_user("rina", is_staff=True)
    reviewer.groups.add(_role("Reviewers", "view_claim", "review_claim"))
    editor = make_user("dewi", is_staff=True)
    editor.groups.add(_role("Editors", "view_claim", "review_claim", "publish_claim"))
    other_editor = make_user("bayu", is_staff=True)
    other_editor.groups.add(_role("Editors", "view_claim", "review_claim", "publish_claim"))
    yield reviewer, editor, other_editor
    # While Playwright's loop runs, the ORM works on a connection of this context's own: close it,
    # or the test database cannot be dropped at the end of the run.
    connections.close_all()


def _verdicts():
    false, _ = Verdict.objects.get_or_create(name="False", defaults={"name_id": "Salah", "rating_value": 1})
    true, _ = Verdict.objects.get_or_create(name="True", defaults={"name_id": "Benar", "rating_value": 5})
    return false, true


def _published(reviewer, editor, **fields):
    false, _ = _verdicts()
    article = make_article(
        text="Menteri Budi mengatakan bahwa harga beras naik 40 persen.",
        url="https://news.example/beras",
        title="Harga beras naik",
        language="en",
        outlet=make_outlet(name="Tribunnews"),
    )
    claim = make_claim(article, start=0, end=57, speaker=make_speaker("Budi Santoso"), **fields)
    claim_take(claim=claim, user=reviewer, expected_version=claim.version)
    Evidence.objects.create(claim=claim, url="https://www.bps.go.id/harga", title="BPS: harga beras", added_by=reviewer)
    claim_propose_verdict(
        claim=claim, user=reviewer, verdict=false, rationale="BPS says prices fell.", expected_version=claim.version
    )
    return claim_publish(claim=claim, user=editor, expected_version=claim.version)


def test_a_stale_proposal_keeps_the_typed_rationale_and_resubmits(browser, live_server, people):
    reviewer, editor, _ = people
    false, _ = _verdicts()
    claim = claim_take(claim=make_claim(checkworthiness=0.9), user=reviewer, expected_version=1)
    page, _ = _log_in(browser, live_server, "rina", f"/review/claims/{claim.pk}/")
    # While the reviewer writes, an editor corrects the claim: the page's version is now stale.
    claim_edit(claim=claim, user=editor, expected_version=claim.version, content="Harga beras naik 40%.", speaker=None)
    rationale = ("BPS shows rice prices fell in January; the minister's figure is a year-on-year rise. " * 4)[:280]
    page.select_option("#propose-verdict", str(false.pk))
    page.fill("#propose-rationale", rationale)
    page.click("button[name=propose]")
    page.wait_for_selector("#conflict")
    assert page.input_value("#propose-rationale") == rationale, "the typed rationale came back empty"
    assert page.input_value("#propose-verdict") == str(false.pk)
    assert "Harga beras naik 40%." in page.inner_text("#conflict"), "what changed since"
    assert page.inner_text("table.theirs-yours th >> nth=1") == "Theirs (version 3)"
    assert page.inner_text("table.theirs-yours tr:has-text('Rationale') td.yours") == rationale.strip()
    page.click("button[name=propose]")
    page.wait_for_selector("text=Done: verdict proposed")
    claim.refresh_from_db()
    assert (claim.review_status, claim.rationale) == (Status.VERDICT_PROPOSED, rationale.strip())


def test_proposing_without_choosing_a_verdict_sends_none(browser, live_server, people):
    reviewer, _, _ = people
    _verdicts()
    claim = claim_take(claim=make_claim(checkworthiness=0.9), user=reviewer, expected_version=1)
    page, _ = _log_in(browser, live_server, "rina", f"/review/claims/{claim.pk}/")
    assert page.input_value("#propose-verdict") == "", "the menu starts on a verdict nobody chose"
    page.fill("#propose-rationale", "BPS says prices fell.")
    page.click("button[name=propose]")
    assert page.evaluate("document.getElementById('propose-verdict').validity.valueMissing")
    # The browser kept the form: nothing was sent, nothing proposed.
    page.wait_for_timeout(300)
    claim.refresh_from_db()
    assert (claim.review_status, claim.verdict_id) == (Status.IN_REVIEW, None)


def test_reopening_keeps_the_public_page_online_with_its_notice(browser, live_server, people):
    reviewer, editor, other_editor = people
    claim = _published(reviewer, editor)
    page, _ = _log_in(browser, live_server, "bayu", f"/review/claims/{claim.pk}/")
    page.fill("#reopen-note", "New BPS figures came out.")
    page.click("button[name=reopen]")
    page.wait_for_selector("text=Done: reopened")
    public = page.goto(f"{live_server.url}/fact-checks/{claim.pk}/")
    assert public.status == 200
    assert page.inner_text("#verdict-badge") == "False"
    assert "New BPS figures came out." in page.inner_text("#notices")
    feed = page.goto(f"{live_server.url}/claimreview.json").json()
    assert [item["item"]["url"] for item in feed["dataFeedElement"]] == [f"{live_server.url}/fact-checks/{claim.pk}/"]
    assert feed["dataFeedElement"][0]["dateModified"] > feed["dataFeedElement"][0]["dateCreated"]


def test_the_desk_says_why_an_editor_cannot_publish_their_own_proposal(browser, live_server, people):
    _, editor, _ = people
    false, _ = _verdicts()
    claim = claim_take(claim=make_claim(checkworthiness=0.9), user=editor, expected_version=1)
    Evidence.objects.create(claim=claim, url="https://www.bps.go.id/harga", added_by=editor)
    claim_propose_verdict(claim=claim, user=editor, verdict=false, rationale="BPS.", expected_version=2)
    page, _ = _log_in(browser, live_server, "dewi", f"/review/claims/{claim.pk}/")
    assert page.locator("button[name=publish]").count() == 0
    assert "You proposed this verdict; another editor must publish it" in page.inner_text("#publish-unavailable")
    # A POST made anyway (a stale tab, a script) is refused with the reason, not a bare 403 page.
    response = page.request.post(
        f"{live_server.url}/review/claims/{claim.pk}/publish/",
        form={
            "version": str(claim.version),
            "csrfmiddlewaretoken": page.input_value("input[name=csrfmiddlewaretoken]"),
        },
        headers={"Referer": page.url},
    )
    assert response.status == 403 and "You proposed this verdict; another editor must publish it" in response.text()


def test_next_and_previous_keep_the_queues_filters(browser, live_server, people):
    reviewer, _, _ = people
    english = [make_claim(make_article(language="en"), checkworthiness=cw) for cw in (0.95, 0.6)]
    make_claim(make_article(language="id"), checkworthiness=0.8)
    page, _ = _log_in(browser, live_server, "rina", "/review/")
    page.goto(f"{live_server.url}/review/?queue=open&language=en")
    page.click(f"a[href^='/review/claims/{english[0].pk}/']")
    page.wait_for_url(lambda url: url.endswith(f"/review/claims/{english[0].pk}/?queue=open&language=en"))
    page.keyboard.press("j")  # before: the Indonesian claim, the next in the whole queue
    page.wait_for_url(lambda url: url.endswith(f"/review/claims/{english[1].pk}/?queue=open&language=en"))
    page.keyboard.press("k")
    page.wait_for_url(lambda url: url.endswith(f"/review/claims/{english[0].pk}/?queue=open&language=en"))


def test_publishing_needs_evidence_and_the_public_page_lists_it(browser, live_server, people):
    reviewer, _, _ = people
    false, _ = _verdicts()
    article = make_article(
        url="https://news.example/beras", title="Harga beras naik", outlet=make_outlet(name="Kompas")
    )
    claim = make_claim(article, speaker=make_speaker("Budi Santoso"))
    claim = claim_take(claim=claim, user=reviewer, expected_version=1)
    claim_propose_verdict(claim=claim, user=reviewer, verdict=false, rationale="BPS says.", expected_version=2)
    page, _ = _log_in(browser, live_server, "bayu", f"/review/claims/{claim.pk}/")
    assert page.locator("button[name=publish]").count() == 0
    assert "at least one evidence link" in page.inner_text("#publish-unavailable")
    page.fill("#evidence-url", "https://www.bps.go.id/harga-beras")
    page.fill("#evidence-title", "BPS: harga beras Januari")
    page.click("button[name=evidence]")
    page.wait_for_selector("button[name=publish]")
    page.click("button[name=publish]")
    page.wait_for_selector("text=Done: published")
    page.goto(f"{live_server.url}/fact-checks/{claim.pk}/")
    assert page.inner_text("#verdict-badge") == "False", "the verdict in the page's language"
    source = page.locator("#sources a[href='https://www.bps.go.id/harga-beras']")
    assert source.inner_text() == "BPS: harga beras Januari"
    assert page.inner_text("#claim-speaker") == "Budi Santoso"
    assert page.locator("#claim-appearance a[href='https://news.example/beras']").count() == 1
    assert "Kompas" in page.inner_text("#claim-appearance")
    assert page.inner_text("#explanation") == "BPS says."


def test_retracting_keeps_the_page_with_a_retraction_notice(browser, live_server, people, settings):
    settings.FACTCHECK_ORGANISATION_NAME = "Cek Fakta Contoh"
    settings.FACTCHECK_ORGANISATION_URL = "https://cekfakta.example.org"
    reviewer, editor, _ = people
    claim = _published(reviewer, editor)
    page, _ = _log_in(browser, live_server, "bayu", f"/review/claims/{claim.pk}/")
    page.click("summary:has-text('Retract the published fact-check')")
    page.fill("#retract-note", "The quote was misattributed.")
    page.click("button[name=retract]")
    page.wait_for_selector("text=Done: retracted")
    page.goto(f"{live_server.url}/fact-checks/{claim.pk}/")
    assert page.inner_text("#verdict-badge") == "Retracted"
    assert "The quote was misattributed." in page.inner_text("#retraction-notice")
    assert page.locator("script[type='application/ld+json']").count() == 0
    assert page.inner_text("header strong") == "Cek Fakta Contoh"
