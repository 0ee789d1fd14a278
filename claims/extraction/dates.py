"""When a claim was made.

News prose dates speech in the attribution frame, not in the claim itself:
`..., kata Tun, Rabu (6/9).`, `Kim mengatakan pada Selasa bahwa ...`,
`..., he said on Sept. 11.` Dates inside the content are usually what the claim
is *about* (`pilkada tanggal 19 April`), so they are skipped. Candidates are found
with precompiled regexes and resolved with plain datetime arithmetic: dateparser
costs a millisecond a call and cannot see a weekday that contradicts its date.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from .calendar import MONTHS, WEEKDAYS
from .types import Attribution

WEEKDAY_MISMATCH = "weekday_mismatch"

# A claim is reported soon after it is made; an older full date near the cue is
# a topic (a birthday, an anniversary), not the day of speaking.
MAX_AGE_DAYS = 62
# The article's metadata date can trail the local date of speaking by a time zone.
FUTURE_SLACK_DAYS = 1
# Article dates outside these are a page's placeholder, not a day anyone wrote.
EARLIEST_PUBLISHED = datetime.date(1900, 1, 1)
LATEST_PUBLISHED = datetime.date(9000, 12, 31)


def _alternation(words) -> str:
    """Longest first, so `Sept` wins over `Sep`; capitalised or upper case only."""
    forms = set()
    for word in words:
        forms.add(word.capitalize())
        forms.add(word.upper())
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


_WD = _alternation(WEEKDAYS)
_MON = _alternation(MONTHS)
_PART_OF_DAY = r"(?:\s+(?:pagi|siang|sore|petang|malam|dini\s+hari|morning|afternoon|evening|night))?"


def _bracketed_numeric(suffix: str) -> str:
    """`(27/3)`, `(4/2/2025)`, `(4/2/25)`; groups d, m, y carry `suffix`."""
    return (
        rf"\(\s*(?P<d{suffix}>\d{{1,2}})\s*/\s*(?P<m{suffix}>\d{{1,2}})(?:\s*/\s*(?P<y{suffix}>\d{{4}}|\d{{2}}))?\s*\)"
    )


_DAY_MONTH = r"(?P<d2>\d{1,2})\s+(?P<mon2>" + _MON + r")\.?(?:,?\s+(?P<y2>\d{4}))?(?![\w/])"
_MONTH_DAY = r"(?P<mon3>" + _MON + r")\.?\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?(?:,\s*(?P<y3>\d{4}))?(?![\w/])"
_NAMED = _DAY_MONTH + "|" + _MONTH_DAY

# Weekday, optionally with a date: `Senin (27/3)`, `Kamis malam (7/9/2017)`, `Senin, 27/3`,
# `Monday, Sept. 11`.
_UNBRACKETED_NUMERIC = r"(?P<d7>\d{1,2})/(?P<m7>\d{1,2})(?:/(?P<y7>\d{4}))?(?![\d/])"
_WEEKDAY_DATE = (
    rf"(?P<wd>{_WD})\b(?P<week_not_day>\s+(?:ini|depan))?(?P<wd_rel>\s+(?:lalu|kemarin))?{_PART_OF_DAY}"
    rf"(?:,?\s*{_bracketed_numeric('')}|,?\s+(?:{_NAMED})|,?\s+{_UNBRACKETED_NUMERIC})?"
)
_LAST_WEEKDAY = rf"(?P<last>[Ll]ast)\s+(?P<wd4>{_WD})\b"
# A bare date: `(27/3)`, `(4/2/2025)`, `4/2/2025`, `23 Maret 2017`, `Sept. 11`.
_PAREN_NUMERIC = _bracketed_numeric("5")
_FULL_NUMERIC = r"(?<![\d/.,])(?P<d6>\d{1,2})/(?P<m6>\d{1,2})/(?P<y6>\d{4})(?![\d/])"
_BARE_NAMED = r"(?<![\d.,])(?:" + _NAMED.replace("?P<", "?P<x") + ")"
# `kemarin (12/7)`: the explicit date wins over the arithmetic.
_RELATIVE = (
    rf"(?P<yesterday>kemarin|yesterday)\b(?:\s*{_bracketed_numeric('8')})?"
    r"|(?P<today>hari\s+ini|today)\b"
)

# One pass finds every candidate; the group that matched says what kind it is. The
# leading lookahead lets the engine skip most positions cheaply (4x faster).
_CANDIDATE = re.compile(
    r"(?=[0-9(A-Zkhtyl])(?<!\w)(?:"
    + "|".join((_WEEKDAY_DATE, _LAST_WEEKDAY, _PAREN_NUMERIC, _FULL_NUMERIC, _BARE_NAMED, _RELATIVE))
    + ")"
)
# `pekan kemarin` is last week, `musim kemarin` last season: not yesterday.
_UNIT_BEFORE = re.compile(r"(?:pekan|minggu|bulan|tahun|musim|periode|edisi|tahap|laga|sidang|acara)\s+$", re.I)
# `salat Jumat` is the Friday prayer, `Black Friday` a sale: names, not days of speaking.
_NOT_A_DAY_BEFORE = re.compile(r"(?:salat|shalat|sholat|solat|black|good|super|cyber)\s+$", re.I)

# Sentence boundaries for widening a span that stops short of one (see _window).
_REACH = 300
_BOUNDARY_CHARS = frozenset('\n.!?"”')
_NEXT_BOUNDARY = re.compile(r"[.!?](?=\s|$)|\n")
_LAST_BOUNDARY = re.compile(r"(?s:.*)(?:[.!?][\"”]?\s|\n)")


def claim_date(
    text: str, found: Attribution, *, published: datetime.date | None, lang: str
) -> tuple[datetime.date | None, tuple[str, ...]]:
    """Return the day the claim was made and any flags about it.

    The candidate nearest the cue, within the claim's sentence and outside its
    content, wins; with none, the article's own date stands in. An impossible
    article date (a page saying 0001-01-01) is no date at all.
    """
    if published is not None and not EARLIEST_PUBLISHED <= published <= LATEST_PUBLISHED:
        published = None
    anchor_start, anchor_end = _anchor(found)
    window_start, window_end = _window(text, found, anchor_start, anchor_end)
    best = None
    for match in _candidates(text, window_start, window_end):
        if match.start() < found.end and match.end() > found.start:
            continue  # inside the content: what the claim is about
        resolved = _resolve(match, published)
        if resolved is None:
            continue
        distance = max(anchor_start - match.end(), match.start() - anchor_end, 0)
        if best is None or distance < best[0]:
            best = (distance, resolved)
    if best is None:
        return published, ()
    return best[1]


@lru_cache(maxsize=64)
def _candidates(text: str, start: int, end: int) -> tuple[re.Match, ...]:
    """The date candidates in text[start:end], in order. Cached: the claims of a sentence share a window."""
    return tuple(_CANDIDATE.finditer(text, start, end))


def _window(text: str, found: Attribution, anchor_start: int, anchor_end: int) -> tuple[int, int]:
    """The claim's sentence(s), cue included, widened to sentence boundaries.

    The frame's date often trails the cue (`..., ujar Tun, Rabu (6/9).`), so a span
    that stops at the cue or mid-sentence is carried on to the sentence's end.
    """
    start, end = found.start, found.end
    if found.sentence_end > found.sentence_start:
        start, end = min(start, found.sentence_start), max(end, found.sentence_end)
    start, end = min(start, anchor_start), max(end, anchor_end)
    reach_back = max(0, start - _REACH)
    before = text[reach_back:start].rstrip(" \t")
    if before and before[-1] not in _BOUNDARY_CHARS:
        boundary = _LAST_BOUNDARY.match(before)  # `.*` at the start: a match at 0 or none at all
        start = reach_back + (boundary.end() if boundary else 0)
    if text[max(0, end - _REACH) : end].rstrip(" \t")[-1:] not in _BOUNDARY_CHARS and text[end : end + 1] not in (
        "",
        "\n",
    ):
        boundary = _NEXT_BOUNDARY.search(text, end, min(len(text), end + _REACH))
        end = boundary.end() if boundary else min(len(text), end + _REACH)
    return start, end


def _anchor(found: Attribution) -> tuple[int, int]:
    """Where distances are measured from: the cue, or the content when there is none."""
    if found.cue_start is not None and found.cue_end is not None:
        return found.cue_start, found.cue_end
    return found.start, found.end


# Group names of each day/month/year triple in _CANDIDATE: with a weekday, then bare.
_WITH_WEEKDAY = (("d", "m", "y"), ("d2", "mon2", "y2"), ("d3", "mon3", "y3"), ("d7", "m7", "y7"))
_BARE = (("d5", "m5", "y5"), ("d6", "m6", "y6"), ("xd2", "xmon2", "xy2"), ("xd3", "xmon3", "xy3"), ("d8", "m8", "y8"))


def _resolve(match: re.Match, published: datetime.date | None) -> tuple[datetime.date, tuple[str, ...]] | None:
    """Turn one regex match into a date (and flags), or None when it is not a usable day."""
    groups = match.groupdict()
    weekday_name = groups["wd"] or groups["wd4"]
    if weekday_name:
        if groups["week_not_day"] and weekday_name.lower() == "minggu":
            return None  # `Minggu ini`, `Minggu depan`: this week, next week
        if _NOT_A_DAY_BEFORE.search(match.string, max(0, match.start() - 8), match.start()):
            return None
        weekday = WEEKDAYS[weekday_name.lower()]
        explicit = _first_date(groups, _WITH_WEEKDAY, published)
        if explicit is not None:
            flags = (WEEKDAY_MISMATCH,) if explicit.weekday() != weekday else ()
            return (explicit, flags) if _plausible(explicit, published) else None
        if published is None:
            return None
        strictly_before = bool(groups["wd_rel"] or groups["last"])
        return _last_weekday(published, weekday, strictly_before), ()
    explicit = _first_date(groups, _BARE, published)
    if explicit is not None:
        return (explicit, ()) if _plausible(explicit, published) else None
    if published is None:
        return None
    if groups["yesterday"]:
        if _UNIT_BEFORE.search(match.string, max(0, match.start() - 12), match.start()):
            return None
        return published - datetime.timedelta(days=1), ()
    if groups["today"]:
        return published, ()
    return None


def _first_date(groups: dict, triples, published: datetime.date | None) -> datetime.date | None:
    """The date of the first day/month/year triple that matched."""
    for day_key, month_key, year_key in triples:
        if groups[day_key]:
            return _explicit_date(groups[day_key], groups[month_key], groups[year_key], published)
    return None


def _explicit_date(
    day_text: str,
    month_text: str,
    year_text: str | None,
    published: datetime.date | None,
) -> datetime.date | None:
    """Build a date. A partial one takes the article's year, or the year before when that
    would put it after publication (`29/12` in a January article)."""
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    day = int(day_text)
    if year_text:
        year = int(year_text)
        return _safe_date(year + 2000 if year < 100 else year, month, day)
    if published is None:
        return None
    in_either_year = (_safe_date(year, month, day) for year in (published.year, published.year - 1))
    return next((d for d in in_either_year if d and _plausible(d, published)), None)


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _plausible(day: datetime.date, published: datetime.date | None) -> bool:
    """A claim is made by publication (give or take a time zone), and not long before it."""
    if published is None:
        return True
    earliest = published - datetime.timedelta(days=MAX_AGE_DAYS)
    return earliest <= day <= published + datetime.timedelta(days=FUTURE_SLACK_DAYS)


def _last_weekday(published: datetime.date, weekday: int, strictly_before: bool) -> datetime.date:
    """The most recent `weekday` on or before the published date (`Senin lalu`: before it)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - datetime.timedelta(days=back)
