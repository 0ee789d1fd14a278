"""Claims link to their repeats across articles: stored both ways, by score, decided by reviewers."""

import pytest

from claims.claim_matching import articles_match, claim_family, claim_match_decide
from claims.models import ClaimMatch, ClaimMatchKey

from .factories import make_article, make_claim, make_speaker

pytestmark = pytest.mark.django_db


def _claim(text, **fields):
    article = make_article(text=text)
    return make_claim(article, start=0, end=len(text), **fields)


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
    import datetime

    from claims.services import article_extract, article_ingest

    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article
        article_extract(article_id=article.pk)
    attributed = article.claims.exclude(kind="assertion").count()
    assert ClaimMatchKey.objects.filter(claim__article=article).count() == attributed > 0


def test_a_family_follows_links_and_starts_with_the_first_appearance(django_user_model):
    import datetime

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


def test_matching_can_be_switched_off(settings, sample_text, django_capture_on_commit_callbacks):
    import datetime

    from claims.services import article_extract, article_ingest

    settings.FACTCHECK_MATCH_CLAIMS = False
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4), queue=False).article
        article_extract(article_id=article.pk)
    assert article.claims.exists()
    assert not ClaimMatchKey.objects.exists()


def _link(claim, other, *, score):
    ClaimMatch.objects.create(claim=claim, other=other, score=score, method="test", reasons=["r"])
    ClaimMatch.objects.create(claim=other, other=claim, score=score, method="test", reasons=["r"])
    return ClaimMatch.objects.get(claim=claim, other=other)


def test_similar_claims_show_confirmed_matches_first_and_never_rejected_ones(django_user_model):
    from claims.review.selectors import similar_claims

    claim, best, confirmed, rejected = make_claim(), make_claim(), make_claim(), make_claim()
    _link(claim, best, score=0.95)
    reviewer = django_user_model.objects.create_user("rina")
    claim_match_decide(match=_link(claim, confirmed, score=0.6), user=reviewer, confirmed=True)
    claim_match_decide(match=_link(claim, rejected, score=0.99), user=reviewer, confirmed=False)
    assert [match.other for match in similar_claims(claim)] == [confirmed, best]
    assert [match.other for match in similar_claims(rejected)] == []


def test_published_match_is_the_best_published_one():
    from claims.review.selectors import published_match

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
    from claims.claim_matching import claim_families

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
    from claims.review.selectors import similar_claims
    from claims.review.services import claim_reject_match

    from .factories import make_user

    claim, other = make_claim(), make_claim()
    match = _link(claim, other, score=0.9)
    claim_reject_match(claim=claim, user=make_user(role="reviewer"), match_id=match.pk, expected_version=1)
    assert similar_claims(claim) == similar_claims(other) == []
    assert claim_family(claim) == [claim] and claim_family(other) == [other]
