"""Recognise lines of page furniture that survive main-text extraction.

trafilatura keeps "Baca juga:" teasers, share bars, photo credits and date stamps
when they sit inside the article container. They are not the author's sentences,
and the claim extractor would read them as text, so each extracted line is tested
against these patterns (Indonesian and English) and dropped when it matches.
Only whole lines are dropped: a pattern never cuts text out of a sentence.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "Baca juga: <headline>", "READ MORE: ...", "Simak juga video ...": a link to another article.
READ_ALSO = re.compile(
    r"^[\W_]*(?:baca|simak|lihat|tonton|cek|klik|artikel|berita)\s+(?:juga|pula|selengkapnya|terkait|lainnya|di\s*sini)\b"
    r"|^[\W_]*baca\s*:"
    r"|^[\W_]*(?:read|see|also\s+read|read\s+also|watch|related|recommended|more)"
    r"(?:\s+(?:more|also|next|this|related|stories|articles?|coverage|reading))*\s*[:»>|\-–—]"
    r"|^[\W_]*(?:related\s+(?:articles?|stories|coverage|content|posts?)|read\s+more|read\s+next|more\s+stories"
    r"|berita\s+(?:terkait|lainnya|terpopuler|pilihan)|artikel\s+terkait|rekomendasi)\s*[\W_]*$",
    _I,
)
# Advertising and paywall furniture that fills a whole line.
AD_LINE = re.compile(
    r"^[\W_]*(?:advertisements?|advertising|ad|ads|iklan|sponsored(?:\s+content)?|promoted|paid\s+content"
    r"|scroll\s+(?:down\s+)?to\s+(?:continue|resume)(?:\s+with\s+content|\s+reading)?"
    r"|(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad))?"
    r"|continue\s+reading(?:\s+(?:below|the\s+main\s+story))?|lanjutkan\s+membaca|load\s+more|muat\s+lebih\s+banyak"
    r"|loading(?:\s+(?:comments|video))?)[\W_]*$",
    _I,
)
# "Foto: ANTARA/...", "Penulis: ...", "| Editor | : ...": bylines and credits, not article sentences.
CREDIT_LINE = re.compile(
    r"^[\W_]*(?:foto|fotografer|photo|photos|photograph|photographer|image|images|picture|gambar|ilustrasi"
    r"|illustration|sumber\s+foto|photo\s+credit|image\s+credit|credit|kredit|video|grafis|infografis"
    r"|penulis|editor|redaktur|pewarta|reporter|kontributor|penyunting|produser)\b[\s|]*:",
    _I,
)
# A photographer or agency credit on its own: "(AP Photo/Evan Vucci)", "Getty Images", "REUTERS/Kevin Lamarque".
AGENCY_CREDIT = re.compile(
    r"^[\W_]*(?:\w+\s+)?(?:photo|foto)\s*(?:by|:|/)|(?:getty\s+images|shutterstock|ap\s+photo|reuters/|afp/|antara\s+foto)",
    _I,
)
# Newsletter, comment and social prompts.
PROMPT_LINE = re.compile(
    r"(?:sign\s+up|subscribe|get|delivered|daftar|berlangganan)\b.{0,80}\b(?:newsletters?|inbox|email|buletin)\b"
    r"|^[\W_]*(?:\d+\s+)?(?:comments?|komentar|tulis\s+komentar|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment"
    r"|tell\s+us\s+what\s+you\s+think|join\s+the\s+(?:conversation|discussion)|show\s+comments|view\s+comments)\b"
    r"|^[\W_]*(?:follow|ikuti)\s+(?:us|kami|him|her|them|me)\b.{0,60}\b(?:twitter|facebook|instagram|google|tiktok|x)\b"
    r"|^[\W_]*(?:copyright|hak\s+cipta)\b|©|all\s+rights\s+reserved",
    _I,
)
SHARE_WORDS = re.compile(
    r"\b(?:share|shares|shared|sharing|bagikan|facebook|twitter|whatsapp|telegram|linkedin|pinterest|reddit|email"
    r"|e-mail|copy\s+link|salin\s+tautan|print|cetak|google\+?|line|tweet|like|flipboard|messenger|sms|x)\b",
    _I,
)
# What is left after date, time and weekday words are taken out of a date stamp.
DATE_WORDS = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|januari|februari|maret|april|mei|juni|juli|agustus"
    r"|september|oktober|november|desember|january|february|march|may|june|july|august|october|december|jan"
    r"|feb|mar|apr|jun|jul|aug|agu|agt|sep|sept|okt|oct|nov|des|dec|wib|wita|wit|gmt|utc|et|est|edt|pst|pdt|bst"
    r"|cet|am|pm|a\.m|p\.m|pukul|jam|updated|update|published|posted|diperbarui|diterbitkan|dipublikasikan|on|at"
    r"|last|modified|hours?|minutes?|days?|ago|jam|menit|hari|lalu|yang)\b",
    _I,
)
MAX_FURNITURE_WORDS = 25


def is_boilerplate(line: str) -> bool:
    """True when the whole line is page furniture rather than article text."""
    words = line.split()
    if not words:
        return True
    if len(words) > MAX_FURNITURE_WORDS:
        return bool(PROMPT_LINE.search(line)) and len(words) <= 2 * MAX_FURNITURE_WORDS and _is_prompt(line)
    if READ_ALSO.search(line) or AD_LINE.search(line) or CREDIT_LINE.search(line):
        return True
    if len(words) <= 12 and AGENCY_CREDIT.search(line):
        return True
    if PROMPT_LINE.search(line) and _is_prompt(line):
        return True
    return _is_share_bar(line) or _is_date_stamp(line)


def _is_prompt(line: str) -> bool:
    """Newsletter and comment prompts are short; a long sentence that mentions email is text."""
    return len(line.split()) <= 30


def _is_share_bar(line: str) -> bool:
    leftover = SHARE_WORDS.sub(" ", line)
    return not re.search(r"[^\W\d_]", leftover)


def _is_date_stamp(line: str) -> bool:
    """A line made only of dates, times, numbers and words like "Updated" (also a bare list number "01")."""
    leftover = DATE_WORDS.sub(" ", line)
    return not re.search(r"[^\W\d_]", leftover)
