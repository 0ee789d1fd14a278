"""Recognise lines of page furniture that survive main-text extraction.

trafilatura keeps "Baca juga:" teasers, share bars, photo credits and date stamps
when they sit inside the article container. They are not the author's sentences,
and the claim extractor would read them as text, so each extracted line is tested
against these patterns (Indonesian and English) and dropped when it matches.
Only whole lines are dropped: a pattern never cuts text out of a sentence.
"""

from __future__ import annotations

import re

from .calendar import MONTHS, WEEKDAY_ABBREVIATIONS_EN, WEEKDAYS, alternation

_I = re.IGNORECASE

# "Baca juga: <headline>", "READ MORE: ...", "Simak juga video ...": a link to another article.
READ_ALSO = re.compile(
    r"^[\W_]*(?:baca|simak|lihat|tonton|cek|klik|artikel|berita)\s+(?:juga|pula|selengkapnya|terkait|lainnya|di\s*sini)\b"
    r"|^[\W_]*baca\s*:"
    r"|^[\W_]*(?:read|see|also\s+read|read\s+also|watch|related|recommended|more)"
    r"(?:\s+(?:more|also|next|this|related|stories|articles?|coverage|reading))*\s*[:»>|\-–—]"
    r"|^[\W_]*(?:related\s+(?:articles?|stories|coverage|content|posts?)|read\s+more|read\s+next|more\s+stories"
    r"|(?:berita|foto|video)\s+(?:terkait|lainnya|terpopuler|pilihan)|artikel\s+terkait|rekomendasi"
    r"|don'?t\s+miss|must\s+read|trending(?:\s+now)?|most\s+(?:read|popular)|editor'?s\s+picks?"
    r"|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?|terpopuler|populer|pilihan\s+editor"
    r"|jangan\s+lewatkan|selengkapnya)\s*[\W_]*$"
    # Tabloid teaser links: "China furious at Macron for Hong Kong protest jibe [INSIGHT]".
    r"|\[(?:insight|video|pictures|photos|reaction|latest|analysis|poll|live|comment|reveal|explained)\][\W_]*$"
    # Tag and category lines: "Filed under: Politics", "Tags: Jokowi, DPR".
    r"|^[\W_]*(?:filed\s+under|tags?|topics?|kategori|categories|label)\s*:",
    _I,
)
# Advertising and paywall furniture that fills a whole line.
AD_LINE = re.compile(
    r"^[\W_]*(?:advertisements?|advertising|ad|ads|iklan|sponsored(?:\s+content)?|promoted|paid\s+content"
    r"|scroll\s+(?:down\s+)?to\s+(?:continue|resume)(?:\s+with\s+content|\s+reading)?"
    r"|(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad))?"
    r"|continue\s+reading(?:\s+(?:below|the\s+main\s+story))?|lanjutkan\s+membaca|load\s+more|muat\s+lebih\s+banyak"
    r"|(?:informasi\s+)?(?:pasang|pemasangan)\s+iklan|info\s+iklan|advertise\s+with\s+us"
    r"|loading(?:\s+(?:comments|video))?)[\W_]*$",
    _I,
)
# "Foto: ANTARA/...", "Penulis: ...", "| Editor | : ...": bylines and credits, not article sentences.
CREDIT_LINE = re.compile(
    r"^[\W_]*(?:foto|fotografer|photo|photos|photograph|photographer|image|images|picture|gambar|ilustrasi"
    r"|illustration|sumber\s+foto|photo\s+credit|image\s+credit|credit|kredit|video|grafis|infografis"
    r"|penulis|editor|redaktur|redaksi|pewarta|reporter|kontributor|penyunting|produser|hubungi|contact)\b[\s|]*:"
    # A caption ends with its credit: "Taylor Swift memberikan standing ovation. Foto: Grammy".
    r"|[(\[]?\b(?:foto|photo|image|gambar|ilustrasi)\s*(?:by|:|/)\s*[^.:]{1,60}[)\]]?[\s.]*$",
    _I,
)
# A byline on its own line: "By Jane Doe", "Oleh : Maya Sofia", a bare "Oleh :" (names are capitalised,
# so "By then it was over." is not one).
BYLINE = re.compile(r"^(?i:by|oleh|penulis|laporan)\s*:?(?:\s+(?:[A-Z][\w.'’-]*|and|dan|&|,))*\s*$")
# A photographer or agency credit on its own: "(AP Photo/Evan Vucci)", "Getty Images", "REUTERS/Kevin Lamarque".
AGENCY_CREDIT = re.compile(
    r"^[\W_]*(?:\w+\s+)?(?:photo|foto)\s*(?:by|:|/)|(?:getty\s+images|shutterstock|ap\s+photo|reuters/|afp/|antara\s+foto)",
    _I,
)
# Newsletter, comment, social and "click here" prompts (lines of up to MAX_FURNITURE_WORDS words).
PROMPT_LINE = re.compile(
    r"^[\W_]*(?:sign\s+up|subscribe|get|daftar|berlangganan|dapatkan)\b.{0,100}\b(?:newsletters?|inbox|buletin)\b"
    r"|\b(?:delivered|straight|right)\s+(?:to|in)(?:to)?\s+your\s+inbox\b|^[\w'’ ]{0,40}\bnewsletters?[\W_]*$"
    r"|^[\W_]*(?:\d+\s+)?(?:comments?|komentar|tulis\s+komentar|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment"
    r"|show\s+comments|view\s+comments|lihat\s+komentar)[\W\d_]*$"
    r"|^[\W_]*(?:tell\s+us\s+what\s+you\s+think|join\s+the\s+(?:conversation|discussion))\b"
    r"|^[\W_]*(?:follow|ikuti)\s+(?:[\w@.]+\s+){0,4}(?:on|di)\s+(?:twitter|facebook|instagram|tiktok|youtube|x)\b"
    r"|\b(?:follow|ikuti)\s+(?:us|kami|him|her|them|me)\s+(?:on|di)\s+(?:twitter|facebook|instagram|tiktok|x)\b"
    r"|\b(?:may|can)\s+be\s+reached\s+at\b|\bclick\s+here\b|\bklik\s+di\s*sini\b",
    _I,
)
# Disclaimers, copyright notices and leftover shortcodes (lines of up to MAX_NOTICE_WORDS words).
NOTICE_LINE = re.compile(
    r"^[\W_]*(?:copyright|hak\s+cipta)\b|©|all\s+rights\s+reserved|^[\W_]*disclaimer\s*:"
    # A WordPress shortcode left in the text: "[button link=...]Send us your review[/button]".
    r"|^\[\w+[^\]]*\].*\[/\w+\]$",
    _I,
)
SHARE_WORDS = re.compile(
    r"\b(?:share|shares|shared|sharing|bagikan|facebook|twitter|whatsapp|telegram|linkedin|pinterest|reddit|email"
    r"|e-mail|copy\s+link|salin\s+tautan|print|cetak|google\+?|line|tweet|like|flipboard|messenger|sms|x)\b",
    _I,
)
# What is left after date, time and weekday words are taken out of a date stamp.
DATE_WORDS = re.compile(
    r"\b(?:"
    + alternation(WEEKDAYS | WEEKDAY_ABBREVIATIONS_EN | MONTHS)
    + r"|wib|wita|wit|gmt|utc|et|est|edt|pst|pdt|bst"
    r"|cet|am|pm|a\.m|p\.m|pukul|jam|updated|update|published|posted|diperbarui|diterbitkan|dipublikasikan|on|at"
    r"|last|modified|hours?|minutes?|days?|ago|jam|menit|hari|lalu|yang)\b",
    _I,
)
MAX_FURNITURE_WORDS = 25
MAX_NOTICE_WORDS = 60
MAX_EDGE_LABEL_WORDS = 3
MAX_BYLINE_WORDS = 8
MAX_EDGE_LABEL_CHARS = 30


