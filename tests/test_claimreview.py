import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    assert item["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://www.tribunnews.com/a/1",
        "headline": "Harga beras",
        "datePublished": "2025-02-04",
        "publisher": {"@type": "Organization", "name": "Tribunnews"},
    }
    assert set(review) == {
        "@context", "@type", "url", "datePublished", "dateModified", "author", "claimReviewed",
        "reviewBody", "reviewRating", "itemReviewed", "inLanguage",
    }  # fmt: skip


def test_an_off_scale_verdict_has_a_label_but_no_value():
    claim = make_published_claim(article=make_article(language="en"))
    unverifiable = Verdict.objects.get(name="Unverifiable")
    Claim.objects.filter(pk=claim.pk).update(verdict=unverifiable, public_verdict=unverifiable)
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


def test_public_page_of_an_unpublished_claim_is_not_found(client):
    assert client.get(reverse("factchecks:claim", args=[make_claim().pk])).status_code == 404
    proposed = make_claim(review_status=Claim.ReviewStatus.VERDICT_PROPOSED, verdict=Verdict.objects.first())
    assert client.get(reverse("factchecks:claim", args=[proposed.pk])).status_code == 404


def test_a_reopened_fact_check_stays_online_as_published_with_its_notice(client, published):
    claim_reopen(claim=published, user=make_user(role="editor"), note="New BPS figures.", expected_version=4)
    response = client.get(reverse("factchecks:claim", args=[published.pk]))
    assert response.status_code == 200
    data = _json_ld(response.text)
    assert data["reviewRating"]["alternateName"] == "Salah"
    published.refresh_from_db()
    assert data["dateModified"] == published.public_modified_at.isoformat()
    assert published.public_modified_at > published.published_at
    assert re.search(r'<li class="notice update"><strong>Update</strong>.*?New BPS figures\.', response.text, re.S)
    feed = client.get(reverse("claimreview-feed")).json()
    assert [e["item"]["url"] for e in feed["dataFeedElement"]] == [data["url"]]


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
    assert feed["dateModified"] == elements[0]["dateCreated"] == elements[0]["dateModified"]
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


def _link(claim, other):
    from claims.models import ClaimMatch

    for a, b in ((claim, other), (other, claim)):
        ClaimMatch.objects.create(claim=a, other=b, score=0.9, method="test", reasons=[])


def _repeat(day, **article_fields):
    article = make_article(published_date=datetime.date(2025, 2, day), **article_fields)
    return make_claim(article, claim_date=datetime.date(2025, 2, day))


def test_claim_review_lists_the_first_appearance_and_the_later_ones(published):
    first = _repeat(1, url="https://www.kompas.com/a/9", title="Beras naik", outlet=make_outlet(name="Kompas"))
    no_url = _repeat(2)
    copy_one = _repeat(5, url="https://www.detik.com/b/1", canonical_url="https://detik.com/b/1")
    copy_two = _repeat(6, url="https://m.detik.com/b/1", canonical_url="https://detik.com/b/1")
    later = _repeat(7, url="https://www.antaranews.com/c/3")
    for other in (first, no_url, copy_one, copy_two, later):
        _link(published, other)
    item = claim_review(published, url="u")["itemReviewed"]
    assert item["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://www.kompas.com/a/9",
        "headline": "Beras naik",
        "datePublished": "2025-02-01",
        "publisher": {"@type": "Organization", "name": "Kompas"},
    }
    urls = [work["url"] for work in item["appearance"]]
    assert urls == ["https://www.tribunnews.com/a/1", "https://detik.com/b/1", "https://www.antaranews.com/c/3"]
    assert item["appearance"][0] == {
        "@type": "CreativeWork",
        "url": "https://www.tribunnews.com/a/1",
        "headline": "Harga beras",
        "datePublished": "2025-02-04",
        "publisher": {"@type": "Organization", "name": "Tribunnews"},
    }
    assert item["appearance"][1]["datePublished"] == "2025-02-05", "the first of the duplicates is kept"
    assert all(work["@type"] == "CreativeWork" for work in item["appearance"])
    assert item["datePublished"] == "2025-02-03", "the claim's own date is unchanged"


def test_claim_review_without_repeats_has_only_a_first_appearance(published):
    item = claim_review(published, url="u")["itemReviewed"]
    assert item["firstAppearance"]["url"] == "https://www.tribunnews.com/a/1"
    assert "appearance" not in item


def test_a_first_appearance_without_url_is_left_out():
    claim = make_published_claim(article=make_article(url="https://a.example/later"))
    earliest = _repeat(1)
    _link(claim, earliest)
    item = claim_review(claim, url="u")["itemReviewed"]
    assert "firstAppearance" not in item
    assert [work["url"] for work in item["appearance"]] == ["https://a.example/later"]


def test_a_rejected_repeat_is_not_an_appearance(published):
    from claims.matching.services import claim_match_decide
    from claims.models import ClaimMatch

    other = _repeat(9, url="https://other.example/x")
    _link(published, other)
    claim_match_decide(match=ClaimMatch.objects.get(claim=published, other=other), user=make_user(), confirmed=False)
    assert "appearance" not in claim_review(published, url="u")["itemReviewed"]


def test_feed_carries_appearances_in_a_fixed_number_of_queries(client):
    def published_with_repeats(count):
        claim = make_published_claim(article=make_article(url=f"https://p.example/{count}"))
        for n in range(count):
            _link(claim, _repeat(10 + n, url=f"https://r.example/{count}/{n}"))
        return claim

    published_with_repeats(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("claimreview-feed"))
    published_with_repeats(8)
    with CaptureQueriesContext(connection) as many:
        feed = client.get(reverse("claimreview-feed")).json()
    assert len(many) == len(few)
    newest = feed["dataFeedElement"][0]["item"]["itemReviewed"]
    assert newest["firstAppearance"]["url"] == "https://r.example/8/0", "dated 2025: before the undated claim"
    assert [work["url"] for work in newest["appearance"]] == [f"https://r.example/8/{n}" for n in range(1, 8)] + [
        "https://p.example/8"
    ]
