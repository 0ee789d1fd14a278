"""Small builders for test data."""

from __future__ import annotations

import itertools

from claims.ingest.articles import content_hash
from claims.models import Article, Claim, Outlet, Speaker

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


def make_user(username: str | None = None, *, role: str | None = None, **fields):
    """A staff user, optionally in a review role: "reviewer" (Reviewers) or "editor" (Editors)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username or f"user{next(_numbers)}", password="pw-for-test-only", **fields)
    groups = {"reviewer": "Reviewers", "editor": "Editors"}
    if role:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=groups[role]))
    return user


def add_evidence(claim: Claim, user=None, url: str = "https://www.bps.go.id/tabel", **fields):
    """A source for the claim's verdict (publishing needs one), written directly: no step, no new version."""
    from claims.models import Evidence

    return Evidence.objects.create(claim=claim, url=url, added_by=user, **fields)


def make_published_claim(**fields) -> Claim:
    """A claim taken, proposed and published by two different people, through the services."""
    from claims.models import Verdict
    from claims.review.services import claim_propose_verdict, claim_publish, claim_take

    claim = make_claim(**fields)
    checker, editor = make_user(role="reviewer"), make_user(role="editor")
    claim_take(claim=claim, user=checker, expected_version=claim.version)
    add_evidence(claim, checker)
    claim_propose_verdict(
        claim=claim,
        user=checker,
        verdict=Verdict.objects.get(name="False"),
        rationale="Official statistics show the price fell.",
        expected_version=claim.version,
    )
    return claim_publish(claim=claim, user=editor, expected_version=claim.version)


def make_corrected_claim(**fields) -> Claim:
    """A published claim reopened (an update notice), then published again with another verdict and
    explanation (a correction notice with what changed), through the services."""
    from claims.models import Verdict
    from claims.review.services import claim_propose_verdict, claim_publish, claim_reopen, claim_take

    claim = make_published_claim(**fields)
    checker, editor = make_user(role="reviewer"), make_user(role="editor")
    note = "A reader sent the ministry's own table."
    claim = claim_reopen(claim=claim, user=editor, note=note, expected_version=claim.version)
    claim = claim_take(claim=claim, user=checker, expected_version=claim.version)
    claim = claim_propose_verdict(
        claim=claim,
        user=checker,
        verdict=Verdict.objects.get(name="Misleading"),
        rationale="The price fell in one province and rose in the others.",
        expected_version=claim.version,
    )
    return claim_publish(
        claim=claim, user=editor, expected_version=claim.version, notice="The verdict was wrong for most provinces."
    )


def make_fact_check(**fields):
    """A published fact-check of another organisation, as an import stores it."""
    import datetime

    from claims.models import FactCheck

    n = next(_numbers)
    return FactCheck.objects.create(
        **{
            "url": f"https://cekfakta.example/{n}",
            "publisher": "Cek Fakta",
            "claim_reviewed": f"Harga beras naik {n} persen.",
            "rating_label": "Hoaks",
            "review_date": datetime.date(2025, 1, 20),
            "language": "id",
            **fields,
        }
    )


def make_fact_check_match(claim: Claim, fact_check=None, **fields):
    """A published fact-check found for the claim, as the matcher links them."""
    from claims.models import FactCheckMatch

    fields = {"score": 0.8, "method": "semantic", "reasons": ["meaning 0.912 (id / en)"], **fields}
    return FactCheckMatch.objects.create(claim=claim, fact_check=fact_check or make_fact_check(), **fields)
