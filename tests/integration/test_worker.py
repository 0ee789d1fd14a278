"""An article ingested through the command is extracted by a real worker via Redis."""

import re
from collections import Counter
from pathlib import Path

import pytest

from claims.models import Article, ImportItem

from ..conftest import SAMPLE_ARTICLE
from .conftest import wait_for

pytestmark = pytest.mark.integration


def test_worker_extracts_an_article_ingested_by_the_command(stack):
    stack.start_worker()
    result = stack.manage("ingest", str(SAMPLE_ARTICLE), "--lang", "id", "--published", "2025-02-04", "--wait")
    assert "1 item(s): 1 extracted" in result.stdout
    article = Article.objects.get()
    assert article.status == Article.Status.DONE
    claims = article.claims.select_related("speaker")
    assert claims.count() > 0
    assert any(c.speaker and c.speaker.canonical_name == "Mousa Abu Marzouk" for c in claims)
    assert all(article.text[c.start : c.end] == c.content for c in claims)


def test_workers_on_separate_queues_share_the_load(stack, tmp_path):
    fetcher = stack.start_worker("fetcher", queues=[stack.fetch_queue])
    extractor = stack.start_worker("extractor", queues=[stack.extract_queue])
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(f'{{"text": "Menurut polisi, {n} orang ditangkap di Bekasi.", "lang": "id"}}' for n in range(12)),
        encoding="utf-8",
    )
    stack.manage("ingest", str(batch))
    wait_for(
        lambda: Article.objects.filter(status=Article.Status.DONE).count() == 12,
        timeout=60,
        what="12 articles extracted",
        stack=stack,
    )
    assert ImportItem.objects.filter(status=ImportItem.Status.STORED).count() == 12
    # Matching is sent once the extracted claims are stored: wait for the extractor to take it.
    wait_for(
        lambda: "claims.tasks.match_claims_task" in _received(extractor),
        timeout=30,
        what="the claims to be sent to matching",
        stack=stack,
    )
    fetched = _received(fetcher)
    extracted = _received(extractor)
    assert set(fetched) == {"claims.tasks.ingest_items_task"}
    assert set(extracted) == {"claims.tasks.extract_articles_task", "claims.tasks.match_claims_task"}


def _received(worker) -> dict[str, int]:
    """Count the tasks a worker received, by name, from its log."""
    names = re.findall(r"Task ([\w.]+)\[[\w-]+\] received", Path(worker.log_path).read_text())
    return dict(Counter(names))
