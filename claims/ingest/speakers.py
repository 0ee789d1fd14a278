"""Speakers as stored: one row per name whatever its case, with the other names they go by."""

from __future__ import annotations

from django.db.models.functions import Lower

from claims.extraction.speakers import speaker_kind
from claims.models import Speaker


def speaker_resolve(*, name: str, aliases: tuple[str, ...] = ()) -> Speaker:
    """Find the speaker by name (any case) or create them, remembering new aliases."""
    return speakers_resolve(names={name: aliases})[name.strip()[:300].lower()]


def speakers_resolve(*, names: dict[str, tuple[str, ...]]) -> dict[str, Speaker]:
    """Find or create speakers by name (any case), in a few queries whatever their number.

    Returns them keyed by lower-cased name. Concurrent workers creating the same
    speaker meet at the case-insensitive unique constraint; both end with one row.
    """
    wanted: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, aliases in names.items():
        clean = name.strip()[:300]
        if clean:
            wanted.setdefault(clean.lower(), (clean, tuple(aliases)))
    if not wanted:
        return {}

    def fetch() -> dict[str, Speaker]:
        rows = Speaker.objects.annotate(key=Lower("canonical_name")).filter(key__in=list(wanted))
        return {speaker.key: speaker for speaker in rows}

    found = fetch()
    missing = [
        Speaker(canonical_name=name, kind=speaker_kind(name), aliases=_new_aliases(name, aliases, []))
        for key, (name, aliases) in wanted.items()
        if key not in found
    ]
    if missing:
        Speaker.objects.bulk_create(missing, ignore_conflicts=True)
        found = fetch()
    for key, (name, aliases) in wanted.items():
        speaker = found[key]
        added = _new_aliases(name, aliases, speaker.aliases)
        if added:
            speaker.aliases = [*speaker.aliases, *added]
            speaker.save(update_fields=["aliases"])
    return found


def _new_aliases(name: str, aliases, known: list[str]) -> list[str]:
    return [a for a in dict.fromkeys(aliases) if a and a.lower() != name.lower() and a not in known]
