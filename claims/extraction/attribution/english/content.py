"""Where the content of an English cue lies: before it, after it or both, and where it starts.

`X said that C`, `X told Reuters on Monday C`, `"Q," X said`, `A, X said, B`: the words
around a cue (an indirect object, a time phrase, `that`, a colon, a quote) decide it.
"""

from __future__ import annotations

import re

from .lexicon import OUTLET_WORDS, STANCE_OBJECT_CUES, WEEKDAY
from .speakers import name_in_phrase
from .units import Unit

AFTER_REACH = 200  # characters after a cue that decide where its content starts
TOLD_OBJECT = re.compile(
    r"\s+(?:me|us|him|her|them|reporters|journalists|the\s+\w+|an?\s+\w+(?:\s+\w+)?|"
    r"(?:[A-Z][\w’'.-]*\s?)+(?:of\s+(?:[A-Z][\w’'.-]*\s?)+)?)(?=[\s,.;:!?]|$)"
)
TAIL_PREPOSITION = re.compile(r"(?:of|in|on|at|during|about|after|before|from|with|via|through|while|when|by)\b")
THAT_WORD = re.compile(r"\bthat\b")
PARTICIPLE_START = re.compile(r"(?:also\s+|then\s+)?[a-z]+ing\b")
TO_INFINITIVE = re.compile(r"\bto\s+[a-z]")  # `told his advisers to figure out`: the request is the content
LEADING_PREPOSITION = re.compile(
    r"(?:In|On|At|During|After|Before|Since|For|From|Under|With|Without|Amid|Despite|Following|Speaking|Asked|"
    r"Unlike|Like|Among|Besides|Beyond|Through|Within|Against|Throughout|Having|As\s+for|As\s+to)\b"
)
GERUND = re.compile(r"[a-z]ing\b")
QUOTE_RESUMES = re.compile(r"[^“”\";:!?]{0,80}?,\s*(?:(?:and|but)\s+)?(?=[“\"]|'')")
PARTICIPIAL_LEAD = re.compile(
    r"(?:Asked|Speaking|Having|Responding|Pressed|Addressing|Writing|Appearing|Testifying|Reached|Told)\b"
)
# `moving the archive would be harder`: a gerund that is the subject of a clause, not `arguing that`
GERUND_SUBJECT = re.compile(
    r"(?:also\s+|then\s+)?[a-z]+ing\s+(?:[\w’'.-]+\s+){0,6}?(?:is|are|was|were|would|will|could|can|should|has|"
    r"have|had|may|might|must)\b"
)
FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|would|will|could|can|should|did|does|do|may|might|must)\b"
    r"|\b(?!(?:need|speed|red|bed|hundred|based)\b)[a-z]{3,}ed\b"
)
COORDINATION_START = re.compile(r"(?:and|but|or|while|whereas|as)\b")
SUBORDINATE_START = re.compile(
    r"(?:If|Even if|When|While|Although|Though|Because|As|After|Before|Unless|Since|Once|Back in|In|On|At|"
    r"During|For|Still|But|And|However)\b"
)
CLAUSE_AFTER_AND = re.compile(
    r"(?:and|but)\s+(?:(?:he|she|they|it|we|I|there)\s+[a-z]|(?:the|a|an|those|these|its|his|her|their)?\s*"
    r"(?:[\w’'.-]+\s+){0,7}?(?:is|are|was|were|has|have|had|would|will|could|can|should|paid|made|said)\b)"
)
LEADING_AND = re.compile(r"(?:and|but)\s+(?=(?:he|she|they|it|we|I|there|the|those|these)\b)")
QUOTE_ENDS_HERE = re.compile(r"(?:[“\"]|'')([^“”\"]*)(?:[”\"]|'')\s*[,—–-]?\s*$")
THAT_START = re.compile(r"^\s*,?\s*that\b\s*")
PREPOSITION_THEN_THAT = re.compile(
    r"^\s*,?\s*(?:on|in|at|during|to|with|from|via|through|before|after|last|this|earlier|later|"
    + WEEKDAY
    + r"|publicly|privately|repeatedly|again|also|recently|previously|"
    r"yesterday|today|often|then)\b[^“”\"\n:;.?!]{0,80}?\bthat\b\s*"
    r"|^\s*,[^,“”\"\n:;.?!]{1,80},\s*that\b\s*"  # `insisted, most recently in an interview, that`
)
QUOTE_OR_COLON_AFTER = re.compile(
    r"^\s*(?:(?:[^“”\"\n.?!;]|\.(?=\S)){0,80}?[,:]\s*)?(?=[“\"]|'')"  # `said on the other hand, “...`
    r"|^[^“”\"\n.?!;]{0,60}?:\s*"  # `said in a statement: ...`
)
QUOTE_OR_COLON_HINT = re.compile(r"[“\":]|''")
ADVERBIAL_AFTER = re.compile(
    r"^\s*,?\s*(?:to\s+(?:reporters|journalists|me|us|the\s+\w+|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s*,?\s*"
    r"|(?:on|in|at|during|with|from|via|through|before|after|late|early|last|this|earlier|later|"
    r"again|also|then|recently|previously|yesterday|today|"
    + WEEKDAY
    + r"|publicly|privately|repeatedly|flatly|simply|bluntly|matter-of-factly)\b[^,“”\"]{0,60}?,\s*"
    r"|(?:" + WEEKDAY + r"|yesterday|today|tonight|recently|"
    r"previously|repeatedly|again|also|then|earlier|later|publicly|privately)\b\s*,?\s*"
    r"|(?:on|last|this|late|early)\s+(?:" + WEEKDAY + r"|week|night|"
    r"month|year|morning|afternoon|evening)\b\s*,?\s*"
    r"|(?:morning|afternoon|evening|night)\b\s*,?\s*"
    r"|in\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|tweet|post|email|e-mail|letter|speech|op-ed|"
    r"memo|release|press\s+release|report|video|message|note|essay|column|book|radio\s+interview|"
    r"television\s+interview|phone\s+interview|conference\s+call|blog\s+post)\b\s*,?\s*)+"
)
OBJECT_OF_TELL = re.compile(
    r"^\s+((?:[^,.;:“”\"\s]+\s+){0,8}?)(?=(?:that|how|what|why|whether|when|who|he|she|they|it|"
    r"on|in|at|during|last|this|" + WEEKDAY + r")\b|[,:“\"])"
)
# `warned voters that`, `assured his allies that`: an object before the `that` clause
OBJECT_THEN_THAT = re.compile(r"^\s+(?:[\w’'.-]+\s+){1,4}?that\b\s*")
OBJECT_VERBS = ("warn", "remind", "assur", "inform", "convinc", "persuad", "promis", "caution", "advis", "notif",
                "show", "teach", "taught", "reassur", "alert", "urg")
