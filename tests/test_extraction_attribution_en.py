"""English attribution patterns, on tiny inline articles."""

from __future__ import annotations

import pytest

from claims.extraction.attribution.english import find_attributions
from claims.extraction.attribution.english.speakers import is_mention
from claims.extraction.attribution.english.units import split_units


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


# --- reported speech without `that`, stance verbs, relative clauses, nominal cues ---------------------------


def test_belief_verb_takes_a_clause_without_that():
    text = "Many experts suspect those losses were generated by tax breaks."
    assert claims(text) == [("those losses were generated by tax breaks", "Many experts", "indirect")]


def test_stance_verb_object_stops_before_adjuncts():
    text = "Bill Clinton criticized the Affordable Care Act as a “crazy system” during a campaign stop in Flint."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("the Affordable Care Act as a “crazy system”", "Bill Clinton")


def test_stance_verb_with_a_one_name_object_and_call_on():
    assert claims("Clinton attacked Machado.") == [("Machado", "Clinton", "indirect")]
    text = "Adam Schiff called on President Obama to retaliate against Russia."
    a = only(text)
    assert (text[a.start : a.end], text[a.cue_start : a.cue_end]) == (
        "President Obama to retaliate against Russia", "called on"
    )


def test_object_before_that_clause():
    text = "Donald Trump is warning voters that a Clinton victory would bring back scandal."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("a Clinton victory would bring back scandal", "Donald Trump")


def test_antecedent_of_a_relative_clause_is_the_speaker():
    text = "There are some economists who argue that corporate taxes should be very low."
    assert claims(text) == [("corporate taxes should be very low", "some economists", "indirect")]
    text = "Instead, the study -- which notes that 58 companies would owe more -- was released on Tuesday."
    assert claims(text) == [("58 companies would owe more", "the study", "indirect")]


def test_relative_clause_cue_before_a_quote():
    text = "They turned to the Chicago Police Department, which reported “2,521 shooting incidents” in the city."
    a = only(text)
    assert a.speaker == "Chicago Police Department"
    assert text[a.start : a.end].startswith("“2,521")


def test_possessive_noun_cue_names_its_owner():
    text = "Politifact seized on Donald Trump’s claim that there have been thousands of shootings in Chicago."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("there have been thousands of shootings in Chicago", "Donald Trump")
    assert text[a.speaker_start : a.speaker_end] == "Donald Trump"


def test_cue_word_after_a_possessive_is_a_noun():
    assert claims("In Mrs. Clinton's favor, the vote was close.") == []


def test_gerund_with_that_clause_after_a_noun_takes_the_main_subject():
    text = "Trump unleashed a series of tweets early Friday saying that Clinton had shown bad judgment."
    assert claims(text) == [("Clinton had shown bad judgment", "Trump", "indirect")]


def test_coordinated_clause_gets_its_own_subject():
    text = "Republicans said the department mishandled the case and Democrats accused the GOP of stoking the issue."
    assert claims(text) == [
        ("the department mishandled the case", "Republicans", "indirect"),
        ("the GOP of stoking the issue", "Democrats", "indirect"),
    ]


def test_verb_chains_before_a_cue():
    text = (
        "The Republican nominee continues to insist, most recently in an interview, "
        "that he wants to release his taxes."
    )
    assert claims(text) == [("he wants to release his taxes", "The Republican nominee", "indirect")]
    text = "Howard Dean, a doctor, appeared on MSNBC on Tuesday and began by saying he would never diagnose anyone."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("he would never diagnose anyone", "Howard Dean")


def test_participle_after_an_adverb_and_a_stance_object():
    text = "The GOP nominee complained about his mic after the debate, even suggesting he may have been sabotaged."
    assert claims(text)[-1] == ("he may have been sabotaged", "The GOP nominee", "indirect")


def test_second_clause_after_a_tail_cue():
    text = (
        "The middle fifth paid 8.9 percent, the agency said in a June report, "
        "and those in the bottom fifth paid 0.8 percent."
    )
    assert [c[:2] for c in claims(text)] == [
        ("The middle fifth paid 8.9 percent", "the agency"),
        ("those in the bottom fifth paid 0.8 percent", "the agency"),
    ]


def test_quote_after_a_colon_belongs_to_the_subject():
    text = 'President Obama is rolling out a new campaign message: "It is about me."'
    a = only(text)
    assert (text[a.start : a.end], a.speaker, a.kind) == ('"It is about me."', "Obama", "direct")


