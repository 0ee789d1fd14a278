"""The desk's search and filters by name, the assignment picker, and the notes thread."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, ClaimNote, Verdict
from claims.review.filters import ClaimFilter
from claims.review.search import search_claims, search_words
from claims.review.selectors import assignable_users, claim_thread
from claims.review.services import (
    claim_note_add,
    claim_propose_verdict,
    claim_send_back,
    claim_take,
)

from .factories import make_article, make_claim, make_outlet, make_speaker, make_user

pytestmark = pytest.mark.django_db
Status = Claim.ReviewStatus


@pytest.fixture
def checker():
    return make_user("rina", role="reviewer")


@pytest.fixture
def editor():
    return make_user("dewi", role="editor")


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _ids(claims) -> set[int]:
    return set(claims.values_list("pk", flat=True))


@pytest.fixture
def corpus():
    """Claims whose words sit in different places: the claim, the speaker, the article, the outlet."""
    jokowi = make_speaker("Joko Widodo", aliases=["Jokowi", "Presiden Jokowi"])
    tribun = make_outlet(name="Tribun News", domain="tribunnews.com")
    rice = make_claim(
        article=make_article(title="Harga pangan Januari", outlet=tribun),
        content="Harga beras naik 40 persen",
        speaker=jokowi,
    )
    budget = make_claim(
        article=make_article(title="Budget debate in parliament", language="en"),
        content="The deficit is under three percent",
        speaker_text="a finance ministry spokesperson",
    )
    other = make_claim(content="Jumlah penduduk bertambah", speaker=make_speaker("Sri Mulyani"))
    return {"rice": rice, "budget": budget, "other": other, "jokowi": jokowi, "tribun": tribun}


def test_search_finds_each_word_in_the_claim_speaker_article_or_outlet(corpus):
    claims = Claim.objects.all()
    rice, budget = corpus["rice"].pk, corpus["budget"].pk
    assert _ids(search_claims(claims, "beras")) == {rice}, "claim text"
    assert _ids(search_claims(claims, "jokowi")) == {rice}, "a speaker's alias"
    assert _ids(search_claims(claims, "Widodo")) == {rice}, "the speaker's name, any case"
    assert _ids(search_claims(claims, "pangan")) == {rice}, "the article's title"
    assert _ids(search_claims(claims, "tribunnews")) == {rice}, "the outlet's domain"
    assert _ids(search_claims(claims, "spokesperson")) == {budget}, "the speaker as the article names them"
    assert _ids(search_claims(claims, "jokowi beras")) == {rice}, "words from different places"
    assert _ids(search_claims(claims, "jokowi deficit")) == set(), "every word must be found"
    assert _ids(search_claims(claims, "")) == _ids(claims)
    assert _ids(search_claims(claims, "  !!  ")) == _ids(claims), "no words: no narrowing"


def test_search_words_are_plain_words_only():
    assert search_words("Jokowi's  'beras' & naik | !x:*") == ["jokowi", "s", "beras", "naik", "x"]
    assert search_words("naik NAIK naik") == ["naik"]
    assert len(search_words(" ".join(f"w{i}" for i in range(30)))) == 8


def test_speaker_and_outlet_filters_take_names_as_well_as_ids(corpus, checker):
    rice = {corpus["rice"].pk}
    for speaker in ("Joko Widodo", "jokowi", "presiden  jokowi", str(corpus["jokowi"].pk)):
        params = {"speaker": speaker}
        assert _ids(ClaimFilter(params, queryset=Claim.objects.all(), user=checker).qs) == rice, speaker
    for outlet in ("tribunnews.com", "www.tribunnews.com", "Tribun News", str(corpus["tribun"].pk)):
        params = {"outlet": outlet}
        assert _ids(ClaimFilter(params, queryset=Claim.objects.all(), user=checker).qs) == rice, outlet
    # An alias is a whole name, not a piece of one.
    assert not ClaimFilter({"speaker": "Presiden"}, queryset=Claim.objects.all(), user=checker).is_valid()


def test_the_api_searches_filters_by_name_and_orders(corpus, checker):
    client = _api(checker)
    listed = reverse("api:claim-list")

    def ids(**params):
        response = client.get(listed, params)
        assert response.status_code == 200, response.json()
        return [c["id"] for c in response.json()["results"]]

    assert ids(q="jokowi beras") == [corpus["rice"].pk]
    assert ids(speaker="Jokowi") == [corpus["rice"].pk]
    assert ids(outlet="tribunnews.com") == [corpus["rice"].pk]
    Claim.objects.filter(pk=corpus["rice"].pk).update(checkworthiness=0.5)
    Claim.objects.filter(pk=corpus["budget"].pk).update(checkworthiness=0.9)
    Claim.objects.filter(pk=corpus["other"].pk).update(checkworthiness=0.1)
    by_score = ids(ordering="-checkworthiness")
    assert by_score[0] == corpus["budget"].pk and by_score[-1] == corpus["other"].pk
    assert ids(ordering="checkworthiness")[0] == corpus["other"].pk
    assert ids(ordering="id") == sorted(ids())


def test_the_api_pages_in_the_chosen_order(checker):
    for score in (0.1, 0.9, 0.5, 0.7, 0.3):
        make_claim(checkworthiness=score)
    client = _api(checker)
    response = client.get(reverse("api:claim-list"), {"ordering": "-checkworthiness", "page_size": 2}).json()
    seen = [c["checkworthiness"] for c in response["results"]]
    while response["next"]:
        response = client.get(response["next"]).json()
        seen += [c["checkworthiness"] for c in response["results"]]
    assert seen == [0.9, 0.7, 0.5, 0.3, 0.1]


def test_unknown_filter_values_are_a_bad_request_not_an_empty_list(corpus, checker):
    client = _api(checker)
    answers = {
        "speaker": ("Prabowo", "There is no speaker “Prabowo”."),
        "outlet": ("detik.com", "There is no outlet “detik.com”."),
        "review_status": ("finished", None),
        "band": ("huge", None),
        "date_from": ("2025-13-01", "Enter a valid date."),
        "ordering": ("content", None),
    }
    for name, (value, reason) in answers.items():
        response = client.get(reverse("api:claim-list"), {name: value})
        assert response.status_code == 400, name
        body = response.json()
        assert list(body) == [name], body
        if reason:
            assert body[name] == [reason]


def test_check_worthiness_bands(checker):
    high, medium = make_claim(checkworthiness=0.8), make_claim(checkworthiness=0.55)
    low = make_claim(checkworthiness=0.2)
    bands = {}
    for band in ("high", "medium", "low"):
        bands[band] = _ids(ClaimFilter({"band": band}, queryset=Claim.objects.all(), user=checker).qs)
    assert bands == {"high": {high.pk}, "medium": {medium.pk}, "low": {low.pk}}


def _queue_ids(client, **params) -> set[int]:
    page = client.get(reverse("review:queue"), params).text
    return set(map(int, re.findall(r'href="/review/claims/(\d+)/', page)))


def test_the_queue_searches_and_keeps_the_search_in_its_links(client, corpus, checker):
    client.force_login(checker)
    assert _queue_ids(client, q="beras") == {corpus["rice"].pk}
    assert _queue_ids(client, speaker="jokowi") == {corpus["rice"].pk}
    claim_take(claim=corpus["other"], user=checker, expected_version=1)
    assert corpus["other"].pk not in _queue_ids(client, q="penduduk"), "the open queue holds unassigned claims"
    assert _queue_ids(client, q="penduduk", queue="all") == {corpus["other"].pk}
    assert _queue_ids(client, queue="all", review_status="in_review") == {corpus["other"].pk}
    page = client.get(reverse("review:queue"), {"q": "harga <b>", "speaker": "Jokowi"}).text
    assert 'value="harga &lt;b&gt;"' in page, "the search stays in the box, escaped"
    assert 'id="speaker-filter" value="Jokowi"' in page
    response = client.get(reverse("review:queue"), {"speaker": "Nobody Known"})
    assert "There is no speaker “Nobody Known”." in response.text


def test_the_assignable_users_are_the_members_of_the_review_groups(checker, editor, client):
    make_user("outsider", is_staff=True)
    make_user("gone", role="reviewer", is_active=False)
    assert [u.username for u in assignable_users()] == ["dewi", "rina"]
    listed = _api(checker).get(reverse("api:assignable-users")).json()
    assert [(u["username"], u["roles"]) for u in listed] == [("dewi", ["Editors"]), ("rina", ["Reviewers"])]
    assert _api(make_user(is_staff=True)).get(reverse("api:assignable-users")).status_code == 403


def test_an_editor_assigns_by_username_or_id_through_the_api(checker, editor):
    claim = make_claim()
    url = reverse("api:claim-step", args=[claim.pk, "assign"])
    response = _api(editor).post(url, {"version": 1, "assignee": "RINA"}, "json")
    assert response.status_code == 200, response.json()
    assert (response.json()["assignee"], response.json()["version"]) == ("rina", 2)
    stale = _api(editor).post(url, {"version": 1, "assignee": editor.pk}, "json")
    assert stale.status_code == 409
    moved = _api(editor).post(url, {"version": 2, "assignee": editor.pk}, "json")
    assert moved.json()["assignee"] == "dewi"
    outsider = make_user("outsider")
    refused = _api(editor).post(url, {"version": 3, "assignee": "outsider"}, "json")
    assert refused.status_code == 400 and "assignee" in refused.json()
    refused = _api(editor).post(url, {"version": 3, "assignee": outsider.pk}, "json")
    assert refused.status_code == 400
    other = make_claim()
    by_reviewer = _api(checker).post(
        reverse("api:claim-step", args=[other.pk, "assign"]), {"version": 1, "assignee": editor.pk}, "json"
    )
    assert by_reviewer.status_code == 403, "only editors assign others"
    taken = _api(checker).post(reverse("api:claim-step", args=[other.pk, "take"]), {"version": 1}, "json")
    assert taken.json()["assignee"] == "rina", "reviewers still take claims themselves"


def test_the_desk_claim_page_has_the_assignment_picker_for_editors_only(client, checker, editor):
    claim = make_claim()
    client.force_login(editor)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    section = page[page.index('id="assignment"') : page.index("</section>", page.index('id="assignment"'))]
    assert f'<option value="{checker.pk}">rina</option>' in section
    assert "Nobody reviews this claim yet." in section
    client.post(reverse("review:act", args=[claim.pk, "assign"]), {"version": 1, "assignee": checker.pk})
    client.force_login(checker)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    section = page[page.index('id="assignment"') : page.index("</section>", page.index('id="assignment"'))]
    assert "Reviewed by rina." in section
    assert "<select" not in section, "a reviewer does not assign others"


def _changelist_action(client, action, claims, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in claims], **extra}
    return client.post(reverse("admin:claims_claim_changelist"), data, follow=True)


def test_the_admin_action_assigns_the_chosen_reviewer(client, checker, editor):
    first, second = make_claim(), make_claim()
    published = make_claim(review_status=Status.PUBLISHED)
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_changelist")).text
    assert f'<option value="{checker.pk}">rina</option>' in page
    response = _changelist_action(client, "assign_to_reviewer", [first, second, published], assignee=checker.pk)
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "2 claim(s) assigned to rina."
    assert messages[1].startswith(f"#{published.pk}: ")
    first.refresh_from_db()
    assert (first.assignee, first.review_status, first.version) == (checker, Status.IN_REVIEW, 2)
    assert first.events.get().action == "assign"
    nobody = _changelist_action(client, "assign_to_reviewer", [make_claim()])
    assert "Choose the reviewer next to the action first." in [str(m) for m in nobody.context["messages"]]
    client.force_login(checker)
    page = client.get(reverse("admin:claims_claim_changelist")).text
    assert 'value="assign_to_reviewer"' not in page, "reviewers do not assign others"
    assert 'value="assign_to_me"' in page


INLINES = {
    f"{prefix}-{key}": value
    for prefix in ("evidence", "events")
    for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "0"))
}


def test_the_admin_change_page_assigns_with_the_version_check(client, checker, editor):
    claim = make_claim()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client.force_login(checker)
    assert 'name="assign_to"' not in client.get(url).text
    client.force_login(editor)
    page = client.get(url).text
    assert 'name="assign_to"' in page
    form = {"content": claim.content, "speaker": "", "seen_version": 1, "assign_to": checker.pk}
    assert client.post(url, {**form, **INLINES}).status_code == 302
    claim.refresh_from_db()
    assert (claim.assignee, claim.version) == (checker, 2)
    stale = client.post(url, {**form, "assign_to": editor.pk, **INLINES}, follow=True)
    assert "Someone else changed this claim" in stale.text
    claim.refresh_from_db()
    assert claim.assignee == checker
    both = {"content": "Harga beras naik.", "speaker": "", "seen_version": 2, "assign_to": editor.pk}
    assert client.post(url, {**both, **INLINES}).status_code == 302
    claim.refresh_from_db()
    assert (claim.content, claim.assignee, claim.version) == ("Harga beras naik.", editor, 4)


def test_a_note_is_kept_with_its_author_and_refused_empty_or_too_long(checker):
    claim = make_claim()
    note = claim_note_add(claim=claim, user=checker, text="  Cek data BPS dulu.\r\nLalu telepon.  ")
    assert (note.author, note.text) == (checker, "Cek data BPS dulu.\nLalu telepon.")
    claim.refresh_from_db()
    assert claim.version == 1, "a note changes no state"
    with pytest.raises(ValidationError, match="empty note"):
        claim_note_add(claim=claim, user=checker, text=" \n ")
    with pytest.raises(ValidationError, match="at most"):
        claim_note_add(claim=claim, user=checker, text="x" * (ClaimNote.MAX_LENGTH + 1))
    with pytest.raises(PermissionDenied):
        claim_note_add(claim=claim, user=make_user(is_staff=True), text="hello")
    assert ClaimNote.objects.count() == 1


def test_the_thread_holds_notes_and_send_back_notes_in_order(checker, editor):
    claim = make_claim()
    claim_note_add(claim=claim, user=checker, text="first")
    claim_take(claim=claim, user=checker, expected_version=1)
    claim_propose_verdict(
        claim=claim, user=checker, verdict=Verdict.objects.get(name="False"), rationale="BPS", expected_version=2
    )
    claim_send_back(claim=claim, user=editor, note="Need a second source.", expected_version=3)
    claim_note_add(claim=claim, user=checker, text="third")
    thread = claim_thread(claim)
    assert [(e.author, e.text, e.step) for e in thread] == [
        (checker, "first", ""),
        (editor, "Need a second source.", "Sent it back"),
        (checker, "third", ""),
    ]


def test_the_desk_shows_notes_escaped_above_the_history(client, checker, editor):
    claim = make_claim()
    client.force_login(checker)
    url = reverse("review:note", args=[claim.pk])
    response = client.post(url, {"text": '<script>alert("x")</script> cek'}, follow=True)
    assert "Note added." in response.text
    page = response.text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; cek" in page
    assert page.index('id="notes"') < page.index("<h2>History</h2>")
    empty = client.post(url, {"text": "   "}, follow=True)
    assert "Write the note first: an empty note is not kept." in empty.text
    too_long = client.post(url, {"text": "x" * (ClaimNote.MAX_LENGTH + 5)}, follow=True)
    assert "at most 4000 characters" in too_long.text
    assert ClaimNote.objects.count() == 1
    assert client.get(url).status_code == 405
    client.force_login(make_user(is_staff=True))
    assert client.post(url, {"text": "hi"}).status_code == 403


def test_the_api_adds_and_lists_notes(checker):
    claim = make_claim()
    url = reverse("api:claim-notes", args=[claim.pk])
    created = _api(checker).post(url, {"text": "Cek BPS."}, "json")
    assert created.status_code == 201
    assert [(n["author"], n["text"], n["step"]) for n in created.json()] == [("rina", "Cek BPS.", "")]
    assert _api(checker).post(url, {"text": ""}, "json").json() == {
        "text": ["Write the note first: an empty note is not kept."]
    }
    detail = _api(checker).get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert [n["text"] for n in detail["notes"]] == ["Cek BPS."]
    assert _api(checker).post(reverse("api:claim-notes", args=[99999]), {"text": "x"}, "json").status_code == 404


def test_date_range_and_status_filters_keep_to_the_querystring(client, checker):
    client.force_login(checker)
    early = make_claim(claim_date=datetime.date(2025, 1, 5))
    make_claim(claim_date=datetime.date(2025, 6, 5))
    page = client.get(reverse("review:queue"), {"date_from": "2025-01-01", "date_to": "2025-02-01", "page": 1}).text
    assert _queue_ids(client, date_from="2025-01-01", date_to="2025-02-01") == {early.pk}
    assert 'value="2025-01-01"' in page and 'value="2025-02-01"' in page


def test_the_pickers_show_the_current_reviewer_even_outside_the_groups(client, editor, admin_user):
    claim = make_claim()
    claim_take(claim=claim, user=admin_user, expected_version=1)  # a superuser, in no group
    assert admin_user not in assignable_users()
    client.force_login(editor)
    change = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert f'<option value="{admin_user.pk}" selected>admin</option>' in change
    desk = client.get(reverse("review:claim", args=[claim.pk])).text
    assert f'<option value="{admin_user.pk}" selected>admin</option>' in desk
    # Saving the change page with the picker untouched keeps the reviewer.
    form = {"content": claim.content, "speaker": "", "seen_version": 2, "assign_to": admin_user.pk, **INLINES}
    assert client.post(reverse("admin:claims_claim_change", args=[claim.pk]), form).status_code == 302
    claim.refresh_from_db()
    assert (claim.assignee, claim.version) == (admin_user, 2)


def test_a_refused_note_comes_back_as_typed_and_a_kept_one_returns_to_the_queue(client, checker):
    claim = make_claim()
    client.force_login(checker)
    url = reverse("review:note", args=[claim.pk]) + "?queue=all&lang=en"
    typed = "Sumber kedua: data BPS 2024. " * 150  # over the limit
    refused = client.post(url, {"text": typed})
    assert refused.status_code == 400
    assert typed.strip() in refused.text  # the textarea holds what was typed
    assert ClaimNote.objects.count() == 0
    kept = client.post(url, {"text": "Sumber kedua: data BPS 2024."})
    assert kept.status_code == 302
    assert kept["Location"] == reverse("review:claim", args=[claim.pk]) + "?queue=all&lang=en#notes"
