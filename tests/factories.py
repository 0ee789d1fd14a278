"""Small builders for test data."""

from __future__ import annotations

import itertools

from claims.models import Article, Claim, Outlet, Speaker
from claims.services import content_hash

_numbers = itertools.count(1)


def make_outlet(**fields) -> Outlet:
    n = next(_numbers)
    return Outlet.objects.create(**{"name": f"Outlet {n}", "domain": f"outlet{n}.example", **fields})


def make_article(**fields) -> Article:
    n = next(_numbers)
    text = fields.pop("text", f"Menteri Budi mengatakan bahwa harga beras naik {n} persen.")
    return Article.objects.create(
        **{"title": f"Article {n}", "text": text, "content_hash": content_hash(text), "language": "id", **fields}
    )


def make_claim(article: Article | None = None, **fields) -> Claim:
    article = article or make_article()
    start = fields.pop("start", 0)
    end = fields.pop("end", min(len(article.text), start + 20))
    return Claim.objects.create(
        **{
            "article": article,
            "content": article.text[start:end],
            "start": start,
            "end": end,
            "extractor_version": "test",
            **fields,
        }
    )


def make_speaker(name: str = "Budi Santoso", **fields) -> Speaker:
    return Speaker.objects.create(canonical_name=name, **fields)
