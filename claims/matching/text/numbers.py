"""Read numbers and dates out of claim tokens: ``10 persen``, ``1,5 juta``, ``dua puluh lima``, ``27 Maret``."""

from __future__ import annotations

import math
import re

from claims.extraction.calendar import MONTHS as _MONTHS

_SCALES = {
    "ribu": 1e3,
    "rb": 1e3,
    "thousand": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "million": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triliun": 1e12,
    "trilyun": 1e12,
    "trillion": 1e12,
}
_SE_SCALES = {"seribu": 1e3, "sejuta": 1e6, "semiliar": 1e9, "setriliun": 1e12}
_UNITS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_MULTIPLIERS = {"puluh": 10, "ratus": 100, "hundred": 100}
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_MULTIPLIERS) | {"belas", "setengah", "half"}
_ORDINALS = {
    **dict.fromkeys(("first", "pertama"), 1),
    **dict.fromkeys(("second", "kedua"), 2),
    **dict.fromkeys(("third", "ketiga"), 3),
    **dict.fromkeys(("fourth", "keempat"), 4),
    **dict.fromkeys(("fifth", "kelima"), 5),
    **dict.fromkeys(("sixth", "keenam"), 6),
    **dict.fromkeys(("seventh", "ketujuh"), 7),
    **dict.fromkeys(("eighth", "kedelapan"), 8),
    **dict.fromkeys(("ninth", "kesembilan"), 9),
    **dict.fromkeys(("tenth", "kesepuluh"), 10),
}
_RELATIVE_YEARS = {
    ("this", "year"): "year+0",
    ("tahun", "ini"): "year+0",
    ("last", "year"): "year-1",
    ("tahun", "lalu"): "year-1",
    ("next", "year"): "year+1",
    ("tahun", "depan"): "year+1",
}
_PERCENT = frozenset({"persen", "percent", "%", "pct"})
_DIGITS = re.compile(r"[0-9]+")
_COMPOUND_HEADS = sorted(_NUMBER_WORDS - {"setengah", "half", "satu", "one"}, key=len, reverse=True)
_NUMBER_COMPOUND = re.compile("(?:" + "|".join(_COMPOUND_HEADS) + r")-[^\W\d_]")


def parse_numbers(raw: list[str], lang: str, numbers: list[str]) -> list[str]:
    """Take numbers, number words, ordinals, scales and dates out of ``raw``; return the other words.

    Ordinals are kept apart from counts (``third`` / ``ketiga`` -> ``#3``), a number word
    joined to its noun is read as a number (``ten-point`` -> ``10``, ``point``), and
    ``this year`` / ``tahun ini`` stands for a year (``year+0``), which an explicit year contradicts.
    """
    raw = [part for tok in raw for part in (tok.split("-") if _NUMBER_COMPOUND.match(tok) else (tok,))]
    words: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        tok = raw[i]
        if "0" <= tok[0] <= "9":
            percent = tok.endswith("%")
            value = _numeral(tok.rstrip("%"), lang)
            i += 1
            if i < n and raw[i] in _SCALES:
                value *= _SCALES[raw[i]]
                i += 1
            if i < n and raw[i] in _MONTHS and 1 <= value <= 31 and value == int(value):
                numbers.append(f"{_MONTHS[raw[i]]:02d}-{int(value):02d}")
                i += 1
                continue
            numbers.append(_canonical(value))
            if percent:
                words.append("persen")
            continue
        day = raw[i + 1] if i + 1 < n and _DIGITS.fullmatch(raw[i + 1]) else ""
        if tok in _MONTHS and tok != "may" and day and 1 <= int(day) <= 31:
            numbers.append(f"{_MONTHS[tok]:02d}-{int(raw[i + 1]):02d}")
            i += 2
            continue
        if tok in _SE_SCALES or tok in _NUMBER_WORDS:
            value, used = _number_words(raw, i)
            if used:
                lone_one = used == 1 and tok in {"satu", "one", "half", "setengah"}
                if not lone_one:
                    numbers.append(_canonical(value))
                else:
                    words.append(tok)
                i += used
                continue
        relative = _RELATIVE_YEARS.get((tok, raw[i + 1] if i + 1 < n else ""))
        if relative:  # "this year" / "tahun ini": a year, though not which one
            numbers.append(relative)
            i += 2
            continue
        if tok in {"a", "an"} and i + 1 < n and raw[i + 1] in _SCALES:  # "a billion"
            numbers.append(_canonical(_SCALES[raw[i + 1]]))
            i += 2
            continue
        if tok in _ORDINALS:
            numbers.append(f"#{_ORDINALS[tok]}")
            i += 1
            continue
        words.append("persen" if tok in _PERCENT else tok)
        i += 1
    return words


def _number_words(raw: list[str], i: int) -> tuple[float, int]:
    """Read spelled-out numbers from ``raw[i]`` on; return (value, tokens used)."""
    total = current = last = 0.0
    start, n = i, len(raw)
    seen = False
    while i < n:
        tok = raw[i]
        if tok in _UNITS:
            last = _UNITS[tok]
            current += last
        elif tok == "belas" and seen:
            current += 10
        elif tok == "puluh" and seen:
            current += last * 9
            last = 0
        elif tok in _MULTIPLIERS and tok != "puluh":
            current = (current or 1) * _MULTIPLIERS[tok]
            last = 0
        elif tok in _SE_SCALES:
            total += _SE_SCALES[tok]
        elif tok in _SCALES and seen:
            total += (current or 1) * _SCALES[tok]
            current = last = 0
        elif tok in {"setengah", "half"}:
            current += 0.5
        else:
            break
        seen = True
        i += 1
    return total + current, i - start


def _numeral(tok: str, lang: str) -> float:
    """Read ``1.500.000``, ``1,5``, ``1,500,000`` or ``1.5`` by the language's convention."""
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    groups = re.split(r"[.,]", tok)
    seps = re.findall(r"[.,]", tok)
    if not seps:
        return float(tok)
    if len(set(seps)) == 2:  # 1.500.000,5 or 1,500,000.5
        whole = "".join(groups[:-1])
        return float(f"{whole}.{groups[-1]}")
    sep = seps[0]
    if len(seps) > 1 or (sep == thousands and len(groups[1]) == 3):
        return float("".join(groups))
    if sep == decimal or len(groups[1]) != 3:
        return float(f"{groups[0]}.{groups[1]}")
    return float("".join(groups))


def _canonical(value: float) -> str:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.15g}"
    value = round(value, 6)
    return str(int(value)) if value == int(value) else f"{value:g}"
