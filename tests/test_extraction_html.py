"""parse_page: article text and metadata out of news HTML, and no surprises on bad input."""

from __future__ import annotations

import datetime
import random
import time
from pathlib import Path

import pytest

from claims.extraction.html import MAX_INPUT_BYTES, parse_page
from claims.extraction.html_boilerplate import is_boilerplate
from claims.extraction.html_text import clean_lines
from claims.extraction.types import Page

FIXTURES = Path(__file__).parent / "fixtures" / "html"
ID_URL = "https://warta.example.id/ekonomi/2025/02/04/harga-beras?utm_source=x"
EN_URL = "https://news.example.com/local/bridge"


@pytest.fixture(scope="module")
def berita() -> Page:
    return parse_page((FIXTURES / "berita-id.html").read_bytes(), url=ID_URL)


@pytest.fixture(scope="module")
def news() -> Page:
    return parse_page((FIXTURES / "news-en.html").read_text(encoding="utf-8"), url=EN_URL)


def _page(paragraphs: list[str], head: str = "", charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><meta charset="{charset}"><title>Judul</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    )


PROSE = [
    "Gubernur Jawa Barat mengatakan pembangunan jalan tol baru akan selesai pada akhir tahun ini.",
    "Menurut dia, anggaran proyek itu sudah disetujui oleh DPRD pada rapat paripurna bulan lalu.",
    "Warga di sekitar lokasi proyek berharap pembangunan tidak mengganggu akses ke pasar dan sekolah.",
    "Kepala dinas pekerjaan umum menyebut pengerjaan dilakukan siang dan malam agar tepat waktu.",
]


# --- article text -----------------------------------------------------------------------------


def test_link_text_inside_paragraphs_is_kept(berita, news):
    assert "Menteri Perdagangan Budi Santoso berjanji" in berita.text
    assert "dari Perum Bulog ditambah" in berita.text
    assert "distribusi dari gudang ke pasar" in berita.text
    assert "over the Elm River, ending" in news.text
    assert "council member Maria Ortiz, who" in news.text
    assert " ." not in berita.text and " ," not in news.text


def test_one_paragraph_a_line(berita):
    lines = berita.text.split("\n")
    assert lines[0].startswith("Jakarta - Menteri Perdagangan")
    assert lines[1].startswith('"Kami sudah menambah operasi pasar')
    assert lines[-1].startswith("Dewan Perwakilan Rakyat akan memanggil")
    assert all(line.strip() == line and line for line in lines)


def test_read_also_lines_are_dropped(berita, news):
    for teaser in ("Baca juga", "Baca Juga", "Impor Beras 1 Juta Ton", "Simak juga", "Harga Pupuk"):
        assert teaser not in berita.text
    assert "READ MORE" not in news.text and "Read more" not in news.text
    assert "City budget leaves little room" not in news.text


def test_furniture_is_dropped(berita, news):
    for furniture in ("ADVERTISEMENT", "SCROLL TO CONTINUE", "Beranda", "Facebook", "WhatsApp", "Foto:",
                      "Pedagang beras di Pasar Induk", "Berita Terkait", "Harga Cabai", "Semoga benar turun",
                      "Hak Cipta", "Pedoman Media Siber"):
        assert furniture not in berita.text
    for furniture in ("Advertisement", "newsletter", "Most read", "Storm closes schools", "Copyright", "Subscribe"):
        assert furniture not in news.text


def test_headline_is_not_repeated_in_the_text(berita, news):
    assert "Janji Harga Beras Turun Bulan Depan" not in berita.text
    assert not news.text.startswith("Council approves new bridge")


def test_loose_text_beside_paragraphs_is_kept():
    html = (
        "<html><head><title>t</title></head><body><div class='read'><strong>Jakarta</strong> - "
        + PROSE[0]
        + "<br><br>"
        + PROSE[1]
        + "".join(f"<p>{p}</p>" for p in PROSE[2:])
        + "</div></body></html>"
    )
    text = parse_page(html).text
    assert text.split("\n")[0] == "Jakarta - " + PROSE[0]
    assert PROSE[1] in text and PROSE[3] in text


def test_page_without_article_markup_falls_back_to_its_paragraphs():
    html = "<div>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
    assert PROSE[0] in parse_page(html).text


# --- metadata ---------------------------------------------------------------------------------


def test_json_ld_metadata(berita):
    assert berita.title == "Menteri Budi Janji Harga Beras Turun Bulan Depan"
    assert berita.authors == ("Siti Rahma", "Andi Pratama")
    assert berita.published == datetime.date(2025, 2, 4)
    assert berita.outlet == "Warta Contoh"
    assert berita.canonical_url == "https://warta.example.id/ekonomi/2025/02/04/harga-beras"
    assert berita.lang == "id"


