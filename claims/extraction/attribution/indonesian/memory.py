"""Who has spoken so far in an Indonesian article.

A small memory of speakers and of the full names seen, so pronouns and short names
resolve to the full name used earlier.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name to report and the other ways the article refers to them."""

    name: str
    aliases: tuple[str, ...] = ()

    def with_alias(self, *more: str) -> Speaker:
        extra = tuple(a for a in more if a and a != self.name and a not in self.aliases)
        return Speaker(self.name, self.aliases + extra) if extra else self


@dataclass
class SpeakerMemory:
    """Who has spoken so far in an article, for pronouns and short names.

    `names` holds full person names seen anywhere before the current point
    (speakers or not: `dipimpin oleh Mousa Abu Marzouk`), so that a later
    `Marzouk` or `Abu Marzouk` resolves to the full form.
    """

    last: Speaker | None = None
    last_person: Speaker | None = None
    names: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name), in text order
    spoken: dict[str, Speaker] = field(default_factory=dict)  # lower-cased name -> speaker
    # First or last words of the names (`abu marzouk`, `mousa`) and any word of a name of three
    # words or more, each to its names as (offset, order remembered, name) in text order: a
    # lookup costs the same however many names the article has.
    _by_end: dict[tuple[str, ...], list[tuple[int, int, str]]] = field(default_factory=dict, repr=False)
    _by_word: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict, repr=False)

    def remember_name(self, offset: int, name: str) -> None:
        parts = tuple(name.lower().split())
        if len(parts) < 2:
            return
        entry = (offset, len(self.names), name)
        self.names.append((offset, name))
        ends = {parts[:k] for k in range(1, len(parts))} | {parts[-k:] for k in range(1, len(parts))}
        for key in ends:
            insort(self._by_end.setdefault(key, []), entry)
        if len(parts) > 2:
            for word in set(parts):
                insort(self._by_word.setdefault(word, []), entry)

    def full_name(self, short: str, before: int | None = None) -> str | None:
        """Return the most recent longer name whose first or last words are `short`.

        A one-word short name may also be a middle name of a name of three words or more
        (`Argo` for `Raden Prabowo Argo Yuwono`). Only names before `before` count, if given.
        """
        words = tuple(short.lower().split())
        if not words:
            return None
        found = _latest(self._by_end.get(words, ()), before)
        if found is None and len(words) == 1:
            found = _latest(self._by_word.get(words[0], ()), before)
        return found

    def resolve(
        self, name: str, aliases: tuple[str, ...] = (), at: int | None = None, person: bool = True
    ) -> Speaker:
        """Return the Speaker for a name just read in the text, remembering it as the latest.

        `person=False` marks an organisation or a document: it becomes the latest
        speaker but not the one a personal pronoun (`ia`, `he`) points back to.
        """
        key = name.lower()
        known = self.spoken.get(key)
        if known is None:
            full = self.full_name(name, before=at)
            if full and full.lower() in self.spoken:
                known = self.spoken[full.lower()]
            elif full:
                known = Speaker(full, (name,))
        if known is None:
            known = Speaker(name)
        speaker = known.with_alias(name, *aliases)
        for key_name in (speaker.name, *speaker.aliases):
            self.spoken[key_name.lower()] = speaker
        self.last = speaker
        if person:
            self.last_person = speaker
        return speaker

    def repeat_last(self, person: bool = False) -> Speaker | None:
        """Return the latest speaker (the latest person, for a personal pronoun)."""
        if person:
            return self.last_person or self.last
        return self.last


def _latest(entries: list[tuple[int, int, str]], before: int | None) -> str | None:
    """The name of the last entry (in text order) that comes before `before`."""
    i = len(entries) if before is None else bisect_left(entries, (before,))
    return entries[i - 1][2] if i else None
