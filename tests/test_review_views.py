import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Verdict
from claims.review.services import claim_propose_verdict, claim_take

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
def checker(client):
    user = make_user("rina", role="reviewer")
    client.force_login(user)
    return user


def _act(client, claim, action, **data):
    return client.post(reverse("review:act", args=[claim.pk, action]), {"version": claim.version, **data})


def test_the_desk_needs_a_login(client):
    response = client.get(reverse("review:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_desk_needs_a_review_role(client):
    client.force_login(make_user(is_staff=True))
    assert client.get(reverse("review:queue")).status_code == 403
    assert client.get(reverse("review:claim", args=[make_claim().pk])).status_code == 403


def test_queue_lists_unassigned_open_claims_most_check_worthy_first(client, checker):
    low, high = make_claim(checkworthiness=0.2), make_claim(checkworthiness=0.9)
    taken = claim_take(claim=make_claim(checkworthiness=0.95), user=make_user(role="reviewer"), expected_version=1)
    page = client.get(reverse("review:queue")).text

    def link(claim):
        return f'href="{reverse("review:claim", args=[claim.pk])}?queue=open"'

    assert page.index(link(high)) < page.index(link(low))
    assert link(taken) not in page


def test_queue_mine_and_to_approve(client, checker):
    mine = claim_take(claim=make_claim(), user=checker, expected_version=1)
    other = make_user(role="reviewer")
    proposed = claim_take(claim=make_claim(), user=other, expected_version=1)
    claim_propose_verdict(
        claim=proposed, user=other, verdict=Verdict.objects.first(), rationale="r", expected_version=2
    )
    assert reverse("review:claim", args=[mine.pk]) in client.get(reverse("review:queue"), {"queue": "mine"}).text
    to_approve = client.get(reverse("review:queue"), {"queue": "approve"}).text
    assert reverse("review:claim", args=[proposed.pk]) in to_approve
    assert reverse("review:claim", args=[mine.pk]) not in to_approve


def test_queue_pages_without_counting(client, checker):
    for _ in range(51):
        make_claim()
    first = client.get(reverse("review:queue"))
    assert "page=2" in first.text
    second = client.get(reverse("review:queue"), {"page": 2})
    assert second.text.count('href="/review/claims/') == 1
    assert "page=3" not in second.text


def _queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("review:queue")).status_code == 200
    return len(queries)


def test_queue_query_count_does_not_grow_with_rows(client, checker):
    outlet = make_outlet()

    def add(count):
        for _ in range(count):
            article = make_article(outlet=outlet)
            make_claim(article, speaker=make_speaker(f"S {article.pk}"))

    add(2)
    few = _queue_queries(client)
    add(18)
    assert _queue_queries(client) == few


def test_claim_page_escapes_hostile_article_text(client, checker):
    article = make_article(text='Kata dia <img src=x onerror=alert(1)> "harga <b>naik</b>". Lalu pergi.')
    claim = make_claim(article, start=9, end=58)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert "<img src=x" not in page
    assert "<b>naik</b>" not in page
    assert "<mark>&lt;img src=x onerror=alert(1)&gt; &quot;harga &lt;b&gt;naik&lt;/b&gt;" in page


def test_taking_proposing_and_publishing_through_the_pages(client, checker):
    claim = make_claim()
    response = _act(client, claim, "take")
    assert response.status_code == 302
    assert response["Location"] == reverse("review:claim", args=[claim.pk]) + "?queue=open"
    claim.refresh_from_db()
    assert (claim.assignee, claim.review_status) == (checker, Status.IN_REVIEW)
    page = client.get(response["Location"]).text
    assert 'name="propose"' in page and 'name="take"' not in page
    false = Verdict.objects.get(name="False")
    _act(client, claim, "propose", verdict=false.pk, rationale="BPS says prices fell.")
    claim.refresh_from_db()
    assert claim.review_status == Status.VERDICT_PROPOSED
    add_evidence(claim, checker)
    editor = make_user(role="editor")
    client.force_login(editor)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert 'name="publish"' in page
    _act(client, claim, "publish")
    claim.refresh_from_db()
    assert claim.review_status == Status.PUBLISHED
    history = client.get(reverse("review:claim", args=[claim.pk])).text
    found = re.findall(r"<li>v(\d+ ·.*?)(?=<li>v\d+ ·|</ol>)", history.split('<ol class="history">')[1], re.S)
    steps = [" ".join(step.split()) for step in found]
    assert steps[0].startswith("2 · ") and "rina took it: New → In review" in steps[0]
    assert "assignee: — → rina" in steps[0]
    assert "rina proposed a verdict: In review → Verdict proposed (False)" in steps[1]
    assert f"{editor.username} published the verdict: Verdict proposed → Published (False)" in steps[2]


def test_a_stale_form_shows_the_conflict_and_changes_nothing(client, checker):
    claim = make_claim()
    Claim.objects.filter(pk=claim.pk).update(version=2)
    response = _act(client, claim, "take")
    assert response.status_code == 409, "the page again, the form kept, on the new version"
    page = response.content.decode()
    assert "Someone else changed this claim (you saw version 1, it is now at version 2)" in page
    claim.refresh_from_db()
    assert claim.assignee is None


def test_publishing_ones_own_verdict_is_forbidden(client):
    editor = make_user(role="editor")
    client.force_login(editor)
    claim = claim_take(claim=make_claim(), user=editor, expected_version=1)
    claim_propose_verdict(claim=claim, user=editor, verdict=Verdict.objects.first(), rationale="r", expected_version=2)
    assert 'name="publish"' not in client.get(reverse("review:claim", args=[claim.pk])).text
    response = _act(client, claim, "publish")
    assert response.status_code == 403
    assert "You proposed this verdict; another editor must publish it" in response.text, "said on the page"
    claim.refresh_from_db()
    assert claim.review_status == Status.VERDICT_PROPOSED


def test_an_invalid_form_reports_its_errors(client, checker):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    response = _act(client, claim, "propose", verdict="", rationale="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert Claim.objects.get(pk=claim.pk).review_status == Status.IN_REVIEW


def test_unknown_actions_and_gets_are_refused(client, checker):
    claim = make_claim()
    assert _act(client, claim, "delete").status_code == 404
    assert client.get(reverse("review:act", args=[claim.pk, "take"])).status_code == 405


def test_claim_page_query_count_does_not_grow_with_history(client, checker):
    from claims.review.services import claim_propose_verdict, claim_publish, claim_reopen

    short, long = make_published_claim(), make_published_claim()
    editor, other_editor = make_user(role="editor"), make_user(role="editor")
    for _ in range(3):  # the same end state, many more steps
        claim_reopen(claim=long, user=editor, note="new data", expected_version=long.version)
        claim_take(claim=long, user=checker, expected_version=long.version)
        claim_propose_verdict(
            claim=long, user=checker, verdict=long.verdict, rationale="again", expected_version=long.version
        )
        claim_publish(claim=long, user=other_editor, expected_version=long.version, notice="Checked again.")

    def queries(claim):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("review:claim", args=[claim.pk])).status_code == 200
        return len(captured)

    assert long.events.count() == short.events.count() + 12
    assert queries(long) == queries(short)


def test_dismissing_as_a_duplicate_through_the_page(client, checker):
    original, copy = make_claim(), make_claim()
    _act(client, copy, "dismiss", status="duplicate", duplicate_of=original.pk, note="same quote")
    copy.refresh_from_db()
    assert (copy.review_status, copy.duplicate_of) == (Status.DUPLICATE, original)
    response = _act(client, make_claim(), "dismiss", status="duplicate", duplicate_of=999999)
    assert response.status_code == 400, "the page again, with the form as submitted"
    assert "There is no claim #999999." in response.content.decode()


def test_correcting_the_claim_and_its_speaker_through_the_page(client, checker):
    claim = claim_take(claim=make_claim(speaker_text="Budi"), user=checker, expected_version=1)
    extracted = claim.content
    _act(client, claim, "edit", content="Harga beras naik 40 persen.", speaker_name="Sri Mulyani")
    claim.refresh_from_db()
    assert (claim.content, claim.speaker.canonical_name, claim.original_content) == (
        "Harga beras naik 40 persen.",
        "Sri Mulyani",
        extracted,
    )
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert f"extracted as “{extracted}”" in page
    assert "speaker: — → Sri Mulyani" in " ".join(page.split())


def test_adding_evidence_through_the_page(client, checker):
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    _act(client, claim, "evidence", url="https://bps.go.id/t/1", title="BPS <table>", note="p. 3")
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert '<a href="https://bps.go.id/t/1" rel="noopener noreferrer nofollow">BPS &lt;table&gt;</a>' in page
    response = _act(client, Claim.objects.get(pk=claim.pk), "evidence", url="javascript:alert(1)")
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    assert claim.evidence.count() == 1


def test_claim_page_warns_about_a_dropped_name_and_shows_related_claims(client, checker):
    from claims.models import ClaimMatch

    speaker = make_speaker("Sri Mulyani")
    claim = make_claim(speaker=speaker, flags=["missing_entity"])
    other = make_claim(speaker=speaker)
    repeat = make_claim()
    ClaimMatch.objects.create(claim=claim, other=repeat, score=0.93, method="test")
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert "A name seems to have been dropped from the source text" in page
    same = page.split('<ul class="same-speaker">')[1]
    assert reverse("review:claim", args=[other.pk]) in same
    similar = page.split('<ul class="similar">')[1]
    assert reverse("review:claim", args=[repeat.pk]) in similar and "0.93" in similar


def test_claim_page_marks_where_the_name_was_dropped(client, checker):
    text = "Kantor media itu menyebut bahwa telah menunda pengiriman. Lalu pergi dengan ."
    article = make_article(text=text)
    start = text.index("telah")
    claim = make_claim(article, start=start, end=text.index("."), flags=["missing_entity"], gaps=[start, len(text) - 1])
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    context = page.split('<div class="context"')[1].split("</div>")[0]
    assert 'bahwa <span class="gap"' in context
    assert '[…]</span><mark>telah menunda pengiriman</mark>' in context
    assert 'dengan <span class="gap" title="A name seems to have been dropped here">[…]</span>.' in context


def test_claim_page_without_gaps_marks_only_the_claim(client, checker):
    article = make_article(text="Harga beras naik 10 persen. Lalu pergi.")
    claim = make_claim(article, start=0, end=26)
    context = client.get(reverse("review:claim", args=[claim.pk])).text.split('<div class="context"')[1]
    assert context.split("</div>")[0].endswith("><mark>Harga beras naik 10 persen</mark>. Lalu pergi.")
    assert 'class="gap"' not in context.split("</div>")[0]


def test_claim_page_links_to_its_neighbours_in_the_queue(client, checker):
    high, middle, low = (make_claim(checkworthiness=value) for value in (0.9, 0.5, 0.1))
    page = client.get(reverse("review:claim", args=[middle.pk]), {"queue": "open"}).text
    assert f'id="previous" href="{reverse("review:claim", args=[high.pk])}?queue=open"' in page
    assert f'id="next" href="{reverse("review:claim", args=[low.pk])}?queue=open"' in page
    assert 'id="take-form"' in page


def test_queue_filters_as_in_the_admin(client, checker):
    outlet = make_outlet()
    wanted = make_claim(article=make_article(outlet=outlet, language="en"), checkworthiness=0.8, kind="direct")
    make_claim(article=make_article(outlet=outlet, language="en"), checkworthiness=0.2, kind="direct")
    make_claim(checkworthiness=0.9)

    def listed(**params):
        page = client.get(reverse("review:queue"), params).text
        return set(map(int, re.findall(r'href="/review/claims/(\d+)/', page)))

    assert listed(outlet=outlet.pk, min_cw="0.7") == {wanted.pk}
    assert listed(language="en", kind="direct", min_cw="0.7") == {wanted.pk}


def test_dashboard_counts_states_verdicts_and_claims_per_day(client, checker):
    outlet = make_outlet(name="Kompas")
    make_published_claim(article=make_article(outlet=outlet), speaker=make_speaker("Sri Mulyani"))
    make_claim()
    response = client.get(reverse("review:dashboard"))
    assert response.status_code == 200
    assert ("New", 1) in response.context["by_state"] and ("Published", 1) in response.context["by_state"]
    assert response.context["by_outlet"]["rows"] == [("Kompas", [1], 1)]
    assert response.context["by_speaker"]["rows"] == [("Sri Mulyani", [1], 1)]
    per_day = response.context["per_day"]
    assert len(per_day) == 30 and per_day[-1][1:] == (2, 100)


def test_a_released_claim_goes_back_to_the_open_queue(client, checker):
    from claims.review.services import claim_release

    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    assert f'/review/claims/{claim.pk}/' not in client.get(reverse("review:queue")).text
    claim_release(claim=claim, user=checker, expected_version=2)
    assert f'/review/claims/{claim.pk}/' in client.get(reverse("review:queue")).text


# Claim matching on the claim page: the timeline of repeats, a matched published verdict.


def _link(claim, other, *, score=0.9, reasons=("same numbers", "same speaker")):
    from claims.models import ClaimMatch

    for a, b in ((claim, other), (other, claim)):
        ClaimMatch.objects.create(claim=a, other=b, score=score, method="test", reasons=list(reasons))
    return ClaimMatch.objects.get(claim=claim, other=other)


def _apply(client, claim, match):
    data = {"version": claim.version, "match": match.pk}
    return client.post(reverse("review:act", args=[claim.pk, "apply_match"]), data, follow=True)


def _dated_claim(day, **article_fields):
    import datetime

    article = make_article(**{"published_date": datetime.date(2025, 2, day), **article_fields})
    return make_claim(article, claim_date=datetime.date(2025, 2, day))


def test_claim_page_shows_the_family_as_a_timeline_oldest_first(client, checker):
    speaker = make_speaker("Sri Mulyani")
    claim = _dated_claim(5, title="Lagi soal BBM", url="https://b.example/2", outlet=make_outlet(name="Kompas"))
    first = _dated_claim(3, title="Soal BBM", url="https://a.example/1", outlet=make_outlet(name="Tempo"))
    first.speaker = speaker
    first.save(update_fields=["speaker"])
    middle = make_published_claim(article=make_article(title="Tanpa alamat", published_date=claim.claim_date))
    middle.claim_date = first.claim_date.replace(day=4)
    middle.save(update_fields=["claim_date"])
    for other in (first, middle):
        _link(claim, other)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    timeline = page[page.index('<ol class="timeline">') : page.index("</ol>", page.index('<ol class="timeline">'))]
    assert timeline.index("2025-02-03") < timeline.index("2025-02-04") < timeline.index("2025-02-05")
    assert timeline.index("first appearance") < timeline.index("2025-02-04")
    assert '<a href="https://a.example/1" rel="noopener noreferrer nofollow">Soal BBM</a>' in timeline
    assert "Tempo" in timeline and "Kompas" in timeline and "Sri Mulyani" in timeline
    assert "Tanpa alamat" in timeline, "an article without a URL is listed by its title"
    assert "Published: False" in timeline, "each appearance shows its review status and verdict"
    assert f'href="{reverse("review:claim", args=[first.pk])}"' in timeline
    assert 'class="this-claim"' in timeline


def test_claim_page_without_repeats_has_no_timeline(client, checker):
    page = client.get(reverse("review:claim", args=[make_claim().pk])).text
    assert 'class="timeline"' not in page


def test_published_verdict_banner_only_for_a_published_match(client, checker):
    claim, unpublished = make_claim(), make_claim()
    _link(claim, unpublished)
    url = reverse("review:claim", args=[claim.pk])
    assert 'id="matched-verdict"' not in client.get(url).text
    original = make_published_claim()
    _link(claim, original, score=0.87, reasons=("same numbers",))
    page = client.get(url).text
    banner = page[page.index('id="matched-verdict"') : page.index("</section>", page.index('id="matched-verdict"'))]
    assert "Already checked" in banner and "False" in banner
    assert f'href="{reverse("review:claim", args=[original.pk])}"' in banner
    assert f'href="{reverse("factchecks:claim", args=[original.pk])}"' in banner
    assert "0.87" in banner and "same numbers" in banner
    assert "Official statistics show the price fell." in banner
    assert "Apply this verdict" in banner and "Not the same claim" in banner
    assert banner.count("csrfmiddlewaretoken") == 2
    assert page.index('id="matched-verdict"') < page.index("In its paragraph"), "shown at the top"


def test_no_banner_on_a_published_claim(client, checker):
    claim, original = make_published_claim(), make_published_claim()
    _link(claim, original)
    assert 'id="matched-verdict"' not in client.get(reverse("review:claim", args=[claim.pk])).text


def test_applying_a_matched_verdict_takes_the_claim_and_proposes_it(client, checker):
    claim, original = make_claim(), make_published_claim()
    match = _link(claim, original)
    page = _apply(client, claim, match).text
    claim.refresh_from_db()
    match.refresh_from_db()
    assert claim.review_status == Status.VERDICT_PROPOSED
    assert claim.assignee == claim.proposed_by == checker
    assert claim.verdict == original.verdict
    assert claim.rationale == (
        f"Same claim as #{original.pk} ({reverse('factchecks:claim', args=[original.pk])}), "
        "already checked: Official statistics show the price fell."
    )
    assert (match.confirmed, match.decided_by) == (True, checker)
    assert original.matches.get(other=claim).confirmed is True, "recorded both ways"
    assert "Done: verdict proposed" in page


def test_applying_a_matched_verdict_on_a_claim_someone_else_reviews_is_refused(client, checker):
    other = make_user("budi", role="reviewer")
    claim = claim_take(claim=make_claim(), user=other, expected_version=1)
    match = _link(claim, make_published_claim())
    response = _apply(client, claim, match)
    assert response.status_code == 400, "refused, with the reason on the page"
    assert "budi is already reviewing this claim." in response.text
    claim.refresh_from_db()
    match.refresh_from_db()
    assert claim.review_status == Status.IN_REVIEW and claim.verdict is None
    assert match.confirmed is None, "a refused apply records nothing"


def test_applying_with_a_stale_version_is_refused(client, checker):
    claim = make_claim()
    match = _link(claim, make_published_claim())
    page = client.post(
        reverse("review:act", args=[claim.pk, "apply_match"]), {"version": 7, "match": match.pk}, follow=True
    ).text
    assert "Someone else changed this claim" in page
    match.refresh_from_db()
    assert match.confirmed is None


def test_not_the_same_claim_hides_the_link(client, checker):
    claim, original = make_claim(), make_published_claim()
    match = _link(claim, original)
    url = reverse("review:claim", args=[claim.pk])
    assert 'class="timeline"' in client.get(url).text
    client.post(reverse("review:act", args=[claim.pk, "reject_match"]), {"version": claim.version, "match": match.pk})
    match.refresh_from_db()
    assert (match.confirmed, match.decided_by) == (False, checker)
    page = client.get(url).text
    assert 'id="matched-verdict"' not in page
    assert 'class="similar"' not in page and 'class="timeline"' not in page
    again = _apply(client, claim, match).text
    assert "no longer linked" in again


def test_match_actions_need_a_reviewer_login_and_a_post(client):
    claim = make_claim()
    match = _link(claim, make_published_claim())
    url = reverse("review:act", args=[claim.pk, "reject_match"])
    data = {"version": claim.version, "match": match.pk}
    assert client.post(url, data)["Location"].startswith(reverse("admin:login"))
    client.force_login(make_user(is_staff=True))
    assert client.post(url, data).status_code == 403
    assert client.post(reverse("review:act", args=[claim.pk, "apply_match"]), data).status_code == 403
    client.force_login(make_user(role="reviewer"))
    assert client.get(url).status_code == 405
    match.refresh_from_db()
    assert match.confirmed is None


def test_match_actions_need_the_csrf_token(checker):
    from django.test import Client

    claim = make_claim()
    match = _link(claim, make_published_claim())
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(checker)
    response = strict.post(
        reverse("review:act", args=[claim.pk, "reject_match"]), {"version": claim.version, "match": match.pk}
    )
    assert response.status_code == 403
    match.refresh_from_db()
    assert match.confirmed is None


def test_claim_page_query_count_does_not_grow_with_the_family(client, checker):
    def family_of(size):
        claim = make_claim()
        for n in range(size):
            article = make_article(outlet=make_outlet(), url=f"https://x.example/{size}/{n}")
            other = make_published_claim(article=article, speaker=make_speaker(f"Speaker {size} {n}"))
            _link(claim, other)
        return claim

    small, large = family_of(2), family_of(12)

    def queries(claim):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("review:claim", args=[claim.pk])).text
        assert 'id="matched-verdict"' in page
        return len(captured)

    assert queries(large) == queries(small)


