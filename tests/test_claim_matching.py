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
