"""The article body of a parsed page as clean text, one paragraph a line.

trafilatura (precision mode) finds the main text; this module prepares the tree for
it, drops the furniture lines it lets through, and falls back to a looser pass or
to plain <p> collection when it finds (almost) nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree
from lxml.html import HtmlElement

from .html_boilerplate import is_boilerplate

# Text sitting directly in these, beside block children, is a paragraph without a <p>.
LOOSE_TEXT_CONTAINERS = ("div", "span", "td", "article", "section", "main", "font", "center")
BLOCK_TAGS = frozenset(
    "p div section article aside header footer nav ul ol li dl dt dd table tbody thead tr td th "
    "h1 h2 h3 h4 h5 h6 blockquote figure figcaption pre form hr iframe video audio".split()
)
MIN_LOOSE_TEXT_CHARS = 40
CARD_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "li", "figure", "ul", "table")
MIN_LINK_LIST_ITEMS = 2
LINK_LIST_SHARE = 0.9
# Below this many words the precise pass probably missed the article (photo pages, odd layouts).
FAST = __import__("os").environ.get("FAST") == "1"
MIN_BODY_WORDS = 40
MIN_FALLBACK_PARAGRAPH_CHARS = 40
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def extract_text(tree: HtmlElement, url: str | None = None) -> str:
    """Return the article body, paragraphs separated by "\\n"; "" when the page has none."""
    if not __import__("os").environ.get("NOLINK"): drop_link_furniture(tree)
    promote_loose_text(tree)
    lines = clean_lines(_trafilatura(tree, url, favor_precision=True, fast=FAST))
    if _word_count(lines) < MIN_BODY_WORDS:
        looser = clean_lines(_trafilatura(tree, url, favor_recall=True))
        if _word_count(looser) > _word_count(lines):
            lines = looser
    if not lines:
        lines = clean_lines("\n".join(_densest_paragraphs(tree)))
    return "\n".join(lines)


def clean_lines(text: str | None) -> list[str]:
    """Normalise spacing, drop furniture lines and repeats of the line just before."""
    kept: list[str] = []
    for raw in (text or "").split("\n"):
        line = SPACES.sub(" ", raw).strip()
        if not line or is_boilerplate(line):
            continue
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept


def drop_link_furniture(tree: HtmlElement) -> None:
    """Remove teaser cards (a link wrapping a heading or block) and lists made only of links.

    Both are "related articles" and navigation furniture; article prose is not wrapped
    whole in links. trafilatura's own link-density test lets some of them through.
    """
    for link in list(tree.iter("a")):
        if link.getparent() is not None and next(link.iter(*CARD_BLOCK_TAGS), None) is not None:
            link.drop_tree()
    for listing in list(tree.iter("ul", "ol")):
        items = [item for item in listing.iter("li") if item.text_content().strip()]
        if len(items) >= MIN_LINK_LIST_ITEMS and all(_link_share(item) >= LINK_LIST_SHARE for item in items):
            listing.drop_tree()


def _link_share(node: HtmlElement) -> float:
    total = len(SPACES.sub("", node.text_content()))
    linked = sum(len(SPACES.sub("", a.text_content())) for a in node.iter("a"))
    return linked / total if total else 0.0


def promote_loose_text(tree: HtmlElement) -> None:
    """Wrap text that sits beside block elements in <p>, so extractors see it as a paragraph.

    Pages such as `<div>Jakarta - First paragraph.<br><br>Second.<p>Third</p></div>`
    otherwise lose their lead paragraphs.
    """
    for container in list(tree.iter(*LOOSE_TEXT_CONTAINERS)):
        children = list(container)
        if not any(_is_block(child) for child in children):
            continue
        loose = len((container.text or "").strip()) + sum(len((c.tail or "").strip()) for c in children)
        if loose < MIN_LOOSE_TEXT_CHARS:
            continue
        _wrap_inline_runs(container, children)


def _is_block(node) -> bool:
    return isinstance(node.tag, str) and node.tag in BLOCK_TAGS


def _wrap_inline_runs(container: HtmlElement, children: list) -> None:
    sequence: list = []
    run_text, run_nodes = container.text, []

    def flush():
        has_text = bool((run_text or "").strip()) or any(
            isinstance(n.tag, str) and (n.text_content() or n.tail or "").strip() for n in run_nodes
        )
        if has_text:
            paragraph = etree.Element("p")
            paragraph.text = run_text
            paragraph.extend(run_nodes)
            sequence.append(paragraph)
        else:
            sequence.extend(run_nodes)

    container.text = None
    for child in children:
        if _is_block(child):
            flush()
            run_text, run_nodes = child.tail, []
            child.tail = None
            sequence.append(child)
        else:
            run_nodes.append(child)
    flush()
    for child in children:
        if child.getparent() is container:
            container.remove(child)
    container.extend(sequence)


def _trafilatura(tree: HtmlElement, url: str | None, **focus) -> str:
    import trafilatura

    try:
        return trafilatura.extract(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            **focus,
        ) or ""
    except Exception:  # trafilatura on hostile markup: treat as "found nothing", the fallback still runs
        return ""


def _densest_paragraphs(tree: HtmlElement) -> list[str]:
    """The <p> texts of the parent holding the most paragraph text: a last resort for odd pages."""
    by_parent: dict = defaultdict(list)
    for paragraph in tree.iter("p"):
        text = SPACES.sub(" ", paragraph.text_content()).strip()
        if len(text) >= MIN_FALLBACK_PARAGRAPH_CHARS:
            by_parent[paragraph.getparent()].append(text)
    if not by_parent:
        return []
    return max(by_parent.values(), key=lambda texts: sum(len(t) for t in texts))


def _word_count(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)