def _proposed_by(reviewer):
    claim = claim_take(claim=make_claim(), user=reviewer, expected_version=1)
    add_evidence(claim, reviewer)
    return claim_propose_verdict(
        claim=claim, user=reviewer, verdict=Verdict.objects.get(name="False"), rationale="BPS.", expected_version=2
    )


def test_an_editor_who_corrects_a_proposed_claim_on_the_desk_cannot_then_publish_it(client):
    claim = _proposed_by(make_user(role="reviewer"))
    editor = make_user(role="editor")
    client.force_login(editor)
    assert 'name="publish"' in client.get(reverse("review:claim", args=[claim.pk])).text
    _act(client, claim, "edit", content="Harga beras naik 40 persen.", speaker_name="", claim_date="")
    claim.refresh_from_db()
    assert (claim.review_status, claim.proposed_by, claim.verdict) == (Status.IN_REVIEW, None, None)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert 'name="publish"' not in page
    assert "it needs a fresh proposal" in page, "the history says why"
    refused = _act(client, claim, "publish")
    assert refused.status_code == 400, "refused, with the reason on the claim page"
    assert "is not possible now." in refused.text
    claim.refresh_from_db()
    assert claim.review_status == Status.IN_REVIEW


def test_the_desk_corrects_the_claim_date_and_refuses_an_impossible_one(client, checker):
    import datetime

    claim = claim_take(claim=make_claim(claim_date=datetime.date(1, 1, 1)), user=checker, expected_version=1)
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    assert 'type="date" name="claim_date" value="0001-01-01"' in page
    response = _act(client, claim, "edit", content=claim.content, speaker_name="", claim_date="9999-12-31")
    assert response.status_code == 400
    assert "9999-12-31 is not plausible." in response.content.decode()
    _act(client, claim, "edit", content=claim.content, speaker_name="", claim_date="2025-02-03")
    claim.refresh_from_db()
    assert claim.claim_date == datetime.date(2025, 2, 3)


