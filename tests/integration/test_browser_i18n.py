# ruff: noqa: F811 - the fixtures imported from test_browser are pytest's arguments here
"""The whole flow in a real browser, in Indonesian and in English: a reviewer proposes, an editor publishes,
the public reads the fact-check; every page speaks the reviewer's, the editor's and the reader's language."""

from __future__ import annotations

import pytest

from claims.models import Verdict
from claims.review.languages import reviewer_language, reviewer_language_set
from tests.factories import make_article, make_claim, make_outlet

from .test_browser import _log_in, _role, browser, live_server  # noqa: F401
from .test_browser_workflow import people  # noqa: F401

pytestmark = pytest.mark.integration

TEXTS = {
    "id": {
        "locale": "id-ID",
        "history": "Riwayat",
        "take": "Tugaskan ke saya (a)",
        "in review": "Sedang ditinjau",
        "verdict": "Salah",
        "proposed": "Selesai: penilaian diusulkan",
        "editors only": "Terbitkan penilaian: Hanya editor yang boleh menerbitkan penilaian.",
        "published": "Terbit",
        "steps": (
            "rina mengambilnya", "rina menambahkan bukti", "rina mengusulkan penilaian", "dewi menerbitkan penilaian"
        ),
        "queue": "Antrean",
        "dashboard": "Dasbor",
        "found": "Temuan kami",
        "sources": "Sumber",
        "list": "Cek fakta",
        "when": "4 Feb. 2025",
    },
    "en": {
        "locale": "en-US",
        "history": "History",
        "take": "Assign to me (a)",
        "in review": "In review",
        "verdict": "False",
        "proposed": "Done: verdict proposed",
        "editors only": "Publish verdict: Only editors can publish verdicts.",
        "published": "Published",
        "steps": ("rina took it", "rina added evidence", "rina proposed a verdict", "dewi published the verdict"),
        "queue": "Queue",
        "dashboard": "Dashboard",
        "found": "What we found",
        "sources": "Sources",
        "list": "Fact-checks",
        "when": "Feb. 4, 2025",
    },
}  # fmt: skip


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_whole_flow_in_the_desks_language(browser, live_server, people, language):
    texts = TEXTS[language]
    reviewer, editor, _ = people
    Verdict.objects.get_or_create(name="False", defaults={"name_id": "Salah", "rating_value": 1})
    # The editor chose the language on an earlier day; the reviewer chooses it now, with the switcher.
    reviewer_language_set(user=editor, language=language)
    article = make_article(
        text="Menteri Budi mengatakan bahwa harga beras naik 40 persen.",
        url="https://news.example/beras",
        title="Harga beras naik",
        outlet=make_outlet(name="Tribunnews"),
        published_date="2025-02-04",
    )
    claim = make_claim(article, start=0, end=57, checkworthiness=0.9)
    claim_path = f"/review/claims/{claim.pk}/"

    page, alerts = _log_in(browser, live_server, "rina", claim_path)
    assert page.get_attribute("html", "lang") == "en", "the browser asks for English"
    page.click(f".language-switcher button[value={language}]")
    page.wait_for_selector(f"html[lang={language}]")
    assert page.url.endswith(claim_path), "the switcher comes back to the page"
    assert reviewer_language(reviewer) == language
    assert texts["history"] in page.inner_text("main")
    assert page.inner_text("button[name=take]") == texts["take"]
    page.click("button[name=take]")
    page.wait_for_selector(f"#review-status:text('{texts['in review']}')")
    page.fill("#evidence-url", "https://www.bps.go.id/harga-beras")
    page.fill("#evidence-title", "BPS: harga beras Januari")
    page.click("button[name=evidence]")
    page.wait_for_selector("ul.evidence a[href='https://www.bps.go.id/harga-beras']")
    page.select_option("#propose-verdict", label=texts["verdict"])
    page.fill("#propose-rationale", "BPS: harga beras turun 2 persen pada Januari.")
    page.click("button[name=propose]")
    page.wait_for_selector(f"text={texts['proposed']}")
    assert page.inner_text("#publish-unavailable") == texts["editors only"], "the refusal, where the button would be"
    page.close()

    page, more_alerts = _log_in(browser, live_server, "dewi", claim_path)
    assert page.get_attribute("html", "lang") == language, "the editor's own choice, back at login"
    page.click("button[name=publish]")
    page.wait_for_selector(f"#review-status:text('{texts['published']}')")
    assert page.inner_text(".status .verdict") == texts["verdict"]
    history = " ".join(page.inner_text(".history").split())
    for step in texts["steps"]:
        assert step in history
    page.goto(f"{live_server.url}/review/?queue=published")
    assert page.inner_text("nav a >> nth=0") == texts["queue"]
    assert page.inner_text("tr.claim-row td >> nth=-1") == texts["verdict"]
    page.goto(f"{live_server.url}/review/dashboard/")
    assert page.inner_text("h1") == texts["dashboard"]
    page.close()

    # A reader whose browser asks for the language, without logging in.
    reader = browser.new_page(locale=texts["locale"])
    reader.set_default_timeout(15_000)
    reader.goto(f"{live_server.url}/fact-checks/")
    assert reader.inner_text("h1") == texts["list"]
    assert texts["verdict"] in reader.inner_text("main li")
    reader.goto(f"{live_server.url}/fact-checks/{claim.pk}/")
    assert reader.get_attribute("html", "lang") == language
    assert reader.inner_text("#verdict-badge") == texts["verdict"]
    assert reader.inner_text("#claim-when") == texts["when"]
    headings = reader.locator("article h2").all_inner_texts()
    assert texts["found"] in headings and texts["sources"] in headings
    reader.close()
    assert not alerts and not more_alerts, "the Content-Security-Policy refused something"
