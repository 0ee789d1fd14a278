"""claims.ingest.feeds: RSS 2.0 and Atom entries, malformed and empty feeds, fetched from 127.0.0.1."""

from __future__ import annotations

import datetime

import pytest

from claims.ingest.feeds import FeedEntry, FeedError, fetch_feed, parse_feed
from claims.ingest.fetch.errors import UnsupportedContent

from .httpserver import page, serve

BASE = "https://news.example/section/feed.xml"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Kabar Contoh</title>
    <link>https://news.example/</link>
    <item>
      <title>Harga beras naik &amp; stok turun</title>
      <link>https://news.example/2025/02/beras</link>
      <pubDate>Mon, 03 Feb 2025 23:30:00 -0500</pubDate>
    </item>
    <item>
      <title>Relative link</title>
      <link>/2025/02/relative</link>
    </item>
    <item>
      <title>Duplicate of the first</title>
      <link>https://news.example/2025/02/beras#comments</link>
    </item>
    <item>
      <title>Mail link only</title>
      <link>mailto:desk@news.example</link>
    </item>
    <item>
      <title>Script link</title>
      <link>javascript:alert(1)</link>
    </item>
    <item>
      <title>Guid as permalink</title>
      <guid isPermaLink="true">https://news.example/2025/02/guid</guid>
    </item>
    <item>
      <title>No link at all</title>
      <description>nothing to fetch</description>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
  <title>Atom contoh</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2025-02-04T10:00:00Z</updated>
  <entry>
    <title type="html">Menteri &lt;em&gt;mengatakan&lt;/em&gt; harga naik</title>
    <link rel="alternate" type="text/html" href="posts/harga"/>
    <link rel="edit" href="https://atom.example/api/1"/>
    <id>urn:uuid:1</id>
    <published>2025-02-03T08:15:00+07:00</published>
    <updated>2025-02-04T10:00:00Z</updated>
  </entry>
  <entry>
    <title>Só atualizado</title>
    <link href="https://atom.example/blog/posts/updated-only"/>
    <id>urn:uuid:2</id>
    <updated>2025-01-31T12:00:00Z</updated>
  </entry>
</feed>
"""

EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing yet</title></channel></rss>'
EMPTY_ATOM = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing</title><id>urn:x</id></feed>'


def test_rss_entries_have_absolute_http_links_titles_and_dates():
    entries = parse_feed(RSS, BASE)
    assert [entry.url for entry in entries] == [
        "https://news.example/2025/02/beras",
        "https://news.example/2025/02/relative",
        "https://news.example/2025/02/guid",
    ]
    first = entries[0]
    assert isinstance(first, FeedEntry)
    assert first.title == "Harga beras naik & stok turun"
    assert first.published == datetime.date(2025, 2, 4)  # 23:30 at UTC-5 is the next day in UTC
    assert first.published_at == datetime.datetime(2025, 2, 4, 4, 30, tzinfo=datetime.UTC)
    assert entries[1].published is None


def test_rss_skips_non_http_links_and_duplicates():
    urls = [entry.url for entry in parse_feed(RSS, BASE)]
    assert len(urls) == len(set(urls))
    assert not any(url.startswith(("mailto:", "javascript:")) for url in urls)


def test_atom_entries_use_the_alternate_link_resolved_against_xml_base():
    entries = parse_feed(ATOM, "https://elsewhere.example/feed")
    assert [entry.url for entry in entries] == [
        "https://atom.example/blog/posts/harga",
        "https://atom.example/blog/posts/updated-only",
    ]
    assert entries[0].title == "Menteri mengatakan harga naik"
    assert entries[0].published == datetime.date(2025, 2, 3)
    assert entries[1].title == "Só atualizado"
    assert entries[1].published == datetime.date(2025, 1, 31)  # falls back to <updated>


@pytest.mark.parametrize("document", [EMPTY_RSS, EMPTY_ATOM])
def test_valid_feed_without_entries_gives_an_empty_list(document):
    assert parse_feed(document, BASE) == []


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"this is not xml at all", "not a valid feed"),
        (b"<html><body><p>A web page</p></body></html>", "not an RSS or Atom feed"),
        (b'<?xml version="1.0"?><catalog><book>x</book></catalog>', "not an RSS or Atom feed"),
        (b'<rss version="2.0"><channel><item><title>Cut off', "malformed"),
        (b"", "empty"),
        (b"   \n", "empty"),
    ],
)
def test_malformed_or_non_feed_documents_raise_feed_error(document, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(document, BASE)


def test_text_that_looks_like_a_path_or_url_is_never_opened_or_fetched(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS)
    for document in (str(secret), str(secret).encode(), "http://127.0.0.1:9/feed"):
        with pytest.raises(FeedError):
            parse_feed(document, BASE)


def test_str_feed_is_parsed_like_bytes():
    assert parse_feed(RSS.decode(), BASE) == parse_feed(RSS, BASE)


# --- fetched from a local server --------------------------------------------------------


@pytest.fixture(scope="module")
def feed_server():
    routes = {
        "/rss": page(RSS, "application/rss+xml; charset=utf-8"),
        "/atom": page(ATOM.encode(), "application/atom+xml"),
        "/empty": page(EMPTY_RSS, "application/rss+xml"),
        "/malformed": page(b'<rss version="2.0"><channel><item><title>Cut off', "text/xml"),
        "/not-a-feed": page(b"<html><body>Hello</body></html>", "text/html"),
        "/image": page(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    }
    with serve(routes) as server:
        yield server


@pytest.fixture(autouse=True)
def fetch_settings(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost"]
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 0
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 5
    return settings


def test_fetched_rss_feed_gives_its_entries(feed_server):
    entries = fetch_feed(feed_server.url("/rss"))
    assert entries[0].url == "https://news.example/2025/02/beras"
    assert len(entries) == 3


def test_fetched_atom_feed_gives_its_entries(feed_server):
    assert [e.title for e in fetch_feed(feed_server.url("/atom"))] == ["Menteri mengatakan harga naik", "Só atualizado"]


def test_fetched_empty_feed_gives_no_entries(feed_server):
    assert fetch_feed(feed_server.url("/empty")) == []


@pytest.mark.parametrize("path", ["/malformed", "/not-a-feed"])
def test_fetched_malformed_feed_raises_feed_error(feed_server, path):
    with pytest.raises(FeedError):
        fetch_feed(feed_server.url(path))


def test_fetched_binary_is_refused_before_parsing(feed_server):
    with pytest.raises(UnsupportedContent):
        fetch_feed(feed_server.url("/image"))


def test_relative_links_resolve_against_the_feed_url(feed_server):
    body = b'<rss version="2.0"><channel><item><link>story/1</link></item></channel></rss>'
    assert parse_feed(body, feed_server.url("/news/rss"))[0].url == feed_server.url("/news/story/1")
