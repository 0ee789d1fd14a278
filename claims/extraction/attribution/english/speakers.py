"""Turn the noun phrase before or after a cue into a speaker name, and resolve later mentions.

A speaker is reported as the most specific name the article gives: `Trump` after
`Donald Trump` becomes `Donald Trump`, `he` becomes the person spoken of last.
"""

from __future__ import annotations

import re

from .gender import gender_of, pronoun_gender
from .lexicon import AUXILIARIES, LEADING_FILLERS, PERSON_PRONOUNS, PRONOUNS, TITLE_WORDS

WORD = re.compile(r"[\w’'.&-]+")
DASHES = {"-", "—", "–"}
NAME_TOKEN = re.compile(r"(?:[A-Z][\w’'&-]*\.?|[A-Z]\.)$")
NAME_JOINERS = {"de", "van", "von", "der", "bin", "al", "la", "le", "du", "da", "del", "of", "and", "for"}
ORG_WORDS = {
    "committee", "party", "house", "times", "news", "department", "office", "campaign", "council", "court",
    "association", "institute", "foundation", "center", "centre", "university", "agency", "bureau",
    "administration", "commission", "service", "union", "post", "journal", "board", "group", "state",
    "states", "network", "company", "corp", "inc", "senate", "congress", "caucus", "fund", "project",
    "coalition", "alliance", "review", "press", "club", "bank", "reuters", "cnn", "police", "school",
    "college", "poll", "organization", "organisation", "institution", "ministry", "government", "yorker",
    "magazine", "tribune", "herald", "gazette", "channel", "radio", "television", "daily",
}
DETERMINERS = {
    "the", "a", "an", "another", "some", "many", "several", "most", "other", "one", "both", "all", "its",
    "his", "her", "their", "our", "my", "your", "two", "three", "four", "five", "few", "those", "these", "this",
    "each", "every", "no", "more", "top", "senior", "former", "u.s.",
}
AUX_WORDS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "did", "does", "may",
    "might", "must", "should", "let", "not",
})
# Lowercase past-tense verbs and auxiliaries inside a phrase show it is a clause.
NOT_CLAUSE_WORDS = (  # adjectives and nouns in -ed: `retired Army colonel`, `unnamed officials`
    "need", "speed", "red", "bed", "ted", "hundred", "based", "elected", "retired", "unnamed", "concerned",
    "detailed", "united", "alleged", "appointed", "respected", "named", "related", "informed", "qualified",
    "registered", "dedicated", "trusted", "experienced", "embattled", "outspoken", "skilled",
)
CLAUSE_WORD = re.compile(rf"^(?!(?:{'|'.join(NOT_CLAUSE_WORDS)})$)[a-z]+ed$")
PARENTHETICAL = re.compile(r"\([^)]*\)?")
ROMAN_NUMERALS = {"II", "III", "IV", "Jr.", "Sr."}
FUNCTION_WORDS = {
    "to", "of", "in", "for", "and", "but", "or", "on", "at", "by", "with", "from", "as", "if", "than", "that",
    "what", "when", "where", "how", "why", "whether", "so", "not", "is", "was", "be",
}
NOT_SUBJECTS = {"who", "which", "that", "what", "this", "there", "here", "as", "is", "was", "has"}
PREPOSITIONS = {"in", "of", "at", "from", "for", "on", "by", "with", "to", "about", "during", "after", "before", "into"}
SUBJECT_SKIP = re.compile(
    r"^\s*(?:[\"“]\s*)?(?:(?:In|On|At|During|After|Before|Since|Until|For|With|By|From|Under|Over|Amid|Despite|"
    r"Last|This|Earlier|Later|However|Meanwhile|Still|But|And|Yet|Now|Then|Instead|Also|Separately)\b[^,]*,\s*)+",
    re.IGNORECASE,
)
COMMON_VERBS = {
    "is", "was", "are", "were", "has", "have", "had", "spoke", "went", "took", "made", "gave", "told", "sent",
    "wrote", "said", "says", "came", "held", "met", "ran", "got", "left", "put", "set", "won", "lost", "will",
    "would", "can", "could", "did", "does", "also", "then", "later", "again", "stood", "sat", "began",
    "read", "reads", "stated", "states", "declared", "concluded", "added",
}
POSSESSIVE = re.compile(r"[’']s$")


