"""A news page's HTML in, its article text and metadata out (`parse_page`).

Any input gives a `Page`, never an exception: empty or binary input gives empty text,
bytes are decoded by BOM, then strict UTF-8, then the declared charset, then cp1252. Input
size is bounded so one huge page cannot stall a worker: bytes beyond MAX_INPUT_BYTES
are cut before decoding, and after scripts, styles and comments are removed the
markup is cut at MAX_MARKUP_CHARS (articles come early in the markup; what follows
such a cut is nearly always footers and widgets). A tree of more than MAX_TREE_ELEMENTS
elements skips trafilatura and htmldate for a plain <p> collection. Together these keep
one page under a few seconds on one core.
"""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from .html_metadata import PageMetadata, read_metadata
from .html_text import extract_text
from .language import detect_language
from .types import Page

MAX_INPUT_BYTES = 8_000_000
MAX_MARKUP_CHARS = 1_000_000
# Real article pages hold a few thousand elements once scripts are gone; beyond this the
# heuristic extractors get slow (seconds), so only the cheap paragraph collector runs.
MAX_TREE_ELEMENTS = 15_000
CHARSET_SNIFF_BYTES = 4096
# Browsers read these labels as the wider Windows code pages; so should we.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874"}
DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
# Markup that holds no article text, cut out before parsing because it can be most of a page.
# Opening and closing tags are found by separate searches (one regex over both would go
# quadratic on unclosed comments); an element never closed runs to the end, as in a browser.
NON_TEXT_OPENING = re.compile(r"<(script|style|svg)\b([^<>]{0,2000})>|<!--", re.IGNORECASE)
NON_TEXT_CLOSING = {
    tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("script", "style", "svg")
} | {"": re.compile(r"-->")}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# C0 controls other than tab/newline/carriage return: lxml refuses them and real pages do not contain them.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_BINARY_SHARE = 0.05
# Enough prose to tell Indonesian from English; classifying whole articles costs more than extracting them.
LANGUAGE_SAMPLE_CHARS = 1500


def parse_page(html: str | bytes, url: str | None = None) -> Page:
    """Take the article text and metadata out of an HTML page; never raises on bad input."""
    markup = _as_text(html)
    if not markup or _looks_binary(markup):
        return Page(text="", canonical_url=url)
    tree = _parse(markup)
    if tree is None:
        return Page(text="", canonical_url=url)
    huge = sum(1 for _ in tree.iter()) > MAX_TREE_ELEMENTS
    try:
        metadata = read_metadata(tree, url, guess_date=not huge)
    except Exception:  # metadata is a bonus; a hostile page must still give its text
        metadata = PageMetadata(canonical_url=url)
    text = extract_text(tree, url, title=metadata.title, thorough=not huge)
    return Page(
        text=text,
        title=metadata.title,
        authors=metadata.authors,
        published=metadata.published,
        outlet=metadata.outlet,
        lang=detect_language(text[:LANGUAGE_SAMPLE_CHARS]) if text else None,
        canonical_url=metadata.canonical_url,
    )


def _as_text(html: str | bytes | None) -> str:
    if not html:
        return ""
    if isinstance(html, str):
        return html[:MAX_INPUT_BYTES]
    return decode_html(bytes(html[:MAX_INPUT_BYTES]))


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, then strict UTF-8, then the <meta> charset, then cp1252.

    Strict UTF-8 goes before the declared charset because pages often declare
    ISO-8859-1 while serving UTF-8, and non-ASCII text that happens to be valid
    UTF-8 is almost always UTF-8.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    candidates = ["utf-8"]
    declared = DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if declared:
        label = declared.group(1).decode("ascii", "ignore").lower()
        candidates.append(CHARSET_ALIASES.get(label, label))
    candidates.append("cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _looks_binary(markup: str) -> bool:
    """Images, PDFs and random bytes decoded as text are full of controls and replacement marks."""
    sample = markup[:4000]
    odd = len(CONTROL_CHARS.findall(sample)) + sample.count("\ufffd")
    return odd > MAX_BINARY_SHARE * len(sample)


def strip_non_text_markup(markup: str) -> str:
    """Remove scripts (except JSON-LD, which holds the metadata), styles, SVG and comments in linear time."""
    kept: list[str] = []
    cursor = 0
    while True:
        opening = NON_TEXT_OPENING.search(markup, cursor)
        if opening is None:
            kept.append(markup[cursor:])
            break
        tag = (opening.group(1) or "").lower()
        closing = NON_TEXT_CLOSING[tag].search(markup, opening.end())
        end = closing.end() if closing else len(markup)
        kept.append(markup[cursor : opening.start()])
        if tag == "script" and "ld+json" in (opening.group(2) or "").lower():
            kept.append(markup[opening.start() : end])
        else:
            kept.append(" ")
        cursor = end
    return "".join(kept)


def _parse(markup: str):
    """Parse cleaned, size-bounded markup; None when lxml finds no document."""
    markup = strip_non_text_markup(markup)[:MAX_MARKUP_CHARS]
    markup = CONTROL_CHARS.sub("", XML_DECLARATION.sub("", markup, count=1))
    if not markup.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None
