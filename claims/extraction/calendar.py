"""Weekday and month words of Indonesian and English news, with their abbreviations.

The one list of them, read by date finding, the Indonesian clause and speaker rules, the
English content rules, sentence splitting, page boilerplate and claim matching. Words are
lower case and map to the weekday (Monday is 0) or the month (January is 1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WEEKDAYS_ID = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip
WEEKDAYS_EN = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
WEEKDAY_ABBREVIATIONS_EN = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip

MONTHS_ID = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS_ID = {"agu": 8, "agt": 8, "ags": 8, "agust": 8, "okt": 10, "nop": 11, "des": 12}
MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS_EN = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip

# Full weekday names of both languages.
WEEKDAYS = WEEKDAYS_ID | WEEKDAYS_EN
MONTH_ABBREVIATIONS = MONTH_ABBREVIATIONS_ID | MONTH_ABBREVIATIONS_EN
# Every month word of both languages, full and abbreviated.
MONTHS = MONTHS_ID | MONTHS_EN | MONTH_ABBREVIATIONS


def alternation(words: Iterable[str], *, capitalize: bool = False) -> str:
    """Return a regex alternation of the words, longest first (`Sept` before `Sep`)."""
    forms = dict.fromkeys(word.capitalize() if capitalize else word for word in words)
    return "|".join(re.escape(word) for word in sorted(forms, key=len, reverse=True))
