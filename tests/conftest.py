"""Shared fixtures. Extraction tests run without Django; the rest use pytest-django."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_ARTICLE = Path(__file__).resolve().parent.parent / "claims" / "fixtures" / "tribunnews-hamas-rusia.txt"


@pytest.fixture(autouse=True)
def _plain_http_in_tests(request):
    """With DEBUG off the app redirects to HTTPS; the test client speaks plain HTTP."""
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").SECURE_SSL_REDIRECT = False


@pytest.fixture
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")
