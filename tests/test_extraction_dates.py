"""Claim dates: the frame's date near the cue, else a weekday, else the article's date."""

import datetime

from claims.extraction.dates import WEEKDAY_MISMATCH, claim_date
from claims.extraction.types import Attribution


def attribution(text, content, cue=None):
    """An Attribution over the whole text for `content`, with `cue` located outside it."""
    start = text.index(content)
    end = start + len(content)
    cue_start = cue_end = None
    if cue:
        cue_start = text.index(cue, end) if cue in text[end:] else text.index(cue)
        cue_end = cue_start + len(cue)
    return Attribution(
        start=start,
        end=end,
        speaker=None,
        kind="indirect",
        sentence_start=0,
        sentence_end=len(text),
        cue=cue,
        cue_start=cue_start,
        cue_end=cue_end,
    )


def date_of(text, content, cue=None, published=datetime.date(2017, 9, 8), lang="id"):
    return claim_date(text, attribution(text, content, cue), published=published, lang=lang)


def test_weekday_with_partial_date_after_cue():
    text = '"Kami bernegosiasi dengan negara sahabat," ujar Tun, sebagaimana dilansir Reuters, Rabu (6/9).'
    assert date_of(text, "Kami bernegosiasi dengan negara sahabat", "ujar") == (datetime.date(2017, 9, 6), ())


def test_no_date_falls_back_to_published():
    text = "Duta Besar Rusia mengatakan bahwa 15 negara sudah menggelar rapat."
    published = datetime.date(2017, 9, 8)
    assert date_of(text, "15 negara sudah menggelar rapat", "mengatakan", published) == (published, ())


def test_no_date_and_no_published_is_none():
    text = "Ia mengatakan bahwa rapat sudah digelar."
    assert date_of(text, "rapat sudah digelar", "mengatakan", published=None) == (None, ())


def test_weekday_alone_is_most_recent_such_day_on_or_before_published():
    text = "Sebelumnya pada hari Senin, kantor media mengatakan bahwa pasokan ditunda."
    day, flags = date_of(text, "pasokan ditunda", "mengatakan", published=datetime.date(2025, 2, 4))
    assert day == datetime.date(2025, 2, 3)
    assert flags == ()


def test_weekday_on_the_published_day_is_that_day():
    text = '"Kami siap," kata dia di Jakarta, Sabtu.'
    assert date_of(text, "Kami siap,", "kata", datetime.date(2017, 4, 8))[0] == datetime.date(2017, 4, 8)


def test_weekday_between_cue_and_content():
    text = "Kim mengatakan pada Selasa bahwa ia menerima kehormatan itu."
    day, _ = date_of(text, "ia menerima kehormatan itu.", "mengatakan", datetime.date(2016, 9, 30))
    assert day == datetime.date(2016, 9, 27)


def test_weekday_contradicting_full_date_is_flagged_and_date_kept():
    text = "Delegasi bertemu Bogdanov, kata laporan itu, Senin (4/2/2025)."
    day, flags = date_of(text, "Delegasi bertemu Bogdanov", "kata", datetime.date(2025, 2, 4))
    assert day == datetime.date(2025, 2, 4)
    assert flags == (WEEKDAY_MISMATCH,)


def test_full_date_with_time_of_day():
    text = '"Ini penting," kata Bambang melalui siaran tertulis, Sabtu malam (24/2/2018).'
    assert date_of(text, "Ini penting,", "kata", datetime.date(2018, 2, 25)) == (datetime.date(2018, 2, 24), ())


def test_partial_date_after_published_goes_to_previous_year():
    text = '"Kami siap," ujar dia, Jumat (29/12).'
    day, flags = date_of(text, "Kami siap,", "ujar", datetime.date(2018, 1, 2))
    assert day == datetime.date(2017, 12, 29)
    assert flags == ()


def test_date_inside_content_is_a_topic_not_the_day_of_speaking():
    text = "Abu Marzouk mengatakan bahwa Israel menolaknya pada tanggal 23 Maret."
    published = datetime.date(2025, 4, 2)
    assert date_of(text, "Israel menolaknya pada tanggal 23 Maret.", "mengatakan", published) == (published, ())


def test_named_month_date_outside_content():
    text = "Pada tanggal 23 Maret, juru bicara itu mengatakan bahwa bantuan ditunda."
    day, _ = date_of(text, "bantuan ditunda.", "mengatakan", datetime.date(2017, 3, 25))
    assert day == datetime.date(2017, 3, 23)


def test_old_full_date_is_a_birthday_not_the_day_of_speaking():
    text = "Artis kelahiran Jakarta, 20 Agustus 1993 ini mengatakan dirinya selalu memperingati Hari Kartini."
    published = datetime.date(2017, 4, 22)
    assert date_of(text, "dirinya selalu memperingati Hari Kartini.", "mengatakan", published)[0] == published


