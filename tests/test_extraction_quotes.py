"""quote_spans: one reading of quotation marks, with the caller choosing what an unclosed one means."""

import pytest

from claims.extraction.quotes import QUOTE_MARK, quote_spans


def inner(text, spans):
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("unclosed", ["drop", "to_end"])
def test_curly_and_straight_quotes_are_found_marks_included(unclosed):
    text = 'He left. “One. Two,” she said. "Three."'
    assert inner(text, quote_spans(text, unclosed=unclosed)) == ["“One. Two,”", '"Three."']


@pytest.mark.parametrize("unclosed", ["drop", "to_end"])
def test_a_range_is_read_on_its_own(unclosed):
    text = 'Intro "a b c" and then “d e”.'
    assert quote_spans(text, 13, len(text), unclosed=unclosed) == [(23, 28)]


def test_unclosed_quote_is_dropped_or_runs_to_the_end():
    text = "“Kami akan datang besok, kata dia"
    assert quote_spans(text, unclosed="drop") == []
    assert quote_spans(text, unclosed="to_end") == [(0, len(text))]


def test_mixed_marks_pair_up_when_marks_are_not_trusted():
    text = '“Satu dua, "kata dia. "Tiga."'
    assert inner(text, quote_spans(text, unclosed="drop")) == ['“Satu dua, "', '"Tiga."']


def test_a_new_opening_mark_restarts_or_nests():
    text = "“stray “real quote” here"
    assert inner(text, quote_spans(text, unclosed="drop")) == ["“real quote”"]
    assert inner(text, quote_spans(text, unclosed="to_end")) == ["“stray “real quote”"]


def test_a_straight_quote_ends_only_at_a_straight_mark_when_trusted():
    text = '"He called it “Shark Tank.” Then he left," she said.'
    assert inner(text, quote_spans(text, unclosed="to_end")) == ['"He called it “Shark Tank.” Then he left,"']
    assert inner(text, quote_spans(text, unclosed="drop")) == ["“Shark Tank.”"]


def test_a_closing_mark_at_the_start_opens():
    text = "”Fear. I am truly afraid.” said a reader."
    assert quote_spans(text, unclosed="to_end") == [(0, 26)]
    assert quote_spans(text, unclosed="drop") == [(0, 26)]


def test_doubled_straight_quotes_count_as_a_mark():
    text = "''This isn't tax reform,'' said Douglas Holtz-Eakin."
    assert inner(text, quote_spans(text, unclosed="to_end")) == ["''This isn't tax reform,''"]


def test_british_single_quotes_are_read_only_when_trusted_and_no_double_quotes():
    text = "The minister said it was ‘a very good day for us’ and left. It’s done."
    assert inner(text, quote_spans(text, unclosed="to_end")) == ["‘a very good day for us’"]
    assert quote_spans(text, unclosed="drop") == []
    assert quote_spans("It’s the ‘’90s’ again, don’t.", unclosed="to_end") == []


def test_marks_found_earlier_give_the_same_spans():
    text = 'A "b c" d “e f” g "h'
    marks = list(QUOTE_MARK.finditer(text))
    for unclosed in ("drop", "to_end"):
        assert quote_spans(text, unclosed=unclosed, marks=marks) == quote_spans(text, unclosed=unclosed)


def test_the_policy_must_be_named():
    with pytest.raises(ValueError, match="unclosed"):
        quote_spans("x", unclosed="keep")