# Singular nouns for a body of people that speaks as one: `police said`.
COLLECTIVE_NOUNS = frozenset({
    "police", "military", "government", "administration", "staff", "management", "leadership", "army", "navy",
    "prosecution", "defense", "defence", "clergy", "jury", "panel", "council", "committee", "team", "family",
})


def _is_name_token(word: str) -> bool:
    return bool(NAME_TOKEN.match(word)) and word.lower().rstrip(".") not in {"i"}


def trim_noun_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading conjunctions and trailing auxiliaries/adverbs around a subject; None if nothing is left."""
    toks = list(WORD.finditer(text, start if end - start < 200 else end - 200, end))
    first, last = 0, len(toks)
    while first < last:
        word = toks[first].group()
        if word.lower() not in LEADING_FILLERS and word not in DASHES:
            break
        first += 1
    while last > first:
        word = toks[last - 1].group().lower()
        if word not in AUXILIARIES and not word.endswith("ly"):
            break
        last -= 1
    if first == last:
        return None
    start, end = toks[first].start(), toks[last - 1].end()
    if text.count("(", start, end) > text.count(")", start, end) and text.startswith(")", end):
        end += 1
    return start, end


def looks_like_speaker(phrase: str, max_words: int = 15) -> bool:
    """Tell a plausible subject noun phrase from a clause fragment, cheaply."""
    words = phrase.split()
    if not words or len(words) > max_words:
        return False
    first = words[0]
    low = first.lower()
    for before, word in zip(words, words[1:], strict=False):
        if word in AUX_WORDS or (word.endswith("ed") and before[:1].isupper() and CLAUSE_WORD.match(word)):
            return False  # `Mr. Obama scrutinized reports`: a clause, not a noun phrase
    shouted = sum(w.isupper() and len(w.strip(".,’'")) > 1 and w not in ROMAN_NUMERALS for w in words)
    if shouted >= 2 and shouted * 2 > len(words):
        return False  # `EVEN OZ’S BOSS`: a shouted section head
    if first[0].isupper() and low.endswith("ing") and len(words) == 1:
        return False  # `Having said that`
    if low in PRONOUNS or low in DETERMINERS:
        return True
    if first[0].isupper() or first[0].isdigit():
        return True
    if low not in FUNCTION_WORDS and any(w[:1].isupper() for w in words[1:]) and len(words) <= 8:
        return True  # `panel Chairman Rep. Jason Chaffetz`
    if len(words) <= 3 and words[-1].lower() in COLLECTIVE_NOUNS:
        return True  # `police`, `state police`, `the military`
    # bare plural nouns: officials, sources, experts, critics, polls
    return len(words) <= 3 and words[-1].lower().endswith("s") and words[-1].isalpha() and low not in NOT_SUBJECTS


def main_clause_subject(clause: str) -> str | None:
    """Return the subject of a clause's main verb, past leading adverbials (`On Thursday, Trump spoke ...`)."""
    clause = SUBJECT_SKIP.sub("", clause).lstrip(" \"“")
    subject = []
    for word in clause.split():
        bare = word.strip(",;:")
        low = bare.lower()
        if low in COMMON_VERBS or (subject and low.endswith("ed") and bare.islower()):
            break
        if low in ("who", "which", "—", "–", "-", "(") or word.endswith(","):
            subject.append(bare)
            break
        subject.append(bare)
        if len(subject) > 8:
            return None
    phrase = " ".join(w for w in subject if w not in ("who", "which", "—", "–", "-", "(")).strip()
    if not phrase or not looks_like_speaker(phrase):
        return None
    if phrase.lower() in PRONOUNS or name_in_phrase(phrase) or phrase.split()[0].lower() in DETERMINERS:
        return phrase
    return None


