"""Read schema.org ClaimReview from a fact-check page or a DataFeed document (pure Python).

A page's reviews come from its JSON-LD (``@graph``, lists, ``@id`` references), microdata and
RDFa, read with extruct; a DataFeed's from its ``dataFeedElement`` items. Whatever the input,
the only error raised is :class:`MarkupError`, whose message is meant for the user.
"""

from __future__ import annotations

import datetime
import html
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

import extruct
from dateutil import parser as date_parser
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_xmldom_html

from claims.extraction.calendar import MONTHS
from claims.extraction.language import detect_language

# A fetched page is at most 5 MB (FACTCHECK_FETCH_MAX_BYTES); a DataFeed may hold a publisher's archive.
MAX_PAGE_CHARS = 5 * 1024 * 1024
MAX_FEED_CHARS = 50 * 1024 * 1024
MAX_FEED_ELEMENTS = 20_000
MAX_REVIEWS_PER_PAGE = 100
MAX_ELEMENT_CHARS = 200_000
MAX_APPEARANCES = 50
MAX_DEPTH = 40  # nesting of JSON objects walked for reviews and references
MAX_URL = 2000
# The model's field sizes: longer text is cut at a word boundary.
LIMITS = {"publisher": 300, "headline": 500, "rating_label": 200, "claim_author": 300, "claim_reviewed": 5000}
REVIEW_TYPE = "claimreview"
FEED_ITEM_TYPE = "datafeeditem"
LANGUAGE_NAMES = {"indonesian": "id", "bahasa indonesia": "id", "indonesia": "id", "english": "en", "in": "id"}

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]{0,1000}>")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})\s+({_MONTH_WORDS})\.?,?\s+(\d{{4}})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH_WORDS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class MarkupError(Exception):
    """The input holds no usable ClaimReview, or cannot be read at all; the message says why."""


@dataclass(frozen=True)
class Review:
    """One ClaimReview, cleaned: what a published fact-check record stores."""

    url: str
    publisher: str
    publisher_url: str
    headline: str
    claim_reviewed: str
    rating_label: str
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    review_date: datetime.date | None
    language: str
    claim_author: str
    claim_date: datetime.date | None
    appearances: tuple[str, ...]


# --- entry points ------------------------------------------------------------------------


def reviews_from_page(page: str | bytes, *, url: str) -> list[Review]:
    """The page's ClaimReviews in document order (JSON-LD first, then microdata, then RDFa).

    A review without a URL of its own takes the page's; reviews sharing one URL are told apart
    by a fragment (``#claimreview-2``, ...) in the order the page gives them.
    """
    if len(page) > MAX_PAGE_CHARS:
        raise MarkupError(f"the page is {_size(len(page))}: at most {_size(MAX_PAGE_CHARS)} is read")
    if isinstance(page, bytes):
        page = page.decode("utf-8", errors="replace")
    page = page.replace("\x00", "")
    if not page.strip():
        raise MarkupError("the page is empty")
    try:
        tree = parse_xmldom_html(page, encoding="UTF-8")
        nodes = _page_nodes(tree, url)
        page_lang = _page_language(tree)
    except MarkupError:
        raise
    except Exception as exc:  # lxml, rdflib and extruct raise many types on broken markup
        raise MarkupError(f"the page's markup cannot be read ({type(exc).__name__})") from None
    found = [node for node in nodes if _is_type(node, REVIEW_TYPE)]
    if not found:
        raise MarkupError("the page has no ClaimReview markup (JSON-LD, microdata or RDFa)")
    reviews = _reviews(found, base_url=url, page_lang=page_lang)
    if not reviews:
        raise MarkupError("the page's ClaimReview markup has no claimReviewed text")
    return _unique(reviews)[:MAX_REVIEWS_PER_PAGE]


