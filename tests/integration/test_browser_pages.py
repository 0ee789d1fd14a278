"""Every desk, public and admin page in a real browser, at 1440 and 390 px, in English and Indonesian.

Each page is saved as a full-page screenshot (in $FACTCHECK_SCREENSHOTS, by default
artifacts/screenshots/<page>-<width>-<lang>.png) for people to look at, must not scroll sideways
on a phone, and must pass axe-core with no serious or critical violation. The figures of each page
(its width and the violations found) are written beside the screenshots as <page>-<lang>.json.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from claims.ingest.jobs import import_job_create
from claims.ingest.sources import ImportEntry
from claims.models import Claim, ImportItem, ImportJob, Verdict
from claims.review.services import (
    claim_assign,
    claim_note_add,
    claim_propose_verdict,
    claim_publish,
    claim_reopen,
    claim_take,
    evidence_add,
)
from tests.factories import (
    make_article,
    make_claim,
    make_fact_check,
    make_fact_check_match,
    make_outlet,
    make_speaker,
    make_user,
)

from . import test_browser
from .conftest import need
from .test_browser import _missing_browser, _role, launch

# The browser tests' own server (plain HTTP, started after the settings it needs).
live_server = test_browser.live_server

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("FACTCHECK_SCREENSHOTS") or ROOT / "artifacts" / "screenshots")
WIDTHS = (1440, 390)
LANGUAGES = ("en", "id")
REVIEWER_PERMS = ("view_claim", "view_article", "view_speaker", "view_verdict", "view_outlet", "change_claim")

# Long words and long addresses are what push a phone layout sideways.
URL = (
    "https://www.tribunnews.com/internasional/2025/02/04/hamas-tegaskan-tidak-akan-menyerahkan-senjata-"
    "kepada-siapa-pun-sebelum-negara-palestina-merdeka-berdiri?utm_source=whatsapp&utm_medium=share"
)
TEXT = (
    "TRIBUNNEWS.COM - Juru bicara Kementerian Perdagangan, Budi Santoso, mengatakan bahwa harga beras "
    "premium naik 40 persen sejak Januari karena ketidakseimbangan pasokan antarprovinsi. Menurut dia, "
    "pemerintah akan menggelontorkan 1,5 juta ton cadangan beras pemerintah ke pasar tradisional "
    "sebelum Ramadan. Sementara itu, Kepala Badan Pusat Statistik menyebut inflasi pangan Januari "
    "tercatat 0,41 persen secara bulanan."
)


@pytest.fixture(scope="module")
def chromium():
    """One browser for the module; each page gets a context of its own (cookies, locale, viewport)."""
    need(_missing_browser())
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API runs an event loop in this thread; the ORM calls here stay synchronous.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()


def _verdict(name: str, name_id: str, value: int | None) -> Verdict:
    return Verdict.objects.get_or_create(name=name, defaults={"name_id": name_id, "rating_value": value})[0]


def _newsroom() -> dict:
    """A day's desk: a queue of claims at every stage, an import job with a failure, a corrected fact-check."""
    false, misleading = _verdict("False", "Salah", 1), _verdict("Misleading", "Menyesatkan", 2)
    reviewers = _role("Reviewers", *REVIEWER_PERMS, "review_claim")
    editors = _role("Editors", *REVIEWER_PERMS, "review_claim", "publish_claim")
    rina = make_user("rina", is_staff=True, first_name="Rina", last_name="Wulandari")
    rina.groups.add(reviewers)
    dewi = make_user("dewi", is_staff=True, first_name="Dewi", last_name="Lestari")
    dewi.groups.add(editors)
    make_user("redaksi", is_staff=True, is_superuser=True)

    tribun = make_outlet(name="Tribunnews.com", domain="tribunnews.com")
    kompas = make_outlet(name="Kompas.com", domain="kompas.com")
    budi = make_speaker("Budi Santoso")
    article = make_article(
        title="Harga beras premium naik 40 persen, pemerintah gelontorkan cadangan",
        text=TEXT,
        url=URL,
        outlet=tribun,
        published_date=date(2025, 2, 4),
    )
    sentences = [TEXT.index("harga beras"), TEXT.index("pemerintah akan"), TEXT.index("inflasi pangan")]
    ends = [TEXT.index(" karena"), TEXT.index(" sebelum Ramadan"), len(TEXT) - 1]
    in_review = make_claim(
        article,
        start=sentences[0],
        end=ends[0],
        speaker=budi,
        cue="mengatakan",
        checkworthiness=0.91,
        claim_date=date(2025, 2, 4),
        kind="indirect",
    )
    proposed = make_claim(
        article,
        start=sentences[1],
        end=ends[1],
        speaker=budi,
        cue="menurut",
        checkworthiness=0.62,
        claim_date=date(2025, 2, 4),
        kind="indirect",
    )
    make_claim(
        article,
        start=sentences[2],
        end=ends[2],
        speaker_text="Kepala Badan Pusat Statistik",
        checkworthiness=0.31,
        kind="assertion",
    )
    english = make_article(
        title="Rice imports to stop by June, minister says",
        text="Trade minister Budi Santoso said that Indonesia would stop importing rice by June 2025.",
        url="https://www.kompas.com/read/2025/02/05/rice-imports",
        outlet=kompas,
        language="en",
    )
    make_claim(
        english,
        start=english.text.index("Indonesia"),
        end=len(english.text) - 1,
        speaker=budi,
        cue="said",
        checkworthiness=0.77,
        kind="indirect",
    )
    for n in range(4):
        queued = make_claim(make_article(outlet=kompas), checkworthiness=0.2 + 0.15 * n)
    make_fact_check_match(queued, make_fact_check(publisher="Kompas Cek Fakta"), score=0.71)  # marked in the queue
    already_checked = _already_checked(rina, tribun, budi)

    claim_take(claim=in_review, user=rina, expected_version=in_review.version)
    evidence_add(
        claim=in_review,
        user=rina,
        url="https://www.bps.go.id/id/statistics-table/2/NTAw/rata-rata-harga-"
        "beras-bulanan-di-tingkat-penggilingan-menurut-kualitas.html",
        title="BPS: harga beras bulanan",
        expected_version=in_review.version,
    )
    in_review.refresh_from_db()
    claim_note_add(claim=in_review, user=rina, text="Angka 40 persen tidak ada di tabel BPS; cek data Bapanas.")

    claim_assign(claim=proposed, user=dewi, assignee=rina, expected_version=proposed.version)
    proposed.refresh_from_db()
    evidence_add(
        claim=proposed,
        user=rina,
        url="https://bulog.co.id/cadangan-beras-pemerintah",
        title="Bulog: cadangan beras pemerintah",
        expected_version=proposed.version,
    )
    proposed.refresh_from_db()
    claim_propose_verdict(
        claim=proposed,
        user=rina,
        verdict=misleading,
        expected_version=proposed.version,
        rationale="Bulog menyalurkan 1,5 juta ton sepanjang tahun, bukan sebelum Ramadan.",
    )

    corrected = make_claim(english, start=0, end=english.text.index(" said"), speaker=budi, checkworthiness=0.83)
    claim_take(claim=corrected, user=rina, expected_version=corrected.version)
    evidence_add(
        claim=corrected,
        user=rina,
        url="https://www.bps.go.id/en/exim/rice",
        title="BPS: rice imports 2024",
        expected_version=corrected.version,
    )
    corrected.refresh_from_db()
    claim_propose_verdict(
        claim=corrected,
        user=rina,
        verdict=false,
        expected_version=corrected.version,
        rationale="Customs data show imports continuing through the year.",
    )
    claim_publish(claim=corrected, user=dewi, expected_version=corrected.version)
    claim_reopen(
        claim=corrected,
        user=dewi,
        note="A reader sent the ministry's revised plan.",
        expected_version=corrected.version,
    )
    corrected.refresh_from_db()
    claim_take(claim=corrected, user=rina, expected_version=corrected.version)
    claim_propose_verdict(
        claim=corrected,
        user=rina,
        verdict=misleading,
        expected_version=corrected.version,
        rationale="The plan stops imports of medium rice only; premium imports go on.",
    )
    claim_publish(
        claim=corrected,
        user=dewi,
        expected_version=corrected.version,
        notice="The ministry's plan covers medium rice only: the verdict is now Misleading.",
    )

    job = import_job_create(
        kind=ImportJob.Kind.FILE,
        source="tribunnews-2025-02-04.jsonl",
        entries=[
            ImportEntry(1, payload={"text": TEXT, "lang": "id"}),
            ImportEntry(2, error="line 2: 'lang' must be id or en, not 'fr'"),
            ImportEntry(3, url="https://www.tribunnews.com/nasional/2025/02/04/a-page-that-answered-404-not-found"),
        ],
        user=dewi,
        queue=False,
    )
    job.items.filter(position=1).update(status=ImportItem.Status.DUPLICATE, article=article)
    job.items.filter(position=3).update(status=ImportItem.Status.FAILED, error="HTTP 404 from www.tribunnews.com")
    Claim.objects.filter(pk=in_review.pk).update(created_at=in_review.created_at - timedelta(days=3))
    return {
        "in_review": in_review,
        "proposed": proposed,
        "corrected": corrected,
        "job": job,
        "already_checked": already_checked,
    }


