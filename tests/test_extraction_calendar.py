"""The one list of weekday and month words, and the readers that share it."""

import datetime
import re

from claims.extraction import calendar
from claims.extraction.calendar import MONTHS, WEEKDAYS, alternation
from claims.extraction.dates import claim_date
from claims.extraction.sentences import split_sentences
from claims.extraction.types import Attribution


def test_every_language_names_every_month_and_weekday():
    for months in (calendar.MONTHS_ID, calendar.MONTHS_EN):
        assert set(months.values()) == set(range(1, 13))
    for weekdays in (calendar.WEEKDAYS_ID, calendar.WEEKDAYS_EN):
        assert set(weekdays.values()) == set(range(7))


def test_abbreviations_agree_with_the_full_names():
    full = calendar.MONTHS_ID | calendar.MONTHS_EN
    for short, month in calendar.MONTH_ABBREVIATIONS.items():
        assert any(name[:2] == short[:2] and number == month for name, number in full.items()), short
    for short, day in calendar.WEEKDAY_ABBREVIATIONS_EN.items():
        assert any(name.startswith(short) and number == day for name, number in calendar.WEEKDAYS_EN.items())


def test_words_are_lower_case_and_merged_without_conflict():
    assert all(word == word.lower() for word in MONTHS | WEEKDAYS)
    assert MONTHS["mei"] == MONTHS["may"] == 5 and WEEKDAYS["ahad"] == WEEKDAYS["minggu"] == 6


def test_alternation_puts_longer_words_first():
    pattern = re.compile(rf"(?:{alternation(['sep', 'sept'], capitalize=True)})\b")
    assert pattern.match("Sept 11").group() == "Sept"
    assert alternation(["jum'at"], capitalize=True) == "Jum'at"


def test_month_abbreviations_do_not_end_a_sentence():
    text = "Rapat digelar pada 17 Agt. Kemudian semua pulang."
    assert [text[s:e] for s, e in split_sentences(text)] == [text]


def test_dates_read_the_shared_words():
    text = "Harga naik, kata Budi, Jum'at (7/2)."
    found = Attribution(0, 10, "Budi", "indirect", 0, len(text), cue="kata", cue_start=12, cue_end=16)
    date, _flags = claim_date(text, found, published=datetime.date(2025, 2, 8), lang="id")
    assert date == datetime.date(2025, 2, 7)
