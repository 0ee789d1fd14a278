"""Page bytes in, text out: the one charset decoder for fetched pages, files and command input.

``decode_page(body, declared=...)`` picks the encoding the way a browser would, with one
correction for how news sites really serve pages:

1. a byte-order mark wins (UTF-8, UTF-16 or UTF-32);
2. then the charset the server declared (``declared``, from the ``Content-Type`` header);
3. then the document's own declaration (``<?xml encoding=...?>`` or ``<meta charset>``);
4. then detection: UTF-8 if the bytes are valid UTF-8, otherwise the detector's guess
   when it names a non-Latin script, otherwise windows-1252.

Labels are read as the WHATWG Encoding Standard reads them: latin-1, iso-8859-1 and ascii
(and x-user-defined) mean windows-1252, gbk means gb18030, and so on. UTF-16/32 are only
believed from a BOM or the server: a document readable as ASCII cannot be UTF-16, so a
``<meta charset="utf-16">`` is read as UTF-8. A declared legacy charset does not win over
bytes that are valid UTF-8 and not plain ASCII: pages often declare ISO-8859-1 while
serving UTF-8, and legacy text that happens to be valid UTF-8 is vanishingly rare.
Bytes the chosen encoding cannot read become U+FFFD; decoding never raises.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from bs4.dammit import EncodingDetector

# How far into the document its own charset declaration is looked for.
DECLARATION_SNIFF_BYTES = 4096
# How much of an undeclared, non-UTF-8 body the detector reads.
DETECTION_SAMPLE_BYTES = 200_000

WIDE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
# WHATWG labels Python does not know, or knows as something narrower.
LABEL_ALIASES = {"x-user-defined": "cp1252", "iso-8859-8-i": "iso8859-8", "x-sjis": "cp932", "macintosh": "mac-roman"}
# WHATWG decodes these as their Windows or extended supersets (keyed by Python codec name).
CODEC_ALIASES = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
    # Without a BOM, WHATWG reads a bare "utf-16" label as little-endian.
    "utf-16": "utf-16-le",
    "utf-32": "utf-32-le",
}
# Single-byte Latin code pages a detector confuses with each other on short samples; for
# the Latin-script news this project reads, windows-1252 is the right one of the family.
LATIN_CODECS = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "cp850", "cp437", "mac-roman", "mac-latin2"}
    | {f"iso8859-{n}" for n in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)}
)


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str  # the Python codec that produced ``text``


def decode_page(body: bytes, *, declared: str | None = None) -> DecodedPage:
    """Decode page bytes by BOM, then the declared charset, then the document's, then detection."""
    body = bytes(body)
    data, bom = EncodingDetector.strip_byte_order_mark(body)
    if bom:
        encoding = codec_for(bom, wide_ok=True) or "utf-8"
        return DecodedPage(_decode(data, encoding), encoding)
    encoding = (
        codec_for(declared, wide_ok=True)
        or codec_for(_declared_in_document(data))
        or _detect(data)
    )
    if encoding not in WIDE_CODECS and encoding != "utf-8" and _is_non_ascii_utf8(data):
        encoding = "utf-8"
    return DecodedPage(_decode(data, encoding), encoding)


def codec_for(label: str | None, *, wide_ok: bool = False) -> str | None:
    """The Python codec a charset label means under WHATWG rules, or None if unknown.

    UTF-16/32 labels are only believed when ``wide_ok`` (a BOM or the server said so);
    otherwise they mean UTF-8.
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    if name == "utf-8-sig":
        name = "utf-8"
    name = CODEC_ALIASES.get(name, name)
    if name in WIDE_CODECS and not wide_ok:
        return "utf-8"
    return name


def _declared_in_document(data: bytes) -> str | None:
    return EncodingDetector.find_declared_encoding(
        data[:DECLARATION_SNIFF_BYTES], is_html=True, search_entire_document=True
    )


def _detect(data: bytes) -> str:
    """UTF-8 when the bytes allow it, else a non-Latin guess of the detector, else windows-1252."""
    if _is_utf8(data):
        return "utf-8"
    sample = data[:DETECTION_SAMPLE_BYTES]
    for label in EncodingDetector(sample).encodings:
        encoding = codec_for(label)
        if encoding is None or encoding in WIDE_CODECS or encoding == "utf-8":
            continue
        if encoding in LATIN_CODECS:
            break
        if _decodes(sample, encoding, final=len(sample) == len(data)):
            return encoding
    return "cp1252"


def _is_utf8(data: bytes) -> bool:
    return _decodes(data, "utf-8")


def _is_non_ascii_utf8(data: bytes) -> bool:
    return not data.isascii() and _is_utf8(data)


def _decodes(data: bytes, encoding: str, *, final: bool = True) -> bool:
    """True if the bytes are valid in the encoding (a cut sample may end inside a character)."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=final)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _decode(data: bytes, encoding: str) -> str:
    try:
        return codecs.decode(data, encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")
