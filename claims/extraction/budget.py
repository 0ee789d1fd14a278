"""A time budget for one extraction, checked inside the extractor's loops.

Extraction is linear in its input, but a huge or hostile article can still take long;
`extract(..., budget=seconds)` gives it a deadline. The loops over paragraphs, sentences,
cues and claims call `budget_check()`, which raises `ExtractionTimeout` once the deadline
has passed, with a reason a user can act on ("the text has a 1.2 MB paragraph: ...").
The deadline lives in a context variable, so threads and nested calls keep their own.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# A paragraph this long is not prose but a page flattened into one line.
LONG_PARAGRAPH_CHARS = 50_000
LONG_RUN_CHARS = 1_000
_RUN = re.compile(r"([^\w\s])\1*+")


class ExtractionTimeout(Exception):
    """The extraction ran past its time budget; the message says why, for the user."""

    def __init__(self, reason: str, *, seconds: float):
        super().__init__(reason)
        self.reason = reason
        self.seconds = seconds


@dataclass(frozen=True)
class _Deadline:
    at: float  # time.monotonic() value
    seconds: float
    text: str


_current: ContextVar[_Deadline | None] = ContextVar("extraction_deadline", default=None)


@contextmanager
def time_budget(seconds: float | None, text: str) -> Iterator[None]:
    """Run the block with a deadline `seconds` from now (none when `seconds` is None)."""
    if seconds is None:
        token = _current.set(None)
    else:
        token = _current.set(_Deadline(time.monotonic() + seconds, seconds, text))
    try:
        yield
    finally:
        _current.reset(token)


def budget_subject(text: str) -> None:
    """Name the text the current deadline's reason describes (the article text, once a page gives it)."""
    deadline = _current.get()
    if deadline is not None:
        _current.set(_Deadline(deadline.at, deadline.seconds, text))


def budget_check() -> None:
    """Raise ExtractionTimeout if the current extraction has run out of time."""
    deadline = _current.get()
    if deadline is not None and time.monotonic() > deadline.at:
        raise ExtractionTimeout(slow_text_reason(deadline.text, deadline.seconds), seconds=deadline.seconds)


def slow_text_reason(text: str, seconds: float) -> str:
    """Say what about `text` makes it slow to extract, and what to do about it."""
    if not text:
        return f"the page took more than {seconds:g} s to read: it is too large or malformed"
    longest = max(text.split("\n"), key=len, default="")
    if len(longest) >= LONG_PARAGRAPH_CHARS:
        return f"the text has a {_size(longest)} paragraph: split it into paragraphs or shorten it"
    run = max(_RUN.finditer(text), key=lambda m: m.end() - m.start(), default=None)
    if run is not None and run.end() - run.start() >= LONG_RUN_CHARS:
        return f"the text has a run of {run.end() - run.start():,} {run.group(1)!r} characters: remove it"
    return f"the text ({_size(text)}) took more than {seconds:g} s to extract: shorten it or split it into articles"


def _size(text: str) -> str:
    size = len(text.encode("utf-8", errors="replace"))
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size} bytes"
