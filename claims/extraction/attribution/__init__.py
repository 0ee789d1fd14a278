"""Find who says what: one package per language, the same output shape."""

from __future__ import annotations

from ..types import Attribution


def find_attributions(text: str, lang: str) -> list[Attribution]:
    """Return the attributed claims of an article, in document order."""
    if lang == "id":
        from .indonesian import find_attributions as find
    else:
        from .english import find_attributions as find
    return sorted(find(text), key=lambda a: (a.start, a.end))
