"""Hostile article texts of a chosen size, for the growth tests and bench/extraction.py.

Each maker takes a size in characters and returns the keyword arguments for `extract()`:
real news flattened into one paragraph, runs of one mark after a cue, cue words and cue
clauses repeated without end, sentences, lines and dates by the thousand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = FIXTURES / "extraction_golden"


def _flat(name: str, size: int) -> str:
    """A news article (a golden fixture or one beside them) repeated into one paragraph of `size` characters."""
    path = GOLDEN / name if (GOLDEN / name).exists() else FIXTURES / name
    article = " ".join(path.read_text(encoding="utf-8").split())
    return (article + " ") * (size // (len(article) + 1) + 1)


def _repeat(piece: str, size: int) -> str:
    return piece * max(1, size // len(piece))


def _text(lang: str, make: Callable[[int], str]) -> Callable[[int], dict]:
    return lambda size: {"text": make(size)[:size], "lang": lang}


def _page(size: int) -> dict:
    body = _flat("tribunnews-hamas-rusia.txt", size)[:size]
    return {"html": f"<html><head><title>Berita</title></head><body><article><p>{body}</p></article></body></html>"}


ID_CUE = "Budi mengatakan "
EN_CUE = "Bob said "

HOSTILE: dict[str, Callable[[int], dict]] = {
    "long-paragraph-id": _text("id", lambda n: _flat("tribunnews-hamas-rusia.txt", n)),
    "long-paragraph-en": _text("en", lambda n: _flat("council-budget-en.txt", n)),
    "long-paragraph-page": _page,
    "dots-id": _text("id", lambda n: ID_CUE + "." * n),
    "dots-en": _text("en", lambda n: EN_CUE + "." * n),
    "spaced-dots-id": _text("id", lambda n: ID_CUE + ". " * (n // 2)),
    "ellipses-en": _text("en", lambda n: EN_CUE + "…" * n),
    "question-marks-en": _text("en", lambda n: EN_CUE + "?" * n),
    "commas-id": _text("id", lambda n: ID_CUE + "," * n),
    "commas-en": _text("en", lambda n: EN_CUE + "," * n),
    "straight-quotes-id": _text("id", lambda n: ID_CUE + '"' * n),
    "straight-quotes-en": _text("en", lambda n: EN_CUE + '"' * n),
    "curly-quotes-id": _text("id", lambda n: ID_CUE + "“" * n),
    "curly-quotes-en": _text("en", lambda n: EN_CUE + "“" * n),
    "cue-words-id": _text("id", lambda n: _repeat("kata ", n)),
    "cue-words-en": _text("en", lambda n: _repeat("said ", n)),
    "cue-clauses-id": _text("id", lambda n: _repeat("Budi mengatakan bahwa ", n)),
    "cue-clauses-en": _text("en", lambda n: _repeat("Bob said that ", n)),
    "comma-cues-id": _text("id", lambda n: _repeat("kata dia, ", n)),
    "comma-cues-en": _text("en", lambda n: _repeat("he said, ", n)),
    "quote-clauses-id": _text("id", lambda n: _repeat('"Harga naik," kata Budi, ', n)),
    "quote-clauses-en": _text("en", lambda n: _repeat('"Prices rose," Bob said, ', n)),
    "according-to-en": _text("en", lambda n: _repeat("according to Bob, ", n)),
    "menurut-id": _text("id", lambda n: _repeat("Menurut Budi, ", n)),
    "abbreviations-id": _text("id", lambda n: _repeat("Dr. ", n)),
    "initials-en": _text("en", lambda n: _repeat("A. ", n)),
    "sentences-id": _text("id", lambda n: _repeat("Ia pergi. ", n)),
    "sentences-en": _text("en", lambda n: _repeat("He went. ", n)),
    "lines-id": _text("id", lambda n: _repeat("Budi mengatakan\n", n)),
    "dates-id": _text("id", lambda n: _repeat("Senin (4/2) ", n)),
    "dates-en": _text("en", lambda n: _repeat("Monday, Sept. 11 ", n)),
    "names-id": _text("id", lambda n: _repeat("Budi Santoso Wijaya ", n)),
}
