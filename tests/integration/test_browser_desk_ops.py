"""In a browser: an import that fails looks failed; a text article keeps its outlet; the dashboard draws charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connections

from tests.factories import make_user

from .test_browser import _log_in, browser, live_server  # noqa: F401

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
