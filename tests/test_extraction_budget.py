"""The time budget: huge texts finish within it, hostile ones fail fast with a reason to act on."""

import threading
import time

import pytest

from claims.extraction import ExtractionTimeout, extract
from claims.extraction.budget import budget_check, slow_text_reason, time_budget

from .extraction_hostile import HOSTILE

NEWS = "Menteri Keuangan mengatakan bahwa inflasi turun menjadi 2,5 persen pada Januari."


@pytest.fixture(scope="module")
def two_megabyte_paragraph():
    return HOSTILE["long-paragraph-id"](2_000_000)


def test_a_two_megabyte_single_paragraph_article_finishes_within_the_default_budget(two_megabyte_paragraph):
    result = extract(**two_megabyte_paragraph)
    assert len(result.text) == 2_000_000 and len(result.claims) > 1000


def test_a_one_megabyte_single_paragraph_page_finishes_within_the_default_budget():
    result = extract(**HOSTILE["long-paragraph-page"](1_000_000))
    assert len(result.text) > 900_000 and result.claims


@pytest.mark.parametrize("kind", ["dots-id", "dots-en"])
def test_a_cue_followed_by_64k_dots_finishes_within_the_default_budget(kind):
    assert extract(**HOSTILE[kind](65_536)).claims == []


def test_an_exhausted_budget_stops_the_extraction_inside_with_the_reason(two_megabyte_paragraph):
    started = time.perf_counter()
    with pytest.raises(ExtractionTimeout) as raised:
        extract(**two_megabyte_paragraph, budget=0.05)
    assert time.perf_counter() - started < 2  # the whole extraction takes several seconds
    assert raised.value.seconds == 0.05
    assert str(raised.value) == raised.value.reason
    assert raised.value.reason == "the text has a 2.0 MB paragraph: split it into paragraphs or shorten it"


def test_a_page_that_runs_out_of_time_while_being_read_says_so():
    with pytest.raises(ExtractionTimeout, match="the page took more than 0 s to read"):
        extract(html="<html><body><p>" + NEWS + "</p></body></html>", budget=0)


def test_no_budget_means_no_limit():
    assert extract(NEWS, lang="id", budget=None).claims


def test_the_budget_ends_with_the_extraction():
    with pytest.raises(ExtractionTimeout):
        extract(NEWS, lang="id", budget=0)
    budget_check()  # no deadline left behind
    assert extract(NEWS, lang="id").claims


def test_each_thread_keeps_its_own_deadline():
    outcome = {}

    def unlimited():
        time.sleep(0.05)
        outcome["claims"] = len(extract(NEWS, lang="id", budget=None).claims)

    worker = threading.Thread(target=unlimited)
    with time_budget(0, NEWS):
        worker.start()
        worker.join()
        with pytest.raises(ExtractionTimeout):
            budget_check()
    assert outcome["claims"] == 1


def test_the_reason_names_a_run_of_one_mark():
    text = "Budi mengatakan " + "." * 5000 + "\n" + NEWS
    assert slow_text_reason(text, 1) == "the text has a run of 5,000 '.' characters: remove it"


def test_the_reason_falls_back_to_the_size():
    text = (NEWS + "\n") * 100
    assert slow_text_reason(text, 2.5) == (
        "the text (8 KB) took more than 2.5 s to extract: shorten it or split it into articles"
    )
