"""A progress line for long commands: redrawn in place on a terminal, plain lines in a log."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import OutputWrapper

from claims import dispatch
from claims.models import ImportItem, ImportJob


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


def job_items_send(job: ImportJob, progress: ProgressLine) -> None:
    """Queue a job's waiting items; without a broker each runs here and now, so the bar shows real progress."""
    pending = list(job.items.filter(status=ImportItem.Status.PENDING).values_list("pk", flat=True))
    done = 0
    for batch in dispatch.batches(pending, settings.FACTCHECK_IMPORT_BATCH):
        dispatch.import_items_send(*batch)
        done += len(batch)
        progress.show(f"{job.source}: {bar(done, len(pending))} {done}/{len(pending)} sent")
    outcome = "processed" if settings.CELERY_TASK_ALWAYS_EAGER else "queued for the workers"
    progress.finish(f"{job.source}: {len(pending)} item(s) {outcome}")
