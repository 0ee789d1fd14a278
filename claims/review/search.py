"""Search over claims by what a reviewer remembers: words of the claim, its speaker, its article or outlet.

Every word must be found somewhere: in the claim's text, the speaker's name or aliases, the
article's title or the outlet's name or domain. A word matches words it begins ("Jokow" finds
"Jokowi"). On PostgreSQL each part is a full-text match ('simple' configuration: Indonesian and
English alike, no stemming) that a GIN index serves (migration 0016_search_indexes); elsewhere a
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
    common = common_words(words, index=CLAIM_INDEX, table=claims.model._meta.db_table)
    for word in words:
        claims = claims.filter(_full_text_match(word, common_in_claims=word in common))
    return claims


def _prefix_query(word: str) -> SearchQuery:
    # `word` holds word characters only, so the raw form cannot carry tsquery syntax.
    return SearchQuery(f"{word}:*", config="simple", search_type="raw")


# A word found in up to this many claims, speakers or articles is rare: its matches are passed as ids,
# which the claims' own b-tree indexes look up. A commoner word is matched on each row the rarer
# words leave (or, if all are common, on the rows of the queue's order until the page is full). A word
# the index's statistics already show in more claims than this is taken as common without looking.
RARE = 1000


def _full_text_match(word: str, *, common_in_claims: bool = False) -> Q:
    """The word in the claim's own text, or in its speaker's names, its article's title or its outlet.

    `common_in_claims` says the statistics already know the word is common in the claims' text: then
    its claims are not looked up by ids first (the index would gather every one of them for nothing).
    """
    from ..models import Claim

    query = _prefix_query(word)
    parts = {
        "speaker_id": Speaker.objects.alias(document=speaker_document()).filter(document=query),
        "article_id": Article.objects.alias(document=article_document()).filter(document=query),
    }
    if not common_in_claims:
        parts["pk"] = Claim.objects.alias(document=claim_document()).filter(document=query)
    found = {field: list(rows.values_list("pk", flat=True)[: RARE + 1]) for field, rows in parts.items()}
    common = {field for field, ids in found.items() if len(ids) > RARE}
    own = found.pop("pk", None)
    match = Q(search_document=query) if common_in_claims or "pk" in common else Q(pk__in=own)
    for field, ids in found.items():
        if field in common:
            match |= Q(**{f"{field}__in": parts[field].values("pk")})
        elif ids:
            match |= Q(**{f"{field}__in": ids})
    outlets = list(_outlets(word))
    if outlets:  # a word naming an outlet ("tribun", "kompas.com") is meant as one
        match |= Q(article__outlet__in=outlets)
    return match


CLAIM_INDEX = "claim_search_idx"  # migration 0016_search_indexes


def common_words(words: list[str], *, index: str, table: str) -> set[str]:
    """The words that PostgreSQL's statistics of a full-text index show in more than RARE rows of its table.

    A word counts when one of the index's most common lexemes begins with it, in enough rows by
    that lexeme alone (a lower bound of the word's rows). Without statistics (a table never
    analysed) no word is known to be common, and each is looked up as a rare one first.
    """
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_stats s, pg_class c"
            " WHERE s.schemaname = current_schema() AND s.tablename = %s AND c.oid = %s::regclass",
            [index, table],
        )
        row = cursor.fetchone()
    if row is None or not row[0] or not row[1] or row[2] <= 0:
        return set()
    lexemes, shares, rows = row
    common = set()
    for word in words:
        share = max((f for lexeme, f in zip(lexemes, shares, strict=False) if lexeme.startswith(word)), default=0)
        if share * rows > RARE:
            common.add(word)
    return common


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
