"""Logins are throttled, pages carry a Content-Security-Policy, and a login lands on the desk."""

import base64
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from .factories import make_claim, make_published_claim, make_user

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _admin_login(client, username, password, **extra):
    data = {"username": username, "password": password, "next": extra.pop("next", reverse("admin:index"))}
    return client.post(reverse("admin:login"), data, **extra)


def _basic(username, password) -> APIClient:
    client = APIClient()
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {token}")
    return client


def test_the_admin_login_locks_out_after_five_failures_even_with_the_right_password(client):
    make_user("rina", role="reviewer")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _admin_login(client, "rina", "wrong")
        assert response.status_code == 200 and "Please enter the correct username and password" in response.text
    locked = _admin_login(client, "rina", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins for this account from this address" in locked.text
    assert "refused for 15 minutes" in locked.text
    right = _admin_login(client, "rina", "pw-for-test-only")
    assert right.status_code == 429, "the right password does not open a locked account"
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_one_username_from_one_address(client):
    make_user("rina", role="reviewer")
    make_user("dewi", role="editor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _admin_login(client, "rina", "wrong")
    assert _admin_login(client, "dewi", "pw-for-test-only").status_code == 302, "another user logs in"
    elsewhere = _admin_login(client, "rina", "pw-for-test-only", REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302, "the same user from another address logs in"


def test_a_login_before_the_limit_clears_the_failures(client):
    make_user("rina", role="reviewer")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _admin_login(client, "rina", "wrong")
    assert _admin_login(client, "rina", "pw-for-test-only").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _admin_login(client, "rina", "wrong").status_code == 200


def test_basic_auth_locks_out_after_five_failures_with_the_reason():
    make_user("rina", role="reviewer")
    url = reverse("api:claim-list")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _basic("rina", "wrong").get(url)
        assert response.status_code in (401, 403)
        assert response.json()["detail"] == "Invalid username/password."
    locked = _basic("rina", "wrong").get(url)
    assert locked.status_code == 429
    assert locked.json()["detail"].startswith("Too many failed logins for this account from this address")
    assert _basic("rina", "pw-for-test-only").get(url).status_code == 429
    assert _basic("dewi", "whatever").get(url).status_code in (401, 403), "only that account is locked"


def test_a_login_whose_next_is_refused_lands_on_the_desk(client):
    make_user("rina", role="reviewer")
    response = _admin_login(client, "rina", "pw-for-test-only", next="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue")


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_pages_carry_a_policy_without_inline_scripts(client, admin_client):
    checker = make_user(role="reviewer")
    claim, published = make_claim(), make_published_claim()
    client.force_login(checker)
    pages = [
        client.get(reverse("review:queue")),
        client.get(reverse("review:claim", args=[claim.pk])),
        client.get(reverse("review:dashboard")),
        client.get(reverse("factchecks:list")),
        client.get(reverse("factchecks:claim", args=[published.pk])),
        admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])),
        admin_client.get(reverse("admin:claims_claim_changelist")),
    ]
    for response in pages:
        assert response.status_code == 200
        policy = _policy(response)
        assert policy["default-src"] == "default-src 'self'"
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert policy["object-src"] == "object-src 'none'"
        # Every script is a file of the site's own, or data (JSON-LD, json_script), which no browser runs.
        for attributes in re.findall(r"<script\b([^>]*)>", response.text):
            data = 'type="application/ld+json"' in attributes or 'type="application/json"' in attributes
            assert "src=" in attributes or data, attributes


def test_the_desk_templates_hold_no_inline_script_or_style():
    for path in [TEMPLATES / "base.html", *(TEMPLATES / "claims" / "review").glob("*.html")]:
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert "<style" not in text and "style=" not in text, path


def test_the_desk_script_is_served_and_linked(client):
    from django.contrib.staticfiles import finders

    assert finders.find("claims/desk.js") and finders.find("claims/desk.css")
    client.force_login(make_user(role="reviewer"))
    page = client.get(reverse("review:claim", args=[make_claim().pk])).text
    assert '<script src="/static/claims/desk.js" defer></script>' in page
