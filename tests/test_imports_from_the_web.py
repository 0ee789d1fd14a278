"""Imports and feeds against a local HTTP server: hostile responses become clear per-item errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from claims.ingest.feeds import feed_poll
from claims.ingest.jobs import import_item_process, import_job_create
from claims.ingest.sources import entries_from_urls
from claims.models import Article, Feed, ImportItem, ImportJob

from .httpserver import page, redirect, serve

pytestmark = pytest.mark.django_db

ARTICLE = (
    b"<html><head><title>Banjir di Bekasi</title></head><body><article>"
    b"<p>Kepala BPBD Bekasi Ahmad Yani mengatakan bahwa 300 rumah terendam banjir sejak Senin pagi.</p>"
    b"</article></body></html>"
)
# An ISO-8859-15 page that says so only in its <meta>: there byte A4 is the euro sign, where
# windows-1252 (the usual guess for undeclared Latin text) would read it as a currency sign.
LATIN9_PAGE = (
    b'<html><head><meta charset="iso-8859-15"><title>Harga kopi di Caf\xe9 Sentosa</title></head>'
    b"<body><article><p>Pemilik Caf\xe9 Sentosa, Jos\xe9 Ramos, mengatakan bahwa harga kopi naik menjadi "
    b"\xa4 3 per cangkir sejak Januari.</p><p>'Pasokan dari petani berkurang,' ujar Jos\xe9 di Jakarta."
    b"</p></article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _huge(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    chunk = b"<p>" + b"x" * 65529 + b"</p>\n"
    try:
        for _ in range(50 * 1024 * 1024 // len(chunk)):  # 50 MB, generated as it is sent
            handler.wfile.write(chunk)
    except OSError:
        pass


def _feed(*links: str) -> bytes:
    items = "".join(f"<item><title>Berita {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


@pytest.fixture
def web(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost"]
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 0
    settings.FACTCHECK_FETCH_MAX_BYTES = 1024 * 1024
    routes = {
        "/article": page(ARTICLE),
        "/latin9": page(LATIN9_PAGE, "text/html"),
        "/article-2": page(ARTICLE.replace(b"300 rumah", b"120 rumah")),
        "/huge": _huge,
        "/binary": page(PNG, "image/png"),
        "/binary-as-html": page(PNG + b"\x00" * 2000),
        "/bad-utf8": page(ARTICLE.replace(b"Senin", b"Sen\xff\xfein"), "text/html; charset=utf-8"),
        "/feed-empty": page(_feed(), "application/rss+xml"),
        "/feed-broken": page(b"<rss><channel><item><title>unclosed", "application/rss+xml"),
        "/not-a-feed": page(b"<html><body>hello</body></html>"),
    }
    with serve(routes) as server:
        server.routes["/to-loopback"] = redirect(server.url("/article", host="127.0.0.1"))
        server.routes["/feed"] = page(_feed(server.url("/article"), server.url("/article-2")), "application/rss+xml")
        yield server


def _import(server, *paths):
    text = "\n".join(path if "://" in path else server.url(path) for path in paths)
    job = import_job_create(kind=ImportJob.Kind.URLS, source="test", entries=entries_from_urls(text), queue=False)
    for item in job.items.filter(status=ImportItem.Status.PENDING):
        import_item_process(item_id=item.pk)
    return {item.url.rsplit("/", 1)[-1] or item.url: item for item in job.items.all()}


def test_each_hostile_response_is_a_clear_error_on_its_own_item(web):
    items = _import(web, "/article", "/huge", "/to-loopback", "/binary", "/binary-as-html", "file:///etc/passwd")
    assert items["article"].status == "stored"
    assert "larger than" in items["huge"].error
    assert "127.0.0.1" in items["to-loopback"].error and "cannot be fetched" in items["to-loopback"].error
    assert items["binary"].error == "the address serves image/png, not a web page or a feed"
    assert items["binary-as-html"].error == "the address serves binary data, not a web page or a feed"
    unreadable = ImportItem.objects.get(position=6)
    assert (unreadable.status, unreadable.error) == ("failed", "not an http(s) URL: 'file:///etc/passwd'")
    assert {i.status for name, i in items.items() if name != "article"} == {"failed"}
    assert Article.objects.count() == 1


def test_invalid_utf8_is_read_with_replacement_characters_not_refused(web):
    item = _import(web, "/bad-utf8")["bad-utf8"]
    assert item.status == "stored"
    assert "300 rumah terendam" in item.article.text


def test_a_feed_imports_each_new_entry_once(web, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=web.url("/feed"))
    with django_capture_on_commit_callbacks(execute=True):
        job = feed_poll(feed_id=feed.pk)
    assert job.kind == ImportJob.Kind.FEED
    assert sorted(job.items.values_list("status", flat=True)) == ["stored", "stored"]
    assert Article.objects.filter(status=Article.Status.DONE).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert feed_poll(feed_id=feed.pk) is None, "nothing new the second time"
    feed.refresh_from_db()
    assert feed.last_polled_at is not None and feed.last_error == ""
    assert Article.objects.count() == 2


def test_feed_entries_whose_address_holds_credentials_are_skipped_with_a_note(web, django_capture_on_commit_callbacks):
    web.routes["/feed-locked"] = page(
        _feed(web.url("/article"), web.url("/article-2", host="rina:s3cret@localhost")), "application/rss+xml"
    )
    feed = Feed.objects.create(url=web.url("/feed-locked"))
    with django_capture_on_commit_callbacks(execute=True):
        job = feed_poll(feed_id=feed.pk)
    assert list(job.items.values_list("url", "status")) == [(web.url("/article"), "stored")]
    feed.refresh_from_db()
    assert feed.last_error.startswith("1 entry was skipped: the address holds a user name or password")
    assert not Article.objects.filter(url__contains="s3cret").exists()


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/feed-empty", "the feed has no entries"),
        ("/feed-broken", "the feed is malformed"),
        ("/not-a-feed", "not an RSS or Atom feed"),
    ],
)
def test_empty_and_malformed_feeds_leave_a_clear_error_on_the_feed(web, path, error):
    feed = Feed.objects.create(url=web.url(path))
    assert feed_poll(feed_id=feed.pk) is None
    feed.refresh_from_db()
    assert error in feed.last_error
    assert not ImportJob.objects.exists()


def test_a_page_is_stored_with_the_same_text_fetched_ingested_as_a_file_or_uploaded(
    web, tmp_path, admin_client, django_capture_on_commit_callbacks
):
    def stored_text() -> str:
        article = Article.objects.get()
        text = article.text
        article.delete()
        return text

    _import(web, "/latin9")
    fetched = stored_text()
    path = tmp_path / "kopi.html"
    path.write_bytes(LATIN9_PAGE)
    call_command("ingest", str(path))
    from_file = stored_text()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:claims_importjob_add"), {"file": SimpleUploadedFile("kopi.html", LATIN9_PAGE)}
        )
    uploaded = stored_text()
    assert "Café Sentosa, José Ramos" in fetched and "€ 3 per cangkir" in fetched
    assert from_file == fetched
    assert uploaded == fetched
