"""A progress line for long commands: redrawn in place on a terminal, plain lines in a log."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper


class ProgressLine:
    def __init__(self, stream, *, every_seconds: float = 0.2, log_every_seconds: float = 10.0):
        self.stream = stream
        self.live = stream.isatty()
        self.every = every_seconds if self.live else log_every_seconds
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.last = ""

    @property
    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-9)

    def show(self, line: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.shown_at < self.every:
            return
        self.shown_at = now
        self.last = line
        self._write("\r\x1b[2K" + line if self.live else line + "\n")

    def note(self, message: str) -> None:
        """A message that stays, above the progress line."""
        self._write(("\r\x1b[2K" if self.live else "") + message + "\n" + (self.last if self.live else ""))

    def finish(self, line: str) -> None:
        self._write(("\r\x1b[2K" if self.live else "") + line + "\n")

    def _write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


def bar(done: int, total: int, width: int = 30) -> str:
    filled = width if not total else min(width, round(width * done / total))
    return "[" + "#" * filled + "." * (width - filled) + "]"
