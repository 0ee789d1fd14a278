"""Published fact-checks on the desk in a real browser: a reviewer confirms one, adds it as evidence in
one click, and rejects another, which disappears."""

from __future__ import annotations

import datetime

import pytest
from django.db import connections

from claims.models import Evidence, FactCheckMatch
from tests.factories import make_article, make_claim, make_fact_check, make_fact_check_match, make_user

from .test_browser import _log_in, _role, browser, live_server  # noqa: F401 - the fixtures

pytestmark = pytest.mark.integration


def test_a_reviewer_confirms_a_fact_check_adds_it_as_evidence_and_rejects_another(live_server, browser):  # noqa: F811
    try:
        _confirm_add_and_reject(live_server, browser)
    finally:
        # The ORM ran on a connection of Playwright's context: close it, or the test database cannot be dropped.
        connections.close_all()


def _confirm_add_and_reject(live_server, browser):  # noqa: F811
    reviewer = make_user("rina", is_staff=True)
    reviewer.groups.add(_role("Reviewers", "view_claim", "review_claim"))
    text = "Menteri Budi mengatakan bahwa Indonesia akan menghentikan impor beras mulai Juni 2025."
    claim = make_claim(make_article(text=text, language="id"), start=text.index("Indonesia"), end=len(text) - 1)
    english = make_fact_check(
        url="https://factcheck.example/rice-imports",
        publisher="Example Fact Check",
        claim_reviewed="Indonesia will stop importing rice from June 2025.",
        rating_label="Misleading",
        review_date=datetime.date(2025, 1, 20),
        language="en",
    )
    covered = make_fact_check_match(claim, english, score=0.83)
    wrong = make_fact_check_match(claim, make_fact_check(publisher="Unrelated Check"), score=0.55)
    claim_path = f"/review/claims/{claim.pk}/"

    page, alerts = _log_in(browser, live_server, "rina", claim_path)
    banner = page.locator("#fact-checks")
    heading = banner.locator(f"#fact-check-{covered.pk} h3 a")
    assert " ".join(heading.inner_text().split()) == (
        "Already checked by Example Fact Check on Jan. 20, 2025: Misleading"
    )
    assert heading.get_attribute("href") == english.url
    assert heading.get_attribute("rel") == "noopener noreferrer"
    page.keyboard.press("a")  # assign to me: adding evidence is the claim's reviewer's
    page.wait_for_selector("#review-status:text('In review')")

    page.locator(f"#fact-check-{covered.pk} button[name=confirm_fact_check]").click()
    added = page.locator(f"#fact-check-{covered.pk} button[name=fact_check_evidence]")
    added.wait_for()
    assert "confirmed by rina" in page.inner_text(f"#fact-check-{covered.pk}")
    added.click()
    page.wait_for_selector(f"ul.evidence a[href='{english.url}']")
    assert page.inner_text(f"ul.evidence a[href='{english.url}']") == "Fact-check by Example Fact Check: Misleading"
    assert page.locator(f"#fact-check-{covered.pk} button[name=fact_check_evidence]").count() == 0, "one click, once"
    assert "In the evidence" in page.inner_text(f"#fact-check-{covered.pk}")

    page.locator(f"#fact-check-{wrong.pk} button[name=reject_fact_check]").click()
    page.wait_for_selector(f"#fact-check-{wrong.pk}", state="detached")
    assert "Unrelated Check" not in page.content()
    assert page.locator(f"#fact-check-{covered.pk}").count() == 1
    assert not alerts, alerts
    page.close()

    assert list(Evidence.objects.filter(claim=claim).values_list("url", flat=True)) == [english.url]
    decided = {match.pk: (match.confirmed, match.decided_by_id) for match in FactCheckMatch.objects.all()}
    assert decided == {covered.pk: (True, reviewer.pk), wrong.pk: (False, reviewer.pk)}
