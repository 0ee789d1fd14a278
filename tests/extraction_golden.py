"""The golden extraction output: fixed articles in, their full extraction out.

    .venv/bin/python -m tests.extraction_golden

regenerates tests/fixtures/extraction_golden/golden.json from the articles beside it,
stamped with the current EXTRACTOR_VERSION. Run it after bumping the version.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from claims.extraction import EXTRACTOR_VERSION, extract
from claims.extraction.serialize import extraction_to_dict

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FOLDER = FIXTURES / "extraction_golden"
GOLDEN = FOLDER / "golden.json"
REGENERATE = ".venv/bin/python -m tests.extraction_golden"

# article (a path under tests/fixtures) -> how it is extracted
CASES = {
    "tribunnews-hamas-rusia.txt": {"published": datetime.date(2025, 2, 4)},
    "extraction_golden/council-budget-en.txt": {"published": datetime.date(2025, 3, 5)},
    "html/berita-id.html": {"url": "https://warta.example.id/ekonomi/2025/02/04/harga-beras"},
    "html/news-en.html": {"url": "https://news.example.com/local/bridge"},
}


def golden_output() -> dict:
    """Return the extraction of every golden article, as JSON-ready data."""
    articles = {}
    for relative, options in CASES.items():
        path = FIXTURES / relative
        name = path.name
        if name.endswith(".html"):
            result = extract(html=path.read_bytes(), **options)
        else:
            result = extract(path.read_text(encoding="utf-8"), **options)
        articles[name] = extraction_to_dict(name, result)
    return {"extractor_version": EXTRACTOR_VERSION, "articles": articles}


def golden_stored() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def golden_problem(stored: dict, current: dict) -> str | None:
    """Say what is wrong between the committed golden output and the current one, if anything."""
    version = current["extractor_version"]
    if stored["extractor_version"] != version:
        return (
            f"the golden output was produced by extractor {stored['extractor_version']!r}, "
            f"the extractor is now {version!r}: regenerate with {REGENERATE}"
        )
    changed = [name for name in current["articles"] if current["articles"][name] != stored["articles"].get(name)]
    changed += [name for name in stored["articles"] if name not in current["articles"]]
    if not changed:
        return None
    return (
        f"the extraction of {', '.join(changed)} changed while EXTRACTOR_VERSION is still {version!r}: "
        f"bump EXTRACTOR_VERSION and regenerate with {REGENERATE}\n" + "\n".join(_differences(stored, current, changed))
    )


def _differences(stored: dict, current: dict, names: list[str], limit: int = 6) -> list[str]:
    lines = []
    for name in names:
        old, new = stored["articles"].get(name, {}), current["articles"].get(name, {})
        for key in sorted(set(old) | set(new)):
            if key != "claims" and old.get(key) != new.get(key):
                lines.append(f"  {name} {key}: {str(old.get(key))[:80]!r} -> {str(new.get(key))[:80]!r}")
        old_claims = [_claim_line(c) for c in old.get("claims", [])]
        new_claims = [_claim_line(c) for c in new.get("claims", [])]
        lines += [f"  {name} - {c}" for c in old_claims if c not in new_claims]
        lines += [f"  {name} + {c}" for c in new_claims if c not in old_claims]
    return lines[:limit] + ([f"  ... {len(lines) - limit} more"] if len(lines) > limit else [])


def _claim_line(claim: dict) -> str:
    shown = {**claim, "content": claim["content"][:60]}
    return json.dumps(shown, ensure_ascii=False, sort_keys=True)


def main() -> None:
    GOLDEN.write_text(json.dumps(golden_output(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} for extractor {EXTRACTOR_VERSION}")


if __name__ == "__main__":
    main()
