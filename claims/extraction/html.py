"""A news page's HTML in, its article text and metadata out (`parse_page`).

Any input gives a `Page`, never an exception: empty or binary input gives empty text,
bytes are decoded by `decoding.decode_page` (BOM, then the page's charset declaration,
then detection), or by the charset the server declared when the caller passes it. Input
size is bounded so one huge page cannot stall a worker: bytes beyond MAX_INPUT_BYTES
are cut before decoding, and after scripts, styles and comments are removed the
markup is cut at MAX_MARKUP_CHARS (articles come early in the markup; what follows
such a cut is nearly always footers and widgets). A tree of more than MAX_TREE_ELEMENTS
elements skips trafilatura and htmldate for a plain <p> collection. Together these keep
one page under a few seconds on one core.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .budget import budget_check
from .decoding import decode_page
from .html_metadata import PageMetadata, read_metadata
from .html_text import extract_text
from .language import detect_language
from .types import Page

MAX_INPUT_BYTES = 8_000_000
MAX_MARKUP_CHARS = 1_000_000
# Real article pages hold a few thousand elements once scripts are gone; beyond this the
# heuristic extractors get slow (seconds), so only the cheap paragraph collector runs.
MAX_TREE_ELEMENTS = 15_000
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


def parse_page(html: str | bytes, url: str | None = None, *, charset: str | None = None) -> Page:
    """Take the article text and metadata out of an HTML page; never raises on bad input.

    `charset` is the one the server declared for page bytes, if any. Under a time budget
    (see `budget`) it raises ExtractionTimeout between its steps once the budget is spent.
    """
    markup = _as_text(html, charset)
    if not markup or _looks_binary(markup):
        return Page(text="", canonical_url=url)
    tree = _parse(markup)
    if tree is None:
        return Page(text="", canonical_url=url)
    budget_check()
    huge = sum(1 for _ in tree.iter()) > MAX_TREE_ELEMENTS
    try:
        metadata = read_metadata(tree, url, guess_date=not huge)
    except Exception:  # metadata is a bonus; a hostile page must still give its text
        metadata = PageMetadata(canonical_url=url)
    budget_check()
    text = extract_text(tree, url, title=metadata.title, thorough=not huge)
    budget_check()
    return Page(
        text=text,
        title=metadata.title,
        authors=metadata.authors,
        published=metadata.published,
        outlet=metadata.outlet,
        lang=detect_language(text[:LANGUAGE_SAMPLE_CHARS]) if text else None,
        canonical_url=metadata.canonical_url,
    )


def _as_text(html: str | bytes | None, charset: str | None) -> str:
    if not html:
        return ""
    if isinstance(html, str):
        return html[:MAX_INPUT_BYTES]
    return decode_page(bytes(html[:MAX_INPUT_BYTES]), declared=charset).text


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
