"""One filter definition for the desk's queue and the API's claim list."""

import datetime
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, Verdict
from claims.review.filters import ClaimFilter

from .factories import make_article, make_claim, make_outlet, make_published_claim, make_speaker, make_user

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus


@pytest.fixture
def checker():
    return make_user("rina", role="reviewer")


def _api_ids(user, **params):
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(reverse("api:claim-list"), params)
    assert response.status_code == 200, response.json()
    return {c["id"] for c in response.json()["results"]}


def _filtered(user, **params):
    return set(ClaimFilter(params, queryset=Claim.objects.all(), user=user).qs.values_list("pk", flat=True))


def test_each_filter_narrows_the_claims(checker):
    outlet, speaker = make_outlet(), make_speaker("Sri Mulyani")
    wanted = make_claim(
        article=make_article(outlet=outlet, language="en"),
        speaker=speaker,
        kind=Claim.Kind.DIRECT,
        checkworthiness=0.8,
        claim_date=datetime.date(2025, 2, 3),
        review_status=Status.IN_REVIEW,
        assignee=checker,
    )
    make_claim(checkworthiness=0.3, claim_date=datetime.date(2025, 3, 1))
    published = make_published_claim()
    cases = {
        "review_status": Status.IN_REVIEW,
        "speaker": speaker.pk,
        "outlet": outlet.pk,
        "language": "en",
        "kind": "direct",
        "assignee": "me",
        "min_cw": "0.75",
        "date_to": "2025-02-28",
    }
    for name, value in cases.items():
        assert _filtered(checker, **{name: value}) == {wanted.pk}, name
        assert _api_ids(checker, **{name: value}) == {wanted.pk}, name
    assert _filtered(checker, date_from="2025-02-03", date_to="2025-02-03") == {wanted.pk}
    assert _filtered(checker, verdict="false") == _filtered(checker, verdict=published.verdict_id) == {published.pk}
    assert wanted.pk not in _filtered(checker, assignee="none")
    assert _filtered(checker, assignee=str(checker.pk)) == {wanted.pk}


def test_bad_filter_values_are_a_bad_request_with_the_reason(checker):
    client = APIClient()
    client.force_authenticate(checker)
    bad = {
        "review_status": "done",
        "verdict": "Pants on fire",
        "speaker": "x",
        "outlet": "999999",
        "language": "fr",
        "kind": "rumour",
        "assignee": "bob",
        "min_cw": "2",
        "date_from": "February",
        "date_to": "2025-02-30",
    }
    for name, value in bad.items():
        response = client.get(reverse("api:claim-list"), {name: value})
        assert response.status_code == 400, name
        assert list(response.json()) == [name], response.json()
    answers = {
        "verdict": "There is no verdict “Pants on fire”.",
        "assignee": "Give “me”, “none” or a user id.",
        "min_cw": "Ensure this value is less than or equal to 1.",
        "date_from": "Enter a valid date.",
    }
    for name, reason in answers.items():
        assert client.get(reverse("api:claim-list"), {name: bad[name]}).json() == {name: [reason]}


def _queue_ids(client, **params) -> set[int]:
    page = client.get(reverse("review:queue"), params).text
    return set(map(int, re.findall(r'href="/review/claims/(\d+)/', page)))


def test_the_desk_queue_filters_with_the_same_definition(client, checker):
    client.force_login(checker)
    false = Verdict.objects.get(name="False")
    early = make_claim(claim_date=datetime.date(2025, 1, 5), checkworthiness=0.5)
    late = make_claim(claim_date=datetime.date(2025, 6, 5), checkworthiness=0.5)
    assert _queue_ids(client, date_to="2025-03-01") == {early.pk}
    assert _queue_ids(client, date_from="2025-03-01") == {late.pk}
    proposed = make_claim(review_status=Status.VERDICT_PROPOSED, verdict=false, proposed_by=make_user())
    assert _queue_ids(client, queue="approve", verdict=false.pk) == {proposed.pk}
    assert _queue_ids(client, queue="approve", verdict=Verdict.objects.get(name="True").pk) == set()


def test_a_bad_value_on_the_desk_is_shown_and_the_good_ones_still_apply(client, checker):
    client.force_login(checker)
    english = make_claim(article=make_article(language="en"))
    make_claim()
    response = client.get(reverse("review:queue"), {"language": "en", "date_from": "soon"})
    assert response.status_code == 200
    assert "date_from: Enter a valid date." in response.text
    assert _queue_ids(client, language="en", date_from="soon") == {english.pk}


def test_the_desk_menus_keep_the_chosen_values(client, checker):
    client.force_login(checker)
    outlet = make_outlet(name="Kompas")
    page = client.get(reverse("review:queue"), {"outlet": outlet.pk, "min_cw": "0.7", "queue": "mine"}).text
    assert f'<option value="{outlet.pk}" selected>Kompas</option>' in page
    assert '<option value="0.7" selected>0.7 and above</option>' in page
    assert '<option value="mine" selected>Assigned to me</option>' in page
