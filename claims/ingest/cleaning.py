"""Input made safe to store: no NUL characters, no lone surrogates, dates in a plausible range.

Text from files, JSON lines, forms and pages may hold characters no database column takes
(PostgreSQL refuses NUL in text and JSON; a lone surrogate cannot be encoded as UTF-8).
Every way in cleans its strings here before anything is stored.
"""

from __future__ import annotations

import datetime
import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
EARLIEST_PUBLISHED = datetime.date(1900, 1, 1)
# Embargoed stories and mis-set clocks put dates a little ahead; a year is the most taken as real.
LATEST_PUBLISHED_AHEAD = datetime.timedelta(days=365)


def clean_str(value: str) -> str:
    """The string without NUL characters, and with any lone surrogate replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", value.replace("\x00", ""))


def published_range() -> tuple[datetime.date, datetime.date]:
    """The publication dates taken as real: from 1900-01-01 to a year from today."""
    return EARLIEST_PUBLISHED, datetime.date.today() + LATEST_PUBLISHED_AHEAD


def published_is_plausible(value: datetime.date) -> bool:
    """True for a publication date between 1900-01-01 and a year from today."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    earliest, latest = published_range()
    return earliest <= value <= latest
