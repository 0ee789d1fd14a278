# ruff: noqa: F811 - the fixtures imported from test_browser are pytest's arguments here
"""The admin in a real browser: readable values on the claim page, and an editor retracting a fact-check."""

from __future__ import annotations

import pytest
from django.db import connections

from claims.models import Claim, Evidence, PublicNotice, Verdict
from claims.review.services import claim_propose_verdict, claim_publish, claim_take
from tests.factories import make_article, make_claim, make_user

from .test_browser import ARTIFACTS, _log_in, _role, browser, live_server  # noqa: F401

pytestmark = pytest.mark.integration


@pytest.fixture
def published(live_server):
    reviewer = make_user("rina", is_staff=True)
    reviewer.groups.add(_role("Reviewers", "view_claim", "review_claim"))
    editor = make_user("dewi", is_staff=True)
    editor.groups.add(_role("Editors", "view_claim", "review_claim", "publish_claim"))
    publisher = make_user("bayu", is_staff=True)
    publisher.groups.add(_role("Editors", "view_claim", "review_claim", "publish_claim"))
    false, _ = Verdict.objects.get_or_create(name="False", defaults={"name_id": "Salah", "rating_value": 1})
    article = make_article(text="Menteri Budi mengatakan bahwa harga beras naik 40 persen.", language="en")
    claim = make_claim(article, start=0, end=57, checkworthiness=0.17625829276831464, flags=["missing_entity"])
    claim_take(claim=claim, user=reviewer, expected_version=claim.version)
    Evidence.objects.create(claim=claim, url="https://www.bps.go.id/harga", added_by=reviewer)
    claim_propose_verdict(
        claim=claim, user=reviewer, verdict=false, rationale="BPS says prices fell.", expected_version=claim.version
    )
    yield claim_publish(claim=claim, user=publisher, expected_version=claim.version)
    # While Playwright's loop runs, the ORM works on a connection of this context's own: close it,
    # or the test database cannot be dropped at the end of the run.
    connections.close_all()


def test_an_editor_retracts_from_the_admin_and_a_reviewer_is_told_why_not(browser, live_server, published):
    claim = published
    change = f"/admin/claims/claim/{claim.pk}/change/"

    page, alerts = _log_in(browser, live_server, "rina", change)
    assert page.inner_text(".field-checkworthiness_shown .readonly") == "Low (0.18)"
    assert page.inner_text(".field-flags_shown .readonly") == "missing entity"
    assert "0.176" not in page.inner_text("#content")
    assert page.locator("a.retractlink").count() == 0
    assert "Only editors can retract published fact-checks." in page.inner_text("#retract-unavailable")
    page.close()

    page, alerts = _log_in(browser, live_server, "dewi", change)
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"admin-claim-page-{width}.png"), full_page=True)
    page.click("a.retractlink")
    page.wait_for_url(f"**/admin/claims/claim/{claim.pk}/retract/")
    page.click("input[name=retract]")  # no reason: refused with the service's words, nothing kept
    assert "Say why the fact-check is retracted" in page.inner_text(".errornote")
    page.fill("#id_note", "The minister's statement was misquoted by the outlet.")
    page.screenshot(path=str(ARTIFACTS / "admin-retract-page-390.png"), full_page=True)
    page.click("input[name=retract]")
    page.wait_for_url(f"**{change}")
    assert "retracted" in page.inner_text("ul.messagelist")
    assert "misquoted by the outlet" in page.inner_text("#notices-group")
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.RETRACTED
    assert PublicNotice.objects.filter(claim=claim, kind="retraction").count() == 1

    page.goto(f"{live_server.url}/fact-checks/{claim.pk}/")
    assert "misquoted by the outlet" in page.inner_text("#retraction-notice")
    assert alerts == []
