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
            "gaps",
        }
        assert all(0 <= gap <= len(seed["text"]) for gap in claim["gaps"])
        assert bool(claim["gaps"]) <= ("missing_entity" in claim["flags"])
    assert any(c["speaker"] == "Mousa Abu Marzouk" for c in seed["claims"])
    assert any(c["gaps"] for c in seed["claims"])
    assert page["title"] == "Banjir di Bekasi"
    assert "300 rumah terendam" in page["text"]
    assert any(c["speaker"] == "Ahmad Yani" for c in page["claims"])


def test_extract_claims_refuses_a_missing_input_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("extract_claims", str(tmp_path / "nope.jsonl"))


@pytest.mark.django_db(transaction=True)
def test_the_sample_article_gets_its_outlet_from_its_dateline_or_from_source(tmp_path):
    from claims.models import Outlet

    call_command("ingest", str(SAMPLE_ARTICLE), "--lang", "id", "--published", "2025-02-04")
    article = Article.objects.get()
    assert (article.outlet.name, article.outlet.domain) == ("Tribunnews", "tribunnews.com")
    text = tmp_path / "kompas.txt"
    text.write_text("Harga beras naik\nJAKARTA, KOMPAS.com - Menteri mengatakan harga beras naik.\n", encoding="utf-8")
    bare = tmp_path / "bare.txt"
    bare.write_text("Menurut polisi, tiga orang ditangkap di Bekasi.\n", encoding="utf-8")
    call_command("ingest", str(text))
    call_command("ingest", str(bare), "--source", "detik.com")
    assert Article.objects.get(text__contains="KOMPAS.com").outlet.domain == "kompas.com"
    assert Article.objects.get(text__contains="Bekasi").outlet.domain == "detik.com"
    assert Outlet.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_batch_keeps_each_lines_source_as_its_outlet(tmp_path):
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"text": "Menurut polisi, tiga orang ditangkap di Bekasi.", "source": "tribunnews.com"},
        {"text": "Kata saksi, api muncul dari dapur.", "source": "Kabar Contoh"},
        {"text": "Bupati mengatakan jalan itu selesai Mei.", "source": "tribunnews.com"},
        {"text": "TEMPO.CO, Jakarta - Menteri mengatakan ekspor naik."},
        {"text": "The mayor said the bridge reopens in May."},
    ]
    batch.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    call_command("ingest", str(batch))
    outlets = dict(Article.objects.values_list("text", "outlet__name"))
    assert [outlets[line["text"]] for line in lines] == ["Tribunnews", "Kabar Contoh", "Tribunnews", "Tempo", None]


@pytest.mark.django_db
def test_create_admin_names_the_virtualenvs_python_in_its_hint(monkeypatch, capsys):
    import shlex
    import subprocess
    import sys

    call_command("create_admin")
    assert "Password:" in capsys.readouterr().out
    call_command("create_admin")
    hint = capsys.readouterr().out.split("Set a new password with: ", 1)[1].strip()
    python, manage, *args = shlex.split(hint)
    assert python == ".venv/bin/python" or python == sys.executable
    assert args == ["changepassword", "admin"]
    # The hint runs as printed, from the project directory, with no virtualenv activated.
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    ran = subprocess.run([python, manage, "help", "changepassword"], capture_output=True, text=True, env=env)
    assert ran.returncode == 0, ran.stderr


@pytest.mark.django_db(transaction=True)
def test_ingest_cleans_nul_and_surrogates_and_reports_a_badly_typed_line(tmp_path, capsys):
    texts = [f"Kepala BPBD Ahmad Yani mengatakan {n * 10} rumah terendam banjir di Bekasi." for n in range(1, 21)]
    lines = [json.dumps({"text": text, "lang": "id"}) for text in texts]
    lines[4] = lines[4].replace("rumah", "rumah\\u0000")  # a NUL, written as JSON writes it
    lines[9] = lines[9].replace("Bekasi", "Bekasi \\ud83d")  # half of an emoji's surrogate pair
    lines[14] = json.dumps({"text": "Menurut polisi, pelaku ditangkap.", "published": "2025-13-45"})
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError, match="1 input"):
        call_command("ingest", str(batch))
    assert f'{batch} #15: line 15: "published" is not a YYYY-MM-DD date' in capsys.readouterr().err
    assert Article.objects.filter(status="done").count() == 19
    assert Article.objects.get(text__contains=" 50 rumah").text.count("\x00") == 0
    assert Article.objects.get(text__contains=" 100 rumah").text.endswith("Bekasi \ufffd.")
    assert ImportJob.objects.get().items.filter(status="failed").count() == 1