def test_a_refused_step_gives_back_what_was_typed(client, checker):
    """Someone else took the claim while the reviewer wrote: the refusal shows their rationale to copy."""
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    other = make_user(role="reviewer")
    client.force_login(other)
    response = _act(client, claim, "propose", verdict=Verdict.objects.first().pk, rationale="BPS says prices fell.")
    assert response.status_code == 403
    page = response.text
    assert "Only the claim&#x27;s reviewer can propose its verdict" in page
    assert 'id="unsaved"' in page and "BPS says prices fell.</textarea>" in page
    assert Claim.objects.get(pk=claim.pk).review_status == Status.IN_REVIEW


def test_a_refusal_by_the_rules_keeps_the_form_as_typed(client, checker):
    """The service refuses (an ftp link is no evidence): the page comes back with the form as typed."""
    claim = claim_take(claim=make_claim(), user=checker, expected_version=1)
    note = "Tabel harga beras BPS, Januari."
    response = _act(client, claim, "evidence", url="ftp://files.example/beras.csv", title="BPS", note=note)
    assert response.status_code == 400
    page = response.text
    assert "Not an http(s) address" in page
    assert f"{note}</textarea>" in page and 'value="ftp://files.example/beras.csv"' in page
    assert 'id="unsaved"' not in page, "the form itself is offered again"
    assert not claim.evidence.exists()


def test_claim_page_lists_its_public_notices_with_what_changed(client, checker):
    from .factories import make_corrected_claim

    claim = make_corrected_claim()
    page = client.get(reverse("review:claim", args=[claim.pk])).text
    section = page[page.index('id="public-notices"') : page.index("</section>", page.index('id="public-notices"'))]
    assert f'href="{reverse("factchecks:claim", args=[claim.pk])}"' in section
    assert section.index("Correction") < section.index("Update")  # newest first
    assert "The verdict was wrong for most provinces." in section
    assert "A reader sent the ministry&#x27;s own table." in section
    assert "<li>verdict: False → Misleading</li>" in section
    assert "explanation: Official statistics show the price fell. → The price fell in one province" in section
    notice = claim.notices.first()
    assert f'datetime="{notice.created_at.isoformat()}"' in section


def test_a_claim_never_published_has_no_notices_section(client, checker):
    page = client.get(reverse("review:claim", args=[make_claim().pk])).text
    assert 'id="public-notices"' not in page
