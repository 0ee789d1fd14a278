"""Matching by meaning across Indonesian and English: real embeddings of a few sentences, no database."""

from __future__ import annotations

import pytest

from claims.matching.text import MATCH_THRESHOLD, embeddings, match_key
from claims.matching.text.semantic import (
    COSINE_FLOOR,
    COSINE_THRESHOLD,
    SAME_LANGUAGE_COSINE_THRESHOLD,
    combined_similarity,
    cosine_score,
    semantic_similarity,
)

# Claims from the development set (bench/data/crosslingual-dev.jsonl), with their counterparts.
RIZIEQ_ID = ("penyelidik melontarkan 22 pertanyaan kepada Rizieq", "id")
RIZIEQ_EN = ("Investigators put 22 questions to Rizieq Shihab, West Java police chief Anton Charliyan says.", "en")
RIZIEQ_EN_32 = ("Investigators put 32 questions to Rizieq Shihab, police say.", "en")
COOPERATE_ID = ("akan bersikap kooperatif kepada kepolisian terkait perkara tersebut", "id")
COOPERATE_EN = ("Rizieq Shihab says he will cooperate with the police on the case.", "en")
COOPERATE_EN_NOT = ("Rizieq Shihab says he will not cooperate with the police on the case.", "en")
MOSCOW_ID = (
    "Moskow akan memberikan bantuan kemanusiaan ke Gaza dan berpartisipasi aktif dalam upaya rekonstruksi",
    "id",
)
MOSCOW_EN = ("Moscow will deliver humanitarian aid to Gaza and take an active part in reconstruction.", "en")
MOSCOW_EN_NOT = ("Moscow will not send humanitarian aid to Gaza or take part in its reconstruction.", "en")
MARZOUK_ID = (
    "Menurut Abu Marzouk, Moskow akan memberikan bantuan kemanusiaan ke Gaza dan ikut membangunnya kembali.",
    "id",
)
MARZOUK_EN = ("Abu Marzouk says Moscow will deliver humanitarian aid to Gaza and help rebuild it.", "en")
BEIJING_EN = ("Abu Marzouk says Beijing will deliver humanitarian aid to Gaza and help rebuild it.", "en")
BREXIT_EN = ("Theresa May says Britain will trigger its EU exit by the end of March.", "en")
BREXIT_ID = (
    "PM Inggris Theresa May: Inggris akan resmi menyatakan niat keluar dari Uni Eropa paling lambat akhir Maret.",
    "id",
)
BOGOR_ID = ("Polres Bogor telah mengamankan 20 orang terduga pelaku pembakaran dan pengerusakan.", "id")
BOGOR_EN = ("Bogor police have detained 20 people suspected of arson and vandalism.", "en")
BOGOR_EN_12 = ("Bogor police have detained 12 people suspected of arson and vandalism.", "en")
ZAKAT_ID = ("pemotongan gaji demi zakat bagi PNS muslim itu tidak bersifat wajib", "id")
BAZNAS_EN = ("The zakat collected will be managed by the National Zakat Agency, Baznas.", "en")
BAZNAS_ID = ("Nantinya, dana himpunan zakat tersebut akan dikelola oleh Badan Amil Zakat Nasional (Baznas).", "id")
RICE_ID = ("Harga beras di pasar induk Cipinang naik menjelang Lebaran.", "id")
BEIJING_OPEN_EN = ("Beijing will deliver humanitarian aid to Gaza and take an active part in reconstruction.", "en")
DEPOK_ID = ("Polres Depok telah mengamankan 20 orang terduga pelaku pembakaran dan perusakan.", "id")
CLINTON_LED_EN = ("Clinton led Trump by 5 percentage points among likely voters.", "en")
TRUMP_LED_EN = ("Trump led Clinton by 5 percentage points among likely voters.", "en")
CLINTON_LED_ID = ("Clinton unggul 5 poin atas Trump di kalangan calon pemilih.", "id")
NYT_ID = ("New York Times melaporkan Donald Trump mencatat kerugian bersih lebih dari 915 juta dolar pada 1995.", "id")
NYT_EN = ("Trump posted a net loss of over $915 million in 1995, according to the New York Times.", "en")
UNSC_ID = ("Kami meminta semuanya tenang. Dewan Keamanan sejauh ini melakukan apa yang dapat kami lakukan", "id")
UNSC_EN = ("We ask everyone to stay calm; so far the Security Council is doing what it can.", "en")

