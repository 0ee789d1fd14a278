import datetime

import pytest
from django.utils import timezone

from claims.models import Article, Claim, Outlet, Speaker
from claims.services import (
    IngestError,
    article_extract,
    article_ingest,
    articles_requeue_stalled,
    content_hash,
    speaker_resolve,
)

from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db

PAGE = """<html><head><title>Harga beras naik - Kabar Contoh</title>
<meta property="og:site_name" content="Kabar Contoh"></head><body><nav>Beranda | Politik</nav>
<article><h1>Harga beras naik</h1>
<p>JAKARTA - Menteri Perdagangan Budi Santoso mengatakan bahwa harga beras naik 10 persen sejak Januari.</p>
<p>"Pasokan dari petani berkurang karena kemarau panjang," ujar Budi di Jakarta, Senin (3/2/2025).</p>
</article></body></html>"""


def test_ingest_text_stores_article_and_queues_extraction(django_capture_on_commit_callbacks, sample_text):
    with django_capture_on_commit_callbacks() as callbacks:
        result = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4))
    assert result.created
    article = result.article
    assert article.status == Article.Status.QUEUED
    assert article.title.startswith("Hamas-Rusia Makin Mesra")
    assert article.content_hash == content_hash(sample_text)
    assert len(callbacks) == 1


def test_ingest_same_text_twice_creates_nothing_new(sample_text):
    first = article_ingest(text=sample_text)
    again = article_ingest(text="  " + sample_text.replace("\n", "\r\n") + "\n")
    assert not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_ingest_same_url_twice_creates_nothing_new():
    first = article_ingest(url="https://kabar.example/beras", html=PAGE)
    again = article_ingest(url="https://kabar.example/beras", text="another text entirely")
    assert not again.created
    assert again.article.pk == first.article.pk


def test_ingest_html_takes_body_metadata_and_outlet():
    result = article_ingest(url="https://www.kabar.example/beras", html=PAGE)
    article = result.article
    assert "harga beras naik 10 persen" in article.text
    assert "Beranda" not in article.text
    assert article.html == PAGE
    assert article.outlet == Outlet.objects.get(domain="kabar.example")
    assert article.language == "id"


def test_ingest_refuses_empty_text():
    with pytest.raises(IngestError, match="no article text"):
        article_ingest(text="   \n ")


def test_ingest_refuses_non_http_urls():
    from claims.fetch import FetchError

    with pytest.raises(FetchError, match="only http and https"):
        article_ingest(url="file:///etc/passwd")


def test_extract_stores_attributed_claims(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    assert article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.finished_at is not None
    claims = list(article.claims.select_related("speaker"))
    assert claims
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.content
    speakers = {c.speaker.canonical_name for c in claims if c.speaker}
    assert "Mousa Abu Marzouk" in speakers


def test_extract_twice_gives_the_same_claims(sample_text):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    article_extract(article_id=article.pk)
    first = sorted(article.claims.values_list("start", "end", "speaker_text", "cue", "claim_date"))
    assert not article_extract(article_id=article.pk), "a done article is not extracted again"
    article_extract(article_id=article.pk, force=True)
    again = sorted(article.claims.values_list("start", "end", "speaker_text", "cue", "claim_date"))
    assert again == first
    assert Claim.objects.filter(article=article).count() == len(first)


def test_reextraction_keeps_claims_a_reviewer_touched(sample_text, django_user_model):
    article = article_ingest(text=sample_text, lang="id", published=datetime.date(2025, 2, 4)).article
    article_extract(article_id=article.pk)
    reviewed = article.claims.first()
    reviewed.content = "corrected by a reviewer"
    reviewed.review_status = Claim.ReviewStatus.IN_REVIEW
    reviewed.assignee = django_user_model.objects.create_user("rina")
    reviewed.save()
    count = article.claims.count()
    article_extract(article_id=article.pk, force=True)
    reviewed.refresh_from_db()
    assert reviewed.content == "corrected by a reviewer"
    assert article.claims.count() == count


def test_extract_failure_is_stored_on_the_article(monkeypatch):
    article = make_article()

    def broken(*args, **kwargs):
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr("claims.services.extract", broken)
    assert not article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == "RuntimeError: extractor exploded"


def test_speaker_resolve_matches_any_case_and_keeps_new_aliases():
    first = speaker_resolve(name="Zulkifli Hasan", aliases=("Ketua MPR Zulkifli Hasan",))
    again = speaker_resolve(name="zulkifli hasan", aliases=("Zulkifli",))
    assert again.pk == first.pk
    assert again.aliases == ["Ketua MPR Zulkifli Hasan", "Zulkifli"]
    assert Speaker.objects.count() == 1


def test_speaker_resolve_tells_organisations_from_people():
    assert speaker_resolve(name="kantor media pemerintah Gaza").kind == Speaker.Kind.ORGANISATION
    assert speaker_resolve(name="Mousa Abu Marzouk").kind == Speaker.Kind.PERSON


def test_sweep_requeues_stalled_and_forgotten_articles(django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("claims.services.queue_extraction", lambda *ids: sent.extend(ids))
    now = timezone.now()
    fresh = make_article(status=Article.Status.QUEUED, queued_at=now)
    forgotten = make_article(status=Article.Status.QUEUED, queued_at=now - datetime.timedelta(minutes=10))
    stalled = make_article(status=Article.Status.RUNNING, started_at=now - datetime.timedelta(hours=2))
    busy = make_article(status=Article.Status.RUNNING, started_at=now - datetime.timedelta(seconds=5))
    done = make_article(status=Article.Status.DONE)
    assert articles_requeue_stalled(now=now) == 2
    assert sorted(sent) == sorted([forgotten.pk, stalled.pk])
    stalled.refresh_from_db()
    assert stalled.status == Article.Status.QUEUED
    for untouched in (fresh, busy, done):
        untouched.refresh_from_db()
    assert busy.status == Article.Status.RUNNING


def test_claim_factory_spans_point_into_text():
    claim = make_claim(start=7, end=12)
    assert claim.article.text[7:12] == claim.content