def feed_elements(document: str | bytes) -> list[dict]:
    """The elements of a DataFeed JSON document (or of a bare list of ClaimReviews), one per import item.

    Each element is a ClaimReview or a DataFeedItem holding one or more; read each with
    :func:`reviews_from_element`.
    """
    if len(document) > MAX_FEED_CHARS:
        raise MarkupError(f"the feed is {_size(len(document))}: at most {_size(MAX_FEED_CHARS)} is read")
    if isinstance(document, bytes):
        document = document.decode("utf-8", errors="replace")
    document = document.lstrip("\ufeff")
    if not document.strip():
        raise MarkupError("the feed is empty")
    try:
        data = json.loads(document)
    except json.JSONDecodeError as exc:
        raise MarkupError(f"the feed is not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except (RecursionError, ValueError):
        raise MarkupError("the feed is not JSON that can be read (nested too deeply or malformed)") from None
    if isinstance(data, dict) and "@graph" in data and "dataFeedElement" not in data:
        data = data["@graph"]
    if isinstance(data, list):  # a DataFeed among other nodes (a @graph with the publisher, say)
        data = next((node for node in data if isinstance(node, dict) and "dataFeedElement" in node), data)
    if isinstance(data, dict) and "dataFeedElement" in data:
        elements = data["dataFeedElement"]
        elements = elements if isinstance(elements, list) else [elements]
    elif isinstance(data, dict) and _is_type(data, REVIEW_TYPE):
        elements = [data]
    elif isinstance(data, list):
        elements = data
    else:
        raise MarkupError("the document is not a schema.org DataFeed, nor a list of ClaimReviews")
    if not elements:
        raise MarkupError("the feed has no elements")
    if len(elements) > MAX_FEED_ELEMENTS:
        raise MarkupError(f"the feed has {len(elements)} elements: at most {MAX_FEED_ELEMENTS} are read at once")
    return [_element(element) for element in elements]


def _element(element) -> dict:
    """A feed element as it can be stored (no NUL, no lone surrogates), or a marker of why it cannot."""
    if not isinstance(element, dict):
        return {"@invalid": _text(repr(element)[:200])}
    try:
        return _storable(element)
    except RecursionError:
        return {"@invalid": "nested too deeply"}


def _storable(value):
    if isinstance(value, str):
        return value.replace("\x00", "").encode("utf-8", errors="replace").decode("utf-8")
    if isinstance(value, list):
        return [_storable(entry) for entry in value]
    if isinstance(value, dict):
        return {_storable(str(key)): _storable(entry) for key, entry in value.items()}
    return value


def reviews_from_element(element: dict) -> list[Review]:
    """The ClaimReviews of one DataFeed element (a ClaimReview, or a DataFeedItem whose ``item`` holds them)."""
    if not isinstance(element, dict) or "@invalid" in element:
        why = element.get("@invalid") if isinstance(element, dict) else None
        raise MarkupError(
            f"the feed element cannot be read: {why}"
            if why == "nested too deeply"
            else "the feed element is not a JSON object"
        )
    try:
        size = len(json.dumps(element))
    except (TypeError, ValueError, RecursionError):
        raise MarkupError("the feed element cannot be read") from None
    if size > MAX_ELEMENT_CHARS:
        raise MarkupError(f"the feed element is {_size(size)}: at most {_size(MAX_ELEMENT_CHARS)} is read")
    if _is_type(element, REVIEW_TYPE):
        candidates = [element]
    else:
        items = element.get("item")
        candidates = [c for c in (items if isinstance(items, list) else [items]) if _is_type(c, REVIEW_TYPE)]
    if not candidates:
        raise MarkupError("the feed element holds no ClaimReview")
    reviews = _reviews(candidates, base_url="", page_lang="")
    if not reviews:
        raise MarkupError("the ClaimReview has no claimReviewed text, or no http(s) url")
    return _unique(reviews)


def feed_element_url(element: dict) -> str:
    """The http(s) address a feed element's first ClaimReview gives, or ""."""
    if not isinstance(element, dict):
        return ""
    items = element.get("item") if not _is_type(element, REVIEW_TYPE) else element
    first = (items[0] if items else None) if isinstance(items, list) else items
    return _url(first.get("url"), "") if isinstance(first, dict) else ""


# --- reading the page ----------------------------------------------------------------------


def _page_nodes(tree, url: str) -> list[dict]:
    """Every typed object of the page, nested ones included, with JSON-LD ``@id`` references resolved."""
    roots: list = []
    extractor = JsonLdExtractor()
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:  # one broken script must not hide the others
            roots.extend(extractor.extract_items(script))
        except (ValueError, RecursionError):
            continue
    index: dict[str, dict] = {}
    jsonld = list(_walk(roots, index))
    syntaxes = extruct.extract(tree, base_url=url, syntaxes=["microdata", "rdfa"], uniform=True, errors="ignore")
    microdata = list(_walk(syntaxes.get("microdata") or [], {}))
    rdfa = list(_walk(_compact_rdfa(syntaxes.get("rdfa") or []), {}))
    return [_resolved(node, index) for node in jsonld] + microdata + rdfa


def _walk(value, index: dict[str, dict], depth: int = 0) -> Iterator[dict]:
    """Yield every dict with a ``@type`` below ``value``, recording those with an ``@id`` in ``index``."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        for entry in value:
            yield from _walk(entry, index, depth + 1)
    elif isinstance(value, dict):
        if isinstance(value.get("@id"), str) and len(value) > 1:
            index.setdefault(value["@id"], value)
        if "@type" in value:
            yield value
        for key, entry in value.items():
            if key != "@context":
                yield from _walk(entry, index, depth + 1)


def _resolved(value, index: dict[str, dict], depth: int = 0, seen: frozenset = frozenset()):
    """``value`` with each bare ``{"@id": ...}`` reference replaced by the object it names (no cycles)."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, list):
        return [_resolved(entry, index, depth + 1, seen) for entry in value]
    if not isinstance(value, dict):
        return value
    ref = value.get("@id")
    if isinstance(ref, str) and len(value) == 1 and ref in index and ref not in seen:
        return _resolved(index[ref], index, depth + 1, seen | {ref})
    return {key: _resolved(entry, index, depth + 1, seen) for key, entry in value.items()}


def _compact_rdfa(nodes: list) -> list[dict]:
    """extruct's RDFa (expanded JSON-LD) as compact objects: short keys, values, references resolved."""
    by_id = {node["@id"]: node for node in nodes if isinstance(node, dict) and isinstance(node.get("@id"), str)}
    referenced = {
        ref["@id"]
        for node in by_id.values()
        for key, values in node.items()
        if not key.startswith("@") and isinstance(values, list)
        for ref in values
        if isinstance(ref, dict) and "@id" in ref
    }

    def compact(node: dict, depth: int, seen: frozenset) -> dict:
        out: dict = {"@type": node.get("@type", [])}
        for key, values in node.items():
            if key.startswith("@") or not isinstance(values, list):
                continue
            converted = []
            for value in values:
                if not isinstance(value, dict):
                    continue
                if "@value" in value:
                    converted.append(value["@value"])
                elif "@id" in value:
                    target = by_id.get(value["@id"])
                    if target is not None and "@type" in target and value["@id"] not in seen and depth < MAX_DEPTH:
                        converted.append(compact(target, depth + 1, seen | {value["@id"]}))
                    else:
                        converted.append(value["@id"])
            out[_short(key)] = converted[0] if len(converted) == 1 else converted
        return out

    return [
        compact(node, 0, frozenset({node_id}))
        for node_id, node in by_id.items()
        if "@type" in node and node_id not in referenced
    ]


def _page_language(tree) -> str:
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    for attribute in ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang"):
        value = root.get(attribute) if root is not None else None
        if value:
            return _language(value)
    return ""


# --- one review -------------------------------------------------------------------------------


def _reviews(nodes: list[dict], *, base_url: str, page_lang: str) -> list[Review]:
    """The usable reviews among ClaimReview objects; one too strange to read is left out, never raised."""
    reviews = []
    for node in nodes:
        try:
            review = _review(node, base_url=base_url, page_lang=page_lang)
        except Exception:  # hostile markup has endless shapes: one may cost only its own review
            continue
        if review is not None:
            reviews.append(review)
    return reviews


def _review(node: dict, *, base_url: str, page_lang: str) -> Review | None:
    node = _short_keys(node)
    claim = _text(_first(node.get("claimReviewed")), "claim_reviewed")
    if not claim:
        return None
    url = _url(_first(node.get("url")), base_url) or _url(base_url, "")
    if not url:
        return None
    author = _first_object(node.get("author")) or _first_object(node.get("publisher"))
    rating = _short_keys(_first_object(node.get("reviewRating")) or {})
    reviewed = _short_keys(_first_object(node.get("itemReviewed")) or {})
    headline = _text(_first(node.get("headline")) or _first(node.get("name")), "headline")
    language = _language(_first(node.get("inLanguage"))) or page_lang or detect_language(f"{headline} {claim}")
    return Review(
        url=url,
        publisher=_text(_name(author), "publisher") or _text(_host(url), "publisher"),
        publisher_url=_url(_first(_short_keys(author).get("url")), base_url) if isinstance(author, dict) else "",
        headline=headline,
        claim_reviewed=claim,
        rating_label=_text(_first(rating.get("alternateName")) or _first(rating.get("name")), "rating_label"),
        rating_value=_number(_first(rating.get("ratingValue"))),
        best_rating=_number(_first(rating.get("bestRating"))),
        worst_rating=_number(_first(rating.get("worstRating"))),
        review_date=_date(_first(node.get("datePublished")) or _first(node.get("dateCreated"))),
        language=language,
        claim_author=_text(_name(_first_object(reviewed.get("author"))), "claim_author"),
        claim_date=_date(_first(reviewed.get("datePublished")) or _first(reviewed.get("dateCreated"))),
        appearances=_appearances(reviewed, base_url),
    )


def _unique(reviews: list[Review]) -> list[Review]:
    """Drop a review the page repeats (the same claim under the same URL, in two syntaxes); number the rest."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for review in reviews:
        key = (review.url, review.claim_reviewed.casefold())
        if key not in seen:
            seen.add(key)
            kept.append(review)
    counts: dict[str, int] = {}
    numbered = []
    for review in kept:
        counts[review.url] = counts.get(review.url, 0) + 1
        if counts[review.url] > 1:
            base = urldefrag(review.url)[0]
            review = _replace(review, url=f"{base}#claimreview-{counts[review.url]}"[:MAX_URL])
        numbered.append(review)
    return numbered


def _replace(review: Review, **changes) -> Review:
    return Review(**{**review.__dict__, **changes})


def _appearances(reviewed: dict, base_url: str) -> tuple[str, ...]:
    urls: list[str] = []
    for key in ("firstAppearance", "appearance"):
        values = reviewed.get(key)
        for value in values if isinstance(values, list) else [values]:
            target = _short_keys(value).get("url") if isinstance(value, dict) else value
            url = _url(_first(target), base_url)
            if url and url not in urls:
                urls.append(url)
    return tuple(urls[:MAX_APPEARANCES])


# --- values ------------------------------------------------------------------------------------


def _is_type(value, wanted: str) -> bool:
    if not isinstance(value, dict):
        return False
    types = value.get("@type")
    return any(
        _short(t).lower() == wanted for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)
    )


def _short(key: str) -> str:
    """``https://schema.org/claimReviewed`` or ``schema:claimReviewed`` -> ``claimReviewed``."""
    return re.split(r"[/#:]", key.rstrip("/"))[-1] if not key.startswith("@") else key


def _short_keys(value) -> dict:
    if not isinstance(value, dict):
        return {}
    return {_short(key) if isinstance(key, str) else key: entry for key, entry in value.items()}


def _first(value):
    while isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and "@value" in value:
        return _first(value["@value"])
    return value


def _first_object(value):
    """The first object of a value that may be a list, a bare name, or an object."""
    if isinstance(value, list):
        return next((entry for entry in value if isinstance(entry, dict | str)), None)
    return value


def _name(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = _short_keys(value)
        return _first(value.get("name")) or _first(value.get("alternateName")) or ""
    return ""


def _text(value, field: str | None = None) -> str:
    """Plain, single-spaced text without NUL or lone surrogates, cut to the field's size at a word."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    value = html.unescape(_TAG.sub(" ", value.replace("\x00", "")))
    value = value.encode("utf-8", errors="replace").decode("utf-8")
    value = _SPACE.sub(" ", value).strip()
    limit = LIMITS.get(field or "", 0)
    if limit and len(value) > limit:
        value = value[:limit].rsplit(" ", 1)[0].rstrip() or value[:limit]
    return value


def _url(value, base_url: str) -> str:
    """An absolute http(s) URL without credentials, or ""."""
    if not isinstance(value, str):
        return ""
    value = value.strip().replace("\x00", "")
    if not value or len(value) > MAX_URL:
        return ""
    try:
        absolute = urljoin(base_url, value) if base_url else value
        parts = urlsplit(absolute)
        ok = parts.scheme.lower() in ("http", "https") and parts.hostname and not (parts.username or parts.password)
    except ValueError:
        return ""
    return absolute if ok else ""


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _date(value) -> datetime.date | None:
    """A date from ISO 8601, "5 Maret 2024", "March 5, 2024" or what dateutil reads; None if implausible."""
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    day = None
    if match := _ISO_DATE.match(value):
        day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _DAY_MONTH_YEAR.search(value):
        day = _safe_date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    elif match := _MONTH_DAY_YEAR.search(value):
        day = _safe_date(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
    else:
        try:
            day = date_parser.parse(value, fuzzy=False).date()
        except (ValueError, OverflowError, TypeError, date_parser.ParserError):
            return None
    latest = datetime.date.today() + datetime.timedelta(days=366)
    return day if day and datetime.date(1900, 1, 1) <= day <= latest else None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _language(value) -> str:
    """ "id" or "en" (or another declared primary code) from "id-ID", "en_US", "Indonesian", {"name": ...}."""
    if isinstance(value, dict):
        value = _short_keys(value)
        return _language(_first(value.get("alternateName"))) or _language(_first(value.get("name")))
    if not isinstance(value, str):
        return ""
    value = value.strip().lower()
    if value in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[value]
    primary = re.split(r"[-_]", value, maxsplit=1)[0]
    primary = LANGUAGE_NAMES.get(primary, primary)
    return primary if _LANGUAGE_CODE.match(primary) else ""


def _host(url: str) -> str:
    """The site of an address, for a review that names no author or publisher: ``cekfakta.example``."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
