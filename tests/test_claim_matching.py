"""Claims link to their repeats across articles: stored both ways, by score, decided by reviewers."""

import datetime

import pytest
from django.db import OperationalError
from django.utils import timezone

from claims.extraction import extract
from claims.ingest.articles import article_ingest
from claims.ingest.extract import article_extract
from claims.matching import services
from claims.matching.selectors import claim_family
from claims.matching.services import articles_match, claim_match_decide, stalled_matching_requeue
from claims.models import Article, ClaimMatch, ClaimMatchKey
from claims.tasks import match_claims_task, requeue_stalled_work_task

from .factories import make_article, make_claim, make_speaker

pytestmark = pytest.mark.django_db

MatchStatus = Article.MatchStatus


def _claim(text, **fields):
    """A claim filling an article that extraction has just finished."""
    article = make_article(text=text, status=Article.Status.DONE, finished_at=timezone.now())
    return make_claim(article, start=0, end=len(text), **fields)


def _ingested(text):
    return article_ingest(text=text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article


@pytest.fixture
def sent(monkeypatch):
    """The article ids of every match task sent, the task still running (in-process) as usual."""
    calls = []
    delay = match_claims_task.delay

    def spy(article_ids):
        calls.append(list(article_ids))
        return delay(article_ids)

    monkeypatch.setattr(match_claims_task, "delay", spy)
    return calls


def test_a_repeated_claim_is_linked_both_ways_with_score_and_method():
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Penundaan pengiriman bahan bakar ke Gaza dilakukan Israel sejak Senin.")
    _claim("Harga cabai di Pasar Minggu turun tajam pekan ini.")
    articles_match(article_ids=[first.article_id])
    articles_match(article_ids=[again.article_id])
    link = ClaimMatch.objects.get(claim=again)
    assert link.other == first
    assert link.score >= 0.5 and link.method
    assert ClaimMatch.objects.filter(claim=first, other=again).exists()
    assert ClaimMatch.objects.count() == 2
    assert ClaimMatchKey.objects.count() == 2, "the other article was not matched"


def test_a_different_number_is_not_the_same_claim():
    first = _claim("Harga beras naik 10 persen sejak Januari di seluruh Indonesia.")
    other = _claim("Harga beras naik 15 persen sejak Januari di seluruh Indonesia.")
    articles_match(article_ids=[first.article_id, other.article_id])
    assert not ClaimMatch.objects.exists()


def test_matching_twice_adds_nothing():
    first = _claim("The minister said exports rose 8 percent in March.")
    again = _claim("Exports rose 8 percent in March, the minister said.")
    first.article.language = again.article.language = "en"
    for claim in (first, again):
        claim.article.save()
    articles_match(article_ids=[first.article_id, again.article_id])
    count = ClaimMatch.objects.count()
    articles_match(article_ids=[first.article_id, again.article_id])
    assert count == ClaimMatch.objects.count() == 2


def test_the_same_speaker_is_looked_at_even_without_shared_trigrams(settings):
    speaker = make_speaker("Sri Mulyani")
    first = _claim("Defisit anggaran tahun ini dijaga di bawah 3 persen.", speaker=speaker)
    again = _claim("Defisit anggaran dijaga di bawah 3 persen tahun ini.", speaker=speaker)
    articles_match(article_ids=[first.article_id, again.article_id])
    assert ClaimMatch.objects.filter(claim=again, other=first).exists()


def test_a_reviewer_decision_is_recorded_both_ways(django_user_model):
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Israel menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    articles_match(article_ids=[first.article_id, again.article_id])
    reviewer = django_user_model.objects.create_user("rina")
    claim_match_decide(match=ClaimMatch.objects.get(claim=again), user=reviewer, confirmed=False)
    assert set(ClaimMatch.objects.values_list("confirmed", "decided_by")) == {(False, reviewer.pk)}


def test_extraction_queues_matching_of_the_new_claims(sample_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = _ingested(sample_text)
        article_extract(article_id=article.pk)
    attributed = article.claims.exclude(kind="assertion").count()
    assert ClaimMatchKey.objects.filter(claim__article=article).count() == attributed > 0


def test_a_family_follows_links_and_starts_with_the_first_appearance(django_user_model):
    text = "Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin."
    later = _claim(text, claim_date=datetime.date(2025, 2, 5))
    first = _claim("Israel menunda pengiriman bahan bakar ke Gaza sejak Senin.", claim_date=datetime.date(2025, 2, 3))
    third = _claim("Pengiriman bahan bakar ke Gaza ditunda Israel sejak Senin.", claim_date=datetime.date(2025, 2, 4))
    unrelated = _claim("Harga cabai di Pasar Minggu turun tajam pekan ini.")
    articles_match(article_ids=[c.article_id for c in (later, first, third, unrelated)])
    assert claim_family(later) == [first, third, later]


def test_a_rejected_link_splits_the_family(django_user_model):
    first = _claim("Israel menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    articles_match(article_ids=[first.article_id, again.article_id])
    assert claim_family(again) == [first, again], "same day: the one stored first comes first"
    link = ClaimMatch.objects.get(claim=again, other=first)
    claim_match_decide(match=link, user=django_user_model.objects.create_user("rina"), confirmed=False)
    assert claim_family(again) == [again]


@pytest.mark.parametrize("switched_on", [True, False], ids=["on", "off"])
def test_matching_can_be_switched_off(switched_on, settings, sample_text, sent, django_capture_on_commit_callbacks):
    settings.FACTCHECK_MATCH_CLAIMS = switched_on
    earlier = _claim(next(c.content for c in extract(sample_text, lang="id").claims if c.kind != "assertion"))
    articles_match(article_ids=[earlier.article_id])
    with django_capture_on_commit_callbacks(execute=True):
        article = _ingested(sample_text)
        article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.claims.exists()
    repeated = ClaimMatch.objects.filter(claim__article=article, other=earlier)
    if switched_on:  # the same run with matching on finds the repeat: the test can fail
        assert sent == [[article.pk]]
        assert repeated.get().method == "normalized-equal"
        assert article.match_status == MatchStatus.DONE
    else:
        assert sent == []
        assert not repeated.exists()
        assert not ClaimMatchKey.objects.filter(claim__article=article).exists()
        assert article.match_status == MatchStatus.PENDING, "left for the sweep once matching is switched on"
        assert stalled_matching_requeue(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_stored_claims_are_pending_until_their_links_are_written(sample_text, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = _ingested(sample_text)
        article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert (article.status, article.match_status) == (Article.Status.DONE, MatchStatus.PENDING)
    for callback in callbacks:
        callback()  # the match task, sent once the claims are committed
    article.refresh_from_db()
    assert sent == [[article.pk]]
    assert article.match_status == MatchStatus.DONE
    assert article.matched_extraction_at == article.finished_at


def test_matching_skips_articles_already_matched_and_those_not_extracted():
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Penundaan pengiriman bahan bakar ke Gaza dilakukan Israel sejak Senin.")
    articles_match(article_ids=[first.article_id, again.article_id])
    ClaimMatch.objects.all().delete()
    assert articles_match(article_ids=[first.article_id, again.article_id]) == 0
    assert not ClaimMatch.objects.exists(), "matched articles are not matched again"
    Article.objects.filter(pk=again.article_id).update(status=Article.Status.QUEUED)
    assert articles_match(article_ids=[again.article_id]) == 0, "its claims are about to be replaced"


def test_a_new_extraction_makes_the_article_pending_again():
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Penundaan pengiriman bahan bakar ke Gaza dilakukan Israel sejak Senin.")
    articles_match(article_ids=[first.article_id, again.article_id])
    ClaimMatch.objects.all().delete()
    Article.objects.filter(pk=again.article_id).update(finished_at=timezone.now() + datetime.timedelta(seconds=1))
    assert Article.objects.get(pk=again.article_id).match_status == MatchStatus.PENDING
    assert articles_match(article_ids=[first.article_id, again.article_id]) == 1
    assert Article.objects.get(pk=again.article_id).match_status == MatchStatus.DONE


def test_an_article_whose_matching_raises_fails_with_its_error_and_the_batch_goes_on(monkeypatch):
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Penundaan pengiriman bahan bakar ke Gaza dilakukan Israel sejak Senin.")
    poisoned = _claim("Harga cabai di Pasar Minggu turun tajam pekan ini.")
    candidates = services.lexical_candidates

    def failing(claim_id, key, speaker_id):
        if claim_id == poisoned.pk:
            raise ValueError("bad key")
        return candidates(claim_id, key, speaker_id)

    monkeypatch.setattr(services, "lexical_candidates", failing)
    assert articles_match(article_ids=[first.article_id, poisoned.article_id, again.article_id]) == 1
    statuses = dict(Article.objects.values_list("pk", "match_error"))
    assert statuses == {first.article_id: "", again.article_id: "", poisoned.article_id: "ValueError: bad key"}
    assert Article.objects.get(pk=poisoned.article_id).match_status == MatchStatus.FAILED
    assert ClaimMatch.objects.filter(claim=again, other=first).exists()
    assert stalled_matching_requeue(now=timezone.now() + datetime.timedelta(days=1)) == 0, "failed is not pending"


def test_a_database_error_leaves_the_batch_pending_for_the_task_to_retry(monkeypatch):
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")

    def unavailable(*args):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(services, "lexical_candidates", unavailable)
    with pytest.raises(OperationalError):
        articles_match(article_ids=[first.article_id])
    article = Article.objects.get(pk=first.article_id)
    assert (article.match_status, article.match_error) == (MatchStatus.PENDING, "")
    assert not ClaimMatchKey.objects.exists(), "keys and links are written together or not at all"


def test_the_sweep_resends_articles_left_unmatched_once_per_interval(settings, sent):
    settings.FACTCHECK_REQUEUE_AFTER_SECONDS = 60
    settings.FACTCHECK_EXTRACT_BATCH = 2
    first = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    again = _claim("Penundaan pengiriman bahan bakar ke Gaza dilakukan Israel sejak Senin.")
    lone = _claim("Harga cabai di Pasar Minggu turun tajam pekan ini.")
    matched = _claim("Harga beras naik 10 persen sejak Januari di seluruh Indonesia.")
    articles_match(article_ids=[matched.article_id])
    now = timezone.now()
    assert stalled_matching_requeue(now=now) == 0, "just extracted: its task is on its way"
    later = now + datetime.timedelta(seconds=61)
    assert stalled_matching_requeue(now=later) == 3
    assert sent == [[first.article_id, again.article_id], [lone.article_id]]
    assert ClaimMatch.objects.filter(claim=again, other=first).exists()
    assert set(Article.objects.values_list("match_requeued_at", flat=True)) == {later, None}
    assert all(a.match_status == MatchStatus.DONE for a in Article.objects.all())
    assert stalled_matching_requeue(now=later + datetime.timedelta(days=1)) == 0


def test_the_sweep_waits_an_interval_before_sending_an_article_again(settings, monkeypatch):
    settings.FACTCHECK_REQUEUE_AFTER_SECONDS = 60
    claim = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    sent = []
    monkeypatch.setattr(match_claims_task, "delay", sent.append)  # sent, and lost on the way
    now = timezone.now() + datetime.timedelta(seconds=61)
    assert stalled_matching_requeue(now=now) == 1
    assert stalled_matching_requeue(now=now + datetime.timedelta(seconds=30)) == 0
    assert stalled_matching_requeue(now=now + datetime.timedelta(seconds=61)) == 1
    assert sent == [[claim.article_id], [claim.article_id]]


def test_the_sweep_keeps_what_the_broker_refused_for_the_next_sweep(settings, monkeypatch):
    settings.FACTCHECK_REQUEUE_AFTER_SECONDS = 60
    claim = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")

    def broker_down(article_ids):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(match_claims_task, "delay", broker_down)
    now = timezone.now() + datetime.timedelta(seconds=61)
    assert stalled_matching_requeue(now=now) == 0
    article = Article.objects.get(pk=claim.article_id)
    assert (article.match_status, article.match_requeued_at) == (MatchStatus.PENDING, None)


def test_the_periodic_sweep_includes_matching(settings, sent):
    settings.FACTCHECK_REQUEUE_AFTER_SECONDS = 0
    claim = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    assert requeue_stalled_work_task() >= 1
    assert sent == [[claim.article_id]]
    assert Article.objects.get(pk=claim.article_id).match_status == MatchStatus.DONE


def test_upgrading_counts_as_matched_only_articles_whose_claims_all_have_keys():
    from importlib import import_module

    from django.apps import apps

    mark_matched = import_module("claims.migrations.0010_article_match_state").mark_matched
    matched = _claim("Israel telah menunda pengiriman bahan bakar ke Gaza sejak Senin.")
    articles_match(article_ids=[matched.article_id])
    unmatched = _claim("Harga cabai di Pasar Minggu turun tajam pekan ini.")
    queued = make_article()
    Article.objects.update(matched_extraction_at=None)
    mark_matched(apps, None)
    statuses = {a.pk: a.match_status for a in Article.objects.all()}
    assert statuses == {
        matched.article_id: MatchStatus.DONE,
        unmatched.article_id: MatchStatus.PENDING,
        queued.pk: MatchStatus.NOT_EXTRACTED,
    }


def _link(claim, other, *, score):
    ClaimMatch.objects.create(claim=claim, other=other, score=score, method="test", reasons=["r"])
    ClaimMatch.objects.create(claim=other, other=claim, score=score, method="test", reasons=["r"])
    return ClaimMatch.objects.get(claim=claim, other=other)


def test_similar_claims_show_confirmed_matches_first_and_never_rejected_ones(django_user_model):
    from claims.matching.selectors import similar_claims

    claim, best, confirmed, rejected = make_claim(), make_claim(), make_claim(), make_claim()
    _link(claim, best, score=0.95)
    reviewer = django_user_model.objects.create_user("rina")
    claim_match_decide(match=_link(claim, confirmed, score=0.6), user=reviewer, confirmed=True)
    claim_match_decide(match=_link(claim, rejected, score=0.99), user=reviewer, confirmed=False)
    assert [match.other for match in similar_claims(claim)] == [confirmed, best]
    assert [match.other for match in similar_claims(rejected)] == []


def test_published_match_is_the_best_published_one():
    from claims.matching.selectors import published_match

    from .factories import make_published_claim

    claim, unpublished = make_claim(), make_claim()
    _link(claim, unpublished, score=0.99)
    assert published_match(claim) is None
    low, high = make_published_claim(), make_published_claim()
    _link(claim, low, score=0.6)
    _link(claim, high, score=0.8)
    assert published_match(claim).other == high
    assert published_match(high) is None, "a published claim needs no other verdict"


def test_families_of_several_claims_at_once_equal_each_claim_family():
    from claims.matching.selectors import claim_families

    a, b, c, d, lone = (make_claim() for _ in range(5))
    _link(a, b, score=0.9)
    _link(b, c, score=0.8)
    _link(d, c, score=0.7)
    families = claim_families([a, d, lone])
    assert families == {a.pk: claim_family(a), d.pk: claim_family(d), lone.pk: [lone]}
    assert set(families[a.pk]) == {a, b, c, d}


def test_a_family_stops_at_its_limit():
    claim = make_claim()
    for _ in range(5):
        _link(claim, make_claim(), score=0.9)
    assert len(claim_family(claim, limit=3)) == 3


def test_applying_a_matched_verdict_records_the_decision_and_proposes_it():
    from claims.models import Claim
    from claims.review.services import claim_apply_matched_verdict

    from .factories import make_published_claim, make_user

    claim, original = make_claim(), make_published_claim()
    match = _link(claim, original, score=0.9)
    reviewer = make_user(role="reviewer")
    claim = claim_apply_matched_verdict(claim=claim, user=reviewer, match_id=match.pk, expected_version=1)
    assert claim.version == 3, "taken, then proposed"
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.VERDICT_PROPOSED
    assert claim.verdict == original.verdict and claim.proposed_by == reviewer
    assert claim.rationale.startswith(f"Same claim as #{original.pk} (")
    assert claim.rationale.endswith("already checked: Official statistics show the price fell.")
    assert set(ClaimMatch.objects.values_list("confirmed", "decided_by")) == {(True, reviewer.pk)}


def test_applying_a_verdict_that_is_not_published_is_refused():
    from django.core.exceptions import ValidationError

    from claims.review.services import claim_apply_matched_verdict

    from .factories import make_user

    claim = make_claim()
    match = _link(claim, make_claim(), score=0.9)
    with pytest.raises(ValidationError, match="no published verdict"):
        claim_apply_matched_verdict(claim=claim, user=make_user(role="reviewer"), match_id=match.pk, expected_version=1)
    assert not ClaimMatch.objects.filter(confirmed__isnull=False).exists()


def test_applying_on_a_proposed_claim_is_refused_and_records_nothing():
    from django.core.exceptions import ValidationError

    from claims.review.services import claim_apply_matched_verdict

    from .factories import make_published_claim, make_user

    original = make_published_claim()
    claim = make_claim()
    match = _link(claim, original, score=0.9)
    reviewer = make_user(role="reviewer")
    claim_apply_matched_verdict(claim=claim, user=reviewer, match_id=match.pk, expected_version=1)
    with pytest.raises(ValidationError, match="is not possible now"):
        claim_apply_matched_verdict(claim=claim, user=reviewer, match_id=match.pk, expected_version=claim.version)


def test_rejecting_a_match_hides_it_both_ways():
    from claims.matching.selectors import similar_claims
    from claims.review.services import claim_reject_match

    from .factories import make_user

    claim, other = make_claim(), make_claim()
    match = _link(claim, other, score=0.9)
    claim_reject_match(claim=claim, user=make_user(role="reviewer"), match_id=match.pk, expected_version=1)
    assert similar_claims(claim) == similar_claims(other) == []
    assert claim_family(claim) == [claim] and claim_family(other) == [other]
