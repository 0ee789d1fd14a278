from claims.extraction.language import detect_language


def test_indonesian_is_not_read_as_malay_or_english():
    assert detect_language("Hamas dan Rusia mengadakan pertemuan untuk membahas gencatan senjata di Gaza.") == "id"


def test_english():
    assert detect_language("The minister said on Monday that exports rose eight percent in March.") == "en"


def test_nothing_to_read_gives_the_default():
    assert detect_language("12345 -- 678 ...") == "en"
    assert detect_language("", default="id") == "id"