def is_boilerplate(line: str) -> bool:
    """True when the whole line is page furniture rather than article text."""
    words = line.split()
    if not words:
        return True
    if len(words) > MAX_NOTICE_WORDS:
        return False
    if NOTICE_LINE.search(line):
        return True
    if len(words) > MAX_FURNITURE_WORDS:
        return False
    if READ_ALSO.search(line) or AD_LINE.search(line) or CREDIT_LINE.search(line) or PROMPT_LINE.search(line):
        return True
    if len(words) <= MAX_BYLINE_WORDS and BYLINE.match(line):
        return True
    if len(words) <= 12 and AGENCY_CREDIT.search(line):
        return True
    return _is_share_bar(line) or _is_date_stamp(line)


def is_leading_label(line: str) -> bool:
    """A short label without sentence punctuation ("FotoBisnis", "Breaking News") above the first paragraph."""
    return (
        len(line.split()) <= MAX_EDGE_LABEL_WORDS
        and len(line) <= MAX_EDGE_LABEL_CHARS
        and not re.search(r"[.!?\"”’)。]\W*$", line)
    )


def is_trailing_label(line: str) -> bool:
    """A single bare word ("close", "MustRead") after the last paragraph; "(fyk/ash)" or a URL is kept."""
    return bool(re.fullmatch(r"[^\W\d_]{1,20}", line))


def _is_share_bar(line: str) -> bool:
    leftover = SHARE_WORDS.sub(" ", line)
    return not re.search(r"[^\W\d_]", leftover)


def _is_date_stamp(line: str) -> bool:
    """A line made only of dates, times, numbers and words like "Updated" (also a bare list number "01")."""
    leftover = DATE_WORDS.sub(" ", line)
    return not re.search(r"[^\W\d_]", leftover)
