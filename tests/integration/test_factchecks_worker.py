"""Fact-checks imported through the command are fetched by a real worker and sent on to matching."""

import re
from pathlib import Path

import pytest

from claims.models import FactCheck, ImportItem, ImportJob

from ..conftest import FIXTURES
from ..httpserver import page, serve
from .conftest import wait_for

pytestmark = pytest.mark.integration

FETCH_HERE = {"FACTCHECK_FETCH_ALLOW_HOSTS": "localhost", "FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS": "0"}


def test_a_worker_imports_fact_check_pages_and_queues_their_matching(stack):
    routes = {
        "/hoaks": page((FIXTURES / "factchecks" / "cekfakta-hoaks-graph.html").read_bytes()),
        "/roundup": page((FIXTURES / "factchecks" / "roundup-several-reviews.html").read_bytes()),
    }
    with serve(routes) as server:
        worker = stack.start_worker(env=FETCH_HERE)
        result = stack.manage(
            "import_factchecks", server.url("/hoaks"), server.url("/roundup"), "--wait", env=FETCH_HERE
        )
    assert "2 item(s): 2 stored new or changed fact-checks" in result.stdout
    assert ImportJob.objects.get().kind == ImportJob.Kind.FACT_CHECKS
    assert set(ImportItem.objects.values_list("status", flat=True)) == {ImportItem.Status.STORED}
    assert sorted(FactCheck.objects.values_list("rating_label", flat=True)) == ["False", "Hoaks", "Misleading"]
    wait_for(
        lambda: "claims.tasks.match_fact_checks_task" in _received(worker),
        timeout=30,
        what="the fact-checks to be sent to matching",
        stack=stack,
    )
    assert "claims.tasks.ingest_fact_check_items_task" in _received(worker)
    assert "claims.tasks.ingest_items_task" not in _received(worker), "no fact-check page goes to the article importer"


def _received(worker) -> set[str]:
    return set(re.findall(r"Task ([\w.]+)\[[\w-]+\] received", Path(worker.log_path).read_text()))
