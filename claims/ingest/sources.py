"""Read batch inputs (URL lists, JSONL, CSV, single pages) into import entries, one per article.

A line that cannot be read, or whose fields have the wrong type or an impossible value,
becomes an entry with its error, so the job reports it by position and the rest of the
batch goes on. Strings are cleaned of what no database stores (NUL, lone surrogates).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from claims.extraction.decoding import decode_page
from claims.extraction.language import SUPPORTED as LANGUAGES

from .cleaning import clean_str, published_is_plausible, published_range
from .urls import CREDENTIALS_REFUSED, url_has_credentials, url_without_credentials

STRING_FIELDS = ("text", "html", "title", "lang", "source", "source_url")
# Other names batches use for a field: {"outlet": "ACME"} is {"source": "ACME"}.
FIELD_ALIASES = {"outlet": "source"}
PAGE_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".text")


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
        if url and not url.startswith("#"):
            yield url_entry(position, url)


def url_entry(position: int, url: str, payload: dict | None = None) -> ImportEntry:
    """An article to fetch from its address, or the reason it cannot be fetched."""
    url = clean_str(url.strip())
    if not url.lower().startswith(("http://", "https://")):
        return ImportEntry(position, error=f"not an http(s) URL: {url_without_credentials(url)[:200]!r}")
    if url_has_credentials(url) and not (payload or {}).get("text") and not (payload or {}).get("html"):
        return ImportEntry(position, error=f"{url_without_credentials(url)[:200]}: {CREDENTIALS_REFUSED}")
    return ImportEntry(position, url=url_without_credentials(url), payload=dict(payload or {}))


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
    """A CSV with a header row naming some of: url, text, html, title, lang, published, source (or outlet)."""
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


def entry_from_page(data: bytes, *, html: bool = True) -> ImportEntry:
    """One article from a file: an HTML page, or plain text, decoded the way a fetched page is."""
    return ImportEntry(1, payload={"html" if html else "text": decode_page(data).text})


def entries_from_file(name: str, data: bytes) -> Iterator[ImportEntry]:
    """Pick the reader by the file's extension: .jsonl, .csv, an .html page, a .txt article, or a list of URLs.

    A .txt file is one article's text, unless every line of it is an address (or blank, or
    a # comment): then it is a list of URLs.
    """
    lower = name.lower()
    if lower.endswith(PAGE_SUFFIXES):
        return iter([entry_from_page(data)])
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if lower.endswith((".jsonl", ".ndjson")):
        return entries_from_jsonl(text.splitlines())
    if lower.endswith(".csv"):
        return entries_from_csv(text)
    if lower.endswith(TEXT_SUFFIXES) and not is_url_list(text):
        return iter([entry_from_page(data, html=False)])
    return entries_from_urls(text)


def is_url_list(text: str) -> bool:
    """Whether every line that says anything is an http(s) address or a # comment."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(
        line.startswith("#") or (line.lower().startswith(("http://", "https://")) and " " not in line) for line in lines
    )


def _entry(position: int, record, *, what: str) -> ImportEntry:
    """Check and clean one record's fields; a field of the wrong type or value is the line's error."""
    if not isinstance(record, dict):
        return ImportEntry(position, error=f"{what} is not a JSON object")
    payload = {}
    for alias, key in FIELD_ALIASES.items():
        if record.get(key) in (None, "") and alias in record:
            record = {**record, key: record[alias]}
    for key in STRING_FIELDS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            return ImportEntry(position, error=f'{what}: "{key}" must be a string')
        payload[key] = clean_str(value)
    if "source_url" in payload:  # the address the text was taken from: its outlet, its link
        source_url = payload["source_url"].strip()
        if not source_url.lower().startswith(("http://", "https://")) or len(source_url) > 2000:
            return ImportEntry(position, error=f'{what}: "source_url" must be an http(s) URL')
        payload["source_url"] = url_without_credentials(source_url)
    if "lang" in payload:
        payload["lang"] = payload["lang"].strip().lower()
        if payload["lang"] not in LANGUAGES:
            known = " or ".join(f'"{code}"' for code in LANGUAGES)
            return ImportEntry(position, error=f'{what}: "lang" must be {known}, not {record["lang"][:20]!r}')
    published = record.get("published")
    if published is not None and published != "":
        try:
            date = datetime.date.fromisoformat(str(published)[:10])
        except ValueError:
            return ImportEntry(position, error=f'{what}: "published" is not a YYYY-MM-DD date')
        if not published_is_plausible(date):
            earliest, latest = published_range()
            return ImportEntry(position, error=f'{what}: "published" {date} is not between {earliest} and {latest}')
        payload["published"] = date.isoformat()
    url = record.get("url") or ""
    if not isinstance(url, str):
        return ImportEntry(position, error=f'{what}: "url" must be a string')
    if url.strip():
        entry = url_entry(position, url, payload)
        return ImportEntry(position, error=f"{what}: {entry.error}") if entry.error else entry
    if not payload.get("text") and not payload.get("html"):
        return ImportEntry(position, error=f'{what} has no "url", "text" or "html"')
    return ImportEntry(position, payload=payload)
