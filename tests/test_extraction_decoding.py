"""decode_page: one set of charset rules for fetched pages, uploaded files and command input."""

import codecs
import dataclasses
import random

import pytest

from claims.extraction.decoding import DecodedPage, codec_for, decode_page

PAGE = (
    "<html><head>{meta}<title>Kafé</title></head>"
    "<body><p>Kafé di Cikini menjual kopi “tubruk” — Rp 15.000.</p></body></html>"
)


def _page(meta: str = "") -> str:
    return PAGE.format(meta=meta)


# --- byte-order marks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides_and_is_dropped_from_the_text(bom, codec, expected):
    decoded = decode_page(bom + _page().encode(codec))
    assert decoded == DecodedPage(text=_page(), encoding=expected)


def test_bom_wins_over_the_header_and_the_meta_tag():
    body = codecs.BOM_UTF8 + _page('<meta charset="iso-8859-1">').encode()
    decoded = decode_page(body, declared="windows-1251")
    assert decoded.encoding == "utf-8" and "Kafé" in decoded.text and not decoded.text.startswith("\ufeff")


# --- declarations ---------------------------------------------------------------------------


def test_header_charset_wins_over_a_conflicting_meta_tag():
    body = _page('<meta charset="utf-8">').encode("cp1252")
    decoded = decode_page(body, declared="windows-1252")
    assert decoded.encoding == "cp1252" and "Kafé di Cikini menjual kopi “tubruk” —" in decoded.text


def test_meta_charset_is_used_without_a_header():
    decoded = decode_page(_page('<meta charset="windows-1251">').replace("é", "е").encode("cp1251"))
    assert decoded.encoding == "cp1251"


def test_http_equiv_content_type_is_read():
    body = _page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">').encode("cp1252")
    assert "“tubruk”" in decode_page(body).text


def test_xml_declaration_is_read():
    body = '<?xml version="1.0" encoding="KOI8-R"?><rss><title>Новости</title></rss>'.encode("koi8-r")
    decoded = decode_page(body)
    assert decoded.encoding == "koi8-r" and "Новости" in decoded.text


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("latin-1", "cp1252"),
        ("ISO-8859-1", "cp1252"),
        ("ISO_8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("x-user-defined", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("tis-620", "cp874"),
        ("gb2312", "gb18030"),
        ("UTF8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("no-such-codec", None),
        ("", None),
    ],
)
def test_labels_are_read_as_whatwg_reads_them(label, codec):
    assert codec_for(label) == codec


def test_latin1_label_decodes_the_windows_1252_smart_quotes():
    body = _page('<meta charset="iso-8859-1">').encode("cp1252")
    decoded = decode_page(body)
    assert decoded.encoding == "cp1252" and "“tubruk” — Rp" in decoded.text


def test_wide_encoding_is_believed_from_the_header_only():
    assert decode_page(_page().encode("utf-16-be"), declared="UTF-16BE").text == _page()
    in_document = _page('<meta charset="utf-16">').encode()
    assert decode_page(in_document) == DecodedPage(text=_page('<meta charset="utf-16">'), encoding="utf-8")


def test_unknown_labels_fall_back_to_detection():
    page = _page('<meta charset="no-such-codec">')
    assert decode_page(page.encode(), declared="bogus") == DecodedPage(text=page, encoding="utf-8")


def test_valid_utf8_beats_a_legacy_label():
    mislabelled = _page('<meta charset="iso-8859-1">').encode()
    assert decode_page(mislabelled).text == _page('<meta charset="iso-8859-1">')
    assert decode_page(_page().encode(), declared="ISO-8859-1").text == _page()


def test_same_bytes_give_the_same_text_from_a_header_or_a_meta_tag():
    for charset, codec in (("windows-1252", "cp1252"), ("iso-8859-1", "cp1252"), ("utf-8", "utf-8")):
        body = _page().encode(codec)
        meta = f'<meta charset="{charset}">'
        via_meta = decode_page(_page(meta).encode(codec)).text
        via_header = decode_page(body, declared=charset).text
        assert via_meta.replace(meta, "") == via_header == _page()


# --- detection ------------------------------------------------------------------------------


def test_undeclared_utf8_is_detected():
    assert decode_page("<p>Zürich ✓</p>".encode()) == DecodedPage(text="<p>Zürich ✓</p>", encoding="utf-8")


def test_undeclared_cp1252_smart_quotes_are_read_as_windows_1252():
    assert decode_page("“Kafé”".encode("cp1252")).text == "“Kafé”"
    decoded = decode_page(_page().encode("cp1252"))
    assert decoded == DecodedPage(text=_page(), encoding="cp1252")


def test_undeclared_non_latin_text_is_detected():
    text = "Pemerintah: новости дня, правительство объявило о новых мерах поддержки экономики страны."
    assert decode_page(text.encode("cp1251")).text == text


def test_short_undeclared_texts_decode_as_before():
    assert decode_page("Kafé ✓".encode()).text == "Kafé ✓"
    assert decode_page("Kafé".encode("cp1252")).text == "Kafé"
    assert decode_page(b"\xef\xbb\xbfok").text == "ok"
    assert decode_page(b'<meta charset="no-such-codec">caf\xc3\xa9').text == '<meta charset="no-such-codec">café'
    assert decode_page('<meta charset="gbk">新闻'.encode("gbk")).text.endswith("新闻")


def test_ascii_only_is_utf8():
    assert decode_page(b"<p>plain</p>") == DecodedPage(text="<p>plain</p>", encoding="utf-8")


# --- bad bytes ------------------------------------------------------------------------------


def test_invalid_bytes_in_declared_utf8_are_replaced_not_raised():
    decoded = decode_page(b"<p>ok \xff\xfe\xc3( bad</p>", declared="utf-8")
    assert decoded.text.startswith("<p>ok ") and "\ufffd" in decoded.text and decoded.text.endswith(" bad</p>")


@pytest.mark.parametrize("declared", [None, "utf-8", "utf-16", "shift_jis", "no-such-codec"])
def test_garbage_bytes_never_raise(declared):
    garbage = random.Random(7).randbytes(300_000)
    decoded = decode_page(garbage, declared=declared)
    assert isinstance(decoded.text, str) and decoded.encoding


@pytest.mark.parametrize("body", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\x81\x8d\x8f\x90\x9d"])
def test_tiny_inputs_never_raise(body):
    assert isinstance(decode_page(body).text, str)


def test_decoded_page_is_frozen():
    decoded = decode_page(b"x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.text = "y"
