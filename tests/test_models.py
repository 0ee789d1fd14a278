import pytest
from django.db import IntegrityError, transaction

from claims.models import Article, Claim, Speaker

from .factories import make_article, make_claim, make_speaker

pytestmark = pytest.mark.django_db


def test_article_content_hash_is_unique():
    article = make_article(text="Sama persis.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(text="Sama persis.", content_hash=article.content_hash)


def test_article_url_is_unique_but_blank_urls_may_repeat():
    make_article(url="")
    make_article(url="")
    make_article(url="https://news.example/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(url="https://news.example/a")


def test_claim_span_must_not_be_empty():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(article, start=5, end=5)


def test_claim_span_is_unique_per_article():
    article = make_article()
    make_claim(article, start=0, end=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(article, start=0, end=10)


def test_claim_checkworthiness_stays_within_zero_and_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(checkworthiness=1.5)


def test_speaker_names_are_unique_whatever_their_case():
    make_speaker("Mousa Abu Marzouk")
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.create(canonical_name="mousa abu marzouk")


def test_claim_counts_as_reviewed_once_assigned_or_moved_on(django_user_model):
    claim = make_claim()
    assert not claim.is_reviewed
    claim.assignee = django_user_model.objects.create_user("rina")
    assert claim.is_reviewed
    claim.assignee = None
    claim.review_status = Claim.ReviewStatus.NOT_A_CLAIM
    assert claim.is_reviewed


def test_verdict_scale_is_seeded_in_english_and_indonesian():
    from claims.models import Verdict

    labels = {v.name: v.name_id for v in Verdict.objects.all()}
    assert labels == {
        "True": "Benar",
        "Mostly true": "Sebagian benar",
        "Misleading": "Menyesatkan",
        "False": "Salah",
        "Unverifiable": "Tidak dapat diverifikasi",
    }
