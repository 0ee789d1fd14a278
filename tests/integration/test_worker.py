"""An article ingested through the command is extracted by a real worker via Redis."""

import pytest
from django.core.management import call_command

from claims.models import Article

from ..conftest import SAMPLE_ARTICLE
from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_extracts_an_article_ingested_by_the_command(start_worker):
    worker = start_worker()
    call_command("ingest", str(SAMPLE_ARTICLE), "--lang", "id", "--published", "2025-02-04")
    article = Article.objects.get()
    assert article.status == Article.Status.QUEUED, "with a broker the command does not extract in-process"

    def extracted():
        article.refresh_from_db()
        return article.status == Article.Status.DONE

    wait_for(extracted, timeout=60, what="the worker to extract the article", worker=worker)
    claims = article.claims.select_related("speaker")
    assert claims.count() > 0
    assert any(c.speaker and c.speaker.canonical_name == "Mousa Abu Marzouk" for c in claims)
    assert all(article.text[c.start : c.end] == c.content for c in claims)
