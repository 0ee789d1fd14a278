import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, ImportJob

from .conftest import SAMPLE_ARTICLE

PAGE = (
    "<html><head><title>Banjir di Bekasi</title></head><body><article>"
    "<p>Kepala BPBD Bekasi Ahmad Yani mengatakan bahwa 300 rumah terendam banjir sejak Senin pagi.</p>"
    "</article></body></html>"
)


@pytest.mark.django_db(transaction=True)
def test_ingest_stores_text_html_and_jsonl_once(tmp_path, capsys):
    page = tmp_path / "banjir.html"
    page.write_text(PAGE, encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"text": "Presiden mengatakan ekonomi tumbuh 5 persen.", "lang": "id"})
        + "\n"
        + json.dumps({"text": "The minister said exports rose 8 percent.", "published": "2024-05-02"})
        + "\n",
        encoding="utf-8",
    )
    call_command("ingest", str(SAMPLE_ARTICLE), str(page), str(batch), "--lang", "id")
    assert Article.objects.count() == 4
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}, "no broker: extracted in-process"
    call_command("ingest", str(SAMPLE_ARTICLE), str(page), str(batch))
    assert Article.objects.count() == 4
    out = capsys.readouterr().out
    assert f"({batch}): 2 item(s): 2 extracted, 0 stored and waiting for extraction, 0 already stored" in out
    assert f"({batch}): 2 item(s): 0 extracted, 0 stored and waiting for extraction, 2 already stored" in out
    english = Article.objects.get(text__startswith="The minister")
    assert str(english.published_date) == "2024-05-02"
    assert english.language == "id", "--lang applies to lines that do not say"


@pytest.mark.django_db(transaction=True)
def test_ingest_reports_bad_inputs_by_line_and_goes_on(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "Menurut polisi, pelaku sudah ditangkap."}\n{not json\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(CommandError, match="3 input"):
        call_command("ingest", str(batch), str(tmp_path / "missing.txt"))
    err = capsys.readouterr().err
    assert f"{batch} #2: line 2 is not JSON" in err
    assert f"{batch} #3: line 3 is not a JSON object" in err
    assert "missing.txt: no such file" in err
    assert Article.objects.count() == 1
    job = ImportJob.objects.get()
    assert list(job.items.values_list("position", "status")) == [(1, "stored"), (2, "failed"), (3, "failed")]


@pytest.mark.django_db(transaction=True)
def test_ingest_csv_batch(tmp_path, capsys):
    batch = tmp_path / "batch.csv"
    batch.write_text(
        'title,text,published\nBanjir,"Kepala BPBD Ahmad Yani mengatakan 300 rumah terendam.",2025-01-06\nKosong,,\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="1 input"):
        call_command("ingest", str(batch))
    article = Article.objects.get()
    assert article.title == "Banjir"
    assert str(article.published_date) == "2025-01-06"
    assert 'row at line 3 has no "url", "text" or "html"' in capsys.readouterr().err


def test_extract_claims_writes_results_and_survives_malformed_lines(tmp_path, capsys, sample_text):
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "seed", "text": sample_text, "lang": "id", "published": "2025-02-04"}),
        "{broken",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "page", "html": PAGE, "url": "https://kabar.example/banjir"}),
        json.dumps({"id": "bad-date", "text": "x", "published": "kemarin"}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    with pytest.raises(CommandError, match="3 malformed line"):
        call_command("extract_claims", str(source), "-o", str(target))
    err = capsys.readouterr().err
    assert "line 2: skipped, not JSON" in err
    assert 'line 3: skipped, it has neither "text" nor "html"' in err
    assert "line 5: skipped" in err and "kemarin" in err
    results = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["seed", "page"]
    seed, page = results
    assert seed["lang"] == "id" and seed["published"] == "2025-02-04"
    for claim in seed["claims"]:
        assert seed["text"][claim["start"] : claim["end"]] == claim["content"]
        assert set(claim) == {
            "start",
            "end",
            "content",
            "speaker",
            "cue",
            "via",
            "kind",
            "date",
            "checkworthiness",
            "flags",
        }
    assert any(c["speaker"] == "Mousa Abu Marzouk" for c in seed["claims"])
    assert page["title"] == "Banjir di Bekasi"
    assert "300 rumah terendam" in page["text"]
    assert any(c["speaker"] == "Ahmad Yani" for c in page["claims"])


def test_extract_claims_refuses_a_missing_input_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("extract_claims", str(tmp_path / "nope.jsonl"))
