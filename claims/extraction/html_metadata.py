"""What a news page says about its article: headline, authors, date, outlet, canonical URL.

Pages state these several times (JSON-LD, OpenGraph, <meta>, visible markup) and each
source is wrong somewhere: og:title carries the site name, <h1> is a section label on
some sites, <title> has both. So every field is read from the most explicit source
first and the weaker ones only fill gaps.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "webpage",
    "liveblogposting",
    "report",
}
# " - ", " | ", " :: ", " » " ... between a headline and the site or section name.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—»·•]|::?)\s+")
SITE_PREFIX = re.compile(r"^\s*([^:|]{2,40}?)\s*:\s+")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
MAX_AUTHOR_WORDS = 5
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\|| and | dan )\s*")
AUTHOR_PREFIX = re.compile(r"^(?:by|oleh|penulis|reporter|editor)\s*:?\s+", re.IGNORECASE)
# What follows a name after a comma when it is a job, degree or outlet rather than a second author.
AFFILIATION = re.compile(
    r"(?i:\b(?:writer|correspondent|contributor|editor|reporter|columnist|staff|wartawan|kontributor)\b"
    r"|\w\.(?:com|net|org|co|id|uk)\b)|^[A-Z.]{1,5}$"
)
NAME_PARTICLES = {"bin", "binti", "van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "al", "el", "dan"}
DATE_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
)


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime.date | None = None
    outlet: str | None = None
    canonical_url: str | None = None


def read_metadata(tree: HtmlElement, url: str | None = None, guess_date: bool = True) -> PageMetadata:
    """Read the page's metadata without changing the tree.

    `guess_date=False` skips htmldate's search of the whole page when no tag states the date.
    """
    meta = _meta_tags(tree)
    article = _json_ld_article(tree)
    outlet = _outlet(article, meta, url)
    return PageMetadata(
        title=_title(tree, article, meta, outlet, url),
        authors=_authors(tree, article, meta, outlet),
        published=_published(tree, article, meta, url, guess_date),
        outlet=outlet,
        canonical_url=_canonical_url(tree, meta, url),
    )


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Map lower-cased meta name/property/itemprop to the first non-empty content."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        content = _clean(node.get("content"))
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _json_ld_article(tree: HtmlElement) -> dict:
    """Return the first JSON-LD object typed as an article, or {}; broken JSON is skipped."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for item in _json_ld_items(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types) and (
                item.get("headline") or item.get("datePublished") or item.get("author")
            ):
                return item
    return {}