def test_reversed_opening_quote_mark():
    text = "”Fear. I am truly afraid that he will win.” ― Edwin Monroy"
    a = only(text)
    assert (a.speaker, a.kind) == ("Edwin Monroy", "direct")


# --- pronouns follow gender -----------------------------------------------------------------------------------


def test_pronouns_follow_gender_of_first_names():
    text = (
        "Hillary Clinton spoke first.\n\n"
        "Donald Trump said taxes were too high.\n\n"
        "She said the plan would fail.\n\n"
        "He said it would not."
    )
    assert [a.speaker for a in find_attributions(text)] == ["Donald Trump", "Hillary Clinton", "Donald Trump"]


def test_pronouns_follow_gender_of_honorifics():
    text = "Ms. Moore said it was a bad deal.\n\nMr. Clarke said it was fair.\n\nShe said he was wrong."
    assert [a.speaker for a in find_attributions(text)] == ["Ms. Moore", "Mr. Clarke", "Ms. Moore"]


def test_pronoun_of_unknown_gender_takes_the_last_person():
    text = "Pat Caddell said the race was close.\n\nShe said the polls were wrong."
    assert [a.speaker for a in find_attributions(text)] == ["Pat Caddell", "Pat Caddell"]


def test_gender_guess():
    from claims.extraction.attribution.english.gender import FEMALE, MALE, gender_of

    assert gender_of("spokeswoman Jane Roe") == FEMALE
    assert gender_of("Mr. Clarke") == MALE
    assert gender_of("Clinton", "Hillary Clinton") == FEMALE
    assert gender_of("the committee") is None


def test_cue_index_matches_unit_scan():
    from claims.extraction.attribution.english.cues import CueIndex, find_cues

    text = "Smith said taxes would rise. “We know,” Jones added. His claim that it works was denied, she noted."
    index = CueIndex(text)
    for unit in split_units(text):
        scanned = [(c.start(), c.end(), c.kind) for c in find_cues(text, unit)]
        assert [(c.start(), c.end(), c.kind) for c in find_cues(text, unit, index.lower, index)] == scanned


def test_bare_noun_like_forms_need_a_subject():
    assert claims("The Democratic nominee sits at 85 percent support among black voters.") == []
    assert claims("She gives credit to black storytellers for speaking out.") == []
    assert claims("Britain and France support some opposition groups.") == [
        ("some opposition groups", "Britain and France", "indirect")
    ]


def test_cue_word_followed_by_a_verb_is_a_noun():
    assert claims("Republican support was more solid in the Senate.") == []
    assert claims("Ms. Moore called into a radio program on Friday.") == []


def test_passive_after_an_adverb_is_not_a_claim():
    assert claims("All of this is powerfully documented in the film.") == []


def test_remind_and_appeared_to():
    text = "Trump reminded the audience that he was the only candidate funding his own campaign."
    assert claims(text)[0][:2] == ("he was the only candidate funding his own campaign", "Trump")
    text = "Last week Stumpf in a televised interview appeared to blame low-level workers for the scheme."
    assert claims(text)[0][:2] == ("low-level workers for the scheme", "Stumpf")


def test_object_relative_clause_has_its_own_subject():
    text = "The union took a stake in the Federal mine, which Mr. Clarke says he is doing everything to keep open."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("he is doing everything to keep open", "Mr. Clarke")


def test_name_right_before_the_cue_inside_a_clause():
    text = "Thursday’s walk-ins were the third time AROS said it had set up such an event."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("it had set up such an event", "AROS")


def test_document_reads_a_quote():
    text = 'The statement read: "We are disappointed."'
    assert claims(text) == [('"We are disappointed."', "The statement", "direct")]


def test_evidence_subject_with_a_modifier():
    text = "A new poll from Quinnipiac shows Clinton leading by five points."
    assert claims(text) == [("Clinton leading by five points", "A new poll from Quinnipiac", "indirect")]


def test_outlet_named_before_the_speaker_goes_into_via():
    text = "In an interview with Fox News, Trump claimed the election was rigged."
    a = only(text)
    assert (text[a.start : a.end], a.speaker, a.via) == ("the election was rigged", "Trump", "Fox News")


# Speakers are mentions of someone, never clause fragments.


