"""The outlet's own check-worthy statements come out as assertions; the rest does not."""

from claims.extraction import extract
from claims.extraction.assertions import find_assertions


def _assertions(text, lang="id", taken=()):
    return [text[a.start : a.end] for a in find_assertions(text, lang, list(taken))]


def test_a_factual_sentence_with_figures_is_an_assertion():
    text = "Badan Pusat Statistik mencatat inflasi Januari 2025 sebesar 2,4 persen, naik dari 1,8 persen."
    assert _assertions(text) == [text]


def test_headlines_questions_labels_and_short_lines_are_not():
    text = (
        "Harga Beras Naik 10 Persen di Jakarta\n"
        "Apakah harga beras akan naik 10 persen lagi pada Februari 2025?\n"
        "Baca juga: Harga cabai naik 20 persen pada Januari 2025.\n"
        "Naik 10 persen.\n"
    )
    assert _assertions(text) == []


def test_opinions_and_wishes_are_not():
    text = "Semoga pemerintah bisa lebih bijak dan kita semua tetap semangat menghadapi tahun baru ini."
    assert _assertions(text) == []


def test_sentences_holding_an_attributed_claim_are_left_to_it():
    text = "Menteri Budi mengatakan bahwa harga beras naik 10 persen pada Januari 2025 di 34 provinsi."
    assert _assertions(text, taken=[(0, len(text))]) == []
    claims = extract(text, lang="id").claims
    assert [c.kind for c in claims] == ["indirect"]


def test_assertions_have_no_speaker_and_carry_sentence_flags():
    text = "Delegasi , yang dipimpin oleh Mousa Abu Marzouk, bertemu 12 pejabat di Moskow pada 3 Februari 2025."
    (found,) = find_assertions(text, "id", [])
    assert found.speaker is None and found.kind == "assertion"
    assert "missing_entity" in found.flags


def test_english_assertions():
    text = "Unemployment fell to 3.9 percent in April, the lowest level since 2000, and 164,000 jobs were added."
    assert _assertions(text, "en") == [text]
