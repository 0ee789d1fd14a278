"""Articles given as text keep their outlet: from the batch's source or outlet field, the address
the text was taken from, or a dateline such as "TRIBUNNEWS.COM -" at the top of the text."""

import json

import pytest

from claims.ingest.articles import article_ingest
from claims.ingest.jobs import import_items_process, import_job_create
from claims.ingest.outlets import dateline_domain, outlet_find
from claims.ingest.sources import entries_from_file, entries_from_jsonl, is_url_list
from claims.models import Article, ImportJob, Outlet

pytestmark = pytest.mark.django_db

TRIBUN = (
    "Hamas-Rusia Makin Mesra: Pertemuan Bahas Gencatan Senjata\n"
    "Hamas dan Rusia mengadakan pertemuan untuk membahas gencatan senjata.\n"
    "TRIBUNNEWS.COM - Hubungan baik tersebut ditampakkan saat delegasi bertemu pejabat di Moskow.\n"
)


def _run(entries):
    job = import_job_create(kind=ImportJob.Kind.FILE, source="t", entries=list(entries), queue=False)
    import_items_process(item_ids=list(job.items.values_list("pk", flat=True)))
    return job


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        (TRIBUN, "tribunnews.com"),
        ("Judul\nJAKARTA, KOMPAS.com - Menteri mengatakan harga naik.", "kompas.com"),
        ("Kompas.com - Menteri mengatakan harga naik.", "kompas.com"),
        ("Suara.com - Cerita sekuel terbaru bocor.", "suara.com"),
        ("Liputan6.com, Jakarta - Presiden meresmikan jalan tol.", "liputan6.com"),
        ("Menurut polisi, tiga orang ditangkap. Dia berkata - tidak ada.", ""),
    ],
)
def test_datelines_name_the_outlets_domain(text, domain):
    assert dateline_domain(text) == domain


def test_a_text_file_is_one_article_and_a_file_of_addresses_is_a_url_list():
    article = list(entries_from_file("tribun.txt", TRIBUN.encode()))
    assert [(e.url, e.payload.get("text"), e.error) for e in article] == [("", TRIBUN, "")]
    urls = list(entries_from_file("list.txt", b"# to read\nhttps://a.example/1\n\nhttps://b.example/2\n"))
    assert [e.url for e in urls] == ["https://a.example/1", "https://b.example/2"]
    assert is_url_list("https://a.example/1\n") and not is_url_list("https://a.example/1 says the mayor\n")


def test_an_uploaded_text_file_keeps_its_dateline_outlet_and_its_text():
    _run(entries_from_file("tribun.txt", TRIBUN.encode()))
    article = Article.objects.get()
    assert (article.outlet.domain, article.outlet.name) == ("tribunnews.com", "Tribunnews")
    assert "TRIBUNNEWS.COM - Hubungan baik" in article.text, "the dateline stays in the text"


def test_jsonl_outlet_field_is_the_source_and_source_url_gives_domain_and_address():
    lines = [
        json.dumps({"text": "Menurut polisi, tiga orang ditangkap di Bekasi.", "outlet": "Kabar Contoh"}),
        json.dumps(
            {
                "text": "Ketua MPR menyesalkan kisruh transportasi.",
                "source": "kumparan",
                "source_url": "https://kumparan.com/a/ketua-mpr",
            }
        ),
        json.dumps({"text": "Suara.com - Cerita sekuel terbaru bocor.", "source": "suara"}),
        json.dumps({"text": "Kata saksi, api muncul.", "source_url": "ftp://x.example/1"}),
    ]
    entries = list(entries_from_jsonl(lines))
    assert entries[0].payload["source"] == "Kabar Contoh"
    assert entries[3].error == 'line 4: "source_url" must be an http(s) URL'
    _run(entries)
    by_text = {a.text[:12]: a for a in Article.objects.select_related("outlet")}
    assert by_text["Menurut poli"].outlet.name == "Kabar Contoh"
    kumparan = by_text["Ketua MPR me"]
    assert (kumparan.outlet.domain, kumparan.outlet.name) == ("kumparan.com", "Kumparan")
    assert kumparan.canonical_url == "https://kumparan.com/a/ketua-mpr" and kumparan.url == ""
    assert by_text["Suara.com - "].outlet.domain == "suara.com", "a source name agreeing with the dateline"


def test_one_by_one_ingest_takes_the_same_outlet_as_the_batch():
    result = article_ingest(
        text="Ketua MPR menyesalkan kisruh.", outlet_name="kumparan", outlet_url="https://kumparan.com/a/1", queue=False
    )
    assert (result.article.outlet.domain, result.article.outlet.name) == ("kumparan.com", "Kumparan")
    assert result.article.canonical_url == "https://kumparan.com/a/1"
    again = article_ingest(text="TRIBUNNEWS.COM - Presiden berkata jalan selesai.", queue=False)
    assert again.article.outlet.domain == "tribunnews.com"


def test_a_source_name_that_disagrees_with_the_dateline_wins():
    outlet = outlet_find(name="Kabar Contoh", text="TRIBUNNEWS.COM - Presiden berkata.")
    assert outlet.name == "Kabar Contoh" and Outlet.objects.count() == 1