SENTENCES = [
    RIZIEQ_ID, RIZIEQ_EN, RIZIEQ_EN_32, COOPERATE_ID, COOPERATE_EN, COOPERATE_EN_NOT, MOSCOW_ID, MOSCOW_EN,
    MOSCOW_EN_NOT, MARZOUK_ID, MARZOUK_EN, BEIJING_EN, BREXIT_EN, BREXIT_ID, BOGOR_ID, BOGOR_EN, BOGOR_EN_12,
    ZAKAT_ID, BAZNAS_EN, BAZNAS_ID, RICE_ID, BEIJING_OPEN_EN, DEPOK_ID, CLINTON_LED_EN, TRUMP_LED_EN, CLINTON_LED_ID,
    NYT_ID, NYT_EN, UNSC_ID, UNSC_EN,
]  # fmt: skip


@pytest.fixture(scope="module")
def vectors():
    """Each sentence's embedding as the product stores it (int8) and reads it back."""
    rows = embeddings.embed([text for text, _ in SENTENCES])
    return {s: (row, embeddings.dequantise(embeddings.quantise(row))) for s, row in zip(SENTENCES, rows, strict=True)}


@pytest.fixture(scope="module")
def score(vectors):
    def score(a, b):
        cosine = float(vectors[a][0] @ vectors[b][1])  # a new claim's vector against a stored one
        return combined_similarity(match_key(*a), match_key(*b), cosine)

    return score


@pytest.mark.parametrize(
    ("a", "b"),
    [(RIZIEQ_ID, RIZIEQ_EN), (COOPERATE_ID, COOPERATE_EN), (MOSCOW_ID, MOSCOW_EN), (BREXIT_EN, BREXIT_ID),
     (BOGOR_ID, BOGOR_EN)],
)  # fmt: skip
def test_translations_match(score, a, b):
    assert score(a, b).is_match
    assert score(b, a).is_match
    assert score(a, b).method == "embedding"


@pytest.mark.parametrize(("a", "b"), [(RIZIEQ_ID, RIZIEQ_EN_32), (BOGOR_ID, BOGOR_EN_12), (BOGOR_EN, BOGOR_EN_12)])
def test_changed_numbers_do_not_match(score, a, b):
    match = score(a, b)
    assert not match.is_match
    assert any(reason.startswith("numbers differ") for reason in match.reasons)


@pytest.mark.parametrize(("a", "b"), [(COOPERATE_ID, COOPERATE_EN_NOT), (MOSCOW_ID, MOSCOW_EN_NOT)])
def test_negations_do_not_match(score, a, b):
    match = score(a, b)
    assert not match.is_match
    assert "a negation on one side only" in match.reasons


def test_another_actor_does_not_match(score):
    assert score(MARZOUK_ID, MARZOUK_EN).is_match
    match = score(MARZOUK_ID, BEIJING_EN)
    assert not match.is_match
    assert "names differ: moskow vs beijing" in match.reasons


@pytest.mark.parametrize(("a", "b"), [(ZAKAT_ID, BAZNAS_EN), (ZAKAT_ID, BAZNAS_ID), (BOGOR_ID, RICE_ID)])
def test_unrelated_or_same_topic_claims_do_not_match(score, a, b):
    assert not score(a, b).is_match


