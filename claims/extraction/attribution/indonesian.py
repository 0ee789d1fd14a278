"""Attribution patterns."""

from __future__ import annotations

from ..types import Attribution


def find_attributions(text: str) -> list[Attribution]:
    return []
