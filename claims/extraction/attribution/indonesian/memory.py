"""Who has spoken so far in an Indonesian article.

A small memory of speakers and of the full names seen, so pronouns and short names
resolve to the full name used earlier.
"""

from __future__ import annotations

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

    def remember_name(self, offset: int, name: str) -> None:
        if len(name.split()) >= 2:
            self.names.append((offset, name))

    def full_name(self, short: str, before: int | None = None) -> str | None:
        """Return the most recent longer name whose first or last words are `short`.

        A one-word short name may also be a middle name of a name of three words or more.
        """
        words = short.lower().split()
        if not words:
            return None
        n = len(words)
        middle = None
        for offset, name in reversed(self.names):
            if before is not None and offset >= before:
                continue
            parts = name.lower().split()
            if len(parts) > n and (parts[-n:] == words or parts[:n] == words):
                return name
            if middle is None and n == 1 and len(parts) > 2 and words[0] in parts:
                middle = name  # `Argo` for `Raden Prabowo Argo Yuwono`
        return middle

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
