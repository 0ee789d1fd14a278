"""How well the `missing_entity` flag finds sentences whose linked names a scraper dropped.

    python bench/dropped_names.py [--shared ../shared] [--part dev|held|both] [--rate 0.35] [--show N]

Articles from the development sets and the corpus are damaged the way a scraper that
keeps only the text outside `<a>` does: person and organisation names (capitalised
runs, less titles, days and months) are removed, leaving the spaces and punctuation
around them, spaces collapsed. Each name mention is dropped with probability `--rate`,
from a generator seeded by the article id, so every run damages the same words.

Recall is the share of damaged sentences the flagger flags; false alarms the share of
undamaged sentences (in the same damaged articles) it flags; `clean` the share of the
sentences of the undamaged originals it flags. With `--claims`, the whole extractor also
runs on the damaged articles: the share of claims from damaged sentences that carry
`missing_entity`, and of claims from undamaged ones that do (this extractor only); and
of the attributions whose cue has a dropped name right before or after it, the share left
with no speaker (`speaker dropped`), against the share of the others left with none.
Articles are split by a hash of their id: `dev` is the half the patterns were written
against, `held` the half kept aside.
The baseline is the flagger of BASELINE_COMMIT, loaded from git in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402
from claims.extraction import flags as current_flags  # noqa: E402
from claims.extraction.attribution import find_attributions  # noqa: E402
from claims.extraction.sentences import split_sentences  # noqa: E402

BASELINE_COMMIT = "b9e1de5"  # the flagger before gap shapes were recognised by word class
SETS = (
    ("id-dev", "eval/id-dev.gold.jsonl"),
    ("polnear-dev", "eval/polnear-dev.gold.jsonl"),
    ("indosum", "corpus/indosum-id-750.jsonl"),
)

_RUN = re.compile(r"[A-Z][\w’'.&-]*(?: +(?:(?:bin|binti|van|der|de|al|von|el) +)?[A-Z][\w’'.&-]*)*")
# Words that start a capitalised run but are not the linked name: titles, offices, calendar words.
_KEEP = frozenset(
    str.split(
        """
    presiden wakil menteri ketua kepala direktur gubernur bupati wali wakapolri kapolri kapolda kapolres
    jenderal letjen mayjen brigjen irjen kombes akbp kompol pak bu bapak ibu sekretaris jaksa hakim
    juru bicara jubir panglima komandan duta besar dubes raja ratu pangeran sultan perdana anggota
    pimpinan pelatih kapten dr dr. prof prof. h. hj. ir. drs. mr. mrs. ms. sen. rep. gov. gen. lt. col.
    president vice secretary minister prime senator governor mayor chief general chairman chairwoman
    spokesman spokeswoman director judge justice attorney representative sen rep gov mr mrs ms sir lord
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
    september oktober november desember monday tuesday wednesday thursday friday saturday sunday january
    february march june july august october december i baca simak lihat the a an in on at of for and but
    however but ia dia kami kita mereka saya he she they we it this that these those
    """
    )
)


def _names(text: str) -> list[tuple[int, int]]:
    """Capitalised runs that read as names, less leading titles; not a sentence's first word unless seen inside one."""
    inside = set()
    starts = set()
    for s, _e in split_sentences(text, "id"):
        starts.add(s)
        if text[s] in "\"“'‘(":
            starts.add(s + 1)
    for m in _RUN.finditer(text):
        if m.start() not in starts:
            inside.add(m.group(0).split()[0])
    found = []
    for m in _RUN.finditer(text):
        words = [(w.start(), w.end(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        words = [(m.start() + a, m.start() + b, w) for a, b, w in words]
        if m.start() in starts and words[0][2] not in inside:
            words = words[1:]
        while words and (words[0][2].lower() in _KEEP or words[0][2].lower().rstrip(".") in _KEEP):
            words = words[1:]
        while words and words[-1][2].rstrip(".").lower() in _KEEP:
            words = words[:-1]
        if not words or words[0][2].isupper() and len(words[0][2]) > 6:  # `TRIBUNNEWS.COM` datelines stay
            continue
        start, end = words[0][0], words[-1][1]
        while end > start and text[end - 1] in ".’'":  # the sentence's full stop stays
            end -= 1
        if end - start >= 2:
            found.append((start, end))
    return found


def damage(doc_id: str, text: str, rate: float) -> tuple[str, list[int]]:
    """Drop some names as a link-dropping scraper does; return the text and where each gap is."""
    rng = random.Random(doc_id)
    out: list[str] = []
    gaps: list[int] = []
    last = length = 0
    for start, end in _names(text):
        if start < last or rng.random() >= rate:
            continue
        piece = text[last:start]
        out.append(piece)
        length += len(piece)
        before = text[start - 1] if start else "\n"
        last = end + 1 if before in " \n" and text[end : end + 1] == " " else end  # `dengan  untuk`: one space
        gaps.append(length)
    out.append(text[last:])
    return "".join(out), gaps


def _next_to(text: str, gaps: list[int], cue_start: int, cue_end: int) -> bool:
    """Whether a name was dropped in the speaker's slot: just before the cue, or just after one that follows a quote."""
    filler = " ,\"“”'‘’"
    inverted = text[:cue_start].rstrip()[-1:] in ",\"”’'"
    return any(
        (g <= cue_start and not text[g:cue_start].strip(filler))
        or (inverted and g >= cue_end and not text[cue_end:g].strip(filler))
        for g in gaps
    )


_BASELINE_VOICES = """
import json, sys
from claims.extraction.attribution import find_attributions
for line in sys.stdin:
    lang, text = json.loads(line)
    print(json.dumps([(a.cue_start, a.cue_end, a.speaker is None) for a in find_attributions(text, lang)]))
"""


def _baseline_voices(damaged: list[tuple[str, str]]) -> list[list]:
    """What the baseline extractor attributes in each damaged text: cue offsets, and whether no speaker."""
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(
            ["git", "archive", BASELINE_COMMIT, "claims"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
        feed = "".join(json.dumps([lang, text]) + "\n" for lang, text in damaged)
        out = subprocess.run(
            [sys.executable, "-c", _BASELINE_VOICES], cwd=tree, input=feed, capture_output=True, text=True, check=True
        ).stdout
    return [json.loads(line) for line in out.splitlines()]


def _load_baseline():
    source = subprocess.run(
        ["git", "show", f"{BASELINE_COMMIT}:claims/extraction/flags.py"], cwd=ROOT, capture_output=True,
        text=True, check=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location("baseline_flags", f.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def part_of(doc_id: str) -> str:
    return "dev" if int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "held"


def _docs(shared: Path):
    for name, rel in SETS:
        for line in (shared / rel).open(encoding="utf-8"):
            if line.strip():
                doc = json.loads(line)
                yield name, doc["id"], doc.get("lang", "id"), doc["text"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--part", choices=("dev", "held", "both"), default="both")
    parser.add_argument("--rate", type=float, default=0.35)
    parser.add_argument("--show", type=int, default=0, help="print this many missed and falsely flagged sentences")
    parser.add_argument("--claims", action="store_true", help="also count flags on extracted claims")
    args = parser.parse_args()
    baseline = _load_baseline().missing_entity
    flaggers = {
        "before": lambda text, start, end, _lang: baseline(text, start, end),
        "after": lambda text, start, end, lang: current_flags.missing_entity(text, start, end, lang),
    }
    counts: dict = {}
    voiced: list = []
    shown = {"missed": [], "false": []}
    seconds = dict.fromkeys(flaggers, 0.0)
    for name, doc_id, lang, text in _docs(args.shared):
        part = part_of(doc_id)
        if args.part != "both" and part != args.part:
            continue
        damaged, gaps = damage(doc_id, text, args.rate)
        sentences = split_sentences(damaged, lang)
        clean = split_sentences(text, lang)
        if args.claims:
            c = counts.setdefault((part, "id" if lang == "id" else "en", "claims"), [0, 0, 0, 0, 0, 0])
            starts = [s for s, _e in sentences]
            for claim in extract(damaged, lang=lang).claims:
                first = max(0, bisect_right(starts, claim.start) - 1)
                last = max(0, bisect_right(starts, max(claim.start, claim.end - 1)) - 1)
                hit = any(sentences[first][0] <= g <= sentences[last][1] for g in gaps)
                c[0 if hit else 2] += 1
                c[1 if hit else 3] += current_flags.MISSING_ENTITY in claim.flags
            found = [(a.cue_start, a.cue_end, a.speaker is None) for a in find_attributions(damaged, lang)]
            voiced.append((part, lang, damaged, gaps, found))
        for label, flag in flaggers.items():
            c = counts.setdefault((part, "id" if lang == "id" else "en", label), [0, 0, 0, 0, 0, 0])
            started = time.perf_counter()
            for s, e in sentences:
                hit = any(s <= g <= e for g in gaps)
                flagged = flag(damaged, s, e, lang)
                c[0 if hit else 2] += 1
                c[1 if hit else 3] += flagged
                if label == "after" and args.show:
                    kind = "missed" if hit and not flagged else "false" if flagged and not hit else None
                    if kind:
                        shown[kind].append(f"[{name}] {damaged[s:e][:220]}")
            for s, e in clean:
                c[4] += 1
                c[5] += flag(text, s, e, lang)
            seconds[label] += time.perf_counter() - started
    print(f"damage rate {args.rate}; sentence-level flags (before = {BASELINE_COMMIT}); `claims`: extracted claims")
    print(f"{'part':5} {'lang':4} {'flagger':7} {'damaged':>8} {'recall':>7} {'undamaged':>9} {'false':>6} "
          f"{'clean':>6} {'clean flagged':>13}")
    for key in sorted(counts):
        part, lang, label = key
        d, df, u, uf, cl, clf = counts[key]
        clean = f"{cl:6d} {clf / max(cl, 1):13.3f}" if cl else f"{'':6} {'':>13}"
        print(f"{part:5} {lang:4} {label:7} {d:8d} {df / max(d, 1):7.3f} {u:9d} {uf / max(u, 1):6.3f} {clean}")
    voices: dict = {}
    if voiced:
        before = _baseline_voices([(lang, text) for _p, lang, text, _g, _f in voiced])
        for (part, lang, text, gaps, after), old in zip(voiced, before, strict=True):
            for label, found in (("before", old), ("after", after)):
                v = voices.setdefault((part, "id" if lang == "id" else "en", label), [0, 0, 0, 0])
                for cue_start, cue_end, unknown in found:
                    if cue_start is None:
                        continue
                    dropped = _next_to(text, gaps, cue_start, cue_end)
                    v[0 if dropped else 2] += 1
                    v[1 if dropped else 3] += unknown
    for (part, lang, label), (d, dn, o, on) in sorted(voices.items()):
        print(f"{part:5} {lang:4} {label:7} speaker's name dropped next to the cue: {d:4d} attributions, "
              f"{dn / max(d, 1):.3f} with no speaker; others {o:5d}, {on / max(o, 1):.3f} with none")
    print("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))
    for kind, items in shown.items():
        for line in random.Random(kind).sample(items, min(args.show, len(items))):
            print(kind, "|", line)


if __name__ == "__main__":
    main()