# Cues whose content is usually a noun phrase or an infinitive (`criticized the act as a “crazy system”`,
# `called for more investment`): the object ends where a relative clause, a time or place adjunct,
# or a second verb phrase begins.
NP_OBJECT_CUES = (
    "attack", "criticiz", "criticis", "blast", "slam", "prais", "condemn", "encourag", "endors", "support",
    "oppos", "reject", "deny", "deni", "disput", "defend", "tout", "champion", "advocat", "dismiss", "downplay",
    "mock", "ridicul", "blam", "credit", "applaud", "welcom", "hail", "decr", "denounc", "lambast", "rebuk",
    "scold", "chastis", "fault", "highlight", "underscor", "invok", "referenc", "express", "voic", "push",
    "press", "call", "rail", "lash", "take aim", "took aim", "spoke", "speak", "talk", "refer", "liken",
    "compar", "characteriz", "portray", "paint", "label", "brand", "outlin", "laid", "lay", "pitch", "favo",
    "prefer", "cite", "citing", "describ", "question", "accus", "threaten", "propos", "acknowledg", "mention",
    "pledg", "promis", "demand", "urg", "warn", "recogniz", "complain",
) + tuple(verb[:-1] if verb.endswith("e") else verb for verb in STANCE_OBJECT_CUES)
NP_OBJECT_END = re.compile(
    r",\s*(?:which|who|whose|where|while|when|especially|including|but|even|although|though)\b"
    r"|\s(?:but|during|while|when|after|because|since|although|though)\s"
    r"|\sin\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|speech|tweet|letter|post|op-ed|email|e-mail|"
    r"address|appearance|diatribe|video|ad|column)\b"
    r"|\s(?:on|last|this)\s+(?:" + WEEKDAY + r")\b"
    r"|(?<=[”\"])\s(?:" + WEEKDAY + r")(?=\s+(?:on|in|at|during)\b|\s*[.,;]|\s*$)"
    r"|\s[—–―]\s?|\s--?\s|;"
)
OF_GERUND = re.compile(r"(?:[\w’'.-]+\s+){1,6}?of\s+[a-z]+ing\b")
QUOTE_AFTER_ADJUNCT = re.compile(r"\s*(?:[“\"]|'')")
OUTLET_PHRASE = re.compile(r"\b(?:with|to|on)\s+((?:[A-Z][\w’'.&-]*\s?){1,5})")
ACRONYM = re.compile(r"^[A-Z]{2,5}$")
EDGE_JUNK = " \t\n\xa0,;:—–-"
DANGLING_WORDS = {"and", "but", "or", "so", "as", "adding", "saying"}