def name_in_phrase(phrase: str) -> str | None:
    """Return the trailing proper name of a noun phrase (`White House spokesman Josh Earnest` -> `Josh Earnest`)."""
    words = PARENTHETICAL.sub(" ", phrase).split()
    if not words or not _is_name_token(words[-1]) or POSSESSIVE.search(words[-1]):
        return None
    i = len(words) - 1
    while i > 0 and (_is_name_token(words[i - 1]) or (words[i - 1] in NAME_JOINERS and i - 2 >= 0
                                                       and _is_name_token(words[i - 2]))):
        if POSSESSIVE.search(words[i - 1]):
            break
        i -= 1
    if any(w in PREPOSITIONS for w in words[:i]):
        return None  # `a poll released in late August`: the name sits in a prepositional phrase
    run = words[i:]
    while run and run[0] in NAME_JOINERS:
        run = run[1:]
    if not run:
        return None
    person = [w for w in run if w.lower().rstrip(".") not in TITLE_WORDS and w.lower() not in TITLE_WORDS]
    is_org = run[-1].lower().rstrip(".") in ORG_WORDS
    if not is_org and person and person[0] == run[len(run) - len(person)]:
        return " ".join(person)
    while run and run[0].lower() in {"the", "a", "an", "but", "and", "so", "yet", "when", "while", "as"}:
        run = run[1:]
    return " ".join(run) or None


class NameBook:
    """Full names seen so far in an article, to expand short forms and pronouns."""

    FULL_NAME = re.compile(
        # the look-behind sits after the first capital so that the scan can skip ahead to capitals
        r"([A-Z](?<![\w.][A-Z])[a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+(?:de|van|von|bin|al|del|la)\b)?(?:\s+[A-Z][A-Za-z’'-]+){1,2})"
    )

    def __init__(self, text: str):
        self.text = text
        self._by_surname: dict[str, list[tuple[int, str]]] | None = None
        self._persons: list[tuple[int, str]] = []

    @property
    def by_surname(self) -> dict[str, list[tuple[int, str]]]:
        if self._by_surname is None:
            self._read_names()
        return self._by_surname

    @property
    def persons(self) -> list[tuple[int, str]]:
        if self._by_surname is None:
            self._read_names()
        return self._persons

    def _read_names(self) -> None:
        """Collect full names on first use: many articles never need them."""
        self._by_surname = {}
        for m in self.FULL_NAME.finditer(self.text):
            words = m.group(1).split()
            while words and (words[0].lower().rstrip(".") in NOT_NAME_STARTS):
                words.pop(0)  # `Senator`, `Although EDC`: the name is EDC
            if len(words) < 2 or words[-1].lower() in ORG_WORDS or words[-1].lower() in TITLE_WORDS:
                continue
            last = POSSESSIVE.sub("", words[-1])
            words[-1] = last
            full = " ".join(words)
            self._by_surname.setdefault(last, []).append((m.start(1), full))
            self._persons.append((m.start(1), full))

    def expand(self, name: str, before: int) -> tuple[str, tuple[str, ...]]:
        """Return the full form of a one-word name mentioned before `before`, with the short form as alias."""
        words = name.split()
        if len(words) != 1:
            return name, ()
        fulls = {full for pos, full in self.by_surname.get(words[0], ()) if pos < before}
        if len(fulls) == 1:
            return fulls.pop(), (name,)
        return name, ()

    def last_person_before(self, pos: int, gender: str | None = None) -> str | None:
        """The last full name before `pos`; with `gender`, the last one known to be of that gender."""
        return self.last_person_at(pos, gender)[0]

    def last_person_at(self, pos: int, gender: str | None = None) -> tuple[str | None, int]:
        """`last_person_before` with where that name is (-1 when there is none)."""
        found, at = None, -1
        for start, full in self.persons:
            if start >= pos:
                break
            if gender is None or gender_of(full) == gender:
                found, at = full, start
        return found, at


def is_pronoun(phrase: str) -> bool:
    return phrase.lower() in PRONOUNS


def is_person_pronoun(phrase: str) -> bool:
    return phrase.lower() in PERSON_PRONOUNS


WRITER_PRONOUNS = frozenset({"I", "we", "We"})
HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?$")


