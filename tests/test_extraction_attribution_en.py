"""English attribution patterns, on tiny inline articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction.attribution.english import find_attributions
from claims.extraction.attribution.english_units import quote_spans, split_units


def claims(text):
    return [(text[a.start : a.end], a.speaker, a.kind) for a in find_attributions(text)]


def only(text):
    found = find_attributions(text)
    assert len(found) == 1, claims(text)
    return found[0]


def test_subject_said_that_clause():
    text = "Kevin Sullivan said Monday that no one had released the filings."
    a = only(text)
    assert text[a.start : a.end] == "no one had released the filings"
    assert a.speaker == "Kevin Sullivan"
    assert a.kind == "indirect"
    assert text[a.cue_start : a.cue_end] == "said"
    assert (a.sentence_start, a.sentence_end) == (0, len(text))
    assert text[a.speaker_start : a.speaker_end] == "Kevin Sullivan"


def test_quote_then_speaker_then_cue():
    text = "“The insurance model doesn’t work here,” Clinton said."
    a = only(text)
    assert text[a.start : a.end] == "“The insurance model doesn’t work here,”"
    assert (a.speaker, a.kind) == ("Clinton", "direct")


def test_quote_then_cue_then_speaker_with_title():
    text = "“This is in their heads,” said Pat Caddell, a longtime Democratic pollster."
    a = only(text)
    assert text[a.start : a.end] == "“This is in their heads,”"
    assert a.speaker == "Pat Caddell"


def test_multi_sentence_quote_is_one_claim():
    text = "“It is one thing. It is another thing. And it is deadly,” said Caddell."
    a = only(text)
    assert text[a.start : a.end] == "“It is one thing. It is another thing. And it is deadly,”"


def test_according_to_before_and_after():
    first = "According to the Census Bureau, incomes rose 5 percent last year."
    a = only(first)
    assert (first[a.start : a.end], a.speaker) == ("incomes rose 5 percent last year", "Census Bureau")
    second = "Incomes rose 5 percent last year, according to the Census Bureau."
    b = only(second)
    assert (second[b.start : b.end], b.speaker) == ("Incomes rose 5 percent last year", "Census Bureau")
    assert second[b.cue_start : b.cue_end] == "according to"


def test_trailing_speaker_after_content():
    text = "A campaign operative decided to change course, a source said."
    a = only(text)
    assert text[a.start : a.end] == "A campaign operative decided to change course"
    assert a.speaker == "a source"


def test_told_outlet_goes_into_via():
    text = "Senator Jane Doe told Reuters that the bill would pass."
    a = only(text)
    assert text[a.start : a.end] == "the bill would pass"
    assert a.speaker == "Jane Doe"
    assert a.via == "Reuters"


def test_relative_clause_between_speaker_and_cue():
    text = "Jane Doe, who chairs the committee, said the vote would be held in May."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("the vote would be held in May", "Jane Doe")


def test_participle_takes_main_clause_subject():
    text = "Hillary Clinton spoke out Tuesday in Tulsa, Oklahoma, arguing that the shooting was intolerable."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("the shooting was intolerable", "Hillary Clinton")
    assert text[a.speaker_start : a.speaker_end] == "Hillary Clinton"


def test_pronoun_and_short_form_resolve_to_full_name():
    text = (
        "Donald Trump spoke in Ohio on Monday.\n\n"
        "Trump said the economy was rigged.\n\n"
        "He said taxes would fall."
    )
    found = find_attributions(text)
    assert [a.speaker for a in found] == ["Donald Trump", "Donald Trump"]
    assert "Trump" in found[0].speaker_aliases


def test_honorific_form_is_kept():
    text = "Tom Clarke bought the mines.\n\nMr. Clarke said he would clean them up."
    assert claims(text) == [("he would clean them up", "Mr. Clarke", "indirect")]


def test_quote_continuation_keeps_speaker():
    text = "“Yesterday there were two polls,” said Caddell. “Both had very similar numbers.”"
    found = claims(text)
    assert found == [
        ("“Yesterday there were two polls,”", "Caddell", "direct"),
        ("“Both had very similar numbers.”", "Caddell", "direct"),
    ]


def test_two_claims_in_one_sentence():
    text = "Smith said taxes would rise, and Jones said they would fall."
    assert claims(text) == [("taxes would rise", "Smith", "indirect"), ("they would fall", "Jones", "indirect")]


def test_nested_cue_stays_inside_outer_claim():
    text = "City Attorney Brad Holm said that the advertisement suggests that officers support the campaign."
    a = only(text)
    assert text[a.start : a.end] == "the advertisement suggests that officers support the campaign"


def test_section_label_is_not_a_speaker():
    assert claims("READ MORE: Trump wins the debate.") == []
    assert claims("Related: The polls are closing.") == []


def test_headline_attribution():
    text = "Pat Caddell: Democrat Voters Worried About Clinton."
    assert claims(text) == [("Democrat Voters Worried About Clinton", "Pat Caddell", "indirect")]


def test_noun_uses_of_cue_words_are_ignored():
    assert claims("The report was released on Monday. His claims were false.") == []
    assert claims("The suing states were exaggerating the reach of the agency.") == []


def test_quote_then_question_and_short_tail():
    text = "“Why is this not proof?” Vitter demanded."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("“Why is this not proof?”", "Vitter")


def test_colon_introduces_quote():
    text = "Caddell continued: “The health issue is a partisan issue.”"
    a = only(text)
    assert text[a.start : a.end] == "“The health issue is a partisan issue.”"
    assert a.kind == "direct"


def test_study_found_that():
    text = "A Government Accountability Office report found that the agency could not be sure."
    a = only(text)
    assert text[a.start : a.end] == "the agency could not be sure"
    assert a.speaker == "A Government Accountability Office report"


def test_dash_attribution_after_quote():
    text = "“You are not a leader.” ― Adriana Rodarte"
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("“You are not a leader.”", "Adriana Rodarte")


@pytest.mark.parametrize("quote", ["“", '"', "''"])
def test_quote_marks_styles(quote):
    close = {"“": "”"}.get(quote, quote)
    text = f"{quote}It's basically a tax increase,{close} said Alan Cole."
    a = only(text)
    assert a.speaker == "Alan Cole"
    assert text[a.start : a.end].startswith(quote)


def test_units_keep_quotes_together_and_split_sentences():
    text = "He left. “One. Two,” she said. Dr. Smith agreed."
    units = [text[u.start : u.end] for u in split_units(text)]
    assert units == ["He left.", "“One. Two,” she said.", "Dr. Smith agreed."]
    assert quote_spans(text, 0, len(text)) == [(9, 20)]


def test_parenthetical_cue_gives_both_halves():
    text = "Even if the venture fails, Mr. Morgan said, he has already reclaimed most of the land."
    assert [c[0] for c in claims(text)] == ["Even if the venture fails", "he has already reclaimed most of the land"]


def test_quote_on_both_sides_of_the_cue():
    text = "“If he thinks that makes him smart,” the narrator says, “what does he think of you?”"
    assert [c[0] for c in claims(text)] == ["“If he thinks that makes him smart,”", "“what does he think of you?”"]


def test_colon_at_paragraph_end_introduces_next_quote():
    text = "Caddell continued:\n\n“The health issue is very much a partisan issue.”"
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("“The health issue is very much a partisan issue.”", "Caddell")
    assert text[a.cue_start : a.cue_end] == "continued"
    assert (a.sentence_start, a.sentence_end) == (0, len(text))


def test_gerund_cue_before_a_quote():
    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead?”"
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("“Why aren’t I 50 points ahead?”", "Hillary Clinton")


def test_intention_and_evidence_cues_need_a_fitting_subject():
    assert claims("Hillary Clinton plans to call on young people to serve.") == [
        ("to call on young people to serve", "Hillary Clinton", "indirect")
    ]
    assert claims("One study found Trump would raise taxes on 8 million Americans.")[0][1] == "One study"
    assert claims("The team found the keys in the car.") == []


def test_passive_and_anaphoric_uses_are_not_claims():
    assert claims("He was formally called to the hearing.") == []
    assert claims("Robby Mook said as much in an interview on Thursday.") == []


def test_boilerplate_label_line_is_skipped():
    assert claims("Editor’s note: Donald Trump said the debate was rigged.") == []


def test_transcript_speaker_label():
    text = "PENCE: Well, look, the question really should be why she invited him."
    assert claims(text)[0][1] == "PENCE"


def test_relative_clause_yields_to_the_main_verb():
    text = "Mr. Obama, who understood that a push would fail, told his advisers to act without Congress."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("his advisers to act without Congress", "Mr. Obama")


def test_as_comment_is_not_a_claim():
    text = "Protest is patriotic, Mr. Obama said, like ''I can't breathe,'' as Eric Garner said before he died."
    assert all(a.speaker == "Mr. Obama" for a in find_attributions(text))


def test_british_single_quotes():
    text = "‘We will not back down,’ the minister said. ‘It is the voters’ choice now.’"
    assert claims(text) == [
        ("‘We will not back down,’", "the minister", "direct"),
        ("‘It is the voters’ choice now.’", "the minister", "direct"),
    ]


def test_coordinated_cue_shares_the_subject():
    text = 'Chuck Schumer called the move "a disgrace" and said his party would keep pressing.'
    assert claims(text) == [
        ('the move "a disgrace"', "Chuck Schumer", "direct"),
        ("his party would keep pressing", "Chuck Schumer", "indirect"),
    ]


@pytest.mark.parametrize("text", ["", "  \n\n ", '"', "said", "Said:", "according to", "“Q,” said", "― X"])
def test_degenerate_input_gives_no_claims(text):
    assert find_attributions(text) == []


def test_offsets_survive_characters_that_change_length_when_lowered():
    text = "İstanbul’s mayor said that the İİ project was fine."
    a = only(text)
    assert text[a.start : a.end] == "the İİ project was fine"


def test_extraction_modules_do_not_import_django():
    code = (
        "import sys; import claims.extraction.attribution.english; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
