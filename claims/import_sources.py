"""Read batch inputs (URL lists, JSONL, CSV) into import entries, one per article.

A line that cannot be read becomes an entry with its error, so the job reports it by
position and the rest of the batch goes on.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

ARTICLE_FIELDS = ("url", "text", "html", "title", "lang", "published", "source")


@dataclass(frozen=True)
class ImportEntry:
    position: int
    url: str = ""
    payload: dict = field(default_factory=dict)
    error: str = ""


def entries_from_urls(text: str) -> Iterator[ImportEntry]:
    """One URL a line; blank lines and # comments are skipped."""
    for position, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not url.lower().startswith(("http://", "https://")):
            yield ImportEntry(position, error=f"not an http(s) URL: {url[:200]!r}")
        else:
            yield ImportEntry(position, url=url)


def entries_from_jsonl(lines: Iterable[str]) -> Iterator[ImportEntry]:
    for position, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ImportEntry(position, error=f"line {position} is not JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _entry(position, record, what=f"line {position}")


def entries_from_csv(text: str) -> Iterator[ImportEntry]:
    """A CSV with a header row naming some of: url, text, html, title, lang, published, source."""
    reader = csv.DictReader(io.StringIO(text))
    header = {name.strip().lower() for name in (reader.fieldnames or []) if name}
    if not header & {"url", "text", "html"}:
        yield ImportEntry(1, error="the CSV header must name a url, text or html column")
        return
    try:
        for row in reader:
            record = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
            yield _entry(reader.line_num, record, what=f"row at line {reader.line_num}")
    except csv.Error as exc:
        yield ImportEntry(reader.line_num, error=f"the CSV cannot be read past line {reader.line_num}: {exc}")


def entries_from_file(name: str, data: bytes) -> Iterator[ImportEntry]:
    """Pick the reader by the file's extension: .jsonl, .csv, or a list of URLs."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        return entries_from_jsonl(text.splitlines())
    if lower.endswith(".csv"):
        return entries_from_csv(text)
    return entries_from_urls(text)


def _entry(position: int, record, *, what: str) -> ImportEntry:
    if not isinstance(record, dict):
        return ImportEntry(position, error=f"{what} is not a JSON object")
    payload = {k: record[k] for k in ARTICLE_FIELDS if k != "url" and record.get(k)}
    url = str(record.get("url") or "").strip()
    for key in ("text", "html", "title", "lang", "source"):
        if key in payload and not isinstance(payload[key], str):
            return ImportEntry(position, error=f'{what}: "{key}" must be a string')
    if "published" in payload:
        try:
            payload["published"] = datetime.date.fromisoformat(str(payload["published"])[:10]).isoformat()
        except ValueError:
            return ImportEntry(position, error=f'{what}: "published" is not a YYYY-MM-DD date')
    if url and not url.lower().startswith(("http://", "https://")):
        return ImportEntry(position, error=f"{what}: not an http(s) URL: {url[:200]!r}")
    if not url and not payload.get("text") and not payload.get("html"):
        return ImportEntry(position, error=f'{what} has no "url", "text" or "html"')
    return ImportEntry(position, url=url, payload=payload)
