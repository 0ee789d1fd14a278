import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from claims.models import Claim, ClaimEvent, Verdict
from claims.review.services import (
    StaleClaimError,
    claim_assign,
    claim_dismiss,
    claim_edit,
    claim_propose_verdict,
    claim_publish,
    claim_release,
    claim_reopen,
    claim_send_back,
    claim_take,
)

from .factories import add_evidence, make_claim, make_published_claim, make_speaker, make_user

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus


@pytest.fixture
def false():
    return Verdict.objects.get(name="False")


@pytest.fixture
def checker():
    return make_user("checker", role="reviewer")


@pytest.fixture
def editor():
    return make_user("editor", role="editor")


def _proposed(claim, checker, verdict):
    claim_take(claim=claim, user=checker, expected_version=claim.version)
    add_evidence(claim, checker)
    return claim_propose_verdict(
        claim=claim,
        user=checker,
        verdict=verdict,
        rationale="BPS figures say otherwise.",
        expected_version=claim.version,
    )


def test_a_claim_goes_from_new_to_published_with_its_history(checker, editor, false):
    claim = make_claim()
    _proposed(claim, checker, false)
    claim_publish(claim=claim, user=editor, expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.review_status == Status.PUBLISHED
    assert claim.verdict == false
    assert claim.rationale == "BPS figures say otherwise."
    assert claim.proposed_by == checker
    assert claim.published_by == editor
    assert claim.published_at is not None
    assert claim.version == 4
    steps = list(claim.events.values_list("actor__username", "action", "from_status", "to_status", "version"))
    assert steps == [
        ("checker", "take", "new", "in_review", 2),
        ("checker", "propose", "in_review", "verdict_proposed", 3),
        ("editor", "publish", "verdict_proposed", "published", 4),
    ]
    assert claim.events.get(action=ClaimEvent.Action.PROPOSE).verdict == false


def test_claim_take_rejects_stale_version(checker):
    claim = make_claim()
    seen = claim.version
    Claim.objects.filter(pk=claim.pk).update(version=seen + 1)
    with pytest.raises(StaleClaimError, match="you saw version 1, it is now at version 2"):
        claim_take(claim=claim, user=checker, expected_version=seen)
    assert not ClaimEvent.objects.exists()


def test_two_reviewers_editing_the_same_version_one_wins(checker, false):
    other = make_user(role="reviewer")
    claim = make_claim()
    first = Claim.objects.get(pk=claim.pk)
    second = Claim.objects.get(pk=claim.pk)
    claim_take(claim=first, user=checker, expected_version=first.version)
    with pytest.raises(StaleClaimError):
        claim_take(claim=second, user=other, expected_version=second.version)
    claim.refresh_from_db()
    assert claim.assignee == checker
    assert claim.version == 2


def test_the_version_is_checked_in_the_update_itself(checker, monkeypatch):
    """Even if a write slipped in after the locked read, UPDATE ... WHERE version = N refuses it."""
    import types

    import claims.review.services as services

    claim = make_claim()
    objects = Claim.objects

    def filter_after_a_concurrent_write(**lookups):
        objects.filter(pk=claim.pk).update(version=7)
        return objects.filter(**lookups)

    fake = types.SimpleNamespace(select_for_update=objects.select_for_update, filter=filter_after_a_concurrent_write)
    monkeypatch.setattr(services, "Claim", types.SimpleNamespace(objects=fake))
    with pytest.raises(StaleClaimError):
        claim_take(claim=claim, user=checker, expected_version=1)
    assert not ClaimEvent.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks across connections (PostgreSQL)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_takes_on_postgresql_let_exactly_one_through():
    # A transactional test starts with no data migrations applied to its rows; make the role again.
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Reviewers")
    group.permissions.add(Permission.objects.get(codename="review_claim"))
    users = [make_user(role="reviewer") for _ in range(4)]
    claim = make_claim()
    outcomes = []
    barrier = threading.Barrier(len(users))

    def take(user):
        from django.db import connections

        barrier.wait()
        try:
            claim_take(claim=Claim.objects.get(pk=claim.pk), user=user, expected_version=1)
            outcomes.append("ok")
        except StaleClaimError:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "stale", "stale", "stale"]
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def test_two_person_rule_forbids_publishing_ones_own_verdict(false):
    editor = make_user(role="editor")
    claim = make_claim()
    _proposed(claim, editor, false)
    with pytest.raises(PermissionDenied, match="You proposed this verdict; another editor must publish it"):
        claim_publish(claim=claim, user=editor, expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.review_status == Status.VERDICT_PROPOSED


def test_two_person_rule_holds_for_superusers_too(false):
    boss = make_user(is_superuser=True, is_staff=True)
    claim = make_claim()
    _proposed(claim, boss, false)
    with pytest.raises(PermissionDenied, match="You proposed this verdict; another editor must publish it"):
        claim_publish(claim=claim, user=boss, expected_version=claim.version)


def test_a_fact_checker_cannot_publish(checker, false):
    claim = make_claim()
    _proposed(claim, make_user(role="reviewer"), false)
    with pytest.raises(PermissionDenied, match="Only editors"):
        claim_publish(claim=claim, user=checker, expected_version=claim.version)


def test_a_user_without_a_role_cannot_take_a_claim():
    claim = make_claim()
    with pytest.raises(PermissionDenied, match="Only reviewers and editors"):
        claim_take(claim=claim, user=make_user(is_staff=True), expected_version=1)


def test_an_inactive_user_loses_the_role(checker):
    checker.is_active = False
    with pytest.raises(PermissionDenied):
        claim_take(claim=make_claim(), user=checker, expected_version=1)


def test_a_taken_claim_cannot_be_taken_by_someone_else(checker):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    with pytest.raises(ValidationError, match="checker is already reviewing"):
        claim_take(claim=claim, user=make_user(role="reviewer"), expected_version=claim.version)


def test_only_the_assignee_proposes_a_verdict(checker, false):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    with pytest.raises(PermissionDenied, match="Only the claim's reviewer"):
        claim_propose_verdict(
            claim=claim, user=make_user(role="reviewer"), verdict=false, rationale="x", expected_version=2
        )


def test_a_verdict_needs_a_rationale(checker, false):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    with pytest.raises(ValidationError, match="Explain the verdict"):
        claim_propose_verdict(claim=claim, user=checker, verdict=false, rationale="  ", expected_version=2)


def test_a_new_claim_cannot_be_published_directly(editor):
    with pytest.raises(ValidationError, match="“New”: “Published the verdict” is not possible now"):
        claim_publish(claim=make_claim(), user=editor, expected_version=1)


def test_send_back_returns_the_claim_to_its_reviewer_with_the_reason(checker, editor, false):
    claim = _proposed(make_claim(), checker, false)
    claim_send_back(claim=claim, user=editor, note="Cite the BPS table.", expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.review_status == Status.IN_REVIEW
    assert claim.assignee == checker
    assert claim.events.last().note == "Cite the BPS table."
    with pytest.raises(ValidationError, match="Say why"):
        claim_send_back(claim=claim, user=editor, note="", expected_version=claim.version)


def test_reopening_a_published_verdict_puts_it_back_in_the_queue(editor):
    claim = make_published_claim()
    claim_reopen(claim=claim, user=editor, note="New figures out.", expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.review_status == Status.REOPENED
    assert claim.assignee is None
    assert claim.is_reviewed, "re-extraction must keep a reopened claim"
    retaken = claim_take(claim=claim, user=make_user(role="reviewer"), expected_version=claim.version)
    assert retaken.review_status == Status.IN_REVIEW


def test_dismissing_as_duplicate_needs_the_original(checker):
    original, copy = make_claim(), make_claim()
    with pytest.raises(ValidationError, match="Name the other claim"):
        claim_dismiss(claim=copy, user=checker, status=Status.DUPLICATE, expected_version=1)
    with pytest.raises(ValidationError, match="Name the other claim"):
        claim_dismiss(claim=copy, user=checker, status=Status.DUPLICATE, duplicate_of=copy, expected_version=1)
    claim_dismiss(claim=copy, user=checker, status=Status.DUPLICATE, duplicate_of=original, expected_version=1)
    copy.refresh_from_db()
    assert copy.review_status == Status.DUPLICATE
    assert copy.duplicate_of == original
    third = make_claim()
    with pytest.raises(ValidationError, match="not at another duplicate"):
        claim_dismiss(claim=third, user=checker, status=Status.DUPLICATE, duplicate_of=copy, expected_version=1)


def test_dismissing_as_not_a_claim(checker):
    claim = claim_dismiss(claim=make_claim(), user=checker, status=Status.NOT_A_CLAIM, expected_version=1, note="x")
    assert Claim.objects.get(pk=claim.pk).review_status == Status.NOT_A_CLAIM
    with pytest.raises(ValidationError, match="not as 'published'"):
        claim_dismiss(claim=make_claim(), user=checker, status=Status.PUBLISHED, expected_version=1)


def test_someone_elses_claim_cannot_be_dismissed_by_a_fact_checker(checker, editor):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    with pytest.raises(PermissionDenied, match="checker is reviewing"):
        claim_dismiss(claim=claim, user=make_user(role="reviewer"), status=Status.NOT_A_CLAIM, expected_version=2)
    claim_dismiss(claim=claim, user=editor, status=Status.NOT_A_CLAIM, expected_version=2)


def test_an_editor_assigns_only_to_fact_checkers(checker, editor):
    claim = make_claim()
    with pytest.raises(ValidationError, match="is not a reviewer"):
        claim_assign(claim=claim, user=editor, assignee=make_user(), expected_version=1)
    with pytest.raises(PermissionDenied):
        claim_assign(claim=claim, user=checker, assignee=checker, expected_version=1)
    claim_assign(claim=claim, user=editor, assignee=checker, expected_version=1)
    claim.refresh_from_db()
    assert (claim.assignee, claim.review_status) == (checker, Status.IN_REVIEW)


def test_release_only_by_the_reviewer_or_an_editor(checker, editor):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    with pytest.raises(PermissionDenied, match="reviewer or an editor"):
        claim_release(claim=claim, user=make_user(role="reviewer"), expected_version=2)
    claim_release(claim=claim, user=checker, expected_version=2)
    claim.refresh_from_db()
    assert claim.assignee is None


def test_edit_corrects_content_and_speaker_and_keeps_the_extracted_originals(checker):
    original_speaker = make_speaker("Budi")
    claim = claim_take(claim=make_claim(speaker=original_speaker), user=checker, expected_version=1)
    extracted = claim.content
    speaker = make_speaker("Sri Mulyani")
    claim_edit(claim=claim, user=checker, expected_version=2, content=" Harga naik. ", speaker=speaker)
    claim_edit(claim=claim, user=checker, expected_version=3, content="Harga naik 5%.", speaker=speaker)
    claim.refresh_from_db()
    assert (claim.content, claim.speaker, claim.version) == ("Harga naik 5%.", speaker, 4)
    assert (claim.original_content, claim.original_speaker) == (extracted, original_speaker)
    first, second = claim.events.filter(action=ClaimEvent.Action.EDIT)
    assert first.changes == {"content": [extracted, "Harga naik."], "speaker": ["Budi", "Sri Mulyani"]}
    assert second.changes == {"content": ["Harga naik.", "Harga naik 5%."]}
    with pytest.raises(StaleClaimError):
        claim_edit(claim=claim, user=checker, expected_version=1, content="again", speaker=None)


def test_a_second_reviewers_stale_edit_is_refused_and_the_first_survives(checker, editor):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    mine, theirs = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    claim_edit(claim=mine, user=checker, expected_version=theirs.version, content="first edit", speaker=None)
    with pytest.raises(StaleClaimError, match="Reload it"):
        claim_edit(claim=theirs, user=editor, expected_version=theirs.version, content="second edit", speaker=None)
    claim.refresh_from_db()
    assert claim.content == "first edit"


def test_only_a_claim_under_review_can_be_corrected(checker, editor):
    with pytest.raises(ValidationError, match="“New”"):
        claim_edit(claim=make_claim(), user=checker, expected_version=1, content="x", speaker=None)
    published = make_published_claim()
    with pytest.raises(ValidationError, match="“Published”"):
        claim_edit(claim=published, user=editor, expected_version=published.version, content="x", speaker=None)
    taken = claim_take(claim=make_claim(), user=make_user(role="reviewer"), expected_version=1)
    with pytest.raises(PermissionDenied, match="reviewer or an editor"):
        claim_edit(claim=taken, user=checker, expected_version=2, content="x", speaker=None)
    claim_edit(claim=taken, user=editor, expected_version=2, content="x", speaker=None)


def test_an_edit_that_changes_nothing_is_refused(checker):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        claim_edit(claim=claim, user=checker, expected_version=2, content=claim.content, speaker=None)


def test_history_records_before_and_after_of_each_step(checker, editor, false):
    claim = _proposed(make_claim(), checker, false)
    claim_publish(claim=claim, user=editor, expected_version=claim.version)
    take, propose, publish = claim.events.all()
    assert take.changes == {"review_status": ["new", "in_review"], "assignee": [None, "checker"]}
    assert propose.changes == {
        "review_status": ["in_review", "verdict_proposed"],
        "verdict": [None, "False"],
        "rationale": ["", "BPS figures say otherwise."],
    }
    assert publish.changes == {"review_status": ["verdict_proposed", "published"]}
    assert (publish.actor, publish.created_at is not None) == (editor, True)


def test_evidence_is_attached_with_the_version_check_and_logged(checker):
    from claims.review.services import evidence_add

    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    evidence = evidence_add(
        claim=claim, user=checker, url="https://bps.go.id/tabel", title="BPS table", note="p. 3", expected_version=2
    )
    assert list(claim.evidence.all()) == [evidence]
    assert (evidence.added_by, evidence.note) == (checker, "p. 3")
    event = claim.events.last()
    assert (event.action, event.changes, event.version) == ("evidence", {"evidence": [None, "BPS table"]}, 3)
    with pytest.raises(ValidationError, match="Not an http"):
        evidence_add(claim=claim, user=checker, url="javascript:alert(1)", expected_version=3)
    with pytest.raises(StaleClaimError):
        evidence_add(claim=claim, user=checker, url="https://x.example", expected_version=2)
    with pytest.raises(ValidationError, match="“New”"):
        evidence_add(claim=make_claim(), user=checker, url="https://x.example", expected_version=1)
    assert claim.evidence.count() == 1


def test_the_migration_creates_the_two_roles():
    from django.contrib.auth.models import Group

    perms = {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.filter(name__in=["Reviewers", "Editors"])
    }
    assert "review_claim" in perms["Reviewers"] and "publish_claim" not in perms["Reviewers"]
    assert {"review_claim", "publish_claim"} <= perms["Editors"]


# The two-person rule holds through corrections: whoever changes a proposed claim sends it back.


def test_correcting_a_proposed_claim_withdraws_the_proposal(checker, editor, false):
    claim = _proposed(make_claim(), checker, false)
    claim_edit(claim=claim, user=editor, expected_version=claim.version, content="Harga beras naik.", speaker=None)
    claim.refresh_from_db()
    assert (claim.review_status, claim.verdict, claim.proposed_by) == (Status.IN_REVIEW, None, None)
    assert claim.assignee == checker, "back to its reviewer"
    assert claim.rationale == "BPS figures say otherwise.", "kept as a draft for the fresh proposal"
    event = claim.events.last()
    assert (event.action, event.from_status, event.to_status) == ("edit", "verdict_proposed", "in_review")
    assert event.actor == editor
    assert event.note == "The claim changed after its verdict was proposed: it needs a fresh proposal."
    assert event.changes["verdict"] == ["False", None]
    with pytest.raises(ValidationError, match="“In review”: “Published the verdict” is not possible now"):
        claim_publish(claim=claim, user=editor, expected_version=claim.version)


def test_after_a_fresh_proposal_the_correcting_editor_may_publish(checker, editor, false):
    claim = _proposed(make_claim(), checker, false)
    claim_edit(claim=claim, user=editor, expected_version=claim.version, content="Harga beras naik.", speaker=None)
    claim_propose_verdict(claim=claim, user=checker, verdict=false, rationale="Still.", expected_version=claim.version)
    claim_publish(claim=claim, user=editor, expected_version=claim.version)
    claim.refresh_from_db()
    assert (claim.review_status, claim.proposed_by, claim.published_by) == (Status.PUBLISHED, checker, editor)
    last_change = claim.events.exclude(action="publish").last()
    assert last_change.actor == checker != claim.published_by


def test_the_proposer_correcting_their_own_proposal_proposes_again(checker, false):
    claim = _proposed(make_claim(speaker=make_speaker("Budi")), checker, false)
    claim_edit(claim=claim, user=checker, expected_version=claim.version, content=claim.content, speaker=None)
    claim.refresh_from_db()
    assert claim.review_status == Status.IN_REVIEW and claim.proposed_by is None


# Dates: only a plausible claim date is published.


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_a_verdict_on_an_impossible_date_is_neither_proposed_nor_published(checker, editor, false, date):
    import datetime

    day = datetime.date.fromisoformat(date)
    claim = claim_take(claim=make_claim(claim_date=day), user=checker, expected_version=1)
    with pytest.raises(ValidationError, match=f"{date} is not plausible. Correct the claim's date first."):
        claim_propose_verdict(claim=claim, user=checker, verdict=false, rationale="r", expected_version=2)
    Claim.objects.filter(pk=claim.pk).update(review_status=Status.VERDICT_PROPOSED, verdict=false, proposed_by=checker)
    claim.refresh_from_db()
    with pytest.raises(ValidationError, match="is not plausible"):
        claim_publish(claim=claim, user=editor, expected_version=claim.version)
    assert Claim.objects.get(pk=claim.pk).review_status == Status.VERDICT_PROPOSED


def test_a_correction_sets_a_plausible_date_and_refuses_an_impossible_one(checker, false):
    import datetime

    from claims.review.validators import latest_claim_date

    claim = claim_take(claim=make_claim(claim_date=datetime.date(1, 1, 1)), user=checker, expected_version=1)
    same = {"claim": claim, "user": checker, "expected_version": 2, "content": claim.content, "speaker": None}
    with pytest.raises(ValidationError, match="must lie between 1900-01-01 and"):
        claim_edit(**same, claim_date=latest_claim_date() + datetime.timedelta(days=1))
    claim_edit(**same, claim_date=datetime.date(2025, 2, 3))
    claim.refresh_from_db()
    assert claim.claim_date == datetime.date(2025, 2, 3)
    assert claim.events.last().changes == {"claim_date": ["0001-01-01", "2025-02-03"]}
    claim_propose_verdict(claim=claim, user=checker, verdict=false, rationale="r", expected_version=3)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        claim_edit(claim=claim, user=checker, expected_version=4, content=claim.content, speaker=None)


def test_the_plausible_dates_run_from_1900_to_a_year_ahead():
    import datetime

    from claims.review.validators import claim_date_refusal, latest_claim_date

    assert latest_claim_date(datetime.date(2025, 2, 3)) == datetime.date(2026, 2, 3)
    assert latest_claim_date(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
    assert claim_date_refusal(None) is None
    assert claim_date_refusal(datetime.date(1900, 1, 1)) is None
    assert claim_date_refusal(latest_claim_date()) is None
    assert claim_date_refusal(datetime.date(1899, 12, 31)).endswith("1899-12-31 is not plausible.")