def _already_checked(rina, outlet, speaker) -> Claim:
    """A claim under review that other fact-checkers covered: one confirmed in English, one to decide."""
    text = (
        "Menteri Budi Santoso mengatakan bahwa Indonesia akan menghentikan impor beras mulai Juni 2025 "
        "karena stok cadangan beras pemerintah sudah mencapai 4 juta ton."
    )
    article = make_article(title="Impor beras dihentikan Juni", text=text, url=URL + "&p=2", outlet=outlet)
    claim = make_claim(
        article,
        start=text.index("Indonesia"),
        end=text.index(" karena"),
        speaker=speaker,
        cue="mengatakan",
        checkworthiness=0.88,
        kind="indirect",
    )
    claim_take(claim=claim, user=rina, expected_version=claim.version)
    english = make_fact_check(
        url="https://www.factcheck.example/2025/01/indonesia-will-not-stop-rice-imports-in-june-"
        "minister-claim-misrepresented-by-viral-posts-on-whatsapp-and-facebook?utm_source=feed",
        publisher="Example Fact Check International",
        claim_reviewed="Indonesia will stop importing rice from June 2025.",
        rating_label="Misleading",
        review_date=date(2025, 1, 20),
        language="en",
        claim_author="Viral posts on WhatsApp",
    )
    make_fact_check_match(
        claim,
        english,
        score=0.83,
        confirmed=True,
        decided_by=rina,
        reasons=["meaning 0.912 (id / en)", "same speaker +0.1", "numbers agree: 2025"],
    )
    local = make_fact_check(
        publisher="Tempo Cek Fakta",
        claim_reviewed="Pemerintah menghentikan impor beras mulai Juni 2025.",
        rating_label="Keliru",
        review_date=date(2025, 1, 28),
    )
    make_fact_check_match(claim, local, score=0.64, reasons=["meaning 0.874", "numbers agree: 2025"])
    return claim


