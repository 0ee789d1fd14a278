"""The one entry point: whole articles in, claims out, never a crash."""

import datetime
from pathlib import Path

from claims.extraction import extract

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "claims" / "fixtures" / "tribunnews-hamas-rusia.txt"


def test_sample_article_claims_point_into_the_text():
    text = SAMPLE.read_text(encoding="utf-8")
    result = extract(text, published=datetime.date(2025, 2, 4))
    assert result.lang == "id"
    assert result.claims
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.content
        assert 0.0 <= claim.checkworthiness <= 1.0
        assert claim.kind in ("direct", "indirect", "assertion")
    starts = [c.start for c in result.claims]
    assert starts == sorted(starts)


def test_empty_and_blank_text_give_no_claims():
    for text in ("", "   \n\n  ", "\x00\x00"):
        result = extract(text)
        assert result.claims == []


def test_text_without_sentences_gives_no_claims():
    assert extract("12345 67890 ---- //// ....").claims == []


def test_binary_garbage_gives_a_result_not_a_crash():
    garbage = bytes(range(256)).decode("latin-1") * 40
    assert isinstance(extract(garbage).claims, list)
    assert isinstance(extract(html=garbage).claims, list)


def test_huge_html_gives_a_result_not_a_crash():
    paragraph = "<p>Menteri Budi mengatakan bahwa harga beras naik 10 persen pada Senin (3/2/2025).</p>\n"
    page = "<html><body><article>" + paragraph * (5 * 1024 * 1024 // len(paragraph)) + "</article></body></html>"
    result = extract(html=page)
    assert isinstance(result.text, str)


def test_html_input_offsets_point_into_the_extracted_text():
    page = (
        "<html><head><title>Kabar</title></head><body><nav>Beranda</nav><article>"
        "<p>JAKARTA - Menteri Perdagangan Budi Santoso mengatakan bahwa harga beras naik 10 persen.</p>"
        "<p>Baca juga: Harga cabai turun</p></article></body></html>"
    )
    result = extract(html=page, published=datetime.date(2025, 2, 4))
    assert "Baca juga" not in result.text
    assert result.claims
    for claim in result.claims:
        assert result.text[claim.start : claim.end] == claim.content