@pytest.mark.parametrize("phrase", ["Although EDC", "Readings above 50", "it almost", "Pelosi just as", "D-Calif.",
                                    "among others", "In effect", "Labor Day", "the Rev. Ann Cole began taking",
                                    "bemoaned the delays and"])
def test_clause_fragments_are_not_speakers(phrase):
    assert not is_mention(phrase)


@pytest.mark.parametrize("phrase", ["Mike Hawes", "the president of the European Council", "police", "she",
                                    "The company", "Sen. Ted Cruz (R-Tex.)", "Several economists", "Mr. Hawes"])
def test_names_roles_organisations_and_pronouns_are_speakers(phrase):
    assert is_mention(phrase)


def test_subordinator_before_a_name_is_not_part_of_the_speaker():
    text = "Although Brightwell said the bridge was sound, engineers closed it."
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("the bridge was sound", "Brightwell")


def test_quantity_subject_gives_no_claim():
    assert claims("Readings above 50 indicate that the sector is growing.") == []


def test_body_of_people_speaks_as_one():
    text = "The lorry had no brakes, police said."
    assert claims(text) == [("The lorry had no brakes", "police", "indirect")]


def test_party_tag_after_a_name_is_stepped_over():
    text = "“We will win this seat,” Sen. Jane Roe, D-Ore., said Tuesday."
    assert only(text).speaker == "Jane Roe"


# Weak cues attribute only a clause.


@pytest.mark.parametrize("text", [
    "The airline announced a new chief executive on Monday.",
    "Ana Lopez did not immediately respond to requests for comment.",
    "The ministry responded with a long list of figures.",
    "The rebel group claimed responsibility for the blast.",
    "Marta thought of her years on the farm.",
    "Mr. Park championed the housing bill in the Senate.",
    "The survey indicates a slowing economy.",
])
def test_weak_cue_without_a_clause_gives_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(("text", "content"), [
    ("The airline announced that it would cut 300 jobs.", "it would cut 300 jobs"),
    ("The ministry responded that the figures were wrong.", "the figures were wrong"),
    ("Marta thought the harvest would fail.", "the harvest would fail"),
    ("The survey indicates consumers are spending less.", "consumers are spending less"),
])
def test_weak_cue_with_a_clause_is_a_claim(text, content):
    assert text[only(text).start : only(text).end] == content


def test_weak_cue_without_a_clause_still_names_the_subject_of_a_later_cue():
    text = "The mayor announced a curfew on Friday and said it would last the weekend."
    assert claims(text) == [("it would last the weekend", "The mayor", "indirect")]


# Section labels, teasers and empty contents give no claims.


@pytest.mark.parametrize("text", [
    "Relevant Reading: Senator Jane Roe says taxes will rise",
    "READ MORE Governor says the dam will hold",
    "Earlier: Mayor says the bridge will reopen in June",
    "Related coverage: Union says the strike will go on",
])
def test_teasers_and_section_labels_give_no_claims(text):
    assert claims(text) == []


def test_earlier_as_an_adverb_is_not_a_label():
    text = "Earlier, the mayor said the bridge would reopen in June."
    assert claims(text) == [("the bridge would reopen in June", "the mayor", "indirect")]


@pytest.mark.parametrize("text", ["“That’s why,” she said.", "All of which, he said."])
def test_content_without_a_proposition_is_not_output(text):
    assert claims(text) == []


# Coreference and the voice of uncued quotes.


def test_surname_resolves_to_the_full_name_given_earlier():
    text = ("Mike Hawes, the chief executive of the trade body, said sales had fallen.\n"
            "Hawes said the fall would continue into the spring.")
    assert [a.speaker for a in find_attributions(text)] == ["Mike Hawes", "Mike Hawes"]


def test_appositive_title_before_the_name_names_its_holder():
    text = "The president of the European Council, Donald Tusk, said the summit would go ahead."
    assert only(text).speaker == "Donald Tusk"


def test_named_subject_takes_over_the_pronoun_and_the_quote():
    text = ("“We will not stop,” said Ana Ruiz, a nurse.\n"
            "Her colleague Tom Baker disagreed. “It is over,” he said.\n"
            "“Nobody listens to us any more.”")
    assert [a.speaker for a in find_attributions(text)] == ["Ana Ruiz", "Tom Baker", "Tom Baker"]


def test_uncued_quote_after_another_subject_does_not_keep_the_earlier_speaker():
    text = ("“The ward is full every night,” said Ana Ruiz, a nurse.\n"
            "Governor Paul Mensah visited the hospital on Friday. “We will build a new wing next year.”")
    found = find_attributions(text)
    assert [a.speaker for a in found] == ["Ana Ruiz", "Paul Mensah"]


