"""Check-worthiness: checkable facts score high, opinions, wishes, plans and questions low."""

import time

import pytest

from claims.extraction import checkworthiness
from claims.extraction.checkworthiness import features, score

FACTS_ID = [
    "Polres Bogor telah mengamankan 20 orang terduga pelaku pembakaran dan pengerusakan.",
    "Jumlah pengangguran naik 5 persen dibanding tahun lalu.",
    "pangsa pasar busana muslim di dunia mencapai 2,8 miliar dolar Amerika Serikat",
    "Anggaran pendidikan tahun ini sebesar Rp 444 triliun.",
]
NOT_FACTS_ID = [
    "Semoga Tuhan memberkati kita semua.",
    "Saya kira pemerintah harus lebih tegas.",
    "Apakah pemerintah akan menaikkan harga BBM?",
    "Terima kasih atas dukungannya.",
    "Kami akan terus berusaha menjalin hubungan baik dengan wartawan.",
]
FACTS_EN = [
    "We're consuming 50 percent of the world's cocaine.",
    "Median income is down $4,300 a family and 23 million Americans are out of work.",
    "The Kerr bill provided assistance to all those who were not on Social Security.",
]
NOT_FACTS_EN = [
    "I hope we can do better.",
    "Let me help the governor.",
    "What would you do about it?",
    "Thank you all for coming tonight.",
    "I think we have to remain vigilant.",
]


def test_scores_are_between_zero_and_one():
    for text in ["", "?", "1", "x" * 5000, *FACTS_ID, *NOT_FACTS_EN]:
        assert 0.0 <= score(text, lang="id") <= 1.0
        assert 0.0 <= score(text, lang="en") <= 1.0


@pytest.mark.parametrize("text", FACTS_ID)
def test_indonesian_facts_with_numbers_and_events_score_high(text):
    assert score(text, lang="id") >= 0.5


@pytest.mark.parametrize("text", NOT_FACTS_ID)
def test_indonesian_wishes_opinions_questions_and_plans_score_low(text):
    assert score(text, lang="id") < 0.5


@pytest.mark.parametrize("text", FACTS_EN)
def test_english_facts_score_high(text):
    assert score(text, lang="en") >= 0.5


@pytest.mark.parametrize("text", NOT_FACTS_EN)
def test_english_opinions_wishes_and_questions_score_low(text):
    assert score(text, lang="en") < 0.5


def test_indonesian_modal_and_opinion_markers_lower_the_score():
    fact = "Pemerintah menaikkan harga BBM sebesar 10 persen."
    assert score("Pemerintah akan menaikkan harga BBM sebesar 10 persen.", lang="id") < score(fact, lang="id")
    assert score("Saya kira pemerintah menaikkan harga BBM.", lang="id") < score(
        "Pemerintah menaikkan harga BBM.", lang="id"
    )


def test_a_question_scores_below_the_same_statement():
    assert score("Apakah harga BBM naik 10 persen?", lang="id") < score("Harga BBM naik 10 persen.", lang="id")
    assert score("Did prices rise by 10 percent?", lang="en") < score("Prices rose by 10 percent.", lang="en")


def test_word_lists_of_both_languages_land_on_the_same_features():
    assert "modal" in features("Kami akan datang", lang="id")
    assert "modal" in features("We will come", lang="en")
    assert "opinion" in features("Semoga berhasil", lang="id")
    assert "percent" in features("naik 5 persen", lang="id")
    assert "first_singular" in features("Saya setuju", lang="id")


def test_unknown_language_uses_both_word_lists():
    assert "modal" in features("Kami akan datang", lang="ms")
    assert "modal" in features("We will come", lang="xx")


def test_shipped_model_is_loaded_from_the_package():
    model = checkworthiness._model()
    assert checkworthiness.MODEL_PATH.parent.name == "extraction"
    assert model["weights"]["digits"] > 0
    assert model["weights"]["question_mark"] < 0


def test_scoring_is_fast():
    texts = FACTS_ID + NOT_FACTS_ID + FACTS_EN + NOT_FACTS_EN
    score(texts[0], lang="id")
    started = time.perf_counter()
    for _ in range(50):
        for text in texts:
            score(text, lang="id")
    per_claim = (time.perf_counter() - started) / (50 * len(texts))
    assert per_claim < 500e-6
