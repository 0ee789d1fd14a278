"""Flags for sentences that show a gap where a hyperlinked name was dropped."""

from __future__ import annotations

from claims.extraction.flags import MISSING_ENTITY, gap_offsets, missing_entity, sentence_flags


def test_space_before_full_stop_is_a_gap():
    assert missing_entity("Konflik yang berlangsung dengan .")


def test_space_before_comma_is_a_gap():
    assert missing_entity("Delegasi , yang dipimpin oleh Mousa Abu Marzouk, bertemu Bogdanov.")
    assert missing_entity("Mengutip pernyataan , menyebutkan bahwa kedua pihak bertemu.")


def test_preposition_right_before_punctuation_is_a_gap():
    assert missing_entity("Delegasi bertemu dengan, Senin (4/2/2025).")


def test_preposition_followed_by_another_is_a_gap():
    assert missing_entity('"Kami lebih baik," kata Butet kepada dalam konferensi pers.')
    assert not missing_entity("Hal itu perlu sebagai contoh kepada yang lain.")


def test_dateline_followed_by_a_conjunction_is_a_gap():
    assert missing_entity("TRIBUNNEWS.COM - dan makin menunjukkan kemesraan.")
    text = "TRIBUNNEWS.COM - dan makin menunjukkan kemesraan."
    assert missing_entity(text, text.index("dan"), len(text))


def test_ordinary_sentences_are_not_flagged():
    for text in (
        "Menurut Khatibul, rencana itu tidak memiliki landasan yuridis.",
        "Go - Jek resmikan layanan, dan co - working space dibuka.",
        "Harga naik 2,5 persen, kata dia.",
        '"Kami siap," ujar Tun, sebagaimana dilansir Reuters.',
    ):
        assert not missing_entity(text), text


def test_only_the_given_span_is_checked():
    text = "Semua baik. Konflik dengan ."
    assert not missing_entity(text, 0, 11)
    assert missing_entity(text, 12, len(text))


def test_gap_offsets_and_sentence_flags():
    text = "Delegasi , yang dipimpin oleh Marzouk."
    assert gap_offsets(text) == [7]
    assert sentence_flags(text, 0, len(text)) == (MISSING_ENTITY,)
    assert sentence_flags("Semua baik.", 0, 11) == ()