# page name -> (who looks at it, where it is)
PAGES = {
    "queue": ("rina", lambda data: reverse("review:queue")),
    "claim-reviewer": ("rina", lambda data: reverse("review:claim", args=[data["in_review"].pk])),
    "claim-editor": ("dewi", lambda data: reverse("review:claim", args=[data["proposed"].pk])),
    "claim-already-checked": ("rina", lambda data: reverse("review:claim", args=[data["already_checked"].pk])),
    "dashboard": ("dewi", lambda data: reverse("review:dashboard")),
    "import-jobs": ("redaksi", lambda data: reverse("admin:claims_importjob_changelist")),
    "import-job": ("redaksi", lambda data: reverse("admin:claims_importjob_change", args=[data["job"].pk])),
    "public-list": (None, lambda data: reverse("factchecks:list")),
    "public-claim": (None, lambda data: reverse("factchecks:claim", args=[data["corrected"].pk])),
    "locked-out": (None, lambda data: reverse("admin:login")),
    "admin-claims": ("redaksi", lambda data: reverse("admin:claims_claim_changelist")),
    "admin-claim": ("redaksi", lambda data: reverse("admin:claims_claim_change", args=[data["in_review"].pk])),
    "admin-claim-already-checked": (
        "redaksi",
        lambda data: reverse("admin:claims_claim_change", args=[data["already_checked"].pk]),
    ),
}
# The admin's claim list must fit the area beside its sidebar and filters, not scroll inside it.
TABLE_FIT = """() => ({
  table: Math.ceil(document.querySelector("#result_list").getBoundingClientRect().width),
  area: Math.floor(document.querySelector("#changelist-form .results").clientWidth),
})"""


