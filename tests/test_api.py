import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, Verdict

from .factories import make_article, make_claim, make_outlet, make_speaker, make_user

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus


def _client(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@pytest.fixture
def checker():
    return make_user("rina", role="reviewer")


def _step(client, claim, step, **data):
    return client.post(reverse("api:claim-step", args=[claim.pk, step]), {"version": claim.version, **data}, "json")


def test_api_needs_a_login_and_a_review_role():
    assert _client().get(reverse("api:claim-list")).status_code in (401, 403)
    response = _client(make_user(is_staff=True)).get(reverse("api:claim-list"))
    assert response.status_code == 403
    assert response.json()["detail"] == "Only reviewers and editors can use the review API."


def test_basic_auth_works_for_scripts(checker):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic cmluYTpwdy1mb3ItdGVzdC1vbmx5")  # rina:pw-for-test-only
    assert client.get(reverse("api:claim-list")).status_code == 200


def test_claim_list_and_filters(checker):
    mine = make_claim()
    _step(_client(checker), mine, "take")
    other = make_claim(article=make_article(language="en"))
    client = _client(checker)
    ids = [c["id"] for c in client.get(reverse("api:claim-list")).json()["results"]]
    assert ids == [other.pk, mine.pk]
    assert [c["id"] for c in client.get(reverse("api:claim-list"), {"assignee": "me"}).json()["results"]] == [mine.pk]
    assert [c["id"] for c in client.get(reverse("api:claim-list"), {"language": "en"}).json()["results"]] == [other.pk]
    in_review = client.get(reverse("api:claim-list"), {"review_status": "in_review"}).json()["results"]
    assert [c["id"] for c in in_review] == [mine.pk]
    assert in_review[0]["assignee"] == "rina"
    assert in_review[0]["version"] == 2
    assert set(in_review[0]["article"]) == {"id", "title", "url", "outlet", "language", "published_date"}


def test_claim_list_query_count_does_not_grow(checker):
    outlet = make_outlet()

    def add(count):
        for _ in range(count):
            article = make_article(outlet=outlet)
            make_claim(article, speaker=make_speaker(f"S {article.pk}"), assignee=checker)

    def queries():
        fresh = type(checker).objects.get(pk=checker.pk)  # permissions are cached per user object
        with CaptureQueriesContext(connection) as captured:
            assert _client(fresh).get(reverse("api:claim-list")).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(18)
    assert queries() == few


def test_the_whole_workflow_through_the_api(checker):
    claim = make_claim()
    client = _client(checker)
    body = _step(client, claim, "take").json()
    assert (body["review_status"], body["assignee"], body["version"]) == ("in_review", "rina", 2)
    claim.refresh_from_db()
    _step(client, claim, "evidence", url="https://www.bps.go.id/tabel")  # publishing needs a source
    claim.refresh_from_db()
    false = Verdict.objects.get(name="False")
    body = _step(client, claim, "propose", verdict=false.pk, rationale="BPS says it fell.").json()
    assert (body["review_status"], body["verdict"]) == ("verdict_proposed", "False")
    claim.refresh_from_db()
    body = _step(_client(make_user("dewi", role="editor")), claim, "publish").json()
    assert body["review_status"] == "published"
    assert [e["action"] for e in body["history"]] == ["take", "evidence", "propose", "publish"]
    assert body["history"][3]["actor"] == "dewi"
    detail = client.get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert detail["version"] == 5 and len(detail["history"]) == 4


def test_a_stale_version_is_a_conflict(checker):
    claim = make_claim()
    Claim.objects.filter(pk=claim.pk).update(version=5)
    response = _step(_client(checker), claim, "take")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Someone else changed this claim (you saw version 1, it is now at version 5). "
        "Reload it and try again.",
        "version": 5,
    }


def test_two_person_rule_through_the_api():
    editor = make_user(role="editor")
    claim = make_claim()
    client = _client(editor)
    _step(client, claim, "take")
    claim.refresh_from_db()
    _step(client, claim, "propose", verdict=Verdict.objects.first().pk, rationale="r")
    claim.refresh_from_db()
    response = _step(client, claim, "publish")
    assert response.status_code == 403
    assert "You proposed this verdict; another editor must publish it" in response.json()["detail"]


def test_a_fact_checker_cannot_publish_through_the_api(checker):
    response = _step(_client(checker), make_claim(), "publish")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only editors can publish verdicts."


def test_each_editors_step_refuses_a_reviewer_with_its_own_reason(checker):
    reasons = {
        "assign": "Only editors can assign claims.",
        "publish": "Only editors can publish verdicts.",
        "send_back": "Only editors can send verdicts back.",
        "reopen": "Only editors can reopen published verdicts.",
    }
    inputs = {"assign": {"assignee": checker.pk}, "send_back": {"note": "x"}, "reopen": {"note": "x"}}
    for step, reason in reasons.items():
        response = _step(_client(checker), make_claim(), step, **inputs.get(step, {}))
        assert (response.status_code, response.json()["detail"]) == (403, reason), step


def test_bad_input_and_wrong_state_are_bad_requests(checker):
    claim = make_claim()
    client = _client(checker)
    assert _step(client, claim, "take", version="x").status_code == 400
    response = _step(client, claim, "propose", verdict=Verdict.objects.first().pk, rationale="r")
    assert response.status_code == 400
    assert response.json()["detail"] == ["The claim is “New”: “Proposed a verdict” is not possible now."]
    assert _step(client, claim, "explode").status_code == 404


def test_an_editor_assigns_through_the_api(checker):
    claim = make_claim()
    body = _step(_client(make_user(role="editor")), claim, "assign", assignee=checker.pk, note="yours").json()
    assert (body["assignee"], body["review_status"]) == ("rina", "in_review")


