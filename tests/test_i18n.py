"""The interface in Indonesian and English: a complete catalog, pages in the reader's language, the
switcher and a reviewer's remembered choice, verdict labels in the page's language everywhere."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from claims.models import Claim, DashboardCount, ReviewerProfile
from claims.review.languages import reviewer_language, reviewer_language_set
from claims.review.summaries import EPOCH, Metric

from .factories import make_article, make_claim, make_outlet, make_published_claim, make_user

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "id" / "LC_MESSAGES"
# What `make messages` passes to makemessages (see the Makefile).
MAKEMESSAGES = ["makemessages", "-l", "id", "--no-obsolete", "--add-location=file"] + [
    f"--ignore={name}" for name in (".venv", "staticfiles", "tests", "bench", "var")
]


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def _po():
    with open(CATALOG / "django.po", "rb") as f:
        return read_po(f, locale="id")


def _messages(catalog) -> dict:
    """{(context, msgid): translation}, a plural's translations as a tuple."""
    messages = {}
    for m in catalog:
        if m.id:
            key = (m.context, m.id if isinstance(m.id, str) else m.id[0])
            messages[key] = m.string if isinstance(m.string, str) else tuple(m.string)
    return messages


# The catalog.


def test_every_text_of_the_catalog_is_translated_and_none_is_fuzzy():
    catalog = _po()
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy: Django would skip it"
    messages = [m for m in catalog if m.id]
    assert len(messages) > 300
    untranslated = [m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    assert untranslated == []
    assert [m.id for m in messages if m.fuzzy] == []


def test_the_committed_mo_is_what_the_po_compiles_to():
    with open(CATALOG / "django.mo", "rb") as f:
        compiled = _messages(read_mo(f))
    source = _messages(_po())
    assert compiled == source


def test_the_catalog_keeps_the_placeholders_of_each_text():
    import re

    placeholder = re.compile(r"%\([a-z_]+\)[sdr]|%%")
    for message in _po():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert sorted(placeholder.findall(string)) == sorted(placeholder.findall(ids[-1])), message.id


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (GNU gettext) is not installed")
def test_makemessages_finds_no_text_missing_from_the_committed_catalog(tmp_path):
    copy = tmp_path / "factcheck"
    for name in ("claims", "factcheck", "templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "FACTCHECK_ENV_FILE": os.devnull, "FACTCHECK_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES], cwd=copy, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with open(copy / "locale" / "id" / "LC_MESSAGES" / "django.po", "rb") as f:
        found = _messages(read_po(f, locale="id"))
    committed = _messages(_po())
    missing = sorted(key for key in found if key not in committed)
    assert missing == [], "texts not in locale/id/LC_MESSAGES/django.po: run `make messages` and translate them"


# Pages in the reader's language.


@pytest.fixture
def desk(db):
    """A published fact-check (verdict False / Salah) on an English article with an outlet, a 1234-claim total."""
    article = make_article(
        text="The minister said rice prices rose 40 percent.",
        language="en",
        published_date=datetime.date(2025, 2, 4),
        outlet=make_outlet(name="Kompas"),
    )
    claim = make_published_claim(article=article, start=0, end=46)
    DashboardCount.objects.update_or_create(
        metric=Metric.STATUS, day=EPOCH, key=Claim.ReviewStatus.NOT_A_CLAIM, defaults={"n": 1234}
    )
    return claim


def _pages(claim):
    return {
        "queue": reverse("review:queue") + "?queue=published",
        "claim": reverse("review:claim", args=[claim.pk]),
        "dashboard": reverse("review:dashboard"),
        "public list": reverse("factchecks:list"),
        "public page": reverse("factchecks:claim", args=[claim.pk]),
    }


@pytest.mark.parametrize(
    ("accept", "verdict", "other_verdict", "texts", "other_texts"),
    [
        ("id", "Salah", "False", {"queue": "Antrean", "claim": "Riwayat", "dashboard": "Dasbor",
                                  "public list": "Cek fakta", "public page": "Temuan kami"},
         ["History", "What we found", "Dashboard</h1>"]),
        ("en", "False", "Salah", {"queue": "Queue", "claim": "History", "dashboard": "Dashboard",
                                  "public list": "Fact-checks", "public page": "What we found"},
         ["Riwayat", "Temuan kami", "Dasbor"]),
    ],
)  # fmt: skip
def test_pages_speak_the_browsers_language_and_name_the_verdict_in_it(
    client, desk, accept, verdict, other_verdict, texts, other_texts
):
    client.force_login(make_user(role="editor"))
    for name, url in _pages(desk).items():
        page = client.get(url, headers={"accept-language": accept})
        assert page.status_code == 200, name
        html = page.text
        assert f'<html lang="{accept}">' in html, name
        assert texts[name] in html, name
        assert verdict in html, f"the verdict in the page's language on the {name}"
        assert f">{other_verdict}<" not in html and f"{other_verdict}</" not in html, name
        assert not any(text in html for text in other_texts), name


def test_dates_and_numbers_follow_the_pages_language(client, desk):
    client.force_login(make_user(role="editor"))
    public = reverse("factchecks:claim", args=[desk.pk])
    indonesian = client.get(public, headers={"accept-language": "id"}).text
    english = client.get(public, headers={"accept-language": "en"}).text
    assert '<dd id="claim-when"><time datetime="2025-02-04">4 Feb. 2025</time></dd>' in indonesian
    assert '<dd id="claim-when"><time datetime="2025-02-04">Feb. 4, 2025</time></dd>' in english
    assert '"datePublished": "2025-02-04"' in indonesian, "JSON-LD stays ISO"
    dashboard = reverse("review:dashboard")
    assert "<td>1.234</td>" in client.get(dashboard, headers={"accept-language": "id"}).text
    assert "<td>1,234</td>" in client.get(dashboard, headers={"accept-language": "en"}).text


def test_the_step_buttons_and_refusals_are_in_the_pages_language(client, db):
    reviewer = make_user(role="reviewer")
    claim = make_claim()
    client.force_login(reviewer)
    page = client.get(reverse("review:claim", args=[claim.pk]), headers={"accept-language": "id"}).text
    assert ">Tugaskan ke saya (a)</button>" in page
    client.post(
        reverse("review:act", args=[claim.pk, "take"]), {"version": claim.version}, headers={"accept-language": "id"}
    )
    stale = client.post(
        reverse("review:act", args=[claim.pk, "take"]), {"version": claim.version}, headers={"accept-language": "id"}
    )
    assert stale.status_code == 409
    assert "Orang lain telah mengubah klaim ini" in stale.text


# The switcher and a reviewer's remembered choice.


def _log_in(client, user):
    """Through the login form, as a person does (the login signal brings their language back)."""
    answer = client.post(reverse("admin:login"), {"username": user.username, "password": "pw-for-test-only"})
    assert answer.status_code == 302, answer.text


def test_every_desk_and_public_page_has_a_language_switcher_that_needs_no_script(client, desk):
    client.force_login(make_user(role="editor"))
    for name, url in _pages(desk).items():
        html = client.get(url).text
        switcher = html.split('<form class="language-switcher" method="post" action="/i18n/setlang/">')[1]
        switcher = switcher.split("</form>")[0]
        assert 'name="csrfmiddlewaretoken"' in switcher, name
        assert f'<input type="hidden" name="next" value="{url}">' in switcher.replace("&amp;", "&"), name
        assert 'name="language" value="id"' in switcher and "Bahasa Indonesia" in switcher, name
        assert 'name="language" value="en"' in switcher and "English" in switcher, name
        assert "<script" not in switcher, name


def test_a_reviewers_choice_is_remembered_across_logout_and_login(client, desk):
    reviewer = make_user(role="reviewer")
    client.force_login(reviewer)
    queue = reverse("review:queue")
    assert ">Queue</a>" in client.get(queue, headers={"accept-language": "en"}).text
    switched = client.post(reverse("set_language"), {"language": "id", "next": queue})
    assert switched.status_code == 302 and switched.url == queue
    assert reviewer_language(reviewer) == "id"
    assert ">Antrean</a>" in client.get(queue, headers={"accept-language": "en"}).text

    client.logout()
    client.cookies.clear()  # another browser, which asks for English
    _log_in(client, reviewer)
    page = client.get(queue, headers={"accept-language": "en"})
    assert ">Antrean</a>" in page.text, "the reviewer's own choice wins over the browser's"
    assert page.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "id"

    client.post(reverse("set_language"), {"language": "en", "next": queue})
    assert ReviewerProfile.objects.get(user=reviewer).language == "en"
    assert ">Queue</a>" in client.get(queue, headers={"accept-language": "id"}).text


def test_a_reviewer_without_a_choice_gets_the_browsers_language(client, db):
    reviewer = make_user(role="reviewer")
    _log_in(client, reviewer)
    assert ">Antrean</a>" in client.get(reverse("review:queue"), headers={"accept-language": "id"}).text
    assert ">Queue</a>" in client.get(reverse("review:queue"), headers={"accept-language": "en"}).text
    assert not ReviewerProfile.objects.filter(user=reviewer).exists()


def test_an_anonymous_reader_keeps_the_cookie_choice_on_public_pages(client, desk):
    listing = reverse("factchecks:list")
    client.post(reverse("set_language"), {"language": "id", "next": listing})
    page = client.get(listing, headers={"accept-language": "en"}).text
    assert "<h1>Cek fakta</h1>" in page and "Salah" in page
    assert ReviewerProfile.objects.count() == 0


def test_the_admin_speaks_indonesian_and_has_the_switcher(client, db):
    client.force_login(make_user(role="editor", is_superuser=True))
    page = client.get(reverse("admin:index"), headers={"accept-language": "id"}).text
    assert "Klaim dan tinjauan" in page, "the index title"
    assert "Keluar" in page, "Django's own Indonesian"
    assert 'class="language-switcher"' in page


def test_the_language_service_refuses_a_language_the_interface_lacks(db):
    user = make_user()
    with pytest.raises(ValueError, match="fr"):
        reviewer_language_set(user=user, language="fr")
    assert reviewer_language_set(user=user, language="id").language == "id"
    assert reviewer_language(user) == "id"


# The default language.


def _settings_value(name: str, env: dict) -> str:
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**clean, "FACTCHECK_ENV_FILE": os.devnull, **env},
        capture_output=True,
        text=True,
    )
    return (result.stdout + result.stderr).strip()


def test_english_is_the_default_and_a_newsroom_may_make_it_indonesian(tmp_path):
    var = {"FACTCHECK_VAR_DIR": str(tmp_path)}
    assert _settings_value("LANGUAGE_CODE", var).endswith("'en'")
    assert _settings_value("LANGUAGE_CODE", {**var, "FACTCHECK_LANGUAGE_CODE": "id"}).endswith("'id'")
    refused = _settings_value("LANGUAGE_CODE", {**var, "FACTCHECK_LANGUAGE_CODE": "fr"})
    assert "FACTCHECK_LANGUAGE_CODE must be id or en, not 'fr'" in refused