class SpeakerResolver:
    """Resolve speaker phrases against the names and speakers met so far in the article."""

    def __init__(self, text: str):
        self.book = NameBook(text)
        self.last: str | None = None
        self.last_person: str | None = None
        self.genders: dict[str, str] = {}  # full name -> MALE / FEMALE, when known
        self.last_by_gender: dict[str, str] = {}  # MALE / FEMALE -> the last speaker of that gender
        self.last_at_by_gender: dict[str, int] = {}  # where that speaker was named
        self.last_person_at = -1

    def resolve(self, phrase: str, at: int) -> tuple[str, tuple[str, ...]]:
        """Return the name to report for a speaker phrase at `at`, and the other forms it goes by."""
        if phrase in WRITER_PRONOUNS:
            return phrase, ()  # `I write this because`: the writer, whom the article does not name
        if is_pronoun(phrase):
            return self._resolve_pronoun(phrase, at), (phrase,)
        name = name_in_phrase(phrase)
        if name:
            honorific = HONORIFIC.search(phrase)
            if honorific:  # `Mr. Clarke` is how the article names him: keep it, with the full name as an alias
                full = honorific.group()
                expanded, short = self.book.expand(full.split()[-1], at)
                aliases = (expanded,) if short else ()
            else:
                full, aliases = self.book.expand(name, at)
            aliases = tuple(dict.fromkeys(a for a in (*aliases, phrase) if a != full))
            self.last = full
            if full.split()[-1].lower().rstrip(".") in ORG_WORDS:
                return full, aliases  # `The New Yorker put it`: an organisation is no `he` or `she`
            self.last_person = full
            self.last_person_at = at
            gender = self.genders.get(full) or gender_of(phrase, full)
            if gender is None and " " not in full:  # `Clinton` left short: the full names it may stand for
                gender = self._gender_of_short(full, at)
            if gender:
                self.genders[full] = gender
                self.last_by_gender[gender] = full
                self.last_at_by_gender[gender] = at
            return full, aliases
        self.last = phrase
        gender = gender_of(phrase) if phrase[:1].islower() or phrase.split()[0] in ("The", "A", "An") else None
        if gender:  # `the spokeswoman`: a person, though unnamed
            self.last_person = phrase
            self.genders[phrase] = gender
            self.last_by_gender[gender] = phrase
            self.last_at_by_gender[gender] = at
        return phrase, ()

    def _gender_of_short(self, name: str, at: int) -> str | None:
        """`Clinton` after `Hillary Clinton`: the gender of the full name it stands for."""
        for pos, full in reversed(self.book.by_surname.get(name.split()[-1], ())):
            if pos < at:
                gender = self.genders.get(full) or gender_of(full)
                if gender:
                    return gender
        return None

    def _resolve_pronoun(self, phrase: str, at: int) -> str:
        want = pronoun_gender(phrase)
        name = (self.last_person if is_person_pronoun(phrase) else self.last) or self.last
        if want and name is not None and self.genders.get(name, want) != want:
            # `she` after a male speaker: the last woman who spoke or was named, whichever came later
            spoke = self.last_by_gender.get(want)
            named, named_at = self.book.last_person_at(at, want)
            if named is not None and (spoke is None or named_at > self.last_at_by_gender.get(want, -1)):
                spoke = named
            name = spoke or name
        elif want and name is not None and self.genders.get(name) is None:
            # `Oz ... Sen. Claire McCaskill scolded him: “Q,” she said`: a later name known to fit wins
            named, named_at = self.book.last_person_at(at, want)
            if named is not None and named_at > self.last_person_at:
                name = named
        elif want and name is None:
            name = self.book.last_person_before(at, want)
        return name or self.book.last_person_before(at) or phrase