def is_outlet(name: str) -> bool:
    """Tell a news outlet (`Reuters`, `Fox News`, `CNN`) from a person, for `via`."""
    words = name.split()
    return any(w.lower().strip(".,") in OUTLET_WORDS or ACRONYM.match(w) for w in words)


def via_in(phrase: str) -> str | None:
    """Return the outlet in `in an interview with Fox News`, if any."""
    for m in OUTLET_PHRASE.finditer(phrase):
        name = m.group(1).strip()
        if is_outlet(name):
            return name
    return None


def content_start_after(text: str, cue: re.Match, unit: Unit) -> tuple[int, str | None]:
    """Where the content begins after a cue: past an indirect object, time phrases, `that` or a colon."""
    pos = cue.end()
    via = None
    rest = text[pos : min(unit.end, pos + AFTER_REACH)]
    if cue.group().lower().startswith(("tell", "told")):
        obj = OBJECT_OF_TELL.match(rest)
        if obj and obj.group(1).strip() and not TO_INFINITIVE.search(obj.group(1)):
            who = obj.group(1).strip()
            if is_outlet(who):
                via = name_in_phrase(who) or who
            pos += obj.end()
            rest = text[pos : min(unit.end, pos + AFTER_REACH)]
    has_that = "that" in rest  # cheap checks first: the patterns below scan up to 80 characters
    m = PREPOSITION_THEN_THAT.match(rest) if has_that else None
    if m is None and has_that and cue.group().lower().startswith(OBJECT_VERBS):
        m = OBJECT_THEN_THAT.match(rest)
    if m:
        return pos + m.end(), via or via_in(m.group())
    m = ADVERBIAL_AFTER.match(rest)
    if m:
        via = via or via_in(m.group())
        pos += m.end()
        rest = text[pos : min(unit.end, pos + AFTER_REACH)]
    m = THAT_START.match(rest) or (QUOTE_OR_COLON_AFTER.match(rest) if QUOTE_OR_COLON_HINT.search(rest) else None)
    if m and (len(m.group().split()) <= 8 and not GERUND.search(m.group())):
        return pos + m.end(), via or via_in(m.group())
    skip = len(rest) - len(rest.lstrip(" ,:"))
    lead = LEADING_AND.match(rest, skip)  # `A, X said, and B`: the content is B
    return pos + (lead.end() if lead else skip), via


