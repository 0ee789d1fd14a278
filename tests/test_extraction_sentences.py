"""Sentence splitting for Indonesian and English news text."""

from __future__ import annotations

from claims.extraction.sentences import MAX_SENTENCE_CHARS, cut_long_span, dateline_length, split_sentences


def sentences(text, lang="id"):
    return [text[s:e] for s, e in split_sentences(text, lang)]


def test_full_stop_followed_by_capital_ends_a_sentence():
    assert sentences("Polisi menangkap dua orang. Keduanya warga Bogor.") == [
        "Polisi menangkap dua orang.",
        "Keduanya warga Bogor.",
    ]


def test_indonesian_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Kadiv Humas Irjen. Pol. Boy Rafli tiba di Jl. Sudirman bersama H. Basyit dkk. Mereka pergi."
    assert sentences(text) == [
        "Kadiv Humas Irjen. Pol. Boy Rafli tiba di Jl. Sudirman bersama H. Basyit dkk.",
        "Mereka pergi.",
    ]


def test_degrees_after_a_name_do_not_end_a_sentence():
    text = "Hal itu disampaikan Andi, S.H. Dia juga dosen. Ketua Budi, M.Si. Tidak hadir."
    assert sentences(text)[0] == "Hal itu disampaikan Andi, S.H. Dia juga dosen."


def test_english_abbreviations_do_not_end_a_sentence():
    text = "Mr. Smith flew to the U.S. Embassy on Sept. 11. Dr. Jones stayed home."
    assert sentences(text, "en") == ["Mr. Smith flew to the U.S. Embassy on Sept. 11.", "Dr. Jones stayed home."]


def test_decimals_and_domains_are_not_boundaries():
    text = "Pasarnya 2.8 milyar dollar dan naik 2,5 persen menurut Tribunnews.com hari ini."
    assert sentences(text) == [text]


def test_newline_is_a_hard_break():
    assert sentences("Rusia Tetap Dukung Palestina\nSelama pertemuan itu, ia hadir.") == [
        "Rusia Tetap Dukung Palestina",
        "Selama pertemuan itu, ia hadir.",
    ]


def test_line_cut_in_the_middle_of_a_sentence_is_joined():
    text = "Bambang ingin lembaga yang modern dan\n\nterbuka dengan kritik. Itu katanya."
    assert sentences(text) == ["Bambang ingin lembaga yang modern dan\n\nterbuka dengan kritik.", "Itu katanya."]


def test_multi_sentence_quote_is_never_split():
    text = '"Kami butuh bantuan. Gaza harus dibangun lagi," ujar Marzouk. Ia lalu pergi.'
    assert sentences(text) == ['"Kami butuh bantuan. Gaza harus dibangun lagi," ujar Marzouk.', "Ia lalu pergi."]


def test_mixed_curly_and_straight_quotes_pair_up():
    text = '“Jangan menyerah. Anda bisa, "ujarnya optimistis. Lalu ia diam.'
    assert sentences(text) == ['“Jangan menyerah. Anda bisa, "ujarnya optimistis.', "Lalu ia diam."]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = '"Kami siap. Semua beres. Polisi datang.'
    assert len(sentences(text)) == 3


def test_sentence_after_a_quote_starts_a_new_sentence():
    text = 'Dia bangga. "Perempuan bisa," paparnya.'
    assert sentences(text) == ["Dia bangga.", '"Perempuan bisa," paparnya.']


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Kenapa penting? Jangan sampai hilang! Harus dijaga.") == [
        "Kenapa penting?",
        "Jangan sampai hilang!",
        "Harus dijaga.",
    ]


def test_dateline_is_its_own_span():
    for dateline in (
        "TRIBUNNEWS.COM -",
        "Jakarta, CNN Indonesia - -",
        "JAKARTA, KOMPAS.com -",
        "Palembang (ANTARA News) -",
        "Merdeka.com -",
        "JAKARTA (Pos Kota) –",
    ):
        text = f"{dateline} Menteri Susi mengatakan laut harus dijaga."
        assert sentences(text) == [dateline, "Menteri Susi mengatakan laut harus dijaga."], dateline


def test_a_hyphenated_name_is_not_a_dateline():
    assert dateline_length("Go - Jek resmikan layanan baru.") == 0
    assert dateline_length("Menit - menit terakhir laga itu.") == 0


def test_offsets_point_into_the_text_and_skip_spaces():
    text = "  Satu dua.   Tiga empat.  \n\n Lima enam. "
    spans = split_sentences(text, "id")
    assert [text[s:e] for s, e in spans] == ["Satu dua.", "Tiga empat.", "Lima enam."]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_empty_text_has_no_sentences():
    assert split_sentences("", "id") == ()
    assert split_sentences("\n\n  \n", "en") == ()


def test_paragraph_opening_with_an_unclosed_straight_quote_is_still_split():
    text = '"She was one among millions. At the time, her hips were sore after a “rant,” she said. It ended.'
    assert sentences(text, "en") == [
        '"She was one among millions.',
        "At the time, her hips were sore after a “rant,” she said.",
        "It ended.",
    ]


def test_us_state_and_plural_title_abbreviations():
    text = "Sens. Jon Tester (D-Mont.) and Jeff Merkley (D-Ore.) wrote to him. He did not reply."
    assert sentences(text, "en") == [
        "Sens. Jon Tester (D-Mont.) and Jeff Merkley (D-Ore.) wrote to him.",
        "He did not reply.",
    ]


def test_an_overlong_sentence_is_cut_at_clause_breaks():
    clause = "harga beras naik di pasar induk, "
    text = "Pedagang mengatakan " + clause * 200 + "kata dia."
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(text[e - 1] == "," for s, e in spans[:-1])  # each piece ends after a comma
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_an_overlong_run_without_breaks_is_cut_at_spaces_or_at_the_limit():
    words = "kata " * 1000
    assert all(e - s <= 100 and words[s:e].strip() == words[s:e] for s, e in cut_long_span(words, 0, len(words), 100))
    solid = "x" * 250
    assert cut_long_span(solid, 0, len(solid), 100) == [(0, 100), (100, 200), (200, 250)]


def test_a_sentence_within_the_limit_is_left_whole():
    text = "  Harga naik.  "
    assert cut_long_span(text, 0, len(text), 100) == [(0, len(text))]
