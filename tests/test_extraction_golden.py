"""The extraction of fixed articles changes only together with EXTRACTOR_VERSION."""

import copy

from claims.extraction import EXTRACTOR_VERSION

from .extraction_golden import REGENERATE, golden_output, golden_problem, golden_stored


def test_golden_output_is_unchanged_or_the_version_was_bumped():
    problem = golden_problem(golden_stored(), golden_output())
    assert problem is None, problem


def test_golden_output_was_produced_by_this_extractor_version():
    assert golden_stored()["extractor_version"] == EXTRACTOR_VERSION


def test_changed_output_under_the_same_version_asks_for_a_bump():
    stored = golden_stored()
    current = copy.deepcopy(stored)
    claim = current["articles"]["tribunnews-hamas-rusia.txt"]["claims"][0]
    claim["speaker"] = "Someone Else"
    problem = golden_problem(stored, current)
    assert problem is not None
    assert f"bump EXTRACTOR_VERSION and regenerate with {REGENERATE}" in problem
    assert "tribunnews-hamas-rusia.txt" in problem and "Someone Else" in problem


def test_a_bumped_version_passes_once_regenerated():
    stored = golden_stored()
    changed = copy.deepcopy(stored)
    changed["articles"]["news-en.html"]["claims"] = []
    changed["extractor_version"] = stored["extractor_version"] + "-next"
    assert "regenerate with" in golden_problem(stored, changed)
    regenerated = copy.deepcopy(changed)
    assert golden_problem(regenerated, changed) is None


def test_golden_articles_have_claims_in_both_languages():
    articles = golden_stored()["articles"]
    assert {a["lang"] for a in articles.values()} == {"id", "en"}
    assert all(a["claims"] for a in articles.values())
