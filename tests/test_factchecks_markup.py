"""ClaimReview read from fact-check pages and DataFeeds: every field, every syntax, and hostile input."""

import datetime
import json
import random

import pytest

from claims.factchecks.markup import (
    MAX_PAGE_CHARS,
    MarkupError,
    feed_element_url,
    feed_elements,
    reviews_from_element,
    reviews_from_page,
)

from .conftest import FIXTURES

PAGES = FIXTURES / "factchecks"
PAGE_URL = "https://cekfakta.nusantara.example/2025/02/04/hoaks-video-banjir-jakarta-januari-2025"


def _page(name: str, url: str = "https://page.example/check"):
    return reviews_from_page((PAGES / name).read_text(encoding="utf-8"), url=url)


def test_an_indonesian_json_ld_graph_gives_every_field_with_references_resolved():
    (review,) = _page("cekfakta-hoaks-graph.html", url=PAGE_URL)
    assert review.url == PAGE_URL
    assert (review.publisher, review.publisher_url) == ("Cek Fakta Nusantara", "https://cekfakta.nusantara.example/")
    assert review.headline == "[Cek Fakta] Hoaks, Video Banjir Jakarta Ini Terjadi pada Januari 2025"
    assert review.claim_reviewed.startswith("Video banjir setinggi dua meter di Jalan Sudirman")
    assert review.rating_label == "Hoaks", "alternateName wins over name"
    assert (review.rating_value, review.best_rating, review.worst_rating) == (1.0, 5.0, 1.0)
    assert review.review_date == datetime.date(2025, 2, 4), "the publisher's own date, not converted to UTC"
    assert review.language == "id", "from <html lang=id-ID>"
    assert review.claim_author == "Akun Facebook Sahabat Rakyat"
    assert review.claim_date == datetime.date(2025, 1, 29), "an Indonesian month name"
    assert review.appearances == (
        "https://www.facebook.example/sahabatrakyat/posts/1001",
        "https://x.example/banjirinfo/status/2002",
        "https://cekfakta.nusantara.example/arsip/video-banjir-asli",
    ), "first appearance first, deduplicated, javascript: dropped, relative resolved"


def test_english_microdata_without_a_language_is_detected_from_the_claim():
    (review,) = _page("factcheck-false-microdata.html")
    assert review.url == "https://factdesk.example/checks/who-new-pandemic-march-2025"
    assert (review.publisher, review.rating_label, review.rating_value) == ("Global Fact Desk", "False", 1.0)
    assert review.review_date == datetime.date(2025, 3, 14), "March 14, 2025"
    assert review.language == "en"
    assert (review.claim_author, review.claim_date) == ("Viral Telegram channel", datetime.date(2025, 3, 11))
    assert review.appearances == ("https://t.example/viralnews/8841",)


def test_rdfa_is_read_like_the_other_syntaxes():
    (review,) = _page("salah-rdfa.html")
    assert review.url == "https://periksa.example/salah-bantuan-rp-5-juta"
    assert (review.publisher, review.rating_label, review.best_rating) == ("Periksa Data", "Salah", 4.0)
    assert review.claim_reviewed.startswith("Pemerintah membagikan bantuan tunai Rp 5 juta")
    assert (review.claim_author, review.language) == ("Pesan berantai WhatsApp", "id")
    assert review.review_date == datetime.date(2025, 5, 2)


def test_several_reviews_sharing_the_page_url_get_stable_unique_urls_and_repeats_are_read_once():
    reviews = _page("roundup-several-reviews.html", url="https://factdesk.example/roundup")
    assert [r.url for r in reviews] == [
        "https://factdesk.example/roundup",
        "https://factdesk.example/roundup#claimreview-2",
    ]
    assert [r.rating_label for r in reviews] == ["Misleading", "False"]
    assert reviews[0].language == "en", "inLanguage en-GB"
    assert reviews[0].claim_author == "Senator Jane Doe"
    assert reviews == _page("roundup-several-reviews.html", url="https://factdesk.example/roundup"), "stable"


