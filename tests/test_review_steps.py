"""The one registry of workflow steps: its rules agree with the services, and every interface offers its steps."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, ClaimMatch, Verdict
from claims.review.steps import STEPS, steps_open_to

from .factories import (
    add_evidence,
    make_claim,
    make_fact_check,
    make_fact_check_match,
    make_published_claim,
    make_user,
)

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus

ROLES = ("none", "reviewer", "editor", "superuser")
PROPOSED = (Status.VERDICT_PROPOSED, Status.PUBLISHED)


def _user(role: str):
    if role == "none":
        return make_user(is_staff=True)
    if role == "superuser":
        return make_user(is_staff=True, is_superuser=True)
    return make_user(role=role)


IMPOSSIBLE = datetime.date(9999, 12, 31)


# States a fact-check may be in once published (reviewed again, or retracted).
ONCE_PUBLIC = (Status.PUBLISHED, Status.REOPENED, Status.IN_REVIEW, Status.VERDICT_PROPOSED, Status.RETRACTED)


def _situations():
    """Every state, with nobody, the acting user or someone else as its reviewer (and as its proposer).

    Claims about to get a verdict are also tried with an impossible date, which blocks proposing and publishing,
    proposed ones without evidence (which blocks publishing), and the states a published fact-check may
    be in with and without its public record (which retracting needs, and dismissing refuses).
    """
    for status, assignee in itertools.product(Status.values, (None, "actor", "other")):
        for proposer in ("actor", "other") if status in PROPOSED else (None,):
            for date in (None, IMPOSSIBLE) if status in (Status.IN_REVIEW, Status.VERDICT_PROPOSED) else (None,):
                for evidence in (True, False) if status == Status.VERDICT_PROPOSED else (True,):
                    publics = (False, True) if status in ONCE_PUBLIC else (False,)
                    if status == Status.PUBLISHED:
                        publics = (True,)
                    for public in publics:
                        yield status, assignee, proposer, date, evidence, public


def _inputs(step: str, *, reviewer, verdict, match, fact_check_match) -> dict:
    return {
        "assign": {"assignee": reviewer.pk},
        "evidence": {"url": "https://bps.go.id/tabel"},
        "propose": {"verdict": verdict.pk, "rationale": "BPS figures say otherwise."},
        "send_back": {"note": "Cite the table."},
        "reopen": {"note": "New figures."},
        "retract": {"note": "Misattributed."},
        "publish": {"notice": "Checked again."},
        "edit": {"content": "A corrected wording.", "speaker_name": ""},
        "dismiss": {"status": Status.NOT_A_CLAIM},
        "apply_match": {"match": match.pk},
        "reject_match": {"match": match.pk},
        "confirm_fact_check": {"fact_check_match": fact_check_match.pk},
        "reject_fact_check": {"fact_check_match": fact_check_match.pk},
        "fact_check_evidence": {"fact_check_match": fact_check_match.pk},
    }.get(step, {})


def _service_refusal(step, claim, user, data) -> str | None:
    """Run the step through its form and service in a savepoint, roll it back, and say what was refused."""
    form = step.form(data={"version": claim.version, **data})
    assert form.is_valid(), form.errors
    savepoint = transaction.savepoint()
    try:
        step.run(claim=claim, user=user, form=form)
    except PermissionDenied as exc:
        return str(exc)
    except ValidationError as exc:
        return exc.messages[0]
    finally:
        transaction.savepoint_rollback(savepoint)
    return None


@pytest.mark.parametrize("name", list(STEPS))
def test_the_registry_allows_exactly_what_the_service_does_not_refuse(name):
    step = STEPS[name]
    verdict = Verdict.objects.get(name="False")
    original = make_published_claim()
    fact_check = make_fact_check()
    other, reviewer = make_user(role="reviewer"), make_user(role="reviewer")
    outcomes = set()
    for role in ROLES:
        actor = _user(role)
        people = {None: None, "actor": actor, "other": other}
        for status, assignee, proposer, date, evidence, public in _situations():
            claim = make_claim(
                claim_date=date,
                review_status=status,
                assignee=people[assignee],
                proposed_by=people[proposer],
                verdict=verdict if status in PROPOSED else None,
                rationale="Checked." if status in PROPOSED else "",
                public_verdict=verdict if public else None,
            )
            if evidence:
                add_evidence(claim)
            match = ClaimMatch.objects.create(claim=claim, other=original, score=0.9, method="test")
            # Confirmed, so every fact-check step can be taken on it: the claim's rules alone decide.
            fact_check_match = make_fact_check_match(claim, fact_check, confirmed=True)
            seen = Claim.objects.select_related("assignee").get(pk=claim.pk)
            expected = step.refusal(seen, actor)
            inputs = _inputs(name, reviewer=reviewer, verdict=verdict, match=match, fact_check_match=fact_check_match)
            refused = _service_refusal(step, seen, actor, inputs)
            assert expected == refused, (name, role, status, assignee, proposer, date, evidence, public)
            outcomes.add((role, refused is None))
    assert ("none", True) not in outcomes, "no step is open to a user without a review role"
    assert {allowed for _, allowed in outcomes} == {True, False}, "the walk reaches both answers"


def test_the_registry_has_every_step_of_the_workflow():
    assert set(STEPS) == {
        "take",
        "assign",
        "release",
        "edit",
        "evidence",
        "propose",
        "publish",
        "send_back",
        "reopen",
        "retract",
        "dismiss",
        "apply_match",
        "reject_match",
        "confirm_fact_check",
        "reject_fact_check",
        "fact_check_evidence",
    }


def test_refusals_give_their_reason():
    checker, editor = make_user(role="reviewer"), make_user(role="editor")
    claim = make_claim()
    assert STEPS["assign"].refusal(claim, checker) == "Only editors can assign claims."
    assert STEPS["propose"].refusal(claim, checker) == "The claim is “New”: “Proposed a verdict” is not possible now."
    proposed = make_claim(review_status=Status.VERDICT_PROPOSED, assignee=editor, proposed_by=editor)
    assert STEPS["publish"].refusal(proposed, editor).startswith("You proposed this verdict; another editor must")
    assert STEPS["publish"].refusal(proposed, make_user(role="editor")).startswith("A verdict needs at least one")
    add_evidence(proposed)
    assert STEPS["publish"].refusal(proposed, make_user(role="editor")) is None
    taken = make_claim(review_status=Status.IN_REVIEW, assignee=checker)
    assert STEPS["take"].refusal(taken, checker) == "You are already reviewing this claim."
    assert STEPS["take"].refusal(taken, editor) == f"{checker.username} is already reviewing this claim."


def test_every_step_is_routed_by_the_desk_and_the_api():
    checker = make_user(role="reviewer")
    claim = make_claim()
    api = APIClient()
    api.force_authenticate(checker)
    from django.test import Client

    desk = Client()
    desk.force_login(checker)
    for name in STEPS:
        # No version: each step's form refuses it, which shows the step exists there.
        response = api.post(reverse("api:claim-step", args=[claim.pk, name]), {}, format="json")
        assert response.status_code == 400 and "version" in response.json(), name
        assert desk.post(reverse("review:act", args=[claim.pk, name]), {}).status_code == 400, name


def _offered(client, claim) -> set[str]:
    import re

    page = client.get(reverse("review:claim", args=[claim.pk])).text
    return set(re.findall(r'<button type="submit" name="(\w+)"', page))


def test_the_desk_offers_the_steps_the_registry_allows(client):
    editor = make_user(role="editor")
    client.force_login(editor)
    new = make_claim()
    assert _offered(client, new) == {"take", "assign", "dismiss"}
    assert {s.name for s in steps_open_to(new, editor)} == {
        "take",
        "assign",
        "dismiss",
        "reject_match",
        "apply_match",
        "confirm_fact_check",
        "reject_fact_check",
    }
    proposed = make_claim(review_status=Status.VERDICT_PROPOSED, assignee=make_user(role="reviewer"))
    assert _offered(client, proposed) == {"evidence", "send_back", "edit"}, "no evidence yet: no publishing"
    add_evidence(proposed)
    assert _offered(client, proposed) == {"evidence", "publish", "send_back", "edit"}
    checker = make_user(role="reviewer")
    client.force_login(checker)
    assert _offered(client, new) == {"take", "dismiss"}, "a reviewer is not offered assign"


def test_the_desk_shows_the_fact_check_steps_only_on_live_fact_checks(client):
    checker = make_user(role="reviewer")
    client.force_login(checker)
    claim = make_claim()
    steps = {"confirm_fact_check", "reject_fact_check", "fact_check_evidence"}
    assert not steps & _offered(client, claim)
    assert not any(
        f'id="{name}-unavailable"' in client.get(reverse("review:claim", args=[claim.pk])).text for name in steps
    )
    make_fact_check_match(claim)
    assert {"confirm_fact_check", "reject_fact_check"} <= _offered(client, claim)


def test_the_desk_shows_the_match_steps_only_with_a_published_match(client):
    checker = make_user(role="reviewer")
    client.force_login(checker)
    claim = make_claim()
    assert not {"apply_match", "reject_match"} & _offered(client, claim)
    ClaimMatch.objects.create(claim=claim, other=make_published_claim(), score=0.9, method="test")
    assert {"apply_match", "reject_match"} <= _offered(client, claim)


def test_an_editor_assigns_through_the_desk(client):
    editor, checker = make_user(role="editor"), make_user("budi", role="reviewer")
    client.force_login(editor)
    claim = make_claim()
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert f'<option value="{checker.pk}">budi</option>' in page
    assert f'<option value="{editor.pk}">' in page, "editors review too"
    client.post(reverse("review:act", args=[claim.pk, "assign"]), {"version": 1, "assignee": checker.pk})
    claim.refresh_from_db()
    assert (claim.assignee, claim.review_status) == (checker, Status.IN_REVIEW)
    response = client.post(
        reverse("review:act", args=[claim.pk, "assign"]), {"version": 2, "assignee": make_user().pk}, follow=True
    )
    assert "Choose a reviewer: that user is not one." in response.text


def test_the_api_lists_the_steps_open_to_the_user_with_the_reasons():
    checker = make_user(role="reviewer")
    claim = make_claim()
    api = APIClient()
    api.force_authenticate(checker)
    steps = {s["name"]: s for s in api.get(reverse("api:claim-detail", args=[claim.pk])).json()["steps"]}
    assert list(steps) == list(STEPS)
    assert steps["take"] == {
        "name": "take",
        "label": "Assign to me",
        "allowed": True,
        "refusal": None,
        "inputs": ["version"],
    }
    assert steps["assign"]["allowed"] is False
    assert steps["assign"]["refusal"] == "Only editors can assign claims."
    assert steps["propose"]["inputs"] == ["version", "verdict", "rationale"]


def test_matched_verdicts_are_applied_and_rejected_through_the_api():
    checker = make_user("rina", role="reviewer")
    api = APIClient()
    api.force_authenticate(checker)
    claim, original = make_claim(), make_published_claim()
    ClaimMatch.objects.create(claim=claim, other=original, score=0.9, method="test")
    detail = api.get(reverse("api:claim-detail", args=[claim.pk])).json()
    match = detail["published_match"]
    assert (match["claim"], match["verdict"]) == (original.pk, "False")
    url = reverse("api:claim-step", args=[claim.pk, "apply_match"])
    body = api.post(url, {"version": 1, "match": match["match"]}, format="json").json()
    assert (body["review_status"], body["verdict"], body["assignee"]) == ("verdict_proposed", "False", "rina")
    other = make_claim()
    link = ClaimMatch.objects.create(claim=other, other=original, score=0.9, method="test")
    url = reverse("api:claim-step", args=[other.pk, "reject_match"])
    assert api.post(url, {"version": 1, "match": link.pk}, format="json").status_code == 200
    link.refresh_from_db()
    assert link.confirmed is False
    again = api.post(reverse("api:claim-step", args=[other.pk, "apply_match"]), {"version": 1, "match": link.pk})
    assert again.status_code == 400
    assert again.json() == {"detail": ["That match is no longer linked to this claim. Reload the page."]}


def test_a_refused_correction_adds_no_speaker(client):
    from claims.models import Speaker

    checker = make_user(role="reviewer")
    client.force_login(checker)
    claim = make_claim(review_status=Status.IN_REVIEW, assignee=make_user(role="reviewer"))
    data = {"version": 1, "content": "Harga naik.", "speaker_name": "Orang Baru"}
    response = client.post(reverse("review:act", args=[claim.pk, "edit"]), data)
    assert response.status_code == 403
    assert "Only the claim&#x27;s reviewer or an editor can correct it" in response.text, "said on the page"
    assert not Speaker.objects.filter(canonical_name="Orang Baru").exists()


def test_the_api_takes_the_speaker_by_id_or_by_name_but_not_by_both():
    from .factories import make_speaker

    checker = make_user(role="reviewer")
    api = APIClient()
    api.force_authenticate(checker)
    claim = make_claim(review_status=Status.IN_REVIEW, assignee=checker)
    url = reverse("api:claim-step", args=[claim.pk, "edit"])
    response = api.post(url, {"version": 1, "content": "Harga naik."}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Give the speaker: an id or a name, empty for none."]}
    both = {"version": 1, "content": "Harga naik.", "speaker": make_speaker().pk, "speaker_name": "Budi"}
    assert api.post(url, both, format="json").json() == {
        "non_field_errors": ["Give the speaker by id or by name, not both."]
    }
    body = api.post(url, {"version": 1, "content": "Harga naik.", "speaker_name": "Sri Mulyani"}, format="json")
    assert body.json()["speaker"] == "Sri Mulyani"