# Words that never end a noun phrase naming someone: `Pelosi just as`, `it almost`, `Trump this`.
NOT_PHRASE_END = frozenset({
    "and", "or", "but", "nor", "as", "just", "almost", "very", "this", "that", "these", "those", "the", "a", "an",
    "of", "in", "on", "at", "to", "by", "for", "with", "from", "about", "than", "so", "too", "even", "only",
    "if", "when", "while", "because", "although", "though", "whether", "not", "no", "never", "also", "yet",
    "still", "then", "now", "really", "quite", "rather", "more", "most", "less", "much", "such",
})
# Words that never start one: a subordinator or a preposition opens a clause or an adjunct.
NOT_PHRASE_START = frozenset({
    "although", "though", "because", "while", "if", "unless", "whereas", "since", "until", "once", "whether",
    "in", "on", "at", "among", "amid", "during", "with", "without", "by", "from", "into", "onto", "over", "under",
    "above", "below", "between", "through", "throughout", "towards", "toward", "upon", "like", "unlike",
    "despite", "except", "besides", "beyond", "within", "against", "per", "via", "so", "than", "to", "of",
    "here", "there", "yes", "no", "not", "why", "how", "what", "where", "when", "that's",
})
QUANTIFIERS = frozenset({"many", "few", "several", "some", "every", "other", "most", "any"})
EDGE_MARKS = ",;:()“”\""
NOT_NAME_STARTS = frozenset(TITLE_WORDS | LEADING_FILLERS | NOT_PHRASE_START)
MENTION_PRONOUNS = frozenset({"he", "she", "they", "He", "She", "They", "we", "We", "I", "it", "It"})
SUBJECT_ONLY_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you"})
PARTY_TAG = re.compile(r"^\(?[DRI]-[A-Z][\w.]*\)?,?$")  # `D-Calif.`, `R-Ky.`: a label after a name, not a name
NUMBER = re.compile(r"^[\d.,%$]+$")
COMPARED_NUMBER = re.compile(r"\b(?:above|below|over|under|than|of)\s+[\d$][\d.,%]*$")
FINITE_VERBS = frozenset({
    "is", "was", "are", "were", "has", "have", "had", "began", "begins", "went", "took", "made", "gave", "came",
    "appeared", "will", "would", "can", "could", "did", "does", "didn't", "didn’t",
})
OBJECT_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "my", "this", "these", "those"})
CALENDAR_NAMES = frozenset({"day", "eve", "week", "weekend", "month", "year", "night", "morning", "afternoon"})


def is_mention(phrase: str) -> bool:
    """Whether a speaker phrase is a mention of someone (a name, a role, an organisation, a pronoun).

    A clause fragment is not: `Although EDC`, `Readings above 50`, `it almost`, `Pelosi just as`, `D-Calif.`.
    """
    if phrase in MENTION_PRONOUNS:
        return True
    words = phrase.split()
    if not words:
        return False
    head, tail = words[0].strip(EDGE_MARKS), words[-1].strip(EDGE_MARKS)
    if not head or not tail:  # a lone mark at an edge: `( D-Calif. )`
        words = [w for w in (w.strip(EDGE_MARKS) for w in words) if w]
        if not words:
            return False
        head, tail = words[0], words[-1]
    first, last = head.lower(), tail.lower()
    if first in NOT_PHRASE_START or last in NOT_PHRASE_END or head[0] in "DRI" and PARTY_TAG.match(head):
        return False
    if len(words) > 1 and first in FINITE_VERBS:
        return False  # `had insured the mines`: a verb phrase, its subject is elsewhere
    if len(words) > 1:
        if last in QUANTIFIERS or first in SUBJECT_ONLY_PRONOUNS:
            return False  # `One of the many`, `it increased its forecast`: no noun, or a clause
        if tail[0].isupper() and last in CALENDAR_NAMES:
            return False  # `Labor Day`, `Election Night`
        if not FINITE_VERBS.isdisjoint(words[1:]):
            return False  # `Cole began taking`
        for word, after in zip(words[1:], words[2:], strict=False):
            if after.lower() in OBJECT_DETERMINERS and CLAUSE_WORD.match(word):
                return False  # `The two taped an hourlong`: a verb and its object
    if (tail[0].isdigit() or tail[0] == "$") and (len(words) == 1 or COMPARED_NUMBER.search(phrase)):
        return False  # `Readings above 50`: a quantity, not someone
    return not (head[0].islower() and first.endswith("ed") and CLAUSE_WORD.match(head) and first not in DETERMINERS)