def test_open_graph_and_meta_tags(news):
    assert news.title == "Council approves new bridge after two-year delay"
    assert news.authors == ("Jane Doe",)
    assert news.published == datetime.date(2024, 5, 17)
    assert news.outlet == "The Example Times"
    assert news.canonical_url == "https://news.example.com/2024/05/17/bridge"
    assert news.lang == "en"


def test_title_loses_site_name_but_keeps_its_own_separators():
    head = '<meta property="og:title" content="KPK: Dua Tersangka Ditahan - Nasional Warta.com">'
    page = parse_page(_page(PROSE, head=head), url="https://www.warta.com/nasional/1")
    assert page.title == "KPK: Dua Tersangka Ditahan"
    prefixed = '<meta property="og:title" content="Warta.com: Harga Cabai Naik Lagi">'
    assert parse_page(_page(PROSE, head=prefixed), url="https://warta.com/a").title == "Harga Cabai Naik Lagi"


def test_separator_inside_a_headline_is_kept():
    head = '<meta property="og:title" content="Ini 7 Alasan - Mengapa Orang Malas | Tempo Gaya">'
    assert parse_page(_page(PROSE, head=head), url="https://gaya.tempo.co/read/1").title == (
        "Ini 7 Alasan - Mengapa Orang Malas"
    )


def test_visible_headline_wins_over_section_name_in_h1():
    head = '<meta property="og:title" content="Harga Cabai Naik Lagi di Pasar Induk - Warta Regional">'
    html = _page(PROSE, head=head).replace("<article>", "<h1>Regional</h1><article>")
    assert parse_page(html, url="https://warta.co.id/x").title == "Harga Cabai Naik Lagi di Pasar Induk"


def test_date_falls_back_to_the_url_when_no_tag_states_it():
    page = parse_page(_page(PROSE), url="https://warta.co.id/read/2016/02/23/153201/jalan-tol")
    assert page.published == datetime.date(2016, 2, 23)


def test_broken_json_ld_is_ignored():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    page = parse_page(_page(PROSE, head=head))
    assert PROSE[0] in page.text and page.title == "Judul"


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", b"", "   \n ", None])
def test_empty_input_gives_empty_text(empty):
    page = parse_page(empty, url="https://example.com/a")
    assert page.text == "" and page.title is None and page.canonical_url == "https://example.com/a"


def test_binary_garbage_gives_empty_text():
    garbage = random.Random(7).randbytes(200_000)
    assert parse_page(garbage).text == ""
    assert parse_page(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50).text == ""
    assert parse_page("\x00\x01\x02" * 1000).text == ""


@pytest.mark.parametrize("markup", ["<<<>>>", "</p></div>", "<html>", "<!-- never closed", "<?xml version='1.0'?>"])
def test_fragments_and_broken_markup_do_not_raise(markup):
    assert isinstance(parse_page(markup).text, str)


def test_declared_non_utf8_charset_is_honoured():
    text = ["Kafé di Cikini menjual kopi “tubruk” seharga Rp 15.000 per gelas, kata pemiliknya."] + PROSE
    data = _page(text, charset="windows-1252").encode("cp1252")
    assert "Kafé di Cikini menjual kopi “tubruk”" in parse_page(data).text
    latin = _page(text[:1] + PROSE, charset="iso-8859-1").replace("“", '"').replace("”", '"').encode("latin-1")
    assert 'Kafé di Cikini menjual kopi "tubruk"' in parse_page(latin).text


KAFE = "Kafé di Cikini menjual kopi tubruk seharga Rp 15.000 per gelas, kata pemiliknya kepada wartawan."


def test_page_bytes_are_decoded_by_their_declared_or_detected_charset():
    assert KAFE in parse_page(_page([KAFE] + PROSE).encode()).text
    assert KAFE in parse_page(_page([KAFE] + PROSE, charset="").encode("cp1252")).text
    assert KAFE in parse_page(b"\xef\xbb\xbf" + _page([KAFE] + PROSE).encode()).text
    mislabelled = _page([KAFE] + PROSE, charset="iso-8859-1").encode()
    assert KAFE in parse_page(mislabelled).text


def test_the_server_charset_decides_over_the_page():
    page = _page([KAFE] + PROSE, charset="utf-8").encode("cp1252")
    assert KAFE in parse_page(page, charset="windows-1252").text
    assert KAFE not in parse_page(page).text


@pytest.mark.parametrize("words_per_block", [3, 12, 40])
def test_five_megabytes_of_html_finish_in_bounded_time(words_per_block):
    block = " ".join(["kata"] * words_per_block)
    filler = "".join(
        f"<div class='w{i}'><a href='/x{i}'>Tautan {i}</a> <span>{block} {i}</span></div>" for i in range(200_000)
    )
    html = _page(PROSE).replace("</article>", f"</article><div>{filler}</div>")[:5_200_000]
    assert len(html) > 5_000_000
    started = time.perf_counter()
    page = parse_page(html)
    assert time.perf_counter() - started < 10  # about 1-2 s on one core; generous for a loaded machine
    assert PROSE[0] in page.text


