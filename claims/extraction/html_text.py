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

from .html_boilerplate import is_boilerplate, is_leading_label, is_trailing_label

# Never article text; trafilatura drops them too, but only after copying the tree several times.
NON_TEXT_TAGS = ("head", "script", "style", "noscript", "template", "nav", "iframe", "svg", "button", "input",
                 "select", "textarea", "object", "embed", "canvas", "video", "audio", "map", "link", "meta")
# Text sitting directly in these, beside block children, is a paragraph without a <p>.
LOOSE_TEXT_CONTAINERS = ("div", "span", "td", "article", "section", "main", "font", "center")
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "tbody", "thead", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
    "figcaption", "pre", "form", "hr", "iframe", "video", "audio",
})
MIN_LOOSE_TEXT_CHARS = 40
CARD_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "div", "p", "li", "figure", "ul", "table")
MIN_LINK_LIST_ITEMS = 2
CAPTION_LABEL = re.compile(r"caption|credit|keterangan|photo-?desc|image-?desc|img-?desc", re.IGNORECASE)
PICTURE_LABEL = re.compile(r"photo|foto|image|img|picture|figure|media", re.IGNORECASE)
MAX_CAPTION_WORDS = 60
LINK_LIST_SHARE = 0.9
# Below this many words the precise pass probably missed the article (photo pages, odd layouts).
MIN_BODY_WORDS = 15
MIN_FALLBACK_PARAGRAPH_CHARS = 40
# How far down the text a repeat of the headline is looked for.
HEADLINE_LINES = 5
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def extract_text(tree: HtmlElement, url: str | None = None, title: str | None = None, thorough: bool = True) -> str:
    """Return the article body, paragraphs separated by "\\n"; "" when the page has none.

    The headline repeated near the top is dropped: it is `Page.title`, not body text.
    `thorough=False` (for huge trees) skips trafilatura and collects paragraphs only.
    """
    lines: list[str] = []
    if thorough:
        etree.strip_elements(tree, *NON_TEXT_TAGS, with_tail=False)
        drop_furniture(tree)
        unmark_embedded_posts(tree)
        promote_loose_text(tree)
        lines = clean_lines(_trafilatura(tree, url, favor_precision=True))
        if _word_count(lines) < MIN_BODY_WORDS:
            looser = clean_lines(_trafilatura(tree, url, favor_recall=True))
            if _word_count(looser) > _word_count(lines):
                lines = looser
    if not lines:
        lines = clean_lines("\n".join(_densest_paragraphs(tree)))
    if title:
        lines = [line for i, line in enumerate(lines) if i >= HEADLINE_LINES or line.casefold() != title.casefold()]
    return "\n".join(lines)


def clean_lines(text: str | None) -> list[str]:
    """Normalise spacing; drop furniture lines, repeats of the line before, and labels at either end."""
    kept: list[str] = []
    for raw in (text or "").split("\n"):
        line = SPACES.sub(" ", raw).strip()
        if not line or is_boilerplate(line):
            continue
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    while kept and is_leading_label(kept[0]):
        kept.pop(0)
    while kept and is_trailing_label(kept[-1]):
        kept.pop()
    return kept


def drop_furniture(tree: HtmlElement) -> None:
    """Remove captions, teaser cards (a link wrapping a heading or block) and lists made only of links.

    These are photo credits, "related articles" and navigation; article prose is not
    wrapped whole in links. trafilatura's own tests let some of them through.
    """
    for node in list(tree.iter("figcaption", "div", "span", "p", "small")):
        if node.getparent() is not None and _is_caption(node):
            node.drop_tree()
    for link in list(tree.iter("a")):
        if link.getparent() is not None and next(link.iter(*CARD_BLOCK_TAGS), None) is not None:
            link.drop_tree()
    for listing in list(tree.iter("ul", "ol")):
        items = [item for item in listing.iter("li") if item.text_content().strip()]
        if len(items) >= MIN_LINK_LIST_ITEMS and all(_link_share(item) >= LINK_LIST_SHARE for item in items):
            listing.drop_tree()


def unmark_embedded_posts(tree: HtmlElement) -> None:
    """Let embedded tweets through: their text is quoted speech, but "tweet"/"social" classes get them pruned."""
    for quote in tree.xpath('//blockquote[contains(@class, "twitter-tweet")]'):
        quote.attrib.pop("class", None)
        wrapper = quote.getparent()
        if wrapper is not None and wrapper.tag == "div" and len(wrapper) == 1:
            wrapper.attrib.pop("class", None)


def _is_caption(node: HtmlElement) -> bool:
    """A figcaption, or a short block labelled as a caption, or a short block holding a picture."""
    if node.tag == "figcaption":
        return True
    label = f"{node.get('class', '')} {node.get('id', '')}"
    if not CAPTION_LABEL.search(label) and not (
        PICTURE_LABEL.search(label) and any(child.tag in ("img", "picture") for child in node)
    ):
        return False
    return len(node.text_content().split()) <= MAX_CAPTION_WORDS


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