def test_subject_shared_with_a_verb_that_is_no_cue():
    text = "Mr. Diaz visited the ward and said the hospital would stay open."
    assert claims(text) == [("the hospital would stay open", "Mr. Diaz", "indirect")]


def test_cue_in_a_subordinate_clause_ends_its_content_with_the_clause():
    text = "When the mayor said that the water was clean, nobody believed her."
    assert claims(text) == [("the water was clean", "the mayor", "indirect")]


def test_voiced_cue_verbs():
    text = "“Open the gates!” the crowd shouted."
    assert claims(text) == [("“Open the gates!”", "the crowd", "direct")]


def test_phrase_ending_in_a_quantifier_is_not_a_speaker():
    assert not is_mention("One of the many")
    assert is_mention("The three senators all")


def test_noun_cue_followed_by_a_relative_that_is_no_cue():
    assert claims("The Clean Water Act rules that would close farms were approved.") == []


def test_capitalised_cue_inside_a_title_is_no_cue():
    text = "Speaking on The Evening Report Show, Governor Lisa Hart said the budget was balanced."
    assert claims(text) == [("the budget was balanced", "Lisa Hart", "indirect")]


def test_quote_in_doubled_straight_marks_after_a_prepositional_cue():
    text = "The guests included Ann Lee and Ray Cole, who joked of the stadium, ''I have never seen it this full.''"
    a = only(text)
    assert (text[a.start : a.end], a.speaker) == ("''I have never seen it this full.''", "Ray Cole")


def test_honorific_keeps_its_form_and_names_the_full_name_as_an_alias():
    text = ("Mike Hawes, the chief executive of the trade body, said sales had fallen.\n"
            "Mr. Hawes added that prices were rising.")
    second = find_attributions(text)[1]
    assert second.speaker == "Mr. Hawes"
    assert "Mike Hawes" in second.speaker_aliases


def test_adjective_in_ed_can_open_a_speaker_phrase():
    text = "The new plant “keeps jobs in the valley,” retired Army colonel Mark Dwyer said."
    assert claims(text) == [("The new plant “keeps jobs in the valley,”", "Mark Dwyer", "direct")]


def test_past_tense_verb_still_marks_a_clause_not_a_speaker():
    assert not is_mention("blamed the council")
    assert is_mention("retired Army colonel Mark Dwyer")


def test_inverted_cue_after_a_clause_ending_in_that():
    text = "The talks went badly, and they broke down after that, said one union source at the table."
    assert claims(text) == [
        ("The talks went badly, and they broke down after that", "one union source", "indirect"),
    ]


def test_parenthetical_cue_before_a_gerund_subject_keeps_the_main_clause():
    text = ("Sara Grant ran the office for ten years.\n"
            "Though the first move went smoothly, she said, moving the archive would take months.")
    contents = [c[0] for c in claims(text)]
    assert "moving the archive would take months" in contents


def test_parenthetical_cue_after_a_prepositional_phrase_keeps_only_the_clause():
    text = "During her long decade in charge of the office, Sara Grant said, the budget doubled."
    assert claims(text) == [("the budget doubled", "Sara Grant", "indirect")]


def test_participle_after_a_parenthetical_cue_still_gives_its_own_claim():
    text = "“We will fight this,” Grant said, arguing that the ruling was wrong."
    assert claims(text) == [("“We will fight this,”", "Grant", "direct"), ("the ruling was wrong", "Grant", "indirect")]


def test_age_and_relative_clause_between_name_and_cue():
    text = "Dana Ortiz, 44, who has run the clinic for years, told the council it is clear that funding fell."
    assert claims(text) == [("it is clear that funding fell", "Dana Ortiz", "indirect")]


def test_even_before_a_speaker_is_not_part_of_the_name():
    text = "Even Canada, the closest trading partner, said it was deeply concerned about the tariffs."
    assert claims(text)[0][1] == "Canada"


def test_hopes_to_is_an_intention_not_a_finding():
    text = "Ultimately, Mr. Clarke hopes to sell all of the land to the county."
    assert claims(text) == [("to sell all of the land to the county", "Mr. Clarke", "indirect")]


