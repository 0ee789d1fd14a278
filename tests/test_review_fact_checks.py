"""Published fact-checks found for a claim: shown first on the desk, decided through the one step registry,
added as evidence once, and carried by the queue, the admin, the API and the CSV export."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from claims.exports import claims_csv
from claims.matching.selectors import claim_fact_checks, live_fact_check_matches
from claims.models import Claim, ClaimEvent, Evidence, FactCheckMatch
from claims.review.display import fact_check_rating, reason_text, reasons_display
from claims.review.services import claim_take
from claims.review.steps import STEPS

from .factories import (
    make_article,
    make_claim,
    make_fact_check,
    make_fact_check_match,
    make_outlet,
    make_published_claim,
    make_speaker,
    make_user,
)

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus


@pytest.fixture
def checker(client):
    user = make_user("rina", role="reviewer")
    client.force_login(user)
    return user


def _act(client, claim, action, match, **data):
    claim.refresh_from_db()
    url = reverse("review:act", args=[claim.pk, action])
    return client.post(url, {"version": claim.version, "fact_check_match": match.pk, **data})


def _banner(page: str) -> str:
    start = page.index('id="fact-checks"')
    return page[start : page.index("</section>", start)]


def _in_english(client):
    client.cookies["django_language"] = "en"


# ---------- Reading them ----------


def test_live_fact_checks_are_confirmed_first_then_best_score_without_the_rejected():
    claim = make_claim()
    low = make_fact_check_match(claim, score=0.6)
    high = make_fact_check_match(claim, score=0.9)
    confirmed = make_fact_check_match(claim, score=0.55, confirmed=True)
    make_fact_check_match(claim, score=0.99, confirmed=False)
    make_fact_check_match(make_claim(), score=0.95)  # another claim's
    with CaptureQueriesContext(connection) as queries:
        found = claim_fact_checks(claim)
        publishers = [match.fact_check.publisher for match in found]
    assert [match.pk for match in found] == [confirmed.pk, high.pk, low.pk]
    assert publishers == ["Cek Fakta"] * 3
    assert len(queries) == 1, "the matches come with their fact-checks in one query"
    assert set(live_fact_check_matches(claim.pk)) == {confirmed, high, low}


def test_ratings_and_reasons_read_as_words():
    assert fact_check_rating(make_fact_check(rating_label=" Salah ")) == "Salah"
    assert fact_check_rating(make_fact_check(rating_label="", rating_value=1, best_rating=5)) == "1 of 5"
    assert fact_check_rating(make_fact_check(rating_label="", rating_value=2.5)) == "2.5"
    assert fact_check_rating(make_fact_check(rating_label="")) == ""
    with translation.override("en"):
        assert (
            reason_text("meaning 0.912 (id / en)") == "similar meaning (0.91), across languages: Indonesian / English"
        )
        assert reason_text("meaning 0.874") == "similar meaning (0.87)"
        assert reason_text("numbers agree: 40") == "the same numbers: 40"
        assert reason_text("numbers differ: 40 vs 50") == "different numbers: 40 against 50"
        assert reason_text("same speaker +0.1") == "the same speaker"
        assert reason_text("names differ: moskow vs beijing") == "names differ: moskow against beijing"
        assert reason_text("no name in common: tusk vs widodo") == "no name in common: tusk against widodo"
        assert reason_text("a negation on one side only") == "a negation on one side only"
        assert reason_text("something_new") == "something new"
        assert str(reasons_display(["numbers agree: 40", "<b>"])) == (
            '<ul class="reasons"><li>the same numbers: 40</li><li>&lt;b&gt;</li></ul>'
        )
        assert reasons_display([]) == "—"
    with translation.override("id"):
        assert "Inggris" in reason_text("meaning 0.912 (id / en)")
        assert "0,91" in reason_text("meaning 0.912 (id / en)")


# ---------- The desk ----------


def test_the_claim_page_shows_the_fact_checks_first_with_everything_a_reviewer_needs(client, checker):
    _in_english(client)
    claim = make_claim(make_article(language="id"))
    english = make_fact_check(
        url="https://factcheck.example/rice-40",
        publisher="Example Check",
        claim_reviewed="Rice prices rose 40 percent.",
        rating_label="False",
        review_date=datetime.date(2025, 1, 20),
        language="en",
        claim_author="A minister",
    )
    make_fact_check_match(claim, english, score=0.87, reasons=["meaning 0.912 (id / en)", "numbers agree: 40"])
    make_fact_check_match(claim, make_fact_check(publisher="Same Language Check", language="id"), score=0.7)
    rejected = make_fact_check_match(claim, make_fact_check(publisher="Rejected Check"), confirmed=False)
    make_published_claim()  # an unrelated claim
    events = ClaimEvent.objects.count()
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    banner = _banner(page)
    assert page.index('id="fact-checks"') < page.index('class="claim-layout"'), "above everything else of the claim"
    assert (
        '<a href="https://factcheck.example/rice-40" rel="noopener noreferrer">'
        "Already checked by Example Check on Jan. 20, 2025: False</a>" in banner
    )
    assert '<blockquote lang="en">Rice prices rose 40 percent.' in banner and "A minister" in banner
    assert "in English" in banner, "the fact-check's language differs from the claim's"
    assert banner.count("fact-check-language") == 1, "not said for a fact-check in the claim's language"
    assert "score 0.87" in banner
    assert "similar meaning (0.91), across languages: Indonesian / English" in banner
    assert "the same numbers: 40" in banner
    assert banner.index("Example Check") < banner.index("Same Language Check"), "best score first"
    assert "Rejected Check" not in page and f"fact-check-{rejected.pk}" not in page
    assert ClaimEvent.objects.count() == events


def test_a_fact_check_without_a_date_or_a_rating_says_so(client, checker):
    _in_english(client)
    claim = make_claim()
    make_fact_check_match(claim, make_fact_check(publisher="Undated", review_date=None, rating_label=""))
    banner = _banner(client.get(reverse("review:claim", args=[claim.pk])).text)
    assert "Already checked by Undated: no rating given" in banner


def test_no_banner_without_live_fact_checks(client, checker):
    claim = make_claim()
    assert 'id="fact-checks"' not in client.get(reverse("review:claim", args=[claim.pk])).text
    make_fact_check_match(claim, confirmed=False)
    assert 'id="fact-checks"' not in client.get(reverse("review:claim", args=[claim.pk])).text


def test_confirm_then_add_as_evidence_in_one_click_and_never_twice(client, checker):
    _in_english(client)
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    fact_check = make_fact_check(
        url="https://factcheck.example/rice", publisher="Example Check", rating_label="False", language="en"
    )
    match = make_fact_check_match(claim, fact_check)
    banner = _banner(client.get(reverse("review:claim", args=[claim.pk])).text)
    assert 'name="confirm_fact_check"' in banner and 'name="reject_fact_check"' in banner
    assert 'name="fact_check_evidence"' not in banner, "only a confirmed fact-check is offered as evidence"

    response = _act(client, claim, "confirm_fact_check", match)
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.confirmed, match.decided_by, match.decided_at is not None) == (True, checker, True)
    claim.refresh_from_db()
    assert claim.version == 2, "a decision on a fact-check does not change the claim"
    banner = _banner(client.get(reverse("review:claim", args=[claim.pk])).text)
    assert 'name="confirm_fact_check"' not in banner
    assert 'name="fact_check_evidence"' in banner and "confirmed by rina" in banner

    assert _act(client, claim, "fact_check_evidence", match).status_code == 302
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.url, evidence.title, evidence.added_by) == (
        fact_check.url,
        "Fact-check by Example Check: False",
        checker,
    )
    assert evidence.note == f"Claim reviewed: “{fact_check.claim_reviewed}” (checked on Jan. 20, 2025)."
    claim.refresh_from_db()
    assert claim.version == 3
    assert claim.events.order_by("version").last().action == ClaimEvent.Action.EVIDENCE
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    banner = _banner(page)
    assert 'name="fact_check_evidence"' not in banner and "In the evidence" in banner
    assert "Fact-check by Example Check: False" in page[page.index('id="evidence"') :]

    again = _act(client, claim, "fact_check_evidence", match)
    assert again.status_code == 400
    assert "This link is already in the claim&#x27;s evidence." in again.text
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_a_rejected_fact_check_disappears_and_is_recorded(client, checker):
    claim = make_claim()
    match = make_fact_check_match(claim, make_fact_check(publisher="Wrong Check"))
    assert _act(client, claim, "reject_fact_check", match).status_code == 302
    match.refresh_from_db()
    assert (match.confirmed, match.decided_by) == (False, checker)
    assert "Wrong Check" not in client.get(reverse("review:claim", args=[claim.pk])).text
    again = _act(client, claim, "confirm_fact_check", match)
    assert again.status_code == 400
    assert "That fact-check is no longer linked to this claim." in again.text


def test_adding_as_evidence_follows_the_evidence_rule(client, checker):
    _in_english(client)
    claim = make_claim()  # new: nobody reviews it yet
    match = make_fact_check_match(claim, confirmed=True)
    banner = _banner(client.get(reverse("review:claim", args=[claim.pk])).text)
    assert 'name="fact_check_evidence"' not in banner
    assert "is not possible now" in banner, "the refusal is said where the button would be"
    assert _act(client, claim, "fact_check_evidence", match).status_code == 400
    other = claim_take(claim=make_claim(), user=make_user(role="reviewer"), expected_version=1)
    theirs = make_fact_check_match(other, confirmed=True)
    banner = _banner(client.get(reverse("review:claim", args=[other.pk])).text)
    assert "Only the claim&#x27;s reviewer or an editor can add evidence" in banner
    assert _act(client, other, "fact_check_evidence", theirs).status_code == 403
    assert not Evidence.objects.exists()


def test_an_unconfirmed_fact_check_cannot_be_added_as_evidence(client, checker):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    match = make_fact_check_match(claim)
    response = _act(client, claim, "fact_check_evidence", match)
    assert response.status_code == 400
    assert "Confirm that this fact-check covers the claim before adding it as evidence." in response.text
    assert not Evidence.objects.exists()


def test_a_fact_check_of_another_claim_is_refused(client, checker):
    claim = make_claim()
    elsewhere = make_fact_check_match(make_claim())
    assert _act(client, claim, "confirm_fact_check", elsewhere).status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.confirmed is None


def test_a_user_without_a_review_role_cannot_decide(client):
    claim = make_claim()
    match = make_fact_check_match(claim)
    client.force_login(make_user(is_staff=True))
    assert _act(client, claim, "confirm_fact_check", match).status_code == 403
    refusal = STEPS["confirm_fact_check"].refusal(claim, make_user(is_staff=True))
    assert refusal and "review" in refusal.lower()
    match.refresh_from_db()
    assert match.confirmed is None


def test_the_published_match_banner_keeps_showing_beside_fact_checks(client, checker):
    from claims.models import ClaimMatch

    claim = make_claim()
    ClaimMatch.objects.create(claim=claim, other=make_published_claim(), score=0.9, method="test")
    make_fact_check_match(claim)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert 'id="matched-verdict"' in page and 'id="fact-checks"' in page
    assert page.index('id="fact-checks"') < page.index('id="matched-verdict"')


def test_claim_page_query_count_does_not_grow_with_fact_checks(client, checker):
    claim = make_claim()
    make_fact_check_match(claim, confirmed=True, decided_by=checker)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("review:claim", args=[claim.pk])).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(6):
        make_fact_check_match(claim, decided_by=make_user(role="reviewer"))
    assert queries() == few


def test_the_queue_marks_claims_already_checked(client, checker):
    _in_english(client)
    checked, plain, rejected = make_claim(), make_claim(), make_claim()
    make_fact_check_match(checked)
    make_fact_check_match(rejected, confirmed=False)
    page = client.get(reverse("review:queue"), {"queue": "all"}).text
    rows = {
        claim.pk: page[page.index(f'href="/review/claims/{claim.pk}/') :][:600] for claim in (checked, plain, rejected)
    }
    assert 'class="already-checked">Already checked' in rows[checked.pk].split("</td>")[0]
    assert "already-checked" not in rows[plain.pk].split("</td>")[0]
    assert "already-checked" not in rows[rejected.pk].split("</td>")[0]


def test_queue_query_count_does_not_grow_with_checked_claims(client, checker):
    def add(count):
        for _ in range(count):
            article = make_article(outlet=make_outlet())
            make_fact_check_match(make_claim(article, speaker=make_speaker(f"S {article.pk}")))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("review:queue")).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(12)
    assert queries() == few


# ---------- The API ----------


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_api_carries_the_live_fact_checks_and_decides_through_the_steps():
    checker = make_user("rina", role="reviewer")
    claim = make_claim()
    fact_check = make_fact_check(
        url="https://factcheck.example/x",
        publisher="Example Check",
        rating_label="False",
        rating_value=1,
        best_rating=5,
        language="en",
    )
    match = make_fact_check_match(claim, fact_check, score=0.87)
    make_fact_check_match(claim, confirmed=False)
    api = _api(checker)
    detail = api.get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert detail["fact_checks"] == [
        {
            "match": match.pk,
            "publisher": "Example Check",
            "url": "https://factcheck.example/x",
            "claim_reviewed": fact_check.claim_reviewed,
            "rating_label": "False",
            "rating_value": 1.0,
            "best_rating": 5.0,
            "worst_rating": None,
            "review_date": "2025-01-20",
            "language": "en",
            "score": 0.87,
            "reasons": ["meaning 0.912 (id / en)"],
            "confirmed": None,
        }
    ]
    steps = {step["name"]: step for step in detail["steps"]}
    assert steps["confirm_fact_check"]["allowed"] and steps["confirm_fact_check"]["inputs"] == [
        "version",
        "fact_check_match",
    ]
    listed = api.get(reverse("api:claim-list")).json()["results"]
    assert [row["fact_checks"] for row in listed if row["id"] == claim.pk] == [detail["fact_checks"]]

    url = reverse("api:claim-step", args=[claim.pk, "confirm_fact_check"])
    body = api.post(url, {"version": claim.version, "fact_check_match": match.pk}, format="json").json()
    assert body["fact_checks"][0]["confirmed"] is True
    url = reverse("api:claim-step", args=[claim.pk, "fact_check_evidence"])
    refused = api.post(url, {"version": claim.version, "fact_check_match": match.pk}, format="json")
    assert refused.status_code == 400 and "not possible now" in refused.json()["detail"][0]
    claim_take(claim=claim, user=checker, expected_version=claim.version)
    claim.refresh_from_db()
    added = api.post(url, {"version": claim.version, "fact_check_match": match.pk}, format="json")
    assert added.status_code == 200
    assert [item["url"] for item in added.json()["evidence"]] == ["https://factcheck.example/x"]
    twice = api.post(url, {"version": added.json()["version"], "fact_check_match": match.pk}, format="json")
    assert twice.status_code == 400 and twice.json()["detail"] == ["This link is already in the claim's evidence."]
    url = reverse("api:claim-step", args=[claim.pk, "reject_fact_check"])
    body = api.post(url, {"version": 1, "fact_check_match": match.pk}, format="json").json()
    assert body["fact_checks"] == []
    missing = api.post(url, {"version": 1}, format="json")
    assert missing.status_code == 400 and "fact_check_match" in missing.json()


def test_the_api_list_query_count_does_not_grow_with_fact_checks():
    checker = make_user("rina", role="reviewer")

    def add(count):
        for _ in range(count):
            claim = make_claim()
            make_fact_check_match(claim)
            make_fact_check_match(claim)

    def queries():
        fresh = type(checker).objects.get(pk=checker.pk)
        with CaptureQueriesContext(connection) as captured:
            assert _api(fresh).get(reverse("api:claim-list")).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(10)
    assert queries() == few


# ---------- The CSV export ----------


def test_the_csv_carries_the_best_live_fact_check_in_the_same_one_query():
    checked, plain, only_rejected = make_claim(), make_claim(), make_claim()
    make_fact_check_match(checked, make_fact_check(publisher="Lower", url="https://low.example/1"), score=0.9)
    best = make_fact_check(publisher="Confirmed Check", url="https://best.example/1", rating_label="=Salah")
    make_fact_check_match(checked, best, score=0.6, confirmed=True)
    make_fact_check_match(only_rejected, confirmed=False)
    with CaptureQueriesContext(connection) as queries:
        lines = list(claims_csv(Claim.objects.all()))
    assert len(queries) == 1
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO("".join(lines)))}
    assert (rows[checked.pk]["fact_check_url"], rows[checked.pk]["fact_check_publisher"]) == (
        "https://best.example/1",
        "Confirmed Check",
    )
    assert rows[checked.pk]["fact_check_rating"] == "'=Salah", "a formula from an import is defused"
    for claim in (plain, only_rejected):
        assert (rows[claim.pk]["fact_check_url"], rows[claim.pk]["fact_check_rating"]) == ("", "")


# ---------- The admin ----------


def test_the_admin_shows_the_fact_checks_read_only_with_their_links(admin_client):
    claim = make_claim()
    fact_check = make_fact_check(url="https://factcheck.example/admin", publisher="Admin Check", rating_label="Hoaks")
    make_fact_check_match(claim, fact_check, score=0.87, confirmed=True, reasons=["numbers agree: 40"])
    make_fact_check_match(claim, make_fact_check(publisher="Rejected Check"), confirmed=False)
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert '<a href="https://factcheck.example/admin" rel="noopener noreferrer">Admin Check</a>' in page
    assert "Hoaks" in page and "0.87" in page and "the same numbers: 40" in page
    assert "Rejected Check" in page, "the admin keeps the whole record, rejected ones too"
    assert "fact_check_matches-0-confirmed" not in page, "shown, never an input"


def test_an_admin_save_leaves_the_fact_checks_as_they_are(admin_client, admin_user):
    claim = claim_take(claim=make_claim(), user=admin_user, expected_version=1)
    match = make_fact_check_match(claim, confirmed=True, decided_by=admin_user)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(url, {"content": "Harga beras naik.", "speaker": "", "seen_version": claim.version})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.content == "Harga beras naik."
    assert FactCheckMatch.objects.filter(pk=match.pk, confirmed=True, decided_by=admin_user).exists()


def test_the_admin_shows_no_fact_check_table_for_a_claim_without_any(admin_client):
    page = admin_client.get(reverse("admin:claims_claim_change", args=[make_claim().pk])).text
    assert "fact_check_matches-group" not in page


def test_a_fact_check_whose_address_is_not_a_web_address_is_neither_linked_nor_added(client, checker):
    _in_english(client)
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    match = make_fact_check_match(
        claim, make_fact_check(url="javascript:alert(1)", publisher="Hostile Import"), confirmed=True
    )
    banner = _banner(client.get(reverse("review:claim", args=[claim.pk])).text)
    assert "Already checked by Hostile Import" in banner and "javascript:" not in banner
    response = _act(client, claim, "fact_check_evidence", match)
    assert response.status_code == 400 and "Not an http(s) address" in response.text
    assert not Evidence.objects.exists()


def test_the_admin_does_not_link_an_address_that_is_not_a_web_address(admin_client):
    claim = make_claim()
    make_fact_check_match(claim, make_fact_check(url="javascript:alert(1)", publisher="Hostile Import"))
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert "Hostile Import" in page and 'href="javascript:' not in page