def _json_ld_items(data, depth: int = 0):
    """Walk lists and @graph containers, yielding every dict."""
    if depth > 4:
        return
    if isinstance(data, list):
        for entry in data:
            yield from _json_ld_items(entry, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"], depth + 1)
        if isinstance(data.get("mainEntity"), dict):
            yield from _json_ld_items(data["mainEntity"], depth + 1)


def _names(value) -> list[str]:
    """Names from a JSON-LD person/organisation field (string, dict or list of either)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for entry in value for name in _names(entry)]
    return []


def _site_words(outlet: str | None, url: str | None) -> set[str]:
    """Lower-cased tokens naming the site, to recognise it inside a <title>."""
    words = set()
    if outlet:
        words.add(re.sub(r"\W+", "", outlet.lower()))
    host = urlsplit(url or "").hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "com", "co", "id", "org", "net", "uk", "go")]
    if parts:
        words.add(parts[-1])
    return {w for w in words if len(w) >= 3}


def _strip_site_name(title: str, site_words: set[str]) -> str:
    """Drop " - Site", " | Section | Site" and "Site: " parts that name the site."""
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) > 1:
        kept = [p for p in parts if not _names_site(p, site_words)]
        if kept and len(kept) < len(parts):
            title = " - ".join(kept) if len(kept) > 1 else kept[0]
        elif not kept:
            title = max(parts, key=len)
    prefix = SITE_PREFIX.match(title)
    if prefix and _names_site(prefix.group(1), site_words):
        title = title[prefix.end() :]
    return _clean(title)


def _names_site(part: str, site_words: set[str]) -> bool:
    squashed = re.sub(r"\W+", "", part.lower())
    return any(word in squashed for word in site_words) and len(part.split()) <= 5


def _title(tree, article: dict, meta: dict, outlet: str | None, url: str | None) -> str | None:
    """The headline as shown on the page: an <h1> that the metadata title confirms, else metadata minus site name."""
    stated = [
        _clean(article.get("headline")) if isinstance(article.get("headline"), str) else "",
        meta.get("og:title", ""),
        meta.get("twitter:title", ""),
        _clean(tree.findtext(".//title")),
    ]
    stated = [s for s in stated if s]
    site_words = _site_words(outlet, url)
    cleaned = [_strip_site_name(s, site_words) for s in stated]
    folded = [s.lower() for s in stated]
    for heading in tree.iter("h1", "h2"):
        text = _clean(heading.text_content())
        if len(text) < 10 or len(text) > 300:
            continue
        if cleaned and any(text.lower() in s for s in folded) and len(text) >= 0.6 * len(cleaned[0]):
            return text
    if cleaned:
        return cleaned[0]
    first_h1 = next(tree.iter("h1"), None)
    if first_h1 is None:
        return None
    return _clean(first_h1.text_content()) or None


def _authors(tree, article: dict, meta: dict, outlet: str | None) -> tuple[str, ...]:
    """Person names from JSON-LD, then <meta>, then rel/itemprop=author markup; the outlet itself is not an author."""
    names = _names(article.get("author"))
    if not names:
        for key in ("author", "article:author", "parsely-author", "dc.creator", "sailthru.author"):
            if key in meta:
                names = [meta[key]]
                break
    if not names:
        names = [node.text_content() for node in tree.xpath('//*[@rel="author" or @itemprop="author"]')][:3]
    outlet_key = re.sub(r"\W+", "", (outlet or "").lower())
    found: list[str] = []
    for name in names:
        for position, part in enumerate(AUTHOR_SPLIT.split(name)):
            part = AUTHOR_PREFIX.sub("", _clean(part))
            key = re.sub(r"\W+", "", part.lower())
            if position and AFFILIATION.search(part):
                continue  # "TOM KRISHER, AP Auto Writer", "Ilana Muhlstein, MS, RDN", "Troy Smith, Cleveland.com"
            if _looks_like_name(part) and part not in found and not _names_outlet(key, outlet_key):
                found.append(part)
    return tuple(found)


def _names_outlet(key: str, outlet_key: str) -> bool:
    """"Kompas" for KOMPAS.com, "CNN Business" for CNN: the outlet, not a person."""
    return bool(key and outlet_key) and (key in outlet_key or (len(outlet_key) >= 3 and key.startswith(outlet_key)))


def _looks_like_name(text: str) -> bool:
    """Short, capitalised, no URL: "Siti Rahma", "ROBERT BURNS"; not "he's specialized in product reviews"."""
    words = text.split()
    if not words or len(words) > MAX_AUTHOR_WORDS or "://" in text or "@" in text:
        return False
    content = [w for w in words if w.lower() not in NAME_PARTICLES]
    capitalised = sum(1 for w in content if w[:1].isupper())
    return bool(content) and capitalised >= max(1, len(content) - 1) and capitalised / len(content) >= 0.6


def _parse_date(value: str | None) -> datetime.date | None:
    match = ISO_DATE.search(value or "")
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _published(tree, article: dict, meta: dict, url: str | None, guess_date: bool) -> datetime.date | None:
    """JSON-LD and <meta> dates first (exact); htmldate's heuristics only when neither states one."""
    stated = article.get("datePublished")
    date = _parse_date(stated if isinstance(stated, str) else None)
    for key in DATE_META_KEYS:
        if date:
            break
        date = _parse_date(meta.get(key))
    if date or not guess_date:
        return date
    try:
        from htmldate import find_date

        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate parses arbitrary markup; a failure here only means "no date"
        return None
    return _parse_date(found)


def _outlet(article: dict, meta: dict, url: str | None) -> str | None:
    publisher = _names(article.get("publisher"))
    if publisher and _clean(publisher[0]):
        return _clean(publisher[0])
    for key in ("og:site_name", "application-name"):
        if meta.get(key):
            return meta[key].lstrip("@")
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


def _canonical_url(tree, meta: dict, url: str | None) -> str | None:
    hrefs = tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href')
    candidate = (hrefs[0].strip() if hrefs else "") or meta.get("og:url", "")
    if candidate:
        resolved = urljoin(url or "", candidate)
        if resolved.startswith(("http://", "https://")):
            return resolved
    return url
