"""The workflow's public side and the desk's answers: stale forms keep their input, refusals say why,
published fact-checks stay online with their notices, navigation keeps the queue's filters."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from claims.models import Claim, PublicNotice, Verdict
from claims.review.forms import ProposeForm
from claims.review.selectors import claim_notices, queue_neighbours
from claims.review.services import (
    claim_dismiss,
    claim_edit,
    claim_propose_verdict,
    claim_publish,
    claim_reopen,
    claim_retract,
    claim_take,
    public_changes,
)
from claims.review.steps import STEPS, steps_unavailable_to

from .factories import (
    add_evidence,
    make_article,
    make_claim,
    make_outlet,
    make_published_claim,
    make_speaker,
    make_user,
)

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus


@pytest.fixture
def checker():
    return make_user("checker", role="reviewer")


@pytest.fixture
def editor():
    return make_user("editor", role="editor")


def _verdict(name):
    return Verdict.objects.get(name=name)


def _act(client, claim, action, query="", **data):
    url = reverse("review:act", args=[claim.pk, action]) + (f"?{query}" if query else "")
    return client.post(url, {"version": claim.version, **data})


def _json_ld(page):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1)) if match else None


# 1. A stale form keeps what the reviewer typed, and shows theirs beside yours.


def test_a_stale_proposal_keeps_the_rationale_and_shows_theirs_beside_yours(client, checker, editor):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    seen = claim.version
    # Meanwhile an editor corrects the wording: the claim moves on to a new version.
    claim_edit(claim=claim, user=editor, expected_version=seen, content="Harga beras naik 40 persen.", speaker=None)
    client.force_login(checker)
    rationale = "BPS: " + "harga beras turun pada Januari menurut tabel resmi. " * 5
    rationale = rationale[:280].strip()
    response = client.post(
        reverse("review:act", args=[claim.pk, "propose"]),
        {"version": seen, "verdict": _verdict("False").pk, "rationale": rationale},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert f"you saw version {seen}, it is now at version {seen + 1}" in page
    # The form comes back as submitted, on the current version, ready to resubmit.
    form = page.split('id="propose-form"')[1].split("</form>")[0]
    assert re.search(rf">\s*{re.escape(rationale)}</textarea>", form)
    assert f'name="version" value="{seen + 1}"' in form
    assert re.search(rf'<option value="{_verdict("False").pk}" selected>', form)
    # Theirs (the newer claim) beside yours, and what changed since.
    assert '<table class="theirs-yours">' in page
    assert re.search(rf'<td class="yours prose">{re.escape(rationale)}</td>', page)
    assert "Harga beras naik 40 persen." in page.split('id="conflict"')[1].split("</section>")[0]
    assert Claim.objects.get(pk=claim.pk).review_status == Status.IN_REVIEW
    # Resubmitting the kept form works on the new version.
    response = client.post(
        reverse("review:act", args=[claim.pk, "propose"]),
        {"version": seen + 1, "verdict": _verdict("False").pk, "rationale": rationale},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.review_status, claim.rationale) == (Status.VERDICT_PROPOSED, rationale)


def test_a_stale_step_no_longer_open_says_why_and_still_shows_the_input(client, checker):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    other = make_user(role="reviewer")
    client.force_login(other)
    response = client.post(
        reverse("review:act", args=[claim.pk, "dismiss"]),
        {"version": 1, "status": Status.NOT_A_CLAIM, "note": "Opini."},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "“Dismiss” is no longer open to you: checker is reviewing this claim." in page
    assert '<td class="yours prose">Opini.</td>' in page


# 2. No verdict is chosen until a person chooses one.


def test_the_verdict_menu_starts_empty_and_an_empty_choice_is_refused(client, checker):
    form = ProposeForm(initial=ProposeForm.initial_for(make_claim()))
    html = str(form["verdict"])
    assert re.search(r'<option value="" selected>Choose a verdict…</option>', html)
    assert " required" in html
    refused = ProposeForm(data={"version": 2, "verdict": "", "rationale": "BPS."})
    assert not refused.is_valid()
    assert refused.errors["verdict"] == ["Choose a verdict: none is chosen for you."]
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    client.force_login(checker)
    response = _act(client, claim, "propose", verdict="", rationale="BPS says otherwise.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a verdict: none is chosen for you." in page
    assert re.search(r">\s*BPS says otherwise\.</textarea>", page), "the rationale is kept"
    claim.refresh_from_db()
    assert (claim.review_status, claim.verdict) == (Status.IN_REVIEW, None)


# 3. Published fact-checks stay online: update, correction and retraction notices.


def _republish(claim, verdict, *, notice="Angka BPS baru.", **more):
    reviewer, publisher = make_user(role="reviewer"), make_user(role="editor")
    claim_take(claim=claim, user=reviewer, expected_version=claim.version)
    claim_propose_verdict(
        claim=claim, user=reviewer, verdict=verdict, rationale="New figures say so.", expected_version=claim.version
    )
    return claim_publish(claim=claim, user=publisher, expected_version=claim.version, notice=notice, **more)


def test_reopening_keeps_the_public_record_and_posts_an_update_notice(editor):
    claim = make_published_claim()
    first_published = claim.published_at
    claim_reopen(claim=claim, user=editor, note="New BPS figures.", expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.review_status == Status.REOPENED
    assert claim.public_verdict == _verdict("False")
    assert claim.public_rationale == "Official statistics show the price fell."
    notice = claim.notices.get()
    assert (notice.kind, notice.text, notice.created_by, notice.version) == ("update", "New BPS figures.", editor, 5)
    assert claim.public_modified_at == notice.created_at > first_published


def test_a_proposal_under_review_stays_off_the_public_page(client, editor):
    claim = make_published_claim()
    claim_reopen(claim=claim, user=editor, note="Recheck.", expected_version=claim.version)
    reviewer = make_user(role="reviewer")
    claim_take(claim=claim, user=reviewer, expected_version=claim.version)
    claim_propose_verdict(
        claim=claim, user=reviewer, verdict=_verdict("True"), rationale="It is true.", expected_version=claim.version
    )
    page = client.get(reverse("factchecks:claim", args=[claim.pk])).text
    assert _json_ld(page)["reviewRating"]["alternateName"] == "Salah", "as published (in Indonesian)"
    assert "It is true." not in page


def test_publishing_again_needs_a_notice_and_records_what_changed(editor):
    claim = make_published_claim(article=make_article(language="en"))
    first_published = claim.published_at
    claim_reopen(claim=claim, user=editor, note="Reader's correction.", expected_version=claim.version)
    with pytest.raises(ValidationError, match="Say what changed and why"):
        _republish(claim, _verdict("True"), notice="  ")
    claim.refresh_from_db()
    assert claim.review_status == Status.VERDICT_PROPOSED and claim.public_verdict == _verdict("False")
    assert public_changes(claim) == {
        "verdict": ["False", "True"],
        "explanation": ["Official statistics show the price fell.", "New figures say so."],
    }
    claim_publish(claim=claim, user=editor, expected_version=claim.version, notice="The BPS table was revised.")
    claim.refresh_from_db()
    assert claim.public_verdict == _verdict("True") and claim.published_at == first_published
    correction, update = claim_notices(claim)
    assert (correction.kind, correction.text) == ("correction", "The BPS table was revised.")
    assert correction.changes["verdict"] == ["False", "True"]
    assert update.kind == "update"


def test_an_unchanged_verdict_republished_is_an_update_unless_the_editor_says_otherwise(editor):
    claim = make_published_claim()
    claim_reopen(claim=claim, user=editor, note="Sources checked.", expected_version=claim.version)
    _republish(claim, _verdict("False"), notice="Explanation expanded.")
    assert claim_notices(claim).first().kind == "update"
    claim_reopen(claim=claim, user=editor, note="Again.", expected_version=claim.version)
    _republish(claim, _verdict("False"), notice="Typo in a figure.", notice_kind="correction")
    assert claim_notices(claim).first().kind == "correction"


def test_the_public_page_shows_the_new_state_and_the_notices_newest_first(client, editor):
    claim = make_published_claim(article=make_article(language="en"))
    claim_reopen(claim=claim, user=editor, note="New figures.", expected_version=claim.version)
    _republish(claim, _verdict("True"), notice="BPS revised its table.")
    page = client.get(reverse("factchecks:claim", args=[claim.pk])).text
    review = _json_ld(page)
    claim.refresh_from_db()
    assert review["reviewRating"]["alternateName"] == "True"
    assert review["reviewBody"] == "New figures say so."
    assert review["dateModified"] == claim.public_modified_at.isoformat()
    assert review["datePublished"] == claim.published_at.date().isoformat()
    notices = page.split('<ol class="notices" id="notices">')[1].split("</ol>")[0]
    assert notices.index("BPS revised its table.") < notices.index("New figures.")
    assert "<strong>Correction</strong>" in notices and "verdict: False → True" in notices
    feed = client.get(reverse("claimreview-feed")).json()
    item = feed["dataFeedElement"][0]
    assert item["item"]["reviewRating"]["alternateName"] == "True"
    assert item["dateModified"] == review["dateModified"] == feed["dateModified"]


def test_retracting_is_an_editors_step_with_its_own_notice(client, editor, checker):
    claim = make_published_claim()
    assert STEPS["retract"].refusal(claim, checker) == "Only editors can retract published fact-checks."
    with pytest.raises(PermissionDenied):
        claim_retract(claim=claim, user=checker, note="Wrong.", expected_version=claim.version)
    with pytest.raises(ValidationError, match="Say why"):
        claim_retract(claim=claim, user=editor, note="", expected_version=claim.version)
    assert STEPS["retract"].refusal(make_claim(review_status=Status.IN_REVIEW), editor) == (
        "Only a published fact-check can be retracted."
    )
    claim_retract(claim=claim, user=editor, note="The quote was misattributed.", expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.review_status == Status.RETRACTED and claim.assignee is None
    assert claim.events.last().action == "retract"
    assert claim.notices.get().kind == PublicNotice.Kind.RETRACTION
    response = client.get(reverse("factchecks:claim", args=[claim.pk]))
    assert response.status_code == 200, "a retracted fact-check stays online"
    page = response.text
    assert 'id="verdict-badge">Retracted</p>' in page
    assert "The quote was misattributed." in page.split('id="retraction-notice"')[1].split("</p>")[0]
    assert _json_ld(page) is None, "no ClaimReview asserts a retracted rating"
    assert client.get(reverse("claimreview-feed")).json()["dataFeedElement"] == []
    assert "Retracted" in client.get(reverse("factchecks:list")).text
    assert STEPS["retract"].refusal(claim, editor).endswith("“Retracted it” is not possible now.")


def test_retracting_through_the_desk_and_the_api(client, editor):
    from rest_framework.test import APIClient

    claim = make_published_claim()
    client.force_login(editor)
    assert 'name="retract"' in client.get(reverse("review:claim", args=[claim.pk])).text
    other = make_published_claim()
    api = APIClient()
    api.force_authenticate(editor)
    response = api.post(
        reverse("api:claim-step", args=[other.pk, "retract"]),
        {"version": other.version, "note": "Wrong."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Claim.objects.get(pk=other.pk).review_status == Status.RETRACTED


def test_a_published_fact_check_cannot_be_dismissed_out_of_sight(editor):
    claim = make_published_claim()
    claim_reopen(claim=claim, user=editor, note="Recheck.", expected_version=claim.version)
    assert STEPS["dismiss"].refusal(claim, editor).startswith("This fact-check has been published: retract it")
    with pytest.raises(ValidationError, match="retract it instead"):
        claim_dismiss(claim=claim, user=editor, status=Status.NOT_A_CLAIM, expected_version=claim.version)


# 4. Refusals come with their reason, where the button would be and after a refused POST.


def _proposed_by(user):
    claim = claim_take(claim=make_claim(), user=user, expected_version=1)
    add_evidence(claim, user)
    return claim_propose_verdict(
        claim=claim, user=user, verdict=_verdict("False"), rationale="BPS.", expected_version=claim.version
    )


def test_the_desk_says_why_there_is_no_publish_button(client, editor):
    claim = _proposed_by(editor)
    client.force_login(editor)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert 'name="publish"' not in page
    reason = page.split('id="publish-unavailable"')[1].split("</p>")[0]
    assert "You proposed this verdict; another editor must publish it" in reason
    assert {step.name: why for step, why in steps_unavailable_to(claim, editor)}["publish"] == (
        STEPS["publish"].refusal(claim, editor)
    )


def test_the_desk_explains_only_steps_the_state_allows(checker):
    new = make_claim()
    explained = {step.name for step, _ in steps_unavailable_to(new, checker)}
    assert explained == {"assign"}, "a new claim: only the editor's assign is explained, not publish or reopen"
    mine = claim_take(claim=make_claim(), user=checker, expected_version=1)
    assert "take" not in {step.name for step, _ in steps_unavailable_to(mine, checker)}


def test_a_refused_post_says_why_instead_of_a_bare_403(client, editor):
    claim = _proposed_by(editor)
    client.force_login(editor)
    response = _act(client, claim, "publish", query="queue=approve&language=en")
    assert response.status_code == 403, "the claim page itself, with the reason, in the queue it came from"
    page = response.text
    assert '<li class="error">You proposed this verdict; another editor must publish it' in page
    assert "?queue=approve&amp;language=en" in page


# 6. No publication without evidence, unless the setting relaxes it; the public page lists the sources.


def test_a_verdict_needs_evidence_to_be_published(client, checker, editor, settings):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    claim_propose_verdict(claim=claim, user=checker, verdict=_verdict("False"), rationale="BPS.", expected_version=2)
    refusal = "A verdict needs at least one evidence link before it is published: add the sources first."
    assert STEPS["publish"].refusal(claim, editor) == refusal
    with pytest.raises(ValidationError, match="at least one evidence link"):
        claim_publish(claim=claim, user=editor, expected_version=claim.version)
    client.force_login(editor)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert 'name="publish"' not in page and refusal in page
    settings.FACTCHECK_REQUIRE_EVIDENCE = False
    assert STEPS["publish"].refusal(claim, editor) is None
    settings.FACTCHECK_REQUIRE_EVIDENCE = True
    add_evidence(claim, checker, url="https://www.bps.go.id/harga", title="BPS: harga beras")
    claim_publish(claim=claim, user=editor, expected_version=claim.version)
    assert Claim.objects.get(pk=claim.pk).review_status == Status.PUBLISHED


# 7. The public page: verdict, claim, speaker, where and when, explanation, sources, organisation.


def test_the_public_page_carries_the_whole_fact_check(client, settings):
    settings.FACTCHECK_ORGANISATION_NAME = "Cek Fakta Contoh"
    settings.FACTCHECK_ORGANISATION_URL = "https://cekfakta.example.org"
    article = make_article(
        text="Menteri Budi mengatakan bahwa harga beras naik 40 persen.",
        url="https://www.tribunnews.com/a/1",
        title="Harga beras naik",
        published_date=datetime.date(2025, 2, 4),
        outlet=make_outlet(name="Tribunnews"),
    )
    claim = make_published_claim(article=article, start=0, end=57, speaker=make_speaker("Budi Santoso"))
    add_evidence(claim, url="https://www.bps.go.id/harga", title="BPS: harga beras Januari")
    page = client.get(reverse("factchecks:claim", args=[claim.pk])).text
    assert 'id="verdict-badge">False</p>' in page, "the verdict in the page's language (English by default)"
    assert '<blockquote class="claim" id="claim-content">Menteri Budi mengatakan' in page
    assert '<dd id="claim-speaker">Budi Santoso</dd>' in page
    where = page.split('id="claim-appearance">')[1].split("</dd>")[0]
    assert 'href="https://www.tribunnews.com/a/1"' in where and "Harga beras naik" in where and "Tribunnews" in where
    assert '<dd id="claim-when"><time datetime="2025-02-04">Feb. 4, 2025</time></dd>' in page
    assert "Official statistics show the price fell." in page.split('id="explanation">')[1]
    sources = page.split('id="sources">')[1].split("</ul>")[0]
    assert 'href="https://www.bps.go.id/harga"' in sources and "BPS: harga beras Januari" in sources
    assert 'href="https://www.bps.go.id/tabel"' in sources
    assert '<a href="https://cekfakta.example.org">Cek Fakta Contoh</a>' in page
    assert "Published by Cek Fakta Contoh on" in page
    assert _json_ld(page)["author"] == {
        "@type": "Organization",
        "name": "Cek Fakta Contoh",
        "url": "https://cekfakta.example.org",
    }


def test_an_unset_organisation_warns_and_falls_back(settings):
    from claims.checks import organisation_configured
    from claims.claimreview import organisation

    settings.FACTCHECK_ORGANISATION_NAME = ""
    settings.FACTCHECK_ORGANISATION_URL = ""
    assert [w.id for w in organisation_configured()] == ["claims.W001", "claims.W002"]
    assert organisation() == {"@type": "Organization", "name": "factcheck"}
    settings.FACTCHECK_ORGANISATION_NAME = "Cek Fakta"
    settings.FACTCHECK_ORGANISATION_URL = "https://cekfakta.example.org"
    assert organisation_configured() == []


# 5. Next / previous follow the queue the reviewer came from, filters and all.


def test_neighbours_follow_the_queues_filters(checker):
    from claims.review.filters import ClaimFilter

    english = [make_claim(make_article(language="en"), checkworthiness=cw) for cw in (0.9, 0.7, 0.5)]
    indonesian = make_claim(make_article(language="id"), checkworthiness=0.8)
    filters = ClaimFilter({"language": "en"}, user=checker)
    assert queue_neighbours(english[0], user=checker, queue="open", filters=filters) == (None, english[1].pk)
    assert queue_neighbours(english[1], user=checker, queue="open", filters=filters) == (english[0].pk, english[2].pk)
    assert queue_neighbours(english[0], user=checker, queue="open") == (None, indonesian.pk)


def test_queue_and_claim_links_carry_the_querystring(client, checker):
    first = make_claim(make_article(language="en"), checkworthiness=0.9)
    make_claim(make_article(language="id"), checkworthiness=0.8)
    second = make_claim(make_article(language="en"), checkworthiness=0.7)
    client.force_login(checker)
    queue = client.get(reverse("review:queue") + "?queue=open&language=en&page=1").text
    assert f'href="/review/claims/{first.pk}/?queue=open&amp;language=en"' in queue
    page = client.get(reverse("review:claim", args=[first.pk]) + "?queue=open&language=en").text
    assert f'id="next" href="/review/claims/{second.pk}/?queue=open&amp;language=en"' in page
    assert f'action="/review/claims/{first.pk}/take/?queue=open&amp;language=en"' in page


def test_the_publish_form_asks_for_a_notice_only_when_publishing_again(client, editor):
    first = _proposed_by(make_user(role="reviewer"))
    client.force_login(editor)
    form = client.get(reverse("review:claim", args=[first.pk])).text.split('id="publish-form"')[1].split("</form>")[0]
    assert 'name="notice"' not in form
    again = make_published_claim()
    claim_reopen(claim=again, user=editor, note="Recheck.", expected_version=again.version)
    reviewer = make_user(role="reviewer")
    claim_take(claim=again, user=reviewer, expected_version=again.version)
    claim_propose_verdict(
        claim=again, user=reviewer, verdict=_verdict("True"), rationale="True.", expected_version=again.version
    )
    form = client.get(reverse("review:claim", args=[again.pk])).text.split('id="publish-form"')[1].split("</form>")[0]
    assert re.search(r'<textarea name="notice"[^>]* required', form)
    response = _act(client, again, "publish", notice="BPS corrected its table.")
    assert response.status_code == 302
    assert claim_notices(again).first().text == "BPS corrected its table."
