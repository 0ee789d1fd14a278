"""In a browser: an import that fails looks failed; a text article keeps its outlet; the dashboard draws charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connections

from tests.factories import make_user

from .test_browser import ARTIFACTS, _log_in, _role, browser, live_server  # noqa: F401

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).resolve().parents[2] / "claims" / "fixtures" / "tribunnews-hamas-rusia.txt"


@pytest.fixture
def boss(transactional_db):
    user = make_user("boss", is_staff=True, is_superuser=True)
    yield user
    connections.close_all()


def test_a_failed_import_looks_failed_and_its_page_is_read_only(live_server, browser, boss):  # noqa: F811
    page, alerts = _log_in(browser, live_server, "boss", "/admin/claims/importjob/add/")
    assert ".txt" in page.inner_text("#content-main") and "feed" in page.inner_text("#content-main")
    page.fill("#id_urls", "not a url\nftp://files.example/x\n")
    page.click("input[name=_save]")
    page.wait_for_url("**/change/")
    state = page.locator(".field-progress_bar .import-state")
    assert state.get_attribute("data-state") == "failed"
    assert page.inner_text(".field-progress_bar .import-state-label") == "Failed"
    assert "0 ok" in state.inner_text() and "2 failed" in state.inner_text()
    label_colour = page.eval_on_selector(
        ".field-progress_bar .import-state-label", "e => getComputedStyle(e).backgroundColor"
    )
    bar_colour = page.eval_on_selector(".field-progress_bar progress", "e => getComputedStyle(e).accentColor")
    assert label_colour == bar_colour == "rgb(186, 33, 33)", "failure is drawn in red, not the progress blue"
    assert "not an http(s) URL" in page.inner_text(".field-errors")
    assert page.locator("input[name=_save], input[name=_continue], input[name=_addanother]").count() == 0
    assert page.locator("a.deletelink").count() == 0
    assert alerts == []


def test_an_uploaded_text_article_keeps_its_dateline_outlet_on_the_desk(live_server, browser, boss):  # noqa: F811
    page, alerts = _log_in(browser, live_server, "boss", "/admin/claims/importjob/add/")
    page.set_input_files("#id_file", str(SAMPLE))
    page.click("input[name=_save]")
    page.wait_for_url("**/change/")
    assert page.locator(".field-progress_bar .import-state").get_attribute("data-state") == "done"
    page.goto(f"{live_server.url}/review/")
    outlets = page.locator("tr.claim-row td:nth-child(3)").all_inner_texts()
    assert outlets and set(outlets) == {"Tribunnews"}
    assert alerts == []


def _state_count(page, label: str) -> str:
    return page.inner_text(f"table.by-state tr:has(th:text-is('{label}')) td")


def test_the_dashboard_draws_charts_and_is_fresh_after_a_step(live_server, browser, settings):  # noqa: F811
    from tests.factories import make_article, make_claim, make_outlet, make_published_claim

    settings.FACTCHECK_DASHBOARD_CACHE_SECONDS = 600
    try:
        from claims.models import Verdict

        Verdict.objects.get_or_create(name="False", defaults={"name_id": "Salah", "rating_value": 1})
        _role("Reviewers", "view_claim", "review_claim")
        _role("Editors", "view_claim", "review_claim", "publish_claim")
        reviewer = make_user("rina", role="reviewer")
        make_published_claim(article=make_article(outlet=make_outlet(name="Kompas")))
        make_published_claim(article=make_article())  # an article with no outlet
        claim = make_claim(checkworthiness=0.9)
        assert reviewer.pk

        page, alerts = _log_in(browser, live_server, "rina", "/review/dashboard/")
        page.wait_for_selector("figure.dashboard-chart.drawn")
        assert page.locator("figure.dashboard-chart.drawn").count() == 5, "every chart is drawn"
        sizes = page.eval_on_selector_all("figure.drawn canvas", "cs => cs.map(c => [c.width, c.height])")
        assert all(width > 100 and height > 100 for width, height in sizes)
        assert page.evaluate("typeof window.Chart") == "function", "Chart.js came from the app's static files"
        unknown = page.inner_text("tr.unknown")
        assert "Unknown outlet" in unknown and "1" in unknown
        assert _state_count(page, "In review") == "0"
        page.locator("details summary").first.click()
        assert page.locator("table.per-day tbody tr").count() == 30, "the chart's table is there to read"

        page.goto(f"{live_server.url}/review/claims/{claim.pk}/")
        page.keyboard.press("a")  # assign to me
        page.wait_for_selector("#review-status:text('In review')")
        page.goto(f"{live_server.url}/review/dashboard/")
        assert _state_count(page, "In review") == "1", "the reviewer's own step shows at once"
        page.wait_for_selector("figure.dashboard-chart.drawn")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-dashboard.png"), full_page=True)
        assert alerts == [], "nothing refused by the Content-Security-Policy"
    finally:
        connections.close_all()