def test_kemarin_is_the_day_before_but_pekan_kemarin_is_not():
    published = datetime.date(2017, 4, 22)
    text = '"Kita harus sekolah tinggi," tutur Tina Toon, kemarin.'
    assert date_of(text, "Kita harus sekolah tinggi,", "tutur", published)[0] == datetime.date(2017, 4, 21)
    text = '"Kita menang," tutur pelatih usai laga pekan kemarin.'
    assert date_of(text, "Kita menang,", "tutur", published)[0] == published


def test_nearest_date_to_the_cue_wins():
    text = 'Senin (3/4), polisi menahan dua orang. "Kami periksa," kata Kapolres, Rabu (5/4).'
    day, _ = date_of(text, "Kami periksa,", "kata", datetime.date(2017, 4, 6))
    assert day == datetime.date(2017, 4, 5)


def test_minggu_ini_is_this_week_not_sunday():
    text = "Minggu ini, menteri mengatakan bahwa harga naik."
    published = datetime.date(2017, 5, 10)
    assert date_of(text, "harga naik.", "mengatakan", published)[0] == published


def test_english_said_on_weekday():
    text = '"We will achieve justice," police Chief Chuck Jordan said Monday.'
    day, _ = date_of(text, "We will achieve justice,", "said", datetime.date(2016, 9, 20), lang="en")
    assert day == datetime.date(2016, 9, 19)


def test_english_month_day():
    text = "The ministry said on Sept. 11 that exports fell by 40%."
    day, _ = date_of(text, "exports fell by 40%.", "said", datetime.date(2017, 9, 13), lang="en")
    assert day == datetime.date(2017, 9, 11)


def test_english_modal_may_is_not_a_month():
    text = "We may see growth, the minister said on Tuesday."
    day, _ = date_of(text, "We may see growth,", "said", datetime.date(2017, 5, 10), lang="en")
    assert day == datetime.date(2017, 5, 9)


def test_english_weekday_with_full_date_mismatch():
    text = "Officials said on Monday, September 11, 2017 that the road was closed."
    day, flags = date_of(text, "the road was closed.", "said", datetime.date(2017, 9, 12), lang="en")
    assert day == datetime.date(2017, 9, 11)
    assert flags == ()
    text = "Officials said on Tuesday, September 11, 2017 that the road was closed."
    assert date_of(text, "the road was closed.", "said", datetime.date(2017, 9, 12), lang="en")[1] == (
        WEEKDAY_MISMATCH,
    )


def test_fraction_and_plain_numbers_are_not_dates():
    text = "Menurut dia, 1/2 dari 2.500 warga setuju."
    published = datetime.date(2017, 5, 10)
    assert date_of(text, "1/2 dari 2.500 warga setuju.", "Menurut", published)[0] == published
    text = "Sebanyak 1/2 warga, kata dia, setuju."
    assert date_of(text, "setuju.", "kata", published)[0] == published


def test_weekday_comma_numeric_date():
    text = '"Kami siap," kata Kapolda, Senin, 27/3.'
    assert date_of(text, "Kami siap,", "kata", datetime.date(2017, 3, 28)) == (datetime.date(2017, 3, 27), ())


def test_weekday_comma_then_parenthesised_date_is_one_candidate():
    text = '"Kami siap," ujar Direktur Utama, Selasa, (6/12).'
    day, flags = date_of(text, "Kami siap,", "ujar", datetime.date(2017, 12, 8))
    assert day == datetime.date(2017, 12, 6)
    assert flags == (WEEKDAY_MISMATCH,)  # 6 Dec 2017 was a Wednesday


def test_kemarin_with_an_explicit_date_takes_the_date():
    text = '"Mereka sudah pulang," kata Martinus di Mabes Polri, kemarin (12/7).'
    assert date_of(text, "Mereka sudah pulang,", "kata", datetime.date(2017, 7, 14))[0] == datetime.date(2017, 7, 12)


def test_friday_prayer_is_not_a_day_of_speaking():
    text = "Ia mengatakan insiden terjadi ketika staf sedang salat Jumat, kata juru bicara."
    published = datetime.date(2017, 1, 8)
    content = "insiden terjadi ketika staf sedang"
    assert date_of(text, content, "kata", published)[0] == published


def test_an_impossible_article_date_is_no_date_and_never_overflows():
    from claims.extraction import extract

    text = (
        '"Kami bernegosiasi dengan negara sahabat," ujar Tun, Senin lalu. '
        "Kemarin dia mengatakan harga naik 10 persen."
    )
    for published in (datetime.date.min, datetime.date(1, 1, 3), datetime.date.max):
        assert date_of(text, "Kami bernegosiasi dengan negara sahabat", "ujar", published) == (None, ())
        claims = extract(text, lang="id", published=published).claims
        assert claims and all(claim.date is None for claim in claims)
