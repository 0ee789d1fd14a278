"""Find who says what: one package per language, the same output shape."""

from __future__ import annotations

import dataclasses

from ..flags import MISSING_ENTITY, gap_offsets, speaker_dropped
from ..types import Attribution


def find_attributions(text: str, lang: str) -> list[Attribution]:
    """Return the attributed claims of an article, in document order."""
    if lang == "id":
        from .indonesian import find_attributions as find
    else:
        from .english import find_attributions as find
    gaps: dict[tuple[int, int], tuple[int, ...]] = {}  # a sentence's gaps, asked once for all its claims
    return sorted((_unvoiced(text, a, gaps, lang) for a in find(text)), key=lambda a: (a.start, a.end))


def _unvoiced(text: str, found: Attribution, known: dict, lang: str) -> Attribution:
    """Note where names were dropped; no speaker when it was the one next to the cue, rather than the last named."""
    span = (found.sentence_start, found.sentence_end)
    if found.gaps:
        gaps = found.gaps
    elif span in known:
        gaps = known[span]
    else:
        gaps = known[span] = gap_offsets(text, *span, "id" if lang == "id" else "en")
    if gaps:
        found = dataclasses.replace(found, gaps=gaps, flags=tuple(dict.fromkeys((*found.flags, MISSING_ENTITY))))
    if found.speaker is None or not gaps:
        return found
    if found.cue_start is None or found.cue_end is None:
        # a quote that continues the last speaker, with a gap outside it: `"Q," said .`
        if "continuation" in found.flags and any(g < found.start or g >= found.end for g in gaps):
            return _no_speaker(found)
        return found
    named_before = found.speaker_end is not None and not text[found.speaker_end : found.cue_start].strip(" ,")
    if speaker_dropped(text, gaps, found.cue_start, found.cue_end, named_before):
        return _no_speaker(found)
    return found


def _no_speaker(found: Attribution) -> Attribution:
    return dataclasses.replace(found, speaker=None, speaker_start=None, speaker_end=None, speaker_aliases=())
