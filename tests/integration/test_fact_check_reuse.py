"""End to end: an English fact-check already covers a claim of an Indonesian article, and the desk says so.

Everything runs as in production: the fact-check page is served by a local web server and
imported through the command and the safe fetcher by a real Celery worker; the articles are
extracted and matched by that worker (embeddings and all); a reviewer reads the banner in
Chromium, confirms the fact-check and adds it as evidence. Both orders are covered: the first
article is stored before the fact-check is imported (`fact_checks_match` finds it), the second
after (article matching finds the fact-check).
"""

from __future__ import annotations

import pytest
from django.db import connections

from claims.models import MATCH_PENDING, Article, Claim, ClaimEmbedding, Evidence, FactCheck, FactCheckMatch

from ..conftest import FIXTURES
from ..httpserver import page, serve
from .conftest import wait_for
from .test_browser import _log_in, _role, browser, live_server  # noqa: F401 - the fixtures
from .test_factchecks_worker import FETCH_HERE

pytestmark = pytest.mark.integration

REUSE = FIXTURES / "reuse"
FACT_CHECK_URL = "https://factcheck.example/covid-vaccines-infertility"  # the ClaimReview's own url


def test_an_english_fact_check_shows_on_the_desk_page_of_an_indonesian_claim(stack, live_server, browser):  # noqa: F811
    try:
        _import_extract_match_and_read(stack, live_server, browser)
    finally:
        # The ORM ran on a connection of Playwright's context: close it, or the test database cannot be dropped.
        connections.close_all()


def _import_extract_match_and_read(stack, live_server, browser):  # noqa: F811
    reviewer = _reviewer()
    routes = {"/cek/vaksin": page((REUSE / "vaccine-infertility-false.html").read_bytes())}
    with serve(routes) as server:
        stack.start_worker(env=FETCH_HERE)
        stack.manage("ingest", str(REUSE / "vaksin-kemandulan-1.txt"), "--lang", "id", "--wait")
        first = _claim_saying("menyebabkan kemandulan pada perempuan")
        # Matched, and embedded, before the fact-check arrives: the fact-check's matching must find it.
        wait_for(lambda: not Article.objects.filter(MATCH_PENDING).exists(), timeout=60, what="matching", stack=stack)
        assert ClaimEmbedding.objects.filter(claim=first).exists()

        result = stack.manage("import_factchecks", server.url("/cek/vaksin"), "--wait", env=FETCH_HERE)
        assert "1 item(s): 1 stored" in result.stdout, result.stdout
    fact_check = FactCheck.objects.get()
    assert (fact_check.url, fact_check.language, fact_check.rating_label) == (FACT_CHECK_URL, "en", "False")
    wait_for(lambda: _found(first), timeout=60, what="the imported fact-check to be matched", stack=stack)

    stack.manage("ingest", str(REUSE / "vaksin-kemandulan-2.txt"), "--lang", "id", "--wait")
    second = _claim_saying("perempuan mandul")
    wait_for(lambda: _found(second), timeout=60, what="the new article's claim to be matched", stack=stack)
    assert not FactCheckMatch.objects.exclude(claim__in=[first, second]).exists(), "no other claim is covered"

    path = f"/review/claims/{first.pk}/"
    desk, alerts = _log_in(browser, live_server, reviewer.username, path)
    match = FactCheckMatch.objects.get(claim=first)
    entry = desk.locator(f"#fact-checks #fact-check-{match.pk}")
    heading = entry.locator("h3 a")
    assert " ".join(heading.inner_text().split()) == "Already checked by Example Fact Check on Nov. 18, 2024: False"
    assert heading.get_attribute("href") == FACT_CHECK_URL
    assert "across languages" in entry.inner_text(), "why it matched says the languages differ"
    desk.keyboard.press("a")  # assign to me: adding evidence is the claim's reviewer's
    desk.wait_for_selector("#review-status:text('In review')")
    entry.locator("button[name=confirm_fact_check]").click()
    entry.locator("button[name=fact_check_evidence]").click()
    desk.wait_for_selector(f"ul.evidence a[href='{FACT_CHECK_URL}']")

    desk.goto(f"{live_server.url}/review/claims/{second.pk}/")
    assert "Already checked by Example Fact Check" in desk.inner_text("#fact-checks")
    assert not alerts, alerts
    desk.close()

    assert list(Evidence.objects.filter(claim=first).values_list("url", flat=True)) == [FACT_CHECK_URL]
    assert FactCheckMatch.objects.get(claim=first).confirmed is True


def _reviewer():
    from tests.factories import make_user

    reviewer = make_user("rina", is_staff=True)
    reviewer.groups.add(_role("Reviewers", "view_claim", "review_claim"))
    return reviewer


def _claim_saying(words: str) -> Claim:
    return Claim.objects.get(content__contains=words)


def _found(claim: Claim) -> bool:
    return FactCheckMatch.objects.filter(claim=claim, fact_check__url=FACT_CHECK_URL).exists()