def test_a_broken_script_does_not_hide_the_others_and_bad_values_are_dropped():
    (review,) = _page("broken-jsonld.html")
    assert review.url == "https://factdesk.example/checks/bridge-collapse"
    assert review.publisher_url == "", "ftp: is not an http(s) address"
    assert (review.rating_value, review.best_rating, review.review_date) == (None, None, None)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-claimreview.html", "the page has no ClaimReview markup"),
        ("empty-claim.html", "has no claimReviewed text"),
    ],
)
def test_pages_without_a_usable_review_say_why(name, message):
    with pytest.raises(MarkupError, match=message):
        _page(name)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        b"\xff\xfe\x00\x00" * 100,
        "<" * 100_000,
        "<div>" * 50_000,
        '<script type="application/ld+json">' + "[" * 100_000 + "</script>",
        '<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": {"a": ' * 2000 + "</script>",
        '<div itemscope itemtype="https://schema.org/ClaimReview"><span itemprop="claimReviewed"></span></div>',
        '<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": null, "url": 5}</script>',
    ],
)
def test_hostile_pages_raise_only_markup_errors(page):
    with pytest.raises(MarkupError):
        reviews_from_page(page, url="https://page.example/")


def test_an_absurdly_large_page_is_refused_before_parsing():
    with pytest.raises(MarkupError, match="at most 5.0 MB is read"):
        reviews_from_page("x" * (MAX_PAGE_CHARS + 1), url="https://page.example/")


def test_a_review_without_any_http_url_is_dropped():
    markup = '{"@type": "ClaimReview", "claimReviewed": "Klaim", "url": "javascript:x"}'
    page = f'<script type="application/ld+json">{markup}</script>'
    (review,) = reviews_from_page(page, url="https://page.example/a")
    assert review.url == "https://page.example/a", "a javascript: url falls back to the page's"
    with pytest.raises(MarkupError):
        reviews_from_page(page, url="file:///etc/passwd")


def test_text_is_cleaned_and_cut_to_the_fields_sizes():
    claim = "Klaim\x00 <b>panjang</b> &amp; " + "kata " * 2000
    node = {"@type": "ClaimReview", "url": "https://a.example/r", "claimReviewed": claim, "author": {"name": "A" * 400}}
    (review,) = reviews_from_element(node)
    assert review.claim_reviewed.startswith("Klaim panjang & kata") and len(review.claim_reviewed) <= 5000
    assert not review.claim_reviewed.endswith(" ") and "\x00" not in review.claim_reviewed
    assert len(review.publisher) == 300


def test_a_review_naming_no_publisher_is_credited_to_its_site():
    (review,) = reviews_from_element({"@type": "ClaimReview", "url": "https://www.cek.example/r", "claimReviewed": "K"})
    assert review.publisher == "cek.example"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-04", datetime.date(2025, 2, 4)),
        ("2025-02-04T23:30:00-05:00", datetime.date(2025, 2, 4)),
        ("4 Februari 2025", datetime.date(2025, 2, 4)),
        ("Selasa, 4 Feb 2025 10:00 WIB", datetime.date(2025, 2, 4)),
        ("February 4th, 2025", datetime.date(2025, 2, 4)),
        ("Tue, 04 Feb 2025 10:00:00 GMT", datetime.date(2025, 2, 4)),
        ("2025/02/04", datetime.date(2025, 2, 4)),
        ("2025-02-30", None),
        ("1850-01-01", None),
        ("yesterday-ish", None),
        ("9" * 500, None),
    ],
)
def test_review_dates_are_read_tolerantly(value, expected):
    (review,) = reviews_from_element(
        {"@type": "ClaimReview", "url": "https://a.example/r", "claimReviewed": "K", "datePublished": value}
    )
    assert review.review_date == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("id", "id"), ("id-ID", "id"), ("in", "id"), ("en_US", "en"), ("Indonesian", "id"), ({"name": "English"}, "en")],
)
def test_in_language_forms_become_codes(value, expected):
    (review,) = reviews_from_element(
        {"@type": "ClaimReview", "url": "https://a.example/r", "claimReviewed": "Klaim", "inLanguage": value}
    )
    assert review.language == expected


def test_a_datafeed_gives_one_element_per_item_and_each_says_what_is_wrong_with_it():
    elements = feed_elements((PAGES / "datafeed.json").read_bytes())
    assert len(elements) == 4
    (first,) = reviews_from_element(elements[0])
    assert (first.rating_label, first.language, first.claim_author) == ("Hoaks", "id", "Akun TikTok InfoGempaTerkini")
    assert feed_element_url(elements[0]) == first.url
    (second,) = reviews_from_element(elements[1])
    assert (second.rating_label, second.publisher, second.language) == ("False", "Global Fact Desk", "en")
    assert second.review_date == datetime.date(2025, 5, 28)
    with pytest.raises(MarkupError, match="no claimReviewed"):
        reviews_from_element(elements[2])
    with pytest.raises(MarkupError, match="holds no ClaimReview"):
        reviews_from_element(elements[3])