def test_scores_are_ordered_translation_then_changed_claim_then_same_topic_then_unrelated(score):
    translation = score(BOGOR_ID, BOGOR_EN).score
    changed = score(BOGOR_ID, BOGOR_EN_12).score
    same_topic = score(ZAKAT_ID, BAZNAS_EN).score
    unrelated = score(BOGOR_ID, RICE_ID).score
    assert translation > changed > unrelated
    assert translation > same_topic


def test_cosines_order_translations_above_unrelated(vectors):
    def cosine(a, b):
        return float(vectors[a][0] @ vectors[b][0])

    assert cosine(BOGOR_ID, BOGOR_EN) > cosine(BOGOR_ID, BAZNAS_EN)
    assert cosine(MOSCOW_ID, MOSCOW_EN) > cosine(MOSCOW_ID, RICE_ID)


def test_stored_int8_vectors_keep_the_cosine(vectors):
    row, stored = vectors[BOGOR_ID]
    other = vectors[BOGOR_EN][0]
    assert abs(float(row @ other) - float(stored @ other)) < 0.005


def test_cosine_score_maps_the_thresholds():
    assert cosine_score(COSINE_THRESHOLD) == pytest.approx(MATCH_THRESHOLD)
    assert cosine_score(COSINE_FLOOR) == 0.0
    assert cosine_score(0.5) == 0.0
    assert cosine_score(1.0) == pytest.approx(1.0)
    assert cosine_score(SAME_LANGUAGE_COSINE_THRESHOLD, same_language=True) == pytest.approx(MATCH_THRESHOLD)
    # One language needs a higher cosine than two: rewordings score higher than translations.
    assert cosine_score(COSINE_THRESHOLD, same_language=True) < MATCH_THRESHOLD
    values = [cosine_score(c / 100) for c in range(70, 101)]
    assert values == sorted(values)


def test_semantic_similarity_explains_itself():
    a, b = match_key(*BOGOR_ID), match_key(*BOGOR_EN)
    match = semantic_similarity(a, b, 0.93)
    assert match.reasons[0] == "meaning 0.930 (id / en)"
    assert "numbers agree: 20" in match.reasons
    assert semantic_similarity(a, b, 0.93, same_speaker=True).score > match.score


def test_names_survive_translation_through_their_aliases():
    assert match_key(*BREXIT_EN).names == {"theresa", "britain", "eu"}
    assert {"britain", "eu"} <= match_key(*BREXIT_ID).names
    assert (
        match_key("the U.S. took in Syrian refugees", "en").names
        == match_key("AS menerima pengungsi Suriah", "id").names
        == {"us", "syria"}
    )
    assert "us" not in match_key("they told us so", "en").names


@pytest.mark.parametrize(
    ("text", "lang", "numbers"),
    [
        ("Sumsel provinsi ketiga yang dipilih", "id", ("#3",)),
        ("the third province chosen", "en", ("#3",)),
        ("Romney had a ten-point lead", "en", ("10",)),
        ("more than a billion ballots", "en", ("1000000000",)),
        ("akan dimulai tahun ini", "id", ("year+0",)),
        ("is planned to start this year", "en", ("year+0",)),
    ],
)
def test_ordinals_compounds_and_relative_years_are_numbers(text, lang, numbers):
    assert match_key(text, lang).number_list == numbers


def test_this_year_and_an_explicit_year_are_different_numbers():
    a = match_key("The deduction is planned to start this year.", "en")
    b = match_key("The deduction is planned to start in 2020.", "en")
    assert not combined_similarity(a, b, 0.97).is_match


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [(MOSCOW_ID[0], "id", "moskow"), (BEIJING_OPEN_EN[0], "en", "beijing"), (DEPOK_ID[0], "id", "polres"),
     ("Indonesia bisa menjadi kiblat busana muslim dunia.", "id", "indonesia"), (BREXIT_EN[0], "en", "theresa")],
)  # fmt: skip
def test_a_name_opening_a_sentence_is_a_name(text, lang, name):
    assert name in match_key(text, lang).names


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Kebanyakan korban perdagangan orang adalah perempuan.", "id"), ("Harga beras naik menjelang Lebaran.", "id"),
     ("Women are most of the victims of trafficking.", "en"), ("Police have detained 20 people.", "en"),
     ("Pursuing the case would take years.", "en"), ("Sebanyak 20 orang ditahan.", "id")],
)  # fmt: skip
def test_a_common_word_opening_a_sentence_is_no_name(text, lang):
    key = match_key(text, lang)
    assert key.names <= {"lebaran"}
    assert key.capitalised - key.names  # still there to match a name the other claim gives inside a sentence