def content_side(text: str, m: re.Match, unit: Unit, content_before: str) -> str:
    """Say where a subject-first cue's content lies: "after" it, "before" it (`C, X said.`) or "both"."""
    rest = text[m.end() : min(unit.end, m.end() + AFTER_REACH)]
    if m.group().lower().startswith(("tell", "told")):
        obj = TOLD_OBJECT.match(rest)
        if obj:
            rest = rest[obj.end() :]
    adverbial = ADVERBIAL_AFTER.match(rest)
    had_comma = bool(adverbial) and adverbial.group().rstrip().endswith(",")
    if adverbial:
        rest = rest[adverbial.end() :]
    rest = rest.strip()
    words_before = len(content_before.split())
    if PARTICIPIAL_LEAD.match(content_before.lstrip(" “\"")):
        words_before = 0  # `Asked about the bomb, Clinton said ...`: the question is not her claim
    quoted = QUOTE_ENDS_HERE.search(content_before)
    # a quote, not a title like `On this weekend’s broadcast of “Fox News Sunday,”`
    quote_before = bool(quoted) and not LEADING_PREPOSITION.match(content_before.lstrip()) and (
        len(quoted.group(1).split()) >= 4 or not content_before[: quoted.start()].strip(" \n\xa0“\"'")
    )
    if not rest or rest[0] in ".!?;)":
        return "before"
    if rest[0] in "“\"" or rest.startswith(("''", ": “", ':"')):
        return "both" if quote_before else "after"
    if THAT_START.match(rest):  # `A, Mr. Obama noted, that B`
        return "both" if quote_before or (rest.startswith(",") and words_before >= 2) else "after"
    if quote_before and QUOTE_RESUMES.match(rest):
        return "both"  # `"Q1," Trump said during a rally in Kenansville, N.C., "Q2."`
    if rest.startswith(","):
        after_comma = rest[1:].lstrip()
        if not after_comma:
            return "before"
        if after_comma[0] in "“\"'":
            if LEADING_PREPOSITION.match(content_before.lstrip()) and not FINITE_VERB.search(content_before):
                return "after"  # `As for the network's bent, he said, "Q"`: a topic, not a claim
            return "both" if quote_before or words_before >= 3 else "after"  # `So when A, Mr. Barrett said, "B"`
        if COORDINATION_START.match(after_comma):
            if QUOTE_RESUMES.match(rest):
                return "both"
            # `A, the agency said, and B`: B is the same source's, when it is a clause of its own
            return "both" if words_before >= 3 and CLAUSE_AFTER_AND.match(after_comma) else "before"
        if PARTICIPLE_START.match(after_comma) and not GERUND_SUBJECT.match(after_comma):
            return "before" if words_before >= 2 else "after"  # `"Q," X said, arguing that ...`
        if quote_before:
            return "before"
        if LEADING_PREPOSITION.match(content_before.lstrip()) and (
            words_before < 4 or not FINITE_VERB.search(content_before)
        ):
            return "after"  # `In the end, Mr. Obama said, ...`: a phrase with no verb is no proposition
        if words_before >= 2 and len(after_comma.split()) >= 3:
            return "both"  # `Even if A, Mr. Morgan said, B`
        return "after" if words_before < 2 else "before"
    if not quote_before and words_before >= 3 and had_comma and CLAUSE_AFTER_AND.match(rest):
        return "both"  # `A, the agency said in a June report, and B`
    if quote_before or COORDINATION_START.match(rest):
        return "before"
    if rest.startswith(("—", "–")) or (TAIL_PREPOSITION.match(rest) and not THAT_WORD.search(rest)
                                       and "“" not in rest and '"' not in rest and "''" not in rest):
        return "before" if words_before >= 2 else "after"
    return "after"


def np_object_end(text: str, cue_text: str, start: int, end: int) -> int:
    """Where a noun-phrase content of a stance cue (`criticized X`, `called for X`) ends."""
    if not cue_text.lower().startswith(NP_OBJECT_CUES):
        return end
    if cue_text.lower().startswith("accus") and OF_GERUND.match(text, start, end):
        return end  # `accused her of being asleep when the calls came in`: the charge is a whole clause
    m = NP_OBJECT_END.search(text, start, end)
    if m is not None and text.startswith((" on", " last", " this"), m.start()) and QUOTE_AFTER_ADJUNCT.match(
        text, m.end(), end
    ):  # `called the remarks on Saturday “a wake-up call”`: the complement comes after the time
        m = NP_OBJECT_END.search(text, m.end(), end)
    if m is None or len(text[start : m.start()].split()) < 1:
        return end
    return m.start()


def trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip separators, dangling conjunctions (`, and`) and a final full stop from a content span."""
    while start < end and text[start] in EDGE_JUNK:
        start += 1
    while True:
        while end > start and text[end - 1] in EDGE_JUNK:
            end -= 1
        cut = text.rfind(" ", start, end)
        if cut <= start or text[cut + 1 : end] not in DANGLING_WORDS:
            break
        end = cut
    while end > start and text[end - 1] in " .":
        end -= 1
    return start, end