def test_relative_clause_on_the_subject_keeps_its_head_as_speaker():
    text = "The town was quiet.\nA 2019 study that appeared in a medical journal found that most pills did nothing."
    assert claims(text) == [("most pills did nothing", "A 2019 study", "indirect")]


def test_speaker_inside_an_open_bracket_is_not_the_clause_before_it():
    text = "Both men faced questions about the deal (his lawyer later disclosed that he had sold the shares)."
    assert [c[1] for c in claims(text)] == ["his lawyer"]


def test_plural_of_an_ambiguous_noun_after_an_adjective_is_no_cue():
    assert claims("The list names Republican advocates such as the Dallas paper and two think tanks.") == []
    assert claims("The plan involves creating pollution credits by planting trees.") == []


def test_continuing_without_a_clause_or_quote_is_no_cue():
    assert claims("Those discussions are continuing, officials said.") == [
        ("Those discussions are continuing", "officials", "indirect"),
    ]


def test_went_on_to_act_is_no_cue_but_went_on_to_discuss_is():
    assert claims("Reagan went on to win that year in a landslide.") == []
    assert claims("Cole went on to discuss the new polls from three states.")[0][1] == "Cole"


def test_passive_participle_before_by_is_no_cue():
    assert claims("Using the tax is a misguided approach (a view echoed by most economists).") == []


def test_worth_noting_is_no_cue():
    assert claims("It is worth noting that the bill was paid in full.") == []


def test_base_form_after_a_singular_name_is_no_cue():
    assert claims("The rules help Mr. Ortiz maintain the image of a strong leader.") == []
    assert claims("They argue that the rules are unfair.") == [("the rules are unfair", "They", "indirect")]
    assert claims("Some believe the plan is failing.") == [("the plan is failing", "Some", "indirect")]


def test_naming_participle_after_a_comma_is_no_inverted_cue():
    assert claims("The program, called EB-5, allows investors to gain visas.") == []


def test_clause_between_subject_and_cue_gives_the_speaker_after_the_cue():
    text = "The offer did not go over well with the miners, and the talks ended there, said one source in the room."
    assert claims(text) == [
        ("The offer did not go over well with the miners, and the talks ended there", "one source", "indirect"),
    ]


def test_title_case_heading_before_a_colon_is_not_a_speaker():
    text = "Intro line.\n\nVeto Power Blocks Peace Efforts: The council has failed to act in five wars."
    assert claims(text) == []


def test_topic_phrase_before_a_parenthetical_cue_is_not_content():
    text = "As for the network's bent, he said, “Every outlet takes sides this year.”"
    assert [c[0] for c in claims(text)] == ["“Every outlet takes sides this year.”"]


def test_uncued_quote_after_a_new_subject_with_an_appositive_is_the_new_subjects():
    text = ("Strike talks fail\n\n“We will not back down,” said Mark Lyle, the union chief. "
            "Ann Ruiz, the mayor, disagreed with the union. “The strike hurts everyone in this city.”")
    assert [c[1] for c in claims(text)] == ["Mark Lyle", "Ann Ruiz"]


def test_pronoun_takes_the_later_name_of_its_gender_over_an_earlier_speaker():
    text = ("Strike talks fail\n\nMary Lopez called him a hero.\n\n“The plant will close,” said Tom Reed.\n\n"
            "Democratic Sen. Gina Hall (D-Mo.) scolded him: “You are wrong about the plant,” she said.")
    assert claims(text)[-1] == ("“You are wrong about the plant,”", "Gina Hall", "direct")


def test_pronoun_prefers_a_later_name_that_fits_over_a_speaker_of_unknown_gender():
    text = ("Strike talks fail\n\n“The plant will close,” said Pat Oz.\n\n"
            "Sen. Gina Hall scolded him: “You are wrong about the plant,” she said.")
    assert claims(text)[-1][1] == "Gina Hall"


def test_an_outlet_is_no_antecedent_for_he_or_she():
    text = ("Strike talks fail\n\n“It is over,” said Gina Hall.\n\n"
            "He is, as The New Yorker put it, “the operator.”\n\n“We will win,” she said.")
    found = claims(text)
    assert ("“the operator.”", "New Yorker", "direct") in found
    assert found[-1] == ("“We will win,”", "Gina Hall", "direct")


def test_verb_with_an_object_is_no_speaker_phrase():
    assert not is_mention("The two taped an hourlong")
    assert is_mention("two unidentified officials")


