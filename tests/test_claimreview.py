import datetime
import json
import re

import pytest
from django.urls import reverse

from claims.claimreview import claim_review, json_ld_script
from claims.models import Claim, Speaker, Verdict
from claims.review.services import claim_reopen

from .factories import make_article, make_claim, make_outlet, make_published_claim, make_speaker, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def organisation(settings):
    settings.FACTCHECK_ORGANISATION_NAME = "Cek Fakta Contoh"
    settings.FACTCHECK_ORGANISATION_URL = "https://cekfakta.example.org"


@pytest.fixture
def published():
    outlet = make_outlet(name="Tribunnews")
    article = make_article(
        text="Menteri Budi mengatakan bahwa harga beras naik 40 persen.",
        url="https://www.tribunnews.com/a/1",
        title="Harga beras",
        published_date=datetime.date(2025, 2, 4),
        outlet=outlet,
    )
    speaker = make_speaker("Budi Santoso")
    return make_published_claim(
        article=article, start=0, end=57, speaker=speaker, claim_date=datetime.date(2025, 2, 3)
    )


def _json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_claim_review_fields(published):
    review = claim_review(published, url="https://cekfakta.example.org/fact-checks/1/")
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == "https://cekfakta.example.org/fact-checks/1/"
    assert review["datePublished"] == published.published_at.date().isoformat()
    assert review["author"] == {"@type": "Organization", "name": "Cek Fakta Contoh", "url": "https://cekfakta.example.org"}
    assert review["claimReviewed"] == published.content
    assert review["reviewBody"] == "Official statistics show the price fell."
    assert review["inLanguage"] == "id"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Salah",  # the verdict in the article's language
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Budi Santoso"}
    assert item["datePublished"] == "2025-02-03"
    assert item["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://www.tribunnews.com/a/1",
        "headline": "Harga beras",
        "datePublished": "2025-02-04",
        "publisher": {"@type": "Organization", "name": "Tribunnews"},
    }
    assert set(review) == {
        "@context", "@type", "url", "datePublished", "author", "claimReviewed",
        "reviewBody", "reviewRating", "itemReviewed", "inLanguage",
    }  # fmt: skip


def test_an_off_scale_verdict_has_a_label_but_no_value():
    claim = make_published_claim(article=make_article(language="en"))
    Claim.objects.filter(pk=claim.pk).update(verdict=Verdict.objects.get(name="Unverifiable"))
    claim.refresh_from_db()
    assert claim_review(claim, url="https://x.example/1/")["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
    }


def test_an_organisation_speaker_and_an_outlets_own_assertion():
    claim = make_published_claim(speaker=make_speaker("BPS", kind=Speaker.Kind.ORGANISATION))
    assert claim_review(claim, url="u")["itemReviewed"]["author"] == {"@type": "Organization", "name": "BPS"}
    outlet = make_outlet(name="Kompas")
    assertion = make_published_claim(article=make_article(outlet=outlet), kind=Claim.Kind.ASSERTION)
    assert claim_review(assertion, url="u")["itemReviewed"]["author"] == {"@type": "Organization", "name": "Kompas"}


def test_an_unpublished_claim_has_no_claim_review():
    with pytest.raises(ValueError, match="no published verdict"):
        claim_review(make_claim(), url="u")


def test_public_page_carries_the_claim_review(client, published):
    response = client.get(reverse("factchecks:claim", args=[published.pk]))
    assert response.status_code == 200
    data = _json_ld(response.text)
    assert data["url"] == f"http://testserver/fact-checks/{published.pk}/"
    assert data["author"]["name"] == "Cek Fakta Contoh"
    assert data["reviewRating"]["alternateName"] == "Salah"
    assert data["claimReviewed"] == published.content
    assert '<link rel="canonical" href="http://testserver/fact-checks/' in response.text


def test_public_page_of_an_unpublished_or_reopened_claim_is_not_found(client, published):
    assert client.get(reverse("factchecks:claim", args=[make_claim().pk])).status_code == 404
    claim_reopen(claim=published, user=make_user(role="editor"), note="new data", expected_version=published.version)
    assert client.get(reverse("factchecks:claim", args=[published.pk])).status_code == 404


def test_hostile_text_cannot_break_out_of_the_json_ld(client):
    text = 'Dia bilang "</script><script>alert(1)</script>" & <!-- itu benar.'
    claim = make_published_claim(article=make_article(text=text), start=0, end=len(text))
    page = client.get(reverse("factchecks:claim", args=[claim.pk])).text
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 1
    assert _json_ld(page)["claimReviewed"] == text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page  # the visible quote, escaped


def test_json_ld_script_escapes_html_specials():
    html = json_ld_script({"x": "</script>&<"})
    assert html == '<script type="application/ld+json">{\n  "x": "\\u003C/script\\u003E\\u0026\\u003C"\n}</script>'


def test_feed_lists_published_claim_reviews_newest_first(client, settings):
    settings.FACTCHECK_FEED_SIZE = 2
    older, newer, newest = make_published_claim(), make_published_claim(), make_published_claim()
    make_claim()  # unpublished: never in the feed
    response = client.get(reverse("claimreview-feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    feed = response.json()
    assert feed["@context"] == "https://schema.org"
    assert feed["@type"] == "DataFeed"
    assert feed["name"] == "Cek Fakta Contoh fact-checks"
    elements = feed["dataFeedElement"]
    assert [e["item"]["url"] for e in elements] == [
        f"http://testserver/fact-checks/{newest.pk}/",
        f"http://testserver/fact-checks/{newer.pk}/",
    ]
    assert elements[0]["@type"] == "DataFeedItem"
    assert elements[0]["dateCreated"] == newest.published_at.isoformat()
    assert feed["dateModified"] == elements[0]["dateCreated"]
    assert elements[0]["item"]["@type"] == "ClaimReview"
    assert "@context" not in elements[0]["item"]
    assert older.pk not in [e["item"]["url"] for e in elements]


def test_feed_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(5):
        make_published_claim()
    with django_assert_max_num_queries(2):
        client.get(reverse("claimreview-feed"))


def test_public_list_shows_published_verdicts(client, published):
    page = client.get(reverse("factchecks:list")).text
    assert reverse("factchecks:claim", args=[published.pk]) in page
    assert reverse("claimreview-feed") in page
