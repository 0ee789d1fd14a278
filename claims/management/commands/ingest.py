"""Store articles and queue their extraction: URLs, HTML or text files, or JSONL of articles."""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.fetch import FetchError
from claims.services import IngestError, article_ingest


class Command(BaseCommand):
    help = (
        "Ingest articles: http(s) URLs, .html/.htm files, text files, or .jsonl files with one article a line "
        '({"url"?, "text" or "html", "title"?, "lang"?, "published"?, "source"?}). '
        "Already stored articles (same URL or same text) are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", help="URLs or file paths")
        parser.add_argument("--published", type=datetime.date.fromisoformat, help="publication date, YYYY-MM-DD")
        parser.add_argument("--lang", choices=["id", "en"], help="language, if known")
        parser.add_argument("--title", default="", help="title, for a single text input")
        parser.add_argument("--url", default="", help="the article's address, for a single file input")

    def handle(self, *args, inputs, published, lang, title, url, **options):
        created = skipped = failed = 0
        for label, fields in self._items(inputs, published=published, lang=lang or "", title=title, url=url):
            try:
                if isinstance(fields, Exception):
                    raise fields
                result = article_ingest(**fields)
            except (IngestError, FetchError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"{label}: {exc}")
                continue
            if result.created:
                created += 1
                self.stdout.write(f"{label}: stored as article {result.article.pk}, queued for extraction")
            else:
                skipped += 1
                self.stdout.write(f"{label}: already stored as article {result.article.pk}")
        self.stdout.write(f"{created} stored, {skipped} already stored, {failed} failed")
        if failed:
            raise CommandError(f"{failed} input(s) could not be ingested")

    def _items(self, inputs, *, published, lang, title, url) -> Iterator[tuple[str, dict | Exception]]:
        defaults = {"published": published, "lang": lang}
        for item in inputs:
            if item.startswith(("http://", "https://")):
                yield item, {**defaults, "url": item}
                continue
            path = Path(item)
            if not path.is_file():
                yield item, IngestError("no such file, and not an http(s) URL")
                continue
            if path.suffix == ".jsonl":
                yield from self._jsonl_items(path, defaults)
            elif path.suffix.lower() in (".html", ".htm"):
                yield item, {**defaults, "html": path.read_bytes(), "url": url, "title": title}
            else:
                yield item, {**defaults, "text": _read_text(path), "url": url, "title": title}

    def _jsonl_items(self, path: Path, defaults: dict) -> Iterator[tuple[str, dict | Exception]]:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                label = f"{path}:{number}"
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise ValueError("a line must be a JSON object")
                    fields = {
                        "url": record.get("url") or "",
                        "text": record.get("text"),
                        "html": record.get("html"),
                        "title": record.get("title") or "",
                        "lang": record.get("lang") or defaults["lang"],
                        "published": _date(record.get("published")) or defaults["published"],
                        "outlet_name": record.get("source") or "",
                    }
                except ValueError as exc:
                    yield label, IngestError(f"not a valid article line ({exc})")
                    continue
                yield label, fields


def _date(value) -> datetime.date | None:
    if not value:
        return None
    return datetime.date.fromisoformat(str(value)[:10])


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        sys.stderr.write(f"{path}: not UTF-8, read as Latin-1\n")
        return data.decode("latin-1")