def test_first_person_outside_quotes_is_the_writer_not_the_last_speaker():
    text = "Strike talks fail\n\n“It is over,” said Gina Hall.\n\nI believe that the strike will end soon."
    assert claims(text)[-1] == ("the strike will end soon", "I", "indirect")


def test_add_with_a_noun_object_is_no_claim():
    assert claims("Along with the dispute, the state had added an extra week of voting after long lines.") == []
    text = "The mayor added that the vote would go ahead."
    assert claims(text) == [("the vote would go ahead", "The mayor", "indirect")]


def test_call_in_and_pitch_in_are_no_cues():
    assert claims("Most donors are small-dollar donors who pitch in $200 or less.") == []
    assert claims("She called in to a radio town hall about policing.") == []


def test_content_of_function_words_with_do_is_no_claim():
    assert claims("Why do I know? I grew up in that house.") == []


def test_base_form_intentions_take_an_infinitive():
    text = "Republicans want to cut the tax on small firms."
    assert claims(text) == [("to cut the tax on small firms", "Republicans", "indirect")]
    assert claims("Republicans want lower taxes.") == []


def test_expect_someone_to_is_a_belief():
    text = "Most voters expect Ms. Reyes to win the runoff next month."
    assert claims(text) == [("Ms. Reyes to win the runoff next month", "Most voters", "indirect")]
    assert claims("The deal is expected to close in May.") == []


def test_accused_of_keeps_the_whole_charge():
    text = "Trump used the ad against Clinton, accusing her of being asleep when the calls came in."
    assert claims(text)[0][0] == "her of being asleep when the calls came in"


def test_time_before_a_quoted_complement_does_not_end_the_object():
    text = "Ann Hart, an adviser to the campaign, called the remarks on Saturday “a true wake-up call” to voters."
    assert claims(text)[0][0] == "the remarks on Saturday “a true wake-up call” to voters"


def test_bare_plural_subject_after_as_speaks():
    text = "The video came out as officials praised the protests for being peaceful."
    assert claims(text) == [("the protests for being peaceful", "officials", "indirect")]


def test_capitalised_finding_word_ending_a_sentence_is_a_title():
    text = "Intro.\n\nChristie blasted Clinton as a “disgrace” Wednesday on The Laura Ingraham Show. He was angry."
    assert claims(text) == [("Clinton as a “disgrace”", "Christie", "indirect")]
    assert claims("Trump Could Fix Energy, Lindsey Graham Says.")[0][1] == "Lindsey Graham"


def test_stance_verbs_with_a_noun_object_give_the_object():
    text = "Intro.\n\nGovernor Lena Ortiz promoted a plan to rebuild the harbor on Tuesday."
    assert claims(text) == [("a plan to rebuild the harbor", "Lena Ortiz", "indirect")]
    text = "Intro.\n\nThe mayor has offered no evidence for the figures in his report."
    assert claims(text) == [("no evidence for the figures in his report", "The mayor", "indirect")]
    text = "Intro.\n\nSenator Abe Kowal is doubling down on his criticism of the port authority."
    assert claims(text)[0][1:] == ("Abe Kowal", "indirect")
    assert claims(text)[0][0].endswith("his criticism of the port authority")
    assert claims("Intro.\n\nThe city council approved a $48 million budget on Tuesday.") == []  # an act


def test_figure_with_a_comma_stays_inside_the_appositive():
    text = "Intro.\n\nDana Reyes, who leads a union of 4,500 nurses, said the wards were understaffed."
    assert claims(text) == [("the wards were understaffed", "Dana Reyes", "indirect")]


def test_intention_of_a_named_body_after_a_determiner():
    text = "Intro.\n\nBut the Northern Farmers Union, which has 20,000 members, wants to keep its neutral stance."
    assert claims(text) == [("to keep its neutral stance", "Northern Farmers Union", "indirect")]
    assert claims("Intro.\n\nBut the farmers want to keep their stance.") == []


def test_passive_cue_with_an_agent_credits_the_agent():
    text = "Intro.\n\nThe housing plan was endorsed by the Riverside Tenants Union on Monday."
    assert claims(text) == [("The housing plan", "Riverside Tenants Union", "indirect")]
    text = "Intro.\n\nHer first novel was written by a ghostwriter, the publisher admitted."
    assert [c[1] for c in claims(text)] == ["the publisher"]  # the outer cue: the agent clause is its content
    assert claims("Intro.\n\nThe plan was endorsed by phone on Monday.") == []