def test_a_weekday_is_no_name():
    assert match_key("that as of Friday, Trump is leading Clinton", "en").names == {"trump", "clinton"}


@pytest.mark.parametrize(("a", "b", "reason"), [
    (MOSCOW_ID, BEIJING_OPEN_EN, "names differ: moskow vs beijing"),
    (DEPOK_ID, BOGOR_EN, "no name in common: depok, polres vs bogor"),
])  # fmt: skip
def test_another_place_opening_the_sentence_does_not_match(score, a, b, reason):
    match = score(a, b)
    assert not match.is_match
    assert reason in match.reasons


@pytest.mark.parametrize(("a", "b"), [(MOSCOW_ID, MOSCOW_EN), (BOGOR_ID, BOGOR_EN), (UNSC_ID, UNSC_EN),
                                      (BAZNAS_ID, BAZNAS_EN), (NYT_ID, NYT_EN)])  # fmt: skip
def test_translated_and_reordered_names_still_match(score, a, b):
    """ "Dewan Keamanan" / "Security Council" and a source moved to the end are no other names."""
    match = score(a, b)
    assert match.is_match
    assert not any(r.startswith(("names differ", "no name in common")) for r in match.reasons)


@pytest.mark.parametrize(("a", "b"), [(CLINTON_LED_EN, TRUMP_LED_EN), (CLINTON_LED_ID, TRUMP_LED_EN)])
def test_two_names_swapped_do_not_match(score, a, b):
    match = score(a, b)
    assert not match.is_match
    assert "names differ: clinton, trump vs trump, clinton" in match.reasons


def test_two_names_in_the_same_order_still_match(score):
    assert score(CLINTON_LED_ID, CLINTON_LED_EN).score > score(CLINTON_LED_ID, TRUMP_LED_EN).score
    assert not any(r.startswith("names differ") for r in score(CLINTON_LED_ID, CLINTON_LED_EN).reasons)


def test_a_first_name_or_a_name_on_one_side_only_is_no_difference():
    a = match_key("Hillary Clinton and her campaign of 2008 started the birther controversy.", "en")
    b = match_key("Trump claims Clinton's 2008 campaign started the birther controversy.", "en")
    assert combined_similarity(a, b, 0.95).is_match
    assert not any(r.startswith("names differ") for r in combined_similarity(a, b, 0.95).reasons)


def test_a_place_modifier_is_no_first_name():
    a = match_key("Police asked the North Jakarta court to delay the trial.", "en")
    b = match_key("Police asked the South Jakarta court to delay the trial.", "en")
    match = combined_similarity(a, b, 0.97)
    assert "names differ: north vs south" in match.reasons
    assert match.score < combined_similarity(a, a, 0.97).score * 0.7


@pytest.mark.parametrize(
    ("a", "b"),
    [("to allow Mexican trucks to operate in the United States", "in the United States, to allow Mexican trucks"),
     ("THEY LOSE, WE WIN", "WE WIN, THEY LOSE"),
     ("Bias When It Comes To Fact-Checking Republicans", "Fact-Checking Republicans: Bias When It Comes")],
)  # fmt: skip
def test_places_or_a_title_in_another_order_are_no_swap(a, b):
    """The order of places, or of a title's capitalised words, says nothing of who did what."""
    match = combined_similarity(match_key(a, "en"), match_key(b, "en"), 0.97)
    assert match.is_match
    assert not any(r.startswith("names differ") for r in match.reasons)
