"""Check-worthiness: checkable facts score high, opinions, wishes, plans, questions, match reports,
schedules and greetings low; scores are calibrated around 0.5 and rarely reach 0.99."""

import csv
import math
import subprocess
import sys
import textwrap
import time
from pathlib import Path

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
    assert model["shared"]["digits"] > 0
    assert model["shared"]["question_mark"] < 0
    assert set(model["calibration"]) >= {"en", "id", "other"}
    assert model["words"]["en"] and model["words"]["id"]


FIXTURE = Path(__file__).parent / "fixtures" / "checkworthiness_sentences.tsv"


def _fixture() -> list[dict]:
    with FIXTURE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize(
    ("claim", "others", "lang"),
    [
        (
            "Menurut data BPS, jumlah pengangguran naik 5 persen menjadi 7 juta orang pada 2017.",
            [
                "Terima kasih atas dukungan seluruh masyarakat.",
                "Persib menang 2 - 1 atas Persija di Stadion Gelora Bandung Lautan Api.",
                "Pertandingan akan digelar pada Sabtu (22/7) pukul 19.00 WIB.",
                "Selamat hari raya, mohon maaf lahir dan batin.",
            ],
            "id",
        ),
        (
            "According to the Labor Department, unemployment fell to 3.9 percent in April.",
            [
                "Thank you all for coming tonight.",
                "The Lakers beat the Celtics 101 - 97 on Sunday night.",
                "The match kicks off at 7:30 p.m. tomorrow.",
                "Congratulations to the team on a wonderful season.",
            ],
            "en",
        ),
    ],
)
def test_a_figure_with_a_named_source_ranks_above_greetings_scores_and_schedules(claim, others, lang):
    top = score(claim, lang=lang)
    assert top >= 0.5
    for other in others:
        assert score(other, lang=lang) < top


def test_match_scores_schedules_and_greetings_stay_below_the_line_in_indonesian():
    for text in [
        "Hingga babak pertama berakhir, skor masih imbang 0 - 0.",
        "Marcus/Kevin unggul 21 - 13, 21 - 16 atas pasangan Jepang.",
        "Laga final akan berlangsung di Stadion Utama Gelora Bung Karno pada Minggu mendatang.",
        "Konser tersebut dijadwalkan berlangsung besok malam di Jakarta.",
        "Selamat datang di Jakarta, semoga betah.",
    ]:
        assert score(text, lang="id") < 0.5, text


def test_match_score_and_clock_time_are_cues():
    assert "match_score" in features("Persiba Balikpapan 0 - 2 Persipura Jayapura", lang="id")
    assert "match_score" in features("unggul 21-13, 21-16", lang="id")
    assert "match_score" not in features("periode 2015 - 2017", lang="id")
    assert "match_score" not in features("naik 5 - 10 persen", lang="id")
    assert "clock_time" in features("dimulai pukul 08.30 WIB", lang="id")
    assert "clock_time" in features("starts at 7:30 p.m.", lang="en")


def test_the_fixture_ranks_check_worthy_sentences_first_and_splits_them_at_one_half():
    rows = _fixture()
    assert len(rows) >= 40
    scored = [(score(r["text"], lang=r["lang"]), r["label"] == "Yes") for r in rows]
    yes = [s for s, y in scored if y]
    no = [s for s, y in scored if not y]
    # Of all (check-worthy, not) pairs, nearly all are ordered the right way round.
    right = sum(a > b for a in yes for b in no)
    assert right / (len(yes) * len(no)) >= 0.95
    correct = sum((s >= 0.5) == y for s, y in scored)
    assert correct / len(scored) >= 0.85


def test_few_scores_reach_099_on_the_fixture():
    scores = [score(r["text"], lang=r["lang"]) for r in _fixture()]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert sum(s >= 0.99 for s in scores) / len(scores) <= 0.05
    assert len({round(s, 2) for s in scores}) >= len(scores) // 2  # spread out, not piled at the ends


def test_model_file_loads_and_scores_without_scikit_learn():
    program = textwrap.dedent(
        """
        import sys
        sys.modules["sklearn"] = None  # any import of scikit-learn now fails
        from claims.extraction import checkworthiness, extract
        s = checkworthiness.score("Harga BBM naik 10 persen menurut Pertamina.", lang="id")
        assert 0.5 <= s <= 1.0, s
        assert extract("Menurut BPS, inflasi naik 3 persen pada Juli 2017.", lang="id").claims
        assert "sklearn" not in {m.split(".")[0] for m in sys.modules if sys.modules[m] is not None}
        print("ok")
        """
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", program], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_missing_model_file_gives_a_neutral_score(monkeypatch, tmp_path):
    monkeypatch.setattr(checkworthiness, "MODEL_PATH", tmp_path / "absent.json")
    checkworthiness._model.cache_clear()
    checkworthiness._score.cache_clear()
    checkworthiness._cue_weights.cache_clear()
    try:
        assert score("Harga BBM naik 10 persen.", lang="id") == 0.5
    finally:
        monkeypatch.undo()
        checkworthiness._model.cache_clear()
        checkworthiness._score.cache_clear()
        checkworthiness._cue_weights.cache_clear()


def test_scoring_is_fast():
    texts = FACTS_ID + NOT_FACTS_ID + FACTS_EN + NOT_FACTS_EN
    score(texts[0], lang="id")
    started = time.perf_counter()
    for _ in range(50):
        for text in texts:
            score(text, lang="id")
    per_claim = (time.perf_counter() - started) / (50 * len(texts))
    assert per_claim < 500e-6


def test_piecewise_calibration_interpolates_and_holds_its_ends():
    curve = {"x": [-2.0, 0.0, 3.0], "y": [0.05, 0.5, 0.95]}
    assert checkworthiness._calibrated(-9.0, curve) == 0.05
    assert checkworthiness._calibrated(9.0, curve) == 0.95
    assert checkworthiness._calibrated(0.0, curve) == 0.5
    assert checkworthiness._calibrated(1.5, curve) == pytest.approx(0.725)
    points = [checkworthiness._calibrated(x / 10, curve) for x in range(-40, 40)]
    assert points == sorted(points)


def test_sigmoid_calibration_still_reads_a_pair():
    assert checkworthiness._calibrated(0.0, [2.0, 0.0]) == 0.5
    assert checkworthiness._calibrated(1.0, [2.0, 0.0]) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_scores_of_the_shipped_english_curve_are_monotone_in_the_linear_score():
    curve = checkworthiness._model()["calibration"]["en"]
    assert isinstance(curve, dict) and curve["x"] == sorted(curve["x"]) and curve["y"] == sorted(curve["y"])
    sentences = [
        "According to the Labor Department, unemployment fell to 3.9 percent in April.",
        "The senator voted against the bill in 2015, records show.",
        "Crime in the city rose 12 percent last year, police figures show.",
        "Thank you all for coming tonight.",
        "The Lakers beat the Celtics 101 - 97 on Sunday night.",
        "The match kicks off at 7:30 p.m. tomorrow.",
        "I think we should all be a bit more patient.",
        "Will the government raise fuel prices next year?",
        "The company paid no federal income tax on $2 billion of profit.",
        "Over 40,000 people were displaced by the floods, the UN said.",
    ]
    pairs = sorted((checkworthiness.linear_score(s, lang="en"), checkworthiness.score(s, lang="en")) for s in sentences)
    assert [p for _, p in pairs] == sorted(p for _, p in pairs)
