"""Word lists for English attribution: cue verbs and the words around speakers.

Kept apart from the patterns so the lists can grow without touching the logic.
"""

from __future__ import annotations

import re

from ...calendar import WEEKDAYS_EN, alternation

# `Monday|Tuesday|...`, for the content and frame patterns.
WEEKDAY = alternation(WEEKDAYS_EN, capitalize=True)

# Verbs of saying, reporting and believing that take a clause or a quote as object.
REGULAR_CUES = (
    "add", "acknowledge", "admit", "advise", "allege", "announce", "answer", "argue", "assert", "assure",
    "boast", "caution", "charge", "claim", "comment", "complain", "concede", "confirm", "contend",
    "continue", "counter", "declare", "emphasize", "emphasise", "estimate", "explain", "insist", "joke",
    "lament", "maintain", "mention", "note", "observe", "point out", "posit", "predict", "pledge", "promise",
    "quip", "recall", "remark", "reply", "report", "respond", "retort", "reveal", "state", "stress",
    "suggest", "testify", "tweet", "urge", "vow", "warn", "believe", "indicate", "assert", "affirm",
    "reiterate", "repeat", "acknowledge", "disclose", "concur", "opine", "scoff", "protest", "plead",
    "recount", "reason", "speculate", "surmise", "theorize", "wonder", "cite", "agree", "demand",
    # stance verbs: PolNeAR-style attribution also covers calls, accusations and criticism
    "call", "accuse", "criticize", "criticise", "attack", "blast", "slam", "praise", "condemn", "encourage",
    "propose", "question", "threaten", "describe", "ask", "point to", "point out", "describe as",
    # stance towards a thing: `X endorsed Y`, `X defended his record`, `X rejected the plan`
    "endorse", "support", "oppose", "reject", "deny", "dispute", "defend", "tout", "champion", "advocate",
    "dismiss", "downplay", "mock", "ridicule", "blame", "credit", "applaud", "welcome", "hail", "decry",
    "denounce", "lambaste", "rebuke", "scold", "chastise", "fault", "highlight", "underscore", "invoke",
    "reference", "express", "voice", "push for", "press for", "call for", "call on", "rail against", "lash out at",
    "take aim at", "speak of", "speak about", "talk about", "refer to", "liken", "compare", "characterize",
    "portray", "paint", "label", "brand", "outline", "lay out", "pitch", "favor", "favour",
    "prefer", "disclose", "concede", "proclaim", "admire", "lament", "decry", "hammer", "tout", "remind",
    "reassure", "document",
    # voiced and pleaded: `shouted to the crowd`, `implored voters to`, `echoed Trump's claim that`
    "echo", "bemoan", "shout", "yell", "exclaim", "implore", "exhort", "whisper", "muse", "chide", "fume",
)
# Public stances that take a noun object: `promoted her plan`, `is doubling down on his attacks`,
# `views the deal more favorably`. Their content is the object (see content.NP_OBJECT_CUES). Acts
# (`approved the budget`, `launched a bid`) are not statements: the outlet reports them itself.
STANCE_OBJECT_CUES = (
    "promote", "view", "offer", "discuss", "double down on", "love", "vote against", "recommend", "contrast",
    "grill", "thank",
)
REGULAR_CUES += STANCE_OBJECT_CUES
IRREGULAR_CUES = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "think": ("think", "thinks", "thought", "thinking"),
    "go on": ("went on", "goes on", "going on"),
    "put it": ("put it", "puts it"),
    "learn": ("has learned", "have learned", "has learnt"),
    "speak": ("spoke of", "spoke about", "speaks of", "speaks about", "speaking of", "speaking about"),
    "lay out": ("laid out", "lays out", "laying out"),
    "according to": ("according to",),
}
# Cues that attribute only with an explicit `that` clause after them (a study found that ...).
THAT_ONLY_CUES = (
    "find", "show", "know", "hope", "conclude", "fear", "feel", "expect", "worry", "acknowledge", "recognize",
    "understand", "contend", "decide", "determine", "demonstrate", "imply", "hint", "signal", "establish", "prove",
    "learn", "ask", "forecast", "project", "guess", "suspect", "realize", "admit", "concede", "doubt", "hold",
    "read", "figure", "assume", "mean", "stipulate", "allege", "rule",
)
THAT_ONLY_IRREGULAR = {
    "find": ("find", "finds", "found", "finding"),
    "show": ("show", "shows", "showed", "shown", "showing"),
    "know": ("know", "knows", "knew", "known"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "understand": ("understand", "understands", "understood"),
    "hold": ("hold", "holds", "held"),
    "read": ("reads",),
    "mean": ("means", "meant"),
}


def inflect(lemma: str) -> tuple[str, ...]:
    """Return the -s, -ed and -ing forms of a regular verb (or of the verb in a phrasal verb)."""
    verb, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if verb.endswith("e"):
        forms = (verb, verb + "s", verb + "d", verb[:-1] + "ing")
    elif verb.endswith("y") and verb[-2:] not in ("ay", "ey", "oy"):
        forms = (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    elif verb.endswith(("s", "sh", "ch", "x")):
        forms = (verb, verb + "es", verb + "ed", verb + "ing")
    elif verb in ("admit", "quip", "plan", "vow"):
        forms = (verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing") if verb != "vow" else (
            verb, verb + "s", verb + "ed", verb + "ing")
    else:
        forms = (verb, verb + "s", verb + "ed", verb + "ing")
    return tuple(f + tail for f in forms)


def _alternation(lemmas, irregular) -> str:
    forms = set()
    for lemma in lemmas:
        forms.update(irregular.get(lemma) or inflect(lemma))
    for extra in irregular.values():
        forms.update(extra)
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


def trie_pattern(words) -> str:
    """Build a prefix-factored alternation: Python's re tries plain alternations one by one, slowly."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return walk(trie)


CUE_FORMS = _alternation(REGULAR_CUES, IRREGULAR_CUES)
THAT_ONLY_FORMS = _alternation(THAT_ONLY_CUES, THAT_ONLY_IRREGULAR)

# Words that can sit between a speaker and its cue or open a clause without being the speaker.
LEADING_FILLERS = {
    "but", "and", "so", "yet", "still", "meanwhile", "however", "now", "then", "also", "later", "earlier",
    "instead", "indeed", "separately", "similarly", "likewise", "moreover", "furthermore", "finally", "or",
    "because", "while", "although", "though", "as", "when", "if", "since", "where", "after", "before",
    "whereas", "today", "yesterday", "tonight", "ultimately", "specifically", "notably", "there", "here", "even",
}
AUXILIARIES = {
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "should", "may", "might",
    "can", "did", "does", "do", "also", "later", "previously", "repeatedly", "publicly", "privately",
    "then", "once", "often", "frequently", "always", "never", "recently", "reportedly", "allegedly",
    "again", "even", "further", "already", "has also", "had also", "just", "long", "since", "first",
    "similarly", "openly", "flatly", "explicitly", "correctly", "falsely", "wrongly", "initially",
    "separately", "subsequently", "simply", "merely", "too", "been", "being", "not", "ultimately",
    "consistently", "continually", "continuously", "widely", "generally", "routinely", "still",
    "now", "famously", "bluntly", "additionally", "last", "week", "year", "night",
}
PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "his", "her", "their", "him", "them"}
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}
# Capitalised words that are titles or labels, not part of a person's name.
TITLE_WORDS = {
    "president", "vice", "sen", "sen.", "senator", "rep", "rep.", "representative", "gov", "gov.", "governor",
    "mayor", "secretary", "attorney", "general", "judge", "justice", "dr", "dr.", "mr", "mr.", "mrs",
    "mrs.", "ms", "ms.", "gen", "gen.", "speaker", "chairman", "chairwoman", "chair", "candidate", "nominee",
    "former", "republican", "republicans", "democrat", "democrats", "democratic", "gop", "the", "a", "an",
    "but", "and", "so", "yet", "when", "while", "as", "in", "on", "at", "after", "before", "prime",
    "minister", "leader", "majority", "minority", "house", "senate", "white", "sheriff", "chief", "director",
    "spokesman", "spokeswoman", "spokesperson", "press", "lt", "lt.", "col", "col.", "adm", "adm.", "rev",
    "rev.", "pope", "king", "queen", "prince", "lady", "first", "then-candidate", "businessman", "billionaire",
    "independent", "libertarian", "green", "party", "campaign", "manager", "adviser", "advisor", "aide",
    "u.s.", "us", "state", "city", "county", "district", "deputy", "assistant", "acting", "interim", "sens.",
    "reps.", "ambassador", "commissioner", "councilman", "councilwoman", "lawmaker", "treasurer", "new", "york",
    "however", "meanwhile", "also", "still", "now", "if", "for",
    "with", "by", "of", "to", "from", "said", "says", "told", "according", "last", "this", "that", "what",
    "how", "why", "who",
} | set(WEEKDAYS_EN)
# Labels that look like `Name:` but introduce boilerplate, not a quote.
SECTION_LABELS = {
    "read more", "related", "update", "updated", "watch", "see also", "editor's note", "editor’s note",
    "photo", "photos", "video", "source", "sources", "note", "correction", "clarification", "listen",
    "advertisement", "more", "also read", "read", "subscribe", "follow", "click here", "tags", "share",
    "disclosure", "caption", "credit", "image", "pictured", "breaking", "exclusive", "analysis", "opinion",
    "q", "a", "question", "answer", "transcript", "full text", "background", "bottom line", "the latest",
    "what's next", "what’s next", "why it matters", "the big picture", "go deeper", "flashback",
}
# Words that show a name belongs to an outlet (for `told Reuters`, `in an interview with CNN`).
OUTLET_WORDS = (
    "news", "times", "post", "journal", "reuters", "press", "cnn", "fox", "msnbc", "nbc", "abc", "cbs", "npr",
    "bbc", "politico", "breitbart", "magazine", "radio", "tv", "television", "network", "herald", "tribune",
    "telegraph", "guardian", "examiner", "wire", "axios", "bloomberg", "hill", "daily", "today", "afp",
    "ap", "upi", "sirius", "show", "channel", "gazette", "globe", "review", "atlantic", "vox", "slate",
)
# Forms that are more often nouns (`the suing states`, `news reports`): cues only before that/colon/quote.
NOUN_LIKE_FORMS = {
    "state", "states", "claim", "charge", "estimate", "promise", "pledge", "concern", "warning", "record",
    "project", "signal", "figure", "rule", "hold", "read", "mean", "doubt", "forecast", "note", "report",
    "comment", "answer", "remark", "reply", "tweet", "demand", "protest", "reason", "counter", "joke", "vow",
    "reports", "claims", "charges", "estimates", "promises", "comments", "remarks", "tweets", "demands",
    "protests", "jokes", "pledges", "answers", "records", "signals", "rules", "holds", "doubts", "figures",
    "attack", "attacks", "question", "questions", "praise", "slam", "blast", "blasts",
    # `Caddell continued:` is a cue, `discussions are continuing` is not
    "continue", "continues", "continued", "continuing",
}

INTENTION_FORMS = (
    "wants", "wanted", "plans", "planned", "intends", "intended", "hopes", "hoped", "vows", "vowed", "seeks", "sought",
    "seeking", "aims", "aimed", "aiming", "want", "hope", "plan", "intend", "seek", "aim", "refuses", "refused",
    "refuse", "vow",
)
CUE_FIRST_WORDS = frozenset(
    form.split()[0].lower() for form in re.sub(r"\\s\+", " ", CUE_FORMS + "|" + THAT_ONLY_FORMS).split("|")
) | frozenset(INTENTION_FORMS)
# Subjects that can `show` or `find` something without a `that` clause.
EVIDENCE_NOUNS = {
    "study", "studies", "poll", "polls", "survey", "surveys", "analysis", "analyses", "report", "reports", "data",
    "research", "review", "average", "audit", "investigation", "records", "documents", "figures", "numbers",
    "estimate", "estimates", "model", "video", "footage", "memo", "letter", "filing", "filings",
    "assessment", "findings", "evidence", "statistics", "tally", "count", "census", "index", "chart", "graph",
    "averages", "slide", "slides", "emails", "email", "results", "returns", "paper", "papers", "complaint",
    "lawsuit", "ruling", "ad", "ads", "polling", "projections", "projection", "models", "photos", "photo", "map",
    "maps", "calculations", "testimony", "transcript", "transcripts", "minutes", "logs", "statement",
}
# Labels whose whole line is boilerplate (a link, a credit), not an attributed statement.
BOILERPLATE_LABELS = {
    "read more", "related", "watch", "see also", "editor's note", "editor’s note", "photo", "photos", "video",
    "advertisement", "also read", "read", "subscribe", "follow", "click here", "tags", "share", "caption",
    "credit", "image", "pictured", "listen", "correction", "clarification", "disclosure", "more",
    "relevant reading", "related reading", "recommended reading", "further reading", "earlier", "previously",
    "read next", "up next", "watch next", "related coverage", "related stories", "related articles", "see more",
    "more from", "top stories", "trending", "sign up", "newsletter", "also see", "must read", "don't miss",
    "don’t miss", "recommended", "related video", "related content", "more coverage", "more reading",
}
# Teasers that open a line without a colon: `READ MORE Trump says ...`, `RELATED: ...`.
TEASER_START = re.compile(
    r"[\s\"“]*(?:(?:READ MORE|READ ALSO|ALSO READ|RELATED|SEE ALSO|RELEVANT READING|MUST READ)\b[\s:›»>|–—-]"
    r"|(?:Read more|Read More|Related|See also|Watch|Earlier|Relevant Reading|More)\s*[›»>|]"
    r"|(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+\s*:\s*$)"
)
