"""Search over claims by what a reviewer remembers: words of the claim, its speaker, its article or outlet.

Every word must be found somewhere: in the claim's text, the speaker's name or aliases, the
article's title or the outlet's name or domain. A word matches words it begins ("Jokow" finds
"Jokowi"). On PostgreSQL each part is a full-text match ('simple' configuration: Indonesian and
English alike, no stemming) that a GIN index serves (migration 0014_search_indexes); elsewhere a
plain case-insensitive containment does the same job more slowly.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField
from django.db.models.functions import Cast

from ..models import Article, Outlet, Speaker

# More words than this in one search are ignored: each word is a match of its own.
MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)


class SimpleVector(Func):
    """to_tsvector('simple', a || ' ' || b ...), written exactly as the GIN indexes are, so the planner uses them.

    The columns are NOT NULL, so no COALESCE (it would make the expression differ from the index's).
    """

    function = "to_tsvector"
    template = "%(function)s('simple'::regconfig, %(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, each once, in order."""
    words: list[str] = []
    for word in WORD.findall(text or ""):
        word = word.lower()
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def claim_document():
    return SimpleVector(F("content"), F("speaker_text"))


def speaker_document():
    return SimpleVector(F("canonical_name"), Cast(F("aliases"), TextField()))


def article_document():
    return SimpleVector(F("title"))


def search_claims(claims: QuerySet, text: str, *, full_text: bool | None = None) -> QuerySet:
    """The claims in which every word of `text` is found (claim, speaker, article or outlet).

    `full_text` defaults to whether the database is PostgreSQL; False forces the plain containment.
    """
    words = search_words(text)
    if not words:
        return claims
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    if not full_text:
        for word in words:
            claims = claims.filter(_plain_match(word))
        return claims
    claims = claims.alias(search_document=claim_document())
    for word in words:
        claims = claims.filter(_full_text_match(word))
    return claims


def _prefix_query(word: str) -> SearchQuery:
    # `word` holds word characters only, so the raw form cannot carry tsquery syntax.
    return SearchQuery(f"{word}:*", config="simple", search_type="raw")


# Up to this many speakers or articles a word names are passed as ids, which the claims' own indexes
# look up; beyond it a subquery does (correct, but the planner can no longer combine the indexes).
ID_LIST_LIMIT = 1000


def _full_text_match(word: str) -> Q:
    """The word in the claim's own text (its GIN index), or its speaker, article or outlet.

    The speakers and articles come first, each from its own GIN index, so that every part of the
    condition is one the claims' indexes answer: for a rare word the planner combines them in a
    bitmap; for a common one it walks the queue's order and stops at the page's end.
    """
    query = _prefix_query(word)
    match = Q(search_document=query)
    speakers = Speaker.objects.alias(document=speaker_document()).filter(document=query).values_list("pk", flat=True)
    articles = Article.objects.alias(document=article_document()).filter(document=query).values_list("pk", flat=True)
    for field, ids in (("speaker_id__in", speakers), ("article_id__in", articles)):
        found = list(ids[: ID_LIST_LIMIT + 1])
        if len(found) > ID_LIST_LIMIT:
            match |= Q(**{field: ids})
        elif found:
            match |= Q(**{field: found})
    outlets = list(_outlets(word))
    if outlets:  # a word naming an outlet ("tribun", "kompas.com") is meant as one
        match |= Q(article__outlet__in=outlets)
    return match


def _outlets(word: str):
    return Outlet.objects.filter(Q(name__icontains=word) | Q(domain__icontains=word)).values_list("pk", flat=True)


def _plain_match(word: str) -> Q:
    return (
        Q(content__icontains=word)
        | Q(speaker_text__icontains=word)
        | Q(speaker__canonical_name__icontains=word)
        | Q(speaker__aliases__icontains=word)
        | Q(article__title__icontains=word)
        | Q(article__outlet__in=_outlets(word))
    )
