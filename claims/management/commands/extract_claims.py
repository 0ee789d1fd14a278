"""Extract claims from a JSONL of articles to a JSONL of results, without touching the database.

Each line gets the extractor's time budget (`--budget`); a line that runs out of it is
reported with the reason, like a malformed line, and the command goes on.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import DEFAULT_BUDGET_SECONDS, ExtractionTimeout, extract
from claims.extraction.decoding import decode_page
from claims.extraction.language import SUPPORTED as LANGUAGES
from claims.extraction.serialize import extraction_to_dict
from claims.ingest.cleaning import clean_str, published_is_plausible
from claims.management.progress import ProgressLine


class Command(BaseCommand):
    help = (
        'Read articles ({"id", "text" or "html", "lang"?, "published"?, "url"?} a line) and write '
        '{"id", "lang", "text", "title", "authors", "published", "outlet", "claims": [...]} a line.'
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSONL file of articles, or - for standard input")
        parser.add_argument("-o", "--output", help="JSONL file to write (default: standard output)")
        parser.add_argument(
            "--budget",
            type=_seconds,
            default=DEFAULT_BUDGET_SECONDS,
            help=f"seconds one article may take; 0 for no limit (default: {DEFAULT_BUDGET_SECONDS:g})",
        )

    def handle(self, *args, input, output, budget, **options):
        source = sys.stdin.buffer if input == "-" else _open(input, "rb")
        target = sys.stdout if not output else _open(output, "w")
        progress = Progress(sys.stderr)
        bad_lines = timed_out = 0
        try:
            for number, raw in enumerate(source, start=1):
                line = decode_page(raw).text
                if not line.strip():
                    continue
                try:
                    record = _article(line)
                    result = extract(
                        record.get("text"),
                        html=record.get("html"),
                        lang=_lang(record.get("lang")),
                        published=_date(record.get("published")),
                        url=record.get("url"),
                        budget=budget or None,
                    )
                except ValueError as exc:
                    bad_lines += 1
                    progress.note(f"line {number}: skipped, {exc}")
                    continue
                except ExtractionTimeout as exc:
                    timed_out += 1
                    progress.note(f"line {number}: skipped, took longer than {exc.seconds:g} s: {exc.reason}")
                    continue
                target.write(json.dumps(extraction_to_dict(record.get("id"), result), ensure_ascii=False) + "\n")
                progress.tick(len(result.claims))
        finally:
            progress.done()
            if target is not sys.stdout:
                target.close()
        skipped = [f"{bad_lines} malformed line(s)"] if bad_lines else []
        skipped += [f"{timed_out} line(s) out of time"] if timed_out else []
        if skipped:
            raise CommandError(f"{' and '.join(skipped)} skipped; the others were written")


class Progress:
    """Articles and claims so far, and the rate."""

    def __init__(self, stream):
        self.line = ProgressLine(stream)
        self.articles = self.claims = 0

    def tick(self, claims: int) -> None:
        self.articles += 1
        self.claims += claims
        self.line.show(self._text())

    def note(self, message: str) -> None:
        self.line.note(message)

    def done(self) -> None:
        self.line.finish(self._text())

    def _text(self) -> str:
        return f"{self.articles} articles, {self.claims} claims, {self.articles / self.line.elapsed:.0f} articles/s"


def _open(path: str, mode: str):
    try:
        return open(path, mode) if "b" in mode else open(path, mode, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None


def _article(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if not isinstance(record.get("text"), str) and not isinstance(record.get("html"), str):
        raise ValueError('it has neither "text" nor "html"')
    for field in ("text", "html", "url", "lang", "published"):
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{field}" must be a string, not {type(value).__name__} {json.dumps(value)[:40]}')
    # No NUL, no lone surrogate: what is written back must be valid UTF-8 JSON.
    return {key: clean_str(value) if isinstance(value, str) else value for key, value in record.items()}


def _lang(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    code = value.strip().lower()
    if code not in LANGUAGES:
        known = " or ".join(f'"{known}"' for known in LANGUAGES)
        raise ValueError(f'"lang" must be {known}, not {value[:20]!r}')
    return code


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if seconds < 0:
        raise argparse.ArgumentTypeError("the budget cannot be negative")
    return seconds


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f'"published" is not a YYYY-MM-DD date: {value[:40]!r}') from None
    if not published_is_plausible(day):
        raise ValueError(f'"published" is not a plausible date: {day.isoformat()}')
    return day
