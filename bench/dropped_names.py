"""How well the `missing_entity` flag finds sentences whose linked names a scraper dropped.

    python bench/dropped_names.py [--shared ../shared] [--part dev|held|both] [--rate 0.35] [--show N]

Articles from the development sets and the corpus are damaged the way a scraper that
keeps only the text outside `<a>` does: person and organisation names (capitalised
runs, cut at a word that ends a sentence, less titles, days and months; a title is
dropped with its name at TITLE_RATE) are removed whole, leaving the spaces and
punctuation around them, spaces collapsed. Each name mention is dropped with probability
`--rate`, from a generator seeded by the article id, so every run damages the same words.

Two countings. By sentence: recall is the share of damaged sentences the flagger flags;
false alarms the share of undamaged sentences (in the same damaged articles) it flags;
`clean` the share of the sentences of the undamaged originals it flags. By dropped name
(what the desk sees): every dropped name inside a sentence, or next to one with only
spaces between, counts once; `marked` is the share whose place one of the sentence's gap
offsets marks (only spaces, commas and quotes between), `flagged` the share whose
sentence is flagged at all. A sentence that lost two names counts once by sentence and
twice by name, and a flag whose offset points elsewhere does not mark the name.

With `--claims`, the whole extractor also runs on the damaged articles: the share of
claims from damaged sentences that carry `missing_entity`, and of claims from undamaged
ones that do (this extractor only); by name, the dropped names in a claim's sentences
that the claim's `gaps` mark; and of the attributions whose cue has a dropped name right
before or after it, the share left with no speaker (`speaker dropped`), against the
share of the others left with none.
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

BASELINE_COMMIT = "fa280e9"  # the flagger before the shapes of the benchmark's second version
SETS = (
    ("id-dev", "eval/id-dev.gold.jsonl"),
    ("polnear-dev", "eval/polnear-dev.gold.jsonl"),
    ("indosum", "corpus/indosum-id-750.jsonl"),
)

# A capitalised run: not inside a word (`mAh`) and not a currency (`US$`).
_RUN = re.compile(r"(?<![\w$])[A-Z][\w’'.&-]*(?: +(?:(?:bin|binti|van|der|de|al|von|el) +)?[A-Z][\w’'.&-]*)*(?!\$)")
# Words that start a capitalised run but are not the linked name. Titles and offices are
# sometimes linked with the name (`Presiden Joko Widodo`): `damage` drops them with it at
# TITLE_RATE; calendar words, pronouns and function words never.
_TITLES = frozenset(
    str.split(
        """
    presiden wakil menteri ketua kepala direktur gubernur bupati wali wakapolri kapolri kapolda kapolres
    jenderal letjen mayjen brigjen irjen kombes akbp kompol pak bu bapak ibu sekretaris jaksa hakim
    juru bicara jubir panglima komandan duta besar dubes raja ratu pangeran sultan perdana anggota
    pimpinan pelatih kapten dr dr. prof prof. h. hj. ir. drs. mr. mrs. ms. sen. rep. gov. gen. lt. col.
    president vice secretary minister prime senator governor mayor chief general chairman chairwoman
    spokesman spokeswoman director judge justice attorney representative sen rep gov mr mrs ms sir lord
    sekjen ceo cto cfo coo
    """
    )
)
_KEEP = _TITLES | frozenset(
    str.split(
        """
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
    september oktober november desember monday tuesday wednesday thursday friday saturday sunday january
    february march june july august october december i baca simak lihat the a an in on at of for and but
    however but ia dia kami kita mereka saya he she they we it this that these those anda
    rp wib wita wit usd idr
    di ke dari dengan dalam untuk pada oleh kepada bagi lewat menurut bersama dan atau namun sementara
    selain saat ketika setelah sebelum jika meski
    """
    )
)
TITLE_RATE = 1 / 3
_STARTS = re.compile(r"(?:[.!?][\"”’']?|^|[\"“‘])\s*(?=[A-Z])", re.MULTILINE)
# `Mudah - mudahan`, `Anak - anak`: a reduplicated word, not a name.
_REDUPLICATED = re.compile(r"(\w+) - (?i:\1)\b")
# A word that ends a sentence: not an initial (`J.`), a title (`Dr.`) or `Jr.`/`St.`.
_SENTENCE_END = re.compile(r"[\w’'&-]{3,}\.$")
_NOT_END = frozenset(("jr.", "sr.", "st.", "co.", "inc.", "corp.", "bros.", "ltd."))


def _names(text: str) -> list[tuple[int, int, int]]:
    """Capitalised runs that read as names: (start with the leading titles, start, end).

    Not a sentence's first word unless seen inside one; a run does not go past a word that
    ends a sentence (`... Urbanindo. Dengan akuisisi`).
    """
    inside = set()
    starts = set()
    for s, _e in split_sentences(text, "id"):
        starts.add(s)
        if text[s] in "\"“'‘(":
            starts.add(s + 1)
    starts.update(m.end() for m in _STARTS.finditer(text))  # sentences inside quotes the splitter keeps whole
    for m in _RUN.finditer(text):
        if m.start() not in starts:
            inside.add(m.group(0).split()[0])
    found = []
    for m in _RUN.finditer(text):
        words = [(m.start() + w.start(), m.start() + w.end(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        runs, run = [], []
        for word in words:
            run.append(word)
            if _SENTENCE_END.search(word[2]) and word[2].lower() not in _KEEP | _NOT_END:
                runs.append(run)
                run = []
        runs.append(run)
        for words in runs:
            if not words:
                continue
            if words[0][0] in starts and words[0][2] not in inside:
                words = words[1:]
            titled = None
            while words and (words[0][2].lower() in _KEEP or words[0][2].lower().rstrip(".") in _KEEP):
                is_title = words[0][2].lower() in _TITLES or words[0][2].lower().rstrip(".") in _TITLES
                titled = (words[0][0] if titled is None else titled) if is_title else None
                words = words[1:]
            while words and words[-1][2].rstrip(".").lower() in _KEEP:
                words = words[:-1]
            if words and _REDUPLICATED.match(text, words[0][0]):
                continue
            if not words or words[0][2].isupper() and len(words[0][2]) > 6:  # `TRIBUNNEWS.COM` datelines stay
                continue
            start, end = words[0][0], words[-1][1]
            while end > start and text[end - 1] in ".’'":  # the sentence's full stop stays
                end -= 1
            if end - start >= 2:
                found.append((start if titled is None else titled, start, end))
    return found


def damage(doc_id: str, text: str, rate: float, title_rate: float = TITLE_RATE) -> tuple[str, list[int]]:
    """Drop some names as a link-dropping scraper does; return the text and where each gap is."""
    rng = random.Random(doc_id)
    out: list[str] = []
    gaps: list[int] = []
    last = length = 0
    for titled, start, end in _names(text):
        if start < last or rng.random() >= rate:
            continue
        if titled < start and titled >= last and rng.random() < title_rate:
            start = titled
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


_FILLER = " ,\"“”'‘’"


def _sentence_of(text: str, sentences: list[tuple[int, int]], gaps: list[int]) -> list[int | None]:
    """The sentence each gap is in, or next to with only spaces between; None if neither."""
    starts = [s for s, _e in sentences]
    out: list[int | None] = []
    for g in gaps:
        i = bisect_right(starts, g) - 1
        if i >= 0 and sentences[i][0] <= g <= sentences[i][1]:
            out.append(i)
        elif i + 1 < len(sentences) and not text[g : sentences[i + 1][0]].strip():
            out.append(i + 1)
        elif i >= 0 and not text[sentences[i][1] : g].strip():
            out.append(i)
        else:
            out.append(None)
    return out


def _marked(text: str, offsets, g: int) -> bool:
    """Whether one of the flagger's gap offsets marks the place of the name dropped at `g`."""
    return any(not text[min(o, g) : max(o, g)].strip(_FILLER) for o in offsets)


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
    baseline = _load_baseline()
    flaggers = {
        "before": lambda text, start, end, lang: baseline.gap_offsets(text, start, end, lang),
        "after": lambda text, start, end, lang: current_flags.gap_offsets(text, start, end, lang),
    }
    counts: dict = {}
    names: dict = {}
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
        where = _sentence_of(damaged, sentences, gaps)
        if args.claims:
            c = counts.setdefault((part, "id" if lang == "id" else "en", "claims"), [0, 0, 0, 0, 0, 0])
            n = names.setdefault((part, "id" if lang == "id" else "en", "claims"), [0, 0, 0])
            starts = [s for s, _e in sentences]
            for claim in extract(damaged, lang=lang).claims:
                first = max(0, bisect_right(starts, claim.start) - 1)
                last = max(0, bisect_right(starts, max(claim.start, claim.end - 1)) - 1)
                hit = any(sentences[first][0] <= g <= sentences[last][1] for g in gaps)
                c[0 if hit else 2] += 1
                c[1 if hit else 3] += current_flags.MISSING_ENTITY in claim.flags
                for g, i in zip(gaps, where, strict=True):
                    if i is not None and first <= i <= last:
                        n[0] += 1
                        n[1] += _marked(damaged, claim.gaps, g)
                        n[2] += current_flags.MISSING_ENTITY in claim.flags
            found = [(a.cue_start, a.cue_end, a.speaker is None) for a in find_attributions(damaged, lang)]
            voiced.append((part, lang, damaged, gaps, found))
        for label, offsets in flaggers.items():
            c = counts.setdefault((part, "id" if lang == "id" else "en", label), [0, 0, 0, 0, 0, 0])
            n = names.setdefault((part, "id" if lang == "id" else "en", label), [0, 0, 0])
            started = time.perf_counter()
            for i, (s, e) in enumerate(sentences):
                hit = any(s <= g <= e for g in gaps)
                at = offsets(damaged, s, e, lang)
                flagged = bool(at)
                c[0 if hit else 2] += 1
                c[1 if hit else 3] += flagged
                for g, j in zip(gaps, where, strict=True):
                    if j == i:
                        n[0] += 1
                        n[1] += _marked(damaged, at, g)
                        n[2] += flagged
                if label == "after" and args.show:
                    kind = "missed" if hit and not flagged else "false" if flagged and not hit else None
                    if kind:
                        shown[kind].append(f"[{name}] {damaged[s:e][:220]}")
            for s, e in clean:
                c[4] += 1
                c[5] += bool(offsets(text, s, e, lang))
            seconds[label] += time.perf_counter() - started
    print(f"damage rate {args.rate}; sentence-level flags (before = {BASELINE_COMMIT}); `claims`: extracted claims")
    print(f"{'part':5} {'lang':4} {'flagger':7} {'damaged':>8} {'recall':>7} {'undamaged':>9} {'false':>6} "
          f"{'clean':>6} {'clean flagged':>13}")
    for key in sorted(counts):
        part, lang, label = key
        d, df, u, uf, cl, clf = counts[key]
        clean = f"{cl:6d} {clf / max(cl, 1):13.3f}" if cl else f"{'':6} {'':>13}"
        print(f"{part:5} {lang:4} {label:7} {d:8d} {df / max(d, 1):7.3f} {u:9d} {uf / max(u, 1):6.3f} {clean}")
    print("per dropped name inside or next to a sentence (or claim): `marked` = a gap offset at the name, "
          "`flagged` = its sentence (claim) flagged at all")
    print(f"{'part':5} {'lang':4} {'flagger':7} {'names':>8} {'marked':>7} {'flagged':>8}")
    for key in sorted(names):
        part, lang, label = key
        total, marked, flagged = names[key]
        print(f"{part:5} {lang:4} {label:7} {total:8d} {marked / max(total, 1):7.3f} {flagged / max(total, 1):8.3f}")
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
