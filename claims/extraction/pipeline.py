"""The one entry point: an article (text or HTML) in, attributed claims out."""

from __future__ import annotations

import datetime

from . import attribution, checkworthiness, dates
from .assertions import find_assertions
from .budget import budget_check, budget_subject, time_budget
from .language import detect_language
from .types import ExtractedClaim, Extraction

# Stored on every extracted article and claim; `reextract --outdated` re-runs what an older
# version produced. A counter, bumped by one whenever the same input can give a different
# output (rules, word lists, weights, sentence splitting, page text). It stood at "1"
# through six such changes ("7" would have counted them); "8" adds the cutting of
# sentences longer than MAX_SENTENCE_CHARS; "9" the calibrated check-worthiness model
# (and the outlet's own sentences kept at its 0.5 line); "10" finds dropped-name gaps by
# word class and says where they are; "11" English speakers that are mentions, weak cues
# with clauses, no teasers; "14" more dropped-name shapes (a preposition before a function
# word or a ber- verb, half a pair, a cut English title, an opening verb after a paragraph
# that follows an abbreviation). tests/test_extraction_golden.py fails when the output of its
# fixtures changes under an unchanged version.
EXTRACTOR_VERSION = "14"
# Seconds one article may take. Normal news takes milliseconds; a hostile text fails with
# ExtractionTimeout saying what is wrong with it.
DEFAULT_BUDGET_SECONDS = 20.0


def extract(
    text: str | None = None,
    *,
    html: str | bytes | None = None,
    lang: str | None = None,
    published: datetime.date | None = None,
    url: str | None = None,
    budget: float | None = DEFAULT_BUDGET_SECONDS,
) -> Extraction:
    """Split an article into attributed claims, in document order.

    Give either `text` or `html`. For HTML the body is taken out of the page first
    and the claims' offsets point into `Extraction.text`. Raise `ExtractionTimeout`
    when it takes longer than `budget` seconds (None: no limit).
    """
    with time_budget(budget, text or ""):
        return _extract(text, html=html, lang=lang, published=published, url=url)


def _extract(text, *, html, lang, published, url) -> Extraction:
    page = None
    if html is not None:
        from .html import parse_page

        page = parse_page(html, url=url)
        text = page.text
        published = published or page.published
        lang = lang or page.lang
    text = text or ""
    budget_subject(text)
    lang = lang or detect_language(text)
    attributed = attribution.find_attributions(text, lang)
    taken = [(found.sentence_start, found.sentence_end) for found in attributed]
    found_all = sorted(attributed + find_assertions(text, lang, taken), key=lambda found: (found.start, found.end))
    claims = []
    for found in found_all:
        budget_check()
        claims.append(_finish(text, found, lang, published))
    return Extraction(
        text=text,
        lang=lang,
        claims=claims,
        title=page.title if page else None,
        authors=page.authors if page else (),
        published=published,
        outlet=page.outlet if page else None,
        canonical_url=page.canonical_url if page else None,
    )


def _finish(text: str, found, lang: str, published: datetime.date | None) -> ExtractedClaim:
    content = text[found.start : found.end]
    date, date_flags = dates.claim_date(text, found, published=published, lang=lang)
    flags = tuple(dict.fromkeys(found.flags + date_flags))
    return ExtractedClaim(
        start=found.start,
        end=found.end,
        content=content,
        speaker=found.speaker,
        cue=found.cue,
        kind=found.kind,
        date=date,
        checkworthiness=checkworthiness.score(content, lang=lang),
        via=found.via,
        speaker_start=found.speaker_start,
        speaker_end=found.speaker_end,
        speaker_aliases=found.speaker_aliases,
        flags=flags,
        gaps=found.gaps,
    )