def _context(browser, server, *, lang: str, username: str | None):
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": 900}, locale=lang, extra_http_headers={"Accept-Language": lang}
    )
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": server.url}]
    if username:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server.url})
    context.add_cookies(cookies)
    return context


def _show(page, server, name: str, path: str) -> None:
    if name != "locked-out":
        response = page.goto(f"{server.url}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        return
    # Wrong passwords until the login is refused: the page that says why, and until when.
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        page.goto(f"{server.url}{path}")
        page.fill("#id_username", "rina")
        page.fill("#id_password", "not-the-password")
        with page.expect_navigation() as navigation:
            page.click("input[type=submit]")
        if navigation.value.status == 429:
            return
    pytest.fail("the login never locked out")


def _serious(results: dict) -> list[dict]:
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_fits_a_phone_and_passes_axe(live_server, chromium, name, lang):
    try:
        _check_page(live_server, chromium, name, lang)
    finally:
        # The ORM ran on a connection of Playwright's context: close it, or the test database cannot be dropped.
        connections.close_all()


def _check_page(server, browser, name: str, lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    data = _newsroom()
    username, where = PAGES[name]
    context = _context(browser, server, lang=lang, username=username)
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figures, problems = {}, []
    axe = Axe()
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            _show(page, server, name, where(data))
            if name == "dashboard":  # the charts are drawn after the page loads
                page.wait_for_selector("figure.drawn")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{lang}.png"), full_page=True)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            table = page.evaluate(TABLE_FIT) if name == "admin-claims" else None
            # What the page itself asked for and the policy refused; axe's own probes come after.
            problems += [f"{width} px: {message}" for message in refused]
            results = axe.run(page).response
            refused.clear()
            figures[width] = {
                "scroll_width": scroll_width,
                "table": table,
                "violations": [
                    {"id": v["id"], "impact": v["impact"], "nodes": [", ".join(n["target"]) for n in v["nodes"]]}
                    for v in results["violations"]
                ],
            }
            if scroll_width > width:
                problems.append(f"{width} px: the page is {scroll_width} px wide")
            if table and width >= 1024 and table["table"] > table["area"]:
                problems.append(f"{width} px: the claim table is {table['table']} px wide in a {table['area']} px area")
            problems += [
                f"{width} px: axe {v['id']} ({v['impact']}): {v['help']} at "
                + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
                for v in _serious(results)
            ]
    finally:
        (SCREENSHOTS / f"{name}-{lang}.json").write_text(json.dumps(figures, indent=1))
        context.close()
    assert not problems, "\n".join(problems)


def test_keyboard_focus_and_the_selected_queue_row_are_visible(live_server, chromium):
    try:
        _focus_and_selection(live_server, chromium)
    finally:
        connections.close_all()


def _focus_and_selection(server, browser) -> None:
    _newsroom()
    context = _context(browser, server, lang="en", username="rina")
    page = context.new_page()
    page.goto(f"{server.url}{reverse('review:queue')}")
    style = "(element, property) => getComputedStyle(element).getPropertyValue(property)"
    cell = page.locator("tr.claim-row").nth(1).locator("td").first
    plain = cell.evaluate(style, "background-color")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator("tr.selected").count() == 1
    assert cell.evaluate("td => td.parentElement.classList.contains('selected')")
    assert cell.evaluate(style, "background-color") != plain, "the selected row is tinted"
    assert "inset" in cell.evaluate(style, "box-shadow"), "and marked on its edge, not by colour alone"

    page.keyboard.press("Tab")  # the first stop: the link that skips to the content, shown when focused
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert focused[0] == "A" and focused[1] == "solid" and focused[2] >= 2, focused
    context.close()
