"""Shared fixtures. Extraction tests run without Django; the rest use pytest-django."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_ARTICLE = Path(__file__).resolve().parent.parent / "claims" / "fixtures" / "tribunnews-hamas-rusia.txt"


@pytest.fixture(autouse=True)
def _django_test_settings(request):
    """Unit tests run tasks in-process, raising their errors, and speak plain HTTP, whatever the environment configures.

    With DEBUG off the app redirects to HTTPS, and with a broker configured tasks would
    go to Redis; the integration tests drive real workers in subprocesses instead. Each test
    caches under a key prefix of its own: with Redis as the cache, tests neither see each
    other's entries nor touch a user's, and nothing is ever flushed.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from factcheck.celery import app

    settings = request.getfixturevalue("settings")
    settings.SECURE_SSL_REDIRECT = False
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    settings.CACHES = {
        alias: {**conf, "KEY_PREFIX": f"{conf.get('KEY_PREFIX', '')}test-{uuid.uuid4().hex}"}
        for alias, conf in settings.CACHES.items()
    }
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates


@pytest.fixture(autouse=True)
def _fresh_vector_indexes():
    """Each test's vector indexes load from its own database state, not from a rolled-back test's."""
    import sys

    loaded = sys.modules.get("claims.matching.vectors")
    if loaded is not None:
        loaded.reset()
    yield


@pytest.fixture
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")