def test_a_bare_list_or_a_single_review_is_a_feed_too():
    review = {"@type": "ClaimReview", "url": "https://a.example/r", "claimReviewed": "K"}
    assert feed_elements(json.dumps([review, review])) == [review, review]
    assert feed_elements(json.dumps(review)) == [review]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("", "the feed is empty"),
        ("{not json", "the feed is not JSON"),
        ("[" * 100_000, "not JSON that can be read"),
        ('{"@type": "NewsArticle"}', "not a schema.org DataFeed"),
        ('"a string"', "not a schema.org DataFeed"),
        ('{"dataFeedElement": []}', "the feed has no elements"),
    ],
)
def test_unreadable_feeds_say_why(document, message):
    with pytest.raises(MarkupError, match=message):
        feed_elements(document)


def test_feed_elements_that_are_not_objects_fail_alone():
    elements = feed_elements('[1, "x", null]')
    for element in elements:
        with pytest.raises(MarkupError, match="not a JSON object"):
            reviews_from_element(element)


def test_feed_elements_lose_what_no_database_stores():
    document = (
        '[{"@type": "ClaimReview", "url": "https://a.example/r", '
        '"claimReviewed": "K\\u0000laim \\ud800", "x\\u0000": 1}]'
    )
    (element,) = feed_elements(document)
    assert element["claimReviewed"] == "Klaim ?" and "x" in element
    assert reviews_from_element(element)[0].claim_reviewed == "Klaim ?"


def test_a_datafeed_inside_a_graph_is_found():
    review = {"@type": "ClaimReview", "url": "https://a.example/r", "claimReviewed": "K"}
    graph = {"@graph": [{"@type": "Organization", "name": "Cek"}, {"@type": "DataFeed", "dataFeedElement": [review]}]}
    assert feed_elements(json.dumps(graph)) == [review]


def _junk(rng: random.Random, depth: int = 0):
    kinds = ["str", "int", "float", "bool", "none", "list", "dict", "url", "date"]
    kind = rng.choice(kinds if depth < 4 else kinds[:5])
    if kind == "list":
        return [_junk(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == "dict":
        keys = ["@type", "@id", "@value", "name", "url", "author", "alternateName", "ratingValue", "x"]
        return {rng.choice(keys): _junk(rng, depth + 1) for _ in range(rng.randrange(4))}
    return {
        "str": lambda: rng.choice(["", " ", "Klaim", "\x00", "\ud800", "<b>x</b>", "ClaimReview"]),
        "int": lambda: rng.choice([0, -1, 10**30]),
        "float": lambda: rng.choice([float("nan"), float("inf"), 1.5]),
        "bool": lambda: rng.random() < 0.5,
        "none": lambda: None,
        "url": lambda: rng.choice(
            ["https://a.example/x", "javascript:x", "//a.example", "http://u:p@a.example/", "/rel"]
        ),
        "date": lambda: rng.choice(["2025-02-30", "31 Mei 2025", "99999-01-01", "Feb 29, 2023"]),
    }[kind]()


def test_random_review_shapes_only_ever_raise_markup_errors():
    rng = random.Random(13)
    fields = [
        "url",
        "claimReviewed",
        "author",
        "publisher",
        "reviewRating",
        "itemReviewed",
        "datePublished",
        "inLanguage",
        "headline",
    ]
    for _ in range(2000):
        node = {"@type": rng.choice(["ClaimReview", ["ClaimReview"], "schema:ClaimReview"])}
        node.update({field: _junk(rng) for field in rng.sample(fields, rng.randrange(len(fields)))})
        node["claimReviewed"] = rng.choice([node.get("claimReviewed"), "Klaim yang diperiksa"])
        try:
            reviews = reviews_from_element(rng.choice([node, {"@type": "DataFeedItem", "item": [node, _junk(rng)]}]))
        except MarkupError:
            continue
        for review in reviews:
            assert review.url.startswith(("http://", "https://")) and "@" not in review.url.split("/")[2]
            assert review.claim_reviewed and "\x00" not in review.claim_reviewed


def test_every_text_fits_its_field_even_from_an_absurd_address():
    host = ".".join(["a" * 60] * 30)
    (review,) = reviews_from_element({"@type": "ClaimReview", "url": f"https://{host}/r", "claimReviewed": "K"})
    assert len(review.url) <= 2000 and len(review.publisher) <= 300
