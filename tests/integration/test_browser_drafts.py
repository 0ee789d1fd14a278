# ruff: noqa: F811 - the fixtures imported from test_browser are pytest's arguments here
"""Nothing a reviewer types is lost: a login that ran out, a closed tab or a refused step give the text
back on the claim page, and a stored one is not put back again."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from claims.models import Claim, ClaimNote
from claims.review.services import claim_take
from tests.factories import make_claim

from .test_browser import _log_in, browser, live_server  # noqa: F401
from .test_browser_workflow import _verdicts, people  # noqa: F401

pytestmark = pytest.mark.integration
Status = Claim.ReviewStatus
RATIONALE = "BPS shows rice prices fell in January; the minister compared it with a year before."


def test_a_rationale_typed_before_the_login_ran_out_comes_back_after_logging_in(browser, live_server, people):
    reviewer, _, _ = people
    false, _ = _verdicts()
    claim = claim_take(claim=make_claim(checkworthiness=0.9), user=reviewer, expected_version=1)
    page, alerts = _log_in(browser, live_server, "rina", f"/review/claims/{claim.pk}/")
    page.select_option("#propose-verdict", str(false.pk))
    page.fill("#propose-rationale", RATIONALE)
    Session.objects.all().delete()  # the session ends while the reviewer writes
    page.click("button[name=propose]")
    page.wait_for_url("**/admin/login/**")
    page.fill("#id_username", "rina")
    page.fill("#id_password", "pw-for-test-only")
    page.click("input[type=submit]")
    page.wait_for_url(f"**/review/claims/{claim.pk}/**")
    page.wait_for_selector(".draft-notice")
    assert page.input_value("#propose-rationale") == RATIONALE
    assert page.input_value("#propose-verdict") == str(false.pk)
    claim.refresh_from_db()
    assert claim.review_status == Status.IN_REVIEW, "nothing was proposed while logged out"

    page.click("button[name=propose]")
    page.wait_for_selector("text=Done: verdict proposed")
    claim.refresh_from_db()
    assert (claim.review_status, claim.rationale) == (Status.VERDICT_PROPOSED, RATIONALE)
    # Stored: the draft is gone, a later visit does not offer the text again.
    page.reload()
    assert page.query_selector(".draft-notice") is None
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('factcheck:draft:'))") == []
    assert alerts == []


def test_a_note_left_unsent_is_put_back_and_can_be_discarded(browser, live_server, people):
    reviewer, _, _ = people
    claim = make_claim(checkworthiness=0.9)
    page, _ = _log_in(browser, live_server, "rina", f"/review/claims/{claim.pk}/")
    page.fill("#note-text", "Ask BPS for the January table.")
    page.goto("about:blank")  # the reviewer leaves the page unsent, then comes back to it
    other = page
    other.goto(f"{live_server.url}/review/claims/{claim.pk}/")
    other.wait_for_selector("#note-form + .draft-notice, .draft-notice")
    assert other.input_value("#note-text") == "Ask BPS for the January table."
    other.click(".discard-draft")
    assert other.input_value("#note-text") == ""
    other.reload()
    assert other.query_selector(".draft-notice") is None
    assert other.input_value("#note-text") == ""
    assert not ClaimNote.objects.exists()


def test_a_draft_belongs_to_its_claim_and_its_user(browser, live_server, people):
    reviewer, editor, _ = people
    first, second = make_claim(checkworthiness=0.9), make_claim(checkworthiness=0.8)
    page, _ = _log_in(browser, live_server, "rina", f"/review/claims/{first.pk}/")
    page.fill("#note-text", "Only for the first claim.")
    page.goto(f"{live_server.url}/review/claims/{second.pk}/")
    assert page.input_value("#note-text") == ""
    assert page.query_selector(".draft-notice") is None
    # Another person on the same browser does not get it either.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/?next=/review/claims/{first.pk}/")
    page.fill("#id_username", "dewi")
    page.fill("#id_password", "pw-for-test-only")
    page.click("input[type=submit]")
    page.wait_for_url(f"**/review/claims/{first.pk}/")
    assert page.input_value("#note-text") == ""
    assert page.query_selector(".draft-notice") is None
