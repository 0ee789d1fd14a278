"""extract_claims: page bytes decoded like everywhere else, and a per-line time budget."""

import json

import pytest
from django.core.management import CommandError, call_command

from .extraction_hostile import HOSTILE

NEWS = "Menteri Keuangan Sri Mulyani mengatakan bahwa inflasi turun menjadi 2,5 persen pada Januari."


def _run(tmp_path, lines: list[bytes], *options):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    target = tmp_path / "out.jsonl"
    call_command("extract_claims", str(source), "-o", str(target), *options)
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_lines_in_windows_1252_are_read_like_page_bytes(tmp_path):
    line = json.dumps({"id": "cp1252", "text": NEWS.replace("Sri", "Sri “Ani”"), "lang": "id"}, ensure_ascii=False)
    results = _run(tmp_path, [line.encode("cp1252")])
    assert "Sri “Ani” Mulyani" in results[0]["text"]


def test_a_line_out_of_time_is_reported_and_the_others_are_written(tmp_path, capsys):
    hostile = {"id": "huge", **HOSTILE["long-paragraph-id"](1_000_000)}
    lines = [
        json.dumps({"id": "first", "text": NEWS, "lang": "id"}).encode(),
        json.dumps(hostile).encode(),
        json.dumps({"id": "last", "text": NEWS, "lang": "id"}).encode(),
    ]
    with pytest.raises(CommandError, match=r"^1 line\(s\) out of time skipped; the others were written$"):
        _run(tmp_path, lines, "--budget", "0.2")
    err = capsys.readouterr().err
    assert "line 2: skipped, took longer than 0.2 s: the text has a 1.0 MB paragraph" in err
    target = tmp_path / "out.jsonl"
    assert [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()] == ["first", "last"]


def test_a_zero_budget_means_no_limit(tmp_path):
    results = _run(tmp_path, [json.dumps({"id": "a", "text": NEWS, "lang": "id"}).encode()], "--budget", "0")
    assert results[0]["claims"]


@pytest.mark.parametrize("budget", ["-1", "soon"])
def test_a_bad_budget_is_refused(tmp_path, budget):
    with pytest.raises(CommandError, match="budget"):
        _run(tmp_path, [b"{}"], "--budget", budget)


def test_each_bad_field_is_its_lines_error_and_every_other_line_is_written(tmp_path, capsys):
    good = {"text": NEWS, "lang": "id"}
    records = [
        {"id": "list-lang", **good, "lang": ["id"]},
        {"id": "number-lang", **good, "lang": 5},
        {"id": "unknown-lang", **good, "lang": "xx"},
        {"id": "year-one", **good, "published": "0001-01-01"},
        {"id": "not-a-date", **good, "published": "kemarin"},
        {"id": "upper-lang", **good, "lang": " ID "},
        {"id": "nul", **good, "text": NEWS.replace("inflasi", "infl\u0000asi")},
        {"id": "surrogate", **good, "text": NEWS.replace("turun", "turun \ud83d")},
    ]
    lines = [json.dumps(record).encode() for record in records]
    with pytest.raises(CommandError, match=r"^5 malformed line\(s\) skipped; the others were written$"):
        _run(tmp_path, lines)
    err = capsys.readouterr().err
    assert "line 1: skipped, \"lang\" must be a string, not list" in err
    assert "line 2: skipped, \"lang\" must be a string, not int" in err
    assert "line 3: skipped, \"lang\" must be \"id\" or \"en\", not 'xx'" in err
    assert "line 4: skipped, \"published\" is not a plausible date: 0001-01-01" in err
    assert "line 5: skipped, \"published\" is not a YYYY-MM-DD date" in err
    written = {
        result["id"]: result
        for result in map(json.loads, (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())
    }
    assert sorted(written) == ["nul", "surrogate", "upper-lang"]
    assert written["upper-lang"]["lang"] == "id"
    assert "inflasi" in written["nul"]["text"] and "\u0000" not in written["nul"]["text"]
    assert "turun \ufffd" in written["surrogate"]["text"]
