"""The workflow in a real browser: a reviewer takes a claim and proposes a verdict, an editor publishes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connections

from claims.models import Claim, Verdict
from tests.factories import make_article, make_claim, make_user

from .conftest import need

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
HOSTILE = 'Kata dia <img src=x onerror="window.pwned=1"> "harga beras naik 40 persen" pada Senin.'


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    return None


@pytest.fixture
def live_server(transactional_db, settings):
    """A server of this test's own, started after the settings below: pytest-django's session-wide
    one starts first, and its middleware would keep the deployment's HTTPS redirect."""
    from pytest_django.live_server_helper import LiveServer

    # Plain HTTP to the live server, whatever DEBUG says.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    server = LiveServer("localhost")
    yield server
    server.stop()
    connections.close_all()


@pytest.fixture
def browser(live_server, monkeypatch):
    need(_missing_browser())
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls here stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def launch(playwright):
    """Debian's Chromium, headless, as every browser test here runs it."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )


def _role(name: str, *codenames: str) -> Group:
    """The migration's group; a transactional test may find the tables flushed by an earlier one."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))
    return group


def _log_in(browser, live_server, username: str, next_path: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    # What the Content-Security-Policy refuses shows on the console; the pages must need nothing refused.
    page.on("console", lambda message: "Content Security Policy" in message.text and alerts.append(message.text))
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-test-only")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_path}")
    return page, alerts


def test_a_reviewer_proposes_and_an_editor_publishes_in_a_browser(live_server, browser):
    try:
        _review_and_publish(live_server, browser)
    finally:
        # While Playwright's loop runs, the ORM works on a connection of this context's own: close it,
        # or the test database cannot be dropped at the end of the run.
        connections.close_all()


def _review_and_publish(live_server, browser):
    verdict, _ = Verdict.objects.get_or_create(name="False", defaults={"name_id": "Salah", "rating_value": 1})
    reviewer = make_user("rina", is_staff=True)
    reviewer.groups.add(_role("Reviewers", "view_claim", "review_claim"))
    editor = make_user("dewi", is_staff=True)
    editor.groups.add(_role("Editors", "view_claim", "review_claim", "publish_claim"))
    article = make_article(text=HOSTILE, url="https://news.example/beras", language="id")
    start, end = HOSTILE.index("<img"), HOSTILE.index(" pada")
    claim = make_claim(article, start=start, end=end, checkworthiness=0.9)
    claim_path = f"/review/claims/{claim.pk}/"

    page, alerts = _log_in(browser, live_server, "rina", claim_path)
    assert page.inner_text("mark") == HOSTILE[start:end]
    assert page.evaluate("window.pwned") is None, "article text ran as HTML"
    page.keyboard.press("a")  # assign to me
    page.wait_for_selector("button[name=propose]")
    assert page.inner_text("#review-status") == "In review"
    page.fill("#evidence-url", "https://www.bps.go.id/harga-beras")
    page.fill("#evidence-title", "BPS: harga beras Januari")
    page.click("button[name=evidence]")
    page.wait_for_selector("ul.evidence a[href='https://www.bps.go.id/harga-beras']")
    page.select_option("#propose-verdict", str(verdict.pk))
    page.fill("#propose-rationale", "BPS: harga beras turun 2 persen pada Januari.")
    page.click("button[name=propose]")
    page.wait_for_selector("#review-status:text('Verdict proposed')")
    assert page.locator("button[name=publish]").count() == 0, "the two-person rule hides publishing from the proposer"
    page.close()

    page, more_alerts = _log_in(browser, live_server, "dewi", claim_path)
    page.click("button[name=publish]")
    page.wait_for_selector("#review-status:text('Published')")
    history = " ".join(page.inner_text(".history").split())
    for step in ("rina took it", "rina added evidence", "rina proposed a verdict", "dewi published the verdict"):
        assert step in history
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-claim-page.png"
    shot.unlink(missing_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.exists() and shot.stat().st_size > 0

    feed = json.loads(page.goto(f"{live_server.url}/claimreview.json").text())
    reviews = [element["item"] for element in feed["dataFeedElement"]]
    assert [review["url"] for review in reviews] == [f"{live_server.url}/fact-checks/{claim.pk}/"]
    assert reviews[0]["claimReviewed"] == HOSTILE[start:end]
    assert reviews[0]["reviewRating"]["alternateName"] == "Salah"
    public = page.goto(reviews[0]["url"])
    assert public.status == 200
    assert page.evaluate("window.pwned") is None
    assert not alerts and not more_alerts
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.PUBLISHED
    assert (claim.proposed_by, claim.published_by) == (reviewer, editor)