@pytest.mark.parametrize(
    "markup",
    [
        "<!--" * 500_000,
        "<script>" * 300_000,
        "<script" * 500_000,
        "<div>" * 50_000 + "teks " * 100,
        '<script type="application/ld+json">' + "[" * 200_000 + "</script><p>teks</p>",
    ],
    ids=["unclosed-comments", "unclosed-scripts", "unfinished-tags", "deep-nesting", "deep-json-ld"],
)
def test_pathological_markup_finishes_quickly(markup):
    started = time.perf_counter()
    assert isinstance(parse_page(markup).text, str)
    assert time.perf_counter() - started < 10  # well under a second on one core


def test_scripts_styles_and_comments_never_reach_the_text():
    html = _page(PROSE).replace(
        "</article>", "<script>var a = '<p>skrip</p>';</script><style>p{}</style><!-- komentar --></article>"
    )
    text = parse_page(html).text
    assert PROSE[0] in text and "skrip" not in text and "komentar" not in text


def test_input_beyond_the_cap_is_cut_not_refused():
    html = _page(PROSE) + "<!--" + "x" * (MAX_INPUT_BYTES + 10) + "-->"
    assert PROSE[0] in parse_page(html).text


# --- boilerplate lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Pemerintah Putuskan Impor Beras",
        "BACA JUGA : Harga Cabai Naik",
        "Baca Juga",
        "Simak juga video: Antrean Warga",
        "Lihat Juga: Foto-foto Banjir Jakarta",
        "Read more: City budget leaves little room",
        "READ MORE:",
        "Related: Storm closes schools",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Story continues below advertisement",
        "Foto: ANTARA/Hafidz Mubarak",
        "| Penulis | : Aditya Maulana |",
        "Editor: Agung Kurniawan",
        "(AP Photo/Evan Vucci)",
        "Facebook Twitter WhatsApp Copy Link",
        "17 Shares / Facebook Twitter Google+ Email",
        "Selasa, 23/02/2016 15:32 WIB",
        "Updated 10:32 a.m. ET, Nov 19, 2019",
        "01",
        "Sign up for our daily newsletter to get the news in your inbox.",
        "0 Komentar",
        "Copyright © 2024 The Example Times",
        "DON'T MISS",
        "China furious at Macron for Hong Kong protest jibe [INSIGHT]",
        "Filed under: Politics |",
        "Disclaimer : Komentar adalah tanggapan pribadi, tidak mewakili kebijakan redaksi.",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Have a tip? Amy may be reached at amy@example.com.",
        "Taylor Swift memberikan standing ovation untuk Joey Alexander. Foto: Grammy",
        "Informasi pemasangan iklan",
        "Redaksi: redaksi[at]example.com",
        "[button link=”/submit”]Send us YOUR review[/button]",
        "By Jane Doe and John Roe",
        "Oleh :",
        "Oleh: Maya Sofia",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Jokowi mengatakan, baca juga aturan yang berlaku sebelum mengajukan izin, kata dia.",
        "Read the full statement, the minister told reporters on Tuesday.",
        "The advertisement campaign cost the party $2 million, according to filings.",
        "Presiden menandatangani aturan itu pada Selasa, 23 Februari 2016.",
        "The company said more than 40,000 people signed up for its email newsletter within a week, "
        "a figure that surprised analysts who had expected far fewer because of the paywall and the price.",
        "Foto itu beredar luas di media sosial sejak Senin, kata polisi.",
        "(fyk/ash)",
        "Comments from the minister were broadcast on state television on Monday evening.",
        "Prosecutors said they would get the email records of all three officials next week.",
        "Most read books this year were about the war, the survey found.",
        "Tags on the suitcases showed they had passed through Dubai, police said.",
        "By then it was over.",
        "Oleh karena itu, pemerintah menunda kenaikan harga BBM.",
    ],
)
def test_article_sentences_are_not_furniture(line):
    assert not is_boilerplate(line)


def test_labels_above_the_first_and_below_the_last_paragraph_are_dropped():
    raw = "\n".join(
        ["FotoBisnis", "Breaking News", "PLN resmi mengoperasikan gardu induk baru.", "Latar Belakang", "Isi kedua.",
         "(fyk/ash)", "close"]
    )
    assert clean_lines(raw) == [
        "PLN resmi mengoperasikan gardu induk baru.", "Latar Belakang", "Isi kedua.", "(fyk/ash)",
    ]


def test_clean_lines_normalises_spaces_and_drops_repeats():
    raw = "  Satu\u00a0 dua   tiga.\n\nSatu dua tiga.\n\tBaca juga: X\nEmpat lima."
    assert clean_lines(raw) == ["Satu dua tiga.", "Empat lima."]