def test_verdicts_are_listed(checker):
    names = [v["name"] for v in _client(checker).get(reverse("api:verdict-list")).json()]
    assert names == ["True", "Mostly true", "Misleading", "False", "Unverifiable"]


def test_token_auth_for_scripts(checker):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=checker)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(reverse("api:claim-list")).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(reverse("api:claim-list")).status_code in (401, 403)  # 403: session auth comes first


def test_claim_filters_by_verdict_speaker_outlet_and_date(checker):
    import datetime

    from .factories import make_published_claim

    outlet, speaker = make_outlet(), make_speaker("Sri Mulyani")
    match = make_published_claim(
        article=make_article(outlet=outlet), speaker=speaker, claim_date=datetime.date(2025, 2, 3)
    )
    make_published_claim(claim_date=datetime.date(2025, 3, 1))
    make_claim(speaker=speaker)
    client = _client(checker)

    def ids(**params):
        response = client.get(reverse("api:claim-list"), params)
        assert response.status_code == 200, response.json()
        return {c["id"] for c in response.json()["results"]}

    false = Verdict.objects.get(name="False")
    assert match.pk in ids(verdict=false.pk) and match.pk in ids(verdict="False")
    assert ids(verdict="True") == set()
    assert ids(speaker=speaker.pk, review_status="published") == {match.pk}
    assert ids(outlet=outlet.pk) == {match.pk}
    assert ids(date_from="2025-02-01", date_to="2025-02-28") == {match.pk}
    assert client.get(reverse("api:claim-list"), {"date_from": "February"}).status_code == 400
    assert client.get(reverse("api:claim-list"), {"speaker": "x"}).status_code == 400


def test_articles_and_speakers(checker):
    outlet = make_outlet()
    article = make_article(outlet=outlet, language="en")
    make_article(language="id")
    speaker = make_speaker("Sri Mulyani")
    client = _client(checker)
    listed = client.get(reverse("api:article-list"), {"outlet": outlet.pk}).json()["results"]
    assert [a["id"] for a in listed] == [article.pk]
    assert "text" not in listed[0]
    assert [a["id"] for a in client.get(reverse("api:article-list"), {"language": "en"}).json()["results"]] == [
        article.pk
    ]
    detail = client.get(reverse("api:article-detail", args=[article.pk])).json()
    assert detail["text"] == article.text and detail["outlet"] == outlet.name
    speakers = client.get(reverse("api:speaker-list"), {"q": "mulyani"}).json()["results"]
    assert speakers == [{"id": speaker.pk, "canonical_name": "Sri Mulyani", "aliases": [], "kind": "person"}]


def test_lists_are_paginated_by_cursor(checker):
    for _ in range(3):
        make_claim()
    page = _client(checker).get(reverse("api:claim-list"), {"page_size": 2}).json()
    assert len(page["results"]) == 2 and page["next"]
    rest = _client(checker).get(page["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None


def test_correcting_and_adding_evidence_through_the_api(checker):
    claim = make_claim()
    client = _client(checker)
    _step(client, claim, "take")
    claim.refresh_from_db()
    speaker = make_speaker("Sri Mulyani")
    body = _step(client, claim, "edit", content="Harga beras naik.", speaker=speaker.pk).json()
    assert (body["content"], body["speaker"], body["original_content"]) == (
        "Harga beras naik.",
        "Sri Mulyani",
        claim.content,
    )
    claim.refresh_from_db()
    body = _step(client, claim, "evidence", url="https://bps.go.id/t", title="BPS").json()
    assert [(e["url"], e["title"], e["added_by"]) for e in body["evidence"]] == [("https://bps.go.id/t", "BPS", "rina")]
    assert [e["action"] for e in body["history"]] == ["take", "edit", "evidence"]
    assert body["history"][1]["changes"]["speaker"] == [None, "Sri Mulyani"]
    claim.refresh_from_db()
    assert _step(client, claim, "evidence", url="ftp://x").status_code == 400


def test_an_editor_who_corrects_a_proposed_claim_through_the_api_cannot_then_publish_it(checker):
    claim = make_claim()
    client = _client(checker)
    _step(client, claim, "take")
    claim.refresh_from_db()
    _step(client, claim, "propose", verdict=Verdict.objects.get(name="False").pk, rationale="BPS.")
    claim.refresh_from_db()
    editor = _client(make_user(role="editor"))
    body = _step(editor, claim, "edit", content="Harga beras naik.", speaker=None).json()
    assert (body["review_status"], body["verdict"]) == ("in_review", None)
    assert body["history"][-1]["note"] == "The claim changed after its verdict was proposed: it needs a fresh proposal."
    steps = {step["name"]: step for step in body["steps"]}
    assert steps["publish"]["allowed"] is False
    claim.refresh_from_db()
    response = _step(editor, claim, "publish")
    assert response.status_code == 400
    assert response.json()["detail"] == ["The claim is “In review”: “Published the verdict” is not possible now."]


def test_the_api_corrects_the_claim_date_or_keeps_it(checker):
    import datetime

    claim = make_claim(claim_date=datetime.date(2025, 2, 3))
    client = _client(checker)
    _step(client, claim, "take")
    claim.refresh_from_db()
    body = _step(client, claim, "edit", content="Harga naik.", speaker=None).json()
    assert body["claim_date"] == "2025-02-03", "a correction without a date keeps it"
    claim.refresh_from_db()
    response = _step(client, claim, "edit", content="Harga naik.", speaker=None, claim_date="0001-01-01")
    assert response.status_code == 400
    assert "0001-01-01 is not plausible." in response.json()["claim_date"][0]
    cleared = _step(client, claim, "edit", content="Harga naik.", speaker=None, claim_date=None).json()
    assert cleared["claim_date"] is None
