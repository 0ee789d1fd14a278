"""claims.ingest.fetch against a local HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import codecs
import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
import uuid

import pytest

from claims.ingest.fetch.errors import (
    BlockedAddress,
    ConnectionFailed,
    CredentialsInURL,
    DomainBusy,
    FetchError,
    FetchTimeout,
    HostNotFound,
    HTTPStatusError,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
    UnsupportedScheme,
)
from claims.ingest.fetch.policy import check_address, is_public_address
from claims.ingest.fetch.politeness import domain_turn
from claims.ingest.fetch.transport import FetchedPage, fetch_page

from .httpserver import Route, page, redirect, send, serve

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
HUGE_BYTES = 50 * 1024 * 1024
GZIP_BOMB = gzip.compress(b"<p>" + b"a" * (20 * 1024 * 1024), compresslevel=9)  # ~20 KB on the wire


# --- fixtures ---------------------------------------------------------------------------


UTF8_PAGE = "<html><head><title>Café</title></head><body><p>Señor Ñandú — 10 €</p></body></html>".encode()
LATIN_META_PAGE = (
    b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head>'
    b"<body><p>Prix : 10 \x80, \xab d\xe9j\xe0 vu \xbb</p></body></html>"
)
HTTP_EQUIV_PAGE = (
    b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    b"</head><body><p>na\xefve \x93quoted\x94</p></body></html>"
)


@pytest.fixture(scope="module")
def server():
    huge_done = threading.Event()
    huge_sent = []

    def huge(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")  # no Content-Length: read until closed
        handler.end_headers()
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        sent = 0
        try:
            while sent < HUGE_BYTES:  # generated lazily, never held in memory
                handler.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        finally:
            huge_sent.append(sent)
            huge_done.set()

    def big_length(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(HUGE_BYTES))
        handler.end_headers()
        handler.wfile.write(b"<html>")

    def slow(handler):
        time.sleep(3)
        send(handler, 200, b"<p>too late</p>")

    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.25)

    def gzip_bomb(handler):
        send(handler, 200, GZIP_BOMB, "text/html", Content_Encoding="gzip")

    def echo_host(handler):
        send(handler, 200, f"<p>host={handler.headers.get('Host')}</p>".encode())

    routes: dict[str, Route] = {
        "/utf8": page(UTF8_PAGE),
        "/latin1-meta": page(LATIN_META_PAGE, "text/html"),
        "/http-equiv": page(HTTP_EQUIV_PAGE, "text/html"),
        "/invalid-utf8": page(b"<p>ok \xff\xfe\xc3( bad</p>", "text/html; charset=utf-8"),
        "/no-charset-utf8": page("<p>Zürich</p>".encode(), "text/html"),
        "/plain": page(b"just text", "text/plain"),
        "/utf16-bom": page(codecs.BOM_UTF16_LE + "<p>Grüße</p>".encode("utf-16-le"), "text/html"),
        "/utf16-header": page("<p>Grüße</p>".encode("utf-16-be"), "text/html; charset=UTF-16BE"),
        "/huge": huge,
        "/big-length": big_length,
        "/slow": slow,
        "/drip": drip,
        "/echo-host": echo_host,
        "/gzip-bomb": gzip_bomb,
        "/png": page(PNG, "image/png"),
        "/png-as-html": page(PNG, "text/html"),
        "/pdf": page(b"%PDF-1.7\n...", "application/pdf"),
        "/octet": page(b"<html>hidden</html>", "application/octet-stream"),
        "/404": page(b"<h1>gone</h1>", status=404),
        "/503": page(b"<h1>busy</h1>", status=503, Retry_After="7"),
        "/429": page(b"<h1>slow down</h1>", status=429),
        "/500": page(b"<h1>broken</h1>", status=500),
        "/redirect-relative": redirect("/utf8"),
        "/redirect-to-file": redirect("file:///etc/passwd"),
        "/redirect-with-credentials": redirect("http://rina:s3cret@localhost/utf8"),
        "/redirect-to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "/redirect-to-private": redirect("http://10.0.0.1/admin", status=301),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        "/redirect-no-location": lambda handler: send(handler, 302, b""),
        "/rss-empty": page(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            "application/rss+xml",
        ),
    }
    for n in range(1, 10):
        routes[f"/chain/{n}"] = redirect(f"/chain/{n - 1}", status=307 if n % 2 else 301)
    routes["/chain/0"] = page(b"<p>end of chain</p>")

    with serve(routes) as srv:
        # Needs the port, known only once the server is up.
        srv.routes["/redirect-to-literal"] = redirect(srv.url("/utf8", host="127.0.0.1"))
        srv.huge_done = huge_done
        srv.huge_sent = huge_sent
        yield srv


@pytest.fixture(autouse=True)
def fetch_settings(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost"]
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 0
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 5
    settings.FACTCHECK_FETCH_TOTAL_TIMEOUT_SECONDS = 10
    settings.FACTCHECK_FETCH_MAX_BYTES = 1024 * 1024
    settings.FACTCHECK_FETCH_MAX_REDIRECTS = 5
    # Each test takes its hosts' turns under a key prefix of its own, so no turn is left over from
    # another test and nothing in the cache (which may be a shared Redis) is flushed or overwritten.
    # The turns expire by themselves within the interval.
    default = settings.CACHES["default"]
    prefix = f"{default.get('KEY_PREFIX', '')}test-fetch-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": prefix}}
    return settings


# --- address rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "ff02::1",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 wrapping 169.254.169.254
        "not an address",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not is_public_address(address)
    with pytest.raises(BlockedAddress):
        check_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert is_public_address(address)
    check_address(address)


def test_allow_list_accepts_cidrs_ips_and_names(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["10.1.0.0/16", "::1", "intranet.test"]
    check_address("10.1.2.3")
    check_address("::1")
    check_address("192.168.0.1", host="intranet.test")
    with pytest.raises(BlockedAddress):
        check_address("10.2.0.1")
    with pytest.raises(BlockedAddress, match="private or reserved"):
        check_address("192.168.0.1", host="other.test")


# --- schemes and addresses in URLs ------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "example.org/a",
        "",
    ],
)
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(UnsupportedScheme, match="only http and https"):
        fetch_page(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_urls_with_private_ip_literals_are_refused_before_connecting(url):
    with pytest.raises(BlockedAddress) as caught:
        fetch_page(url)
    assert caught.value.transient is False


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://0177.0.0.1/"])
def test_numeric_spellings_of_loopback_are_refused(url, settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = []
    with pytest.raises(BlockedAddress, match="127.0.0.1"):
        fetch_page(url)


def test_loopback_host_is_refused_unless_allowed(server, settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = []
    before = len(server.requests)
    with pytest.raises(BlockedAddress, match="localhost resolves to 127.0.0.1"):
        fetch_page(server.url("/utf8"))
    assert len(server.requests) == before


def test_allow_list_by_cidr_lets_the_test_server_through(server, settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.0/8"]
    assert fetch_page(server.url("/utf8", host="127.0.0.1")).status == 200


def test_connection_goes_to_the_checked_address_not_a_second_dns_answer(server, settings, monkeypatch):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.1/32"]
    real_getaddrinfo = socket.getaddrinfo
    lookups = []

    def rebinding_dns(host, port, *args, **kwargs):
        if host == "news.example":
            lookups.append(host)
            address = "127.0.0.1" if len(lookups) == 1 else "169.254.169.254"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    fetched = fetch_page(f"http://news.example:{server.port}/echo-host")
    assert lookups == ["news.example"]
    assert fetched.text == f"<p>host=news.example:{server.port}</p>"


@pytest.mark.parametrize(("error", "transient"), [(socket.EAI_NONAME, False), (socket.EAI_AGAIN, True)])
def test_unknown_host_is_reported_and_only_a_dns_failure_is_transient(settings, monkeypatch, error, transient):
    def failing_dns(host, port, *args, **kwargs):
        raise socket.gaierror(error, "lookup failed")

    monkeypatch.setattr(socket, "getaddrinfo", failing_dns)
    with pytest.raises(HostNotFound, match="nowhere.example could not be found") as caught:
        fetch_page("https://nowhere.example/")
    assert caught.value.transient is transient


def test_every_resolved_address_must_be_public(settings, monkeypatch):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = []

    def two_answers(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_answers)
    with pytest.raises(BlockedAddress, match="10.0.0.7"):
        fetch_page("http://mixed.example/")


# --- pages and encodings ----------------------------------------------------------------


def test_utf8_page_is_fetched_and_decoded(server):
    fetched = fetch_page(server.url("/utf8"))
    assert isinstance(fetched, FetchedPage)
    assert fetched.url == server.url("/utf8")
    assert fetched.final_url == server.url("/utf8")
    assert fetched.status == 200
    assert fetched.body == UTF8_PAGE
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert "Señor Ñandú — 10 €" in fetched.text


def test_page_declared_latin1_only_in_meta_charset_is_decoded_as_windows_1252(server):
    fetched = fetch_page(server.url("/latin1-meta"))
    assert fetched.charset is None
    assert fetched.encoding == "cp1252"
    assert "<title>Café</title>" in fetched.text
    assert "Prix : 10 €, « déjà vu »" in fetched.text


def test_charset_in_meta_http_equiv_is_used(server):
    fetched = fetch_page(server.url("/http-equiv"))
    assert "naïve “quoted”" in fetched.text


def test_undeclared_utf8_is_detected(server):
    assert fetch_page(server.url("/no-charset-utf8")).text == "<p>Zürich</p>"


def test_invalid_utf8_bytes_are_replaced_not_raised(server):
    fetched = fetch_page(server.url("/invalid-utf8"))
    assert fetched.text.startswith("<p>ok ")
    assert "\ufffd" in fetched.text
    assert fetched.text.endswith(" bad</p>")


def test_plain_text_is_accepted(server):
    assert fetch_page(server.url("/plain")).text == "just text"


@pytest.mark.parametrize("path", ["/utf16-bom", "/utf16-header"])
def test_utf16_text_is_not_mistaken_for_binary(server, path):
    assert fetch_page(server.url(path)).text == "<p>Grüße</p>"


@pytest.mark.parametrize(
    ("body", "declared", "expected"),
    [
        (codecs.BOM_UTF8 + b'<meta charset="latin1">', "iso-8859-1", "utf-8"),  # a BOM wins
        (b'<meta charset="utf-8"><p>\xe9</p>', "windows-1252", "cp1252"),  # then the header
        (b'<meta charset="ISO_8859-1"><p>\xe9</p>', None, "cp1252"),  # then <meta>, read as WHATWG does
        (b'<?xml version="1.0" encoding="KOI8-R"?><rss/>', None, "koi8-r"),  # or the XML declaration
        (b'<meta charset="utf-16"><p>plain</p>', None, "utf-8"),  # a UTF-16 <meta> cannot be true
        (b'<meta charset="no-such-thing"><p>caf\xc3\xa9</p>', "bogus", "utf-8"),  # unknown labels: detect
    ],
)
def test_encoding_precedence(server, body, declared, expected):
    server.routes["/precedence"] = page(body, "text/html" + (f"; charset={declared}" if declared else ""))
    assert fetch_page(server.url("/precedence")).encoding == expected


# --- size -------------------------------------------------------------------------------


def test_huge_streamed_response_is_cut_off_early_and_quickly(server):
    started = time.monotonic()
    with pytest.raises(TooLarge, match="larger than 1 MB"):
        fetch_page(server.url("/huge"))
    assert time.monotonic() - started < 5
    assert server.huge_done.wait(10)
    # The server stops as soon as the connection is dropped: a few MB in socket buffers at most.
    assert server.huge_sent[-1] < HUGE_BYTES / 5


def test_compressed_response_is_capped_on_its_decompressed_size(server):
    assert len(GZIP_BOMB) < 100 * 1024
    with pytest.raises(TooLarge):
        fetch_page(server.url("/gzip-bomb"))


def test_big_content_length_is_refused_before_reading(server):
    with pytest.raises(TooLarge):
        fetch_page(server.url("/big-length"))


def test_size_cap_follows_the_setting(server, settings):
    settings.FACTCHECK_FETCH_MAX_BYTES = 50
    with pytest.raises(TooLarge, match="larger than 50 bytes"):
        fetch_page(server.url("/utf8"))


# --- redirects --------------------------------------------------------------------------


def test_relative_redirect_is_followed_and_final_url_reported(server):
    fetched = fetch_page(server.url("/redirect-relative"))
    assert fetched.url == server.url("/redirect-relative")
    assert fetched.final_url == server.url("/utf8")
    assert "Señor" in fetched.text


def test_redirect_to_a_loopback_literal_is_refused_even_if_the_first_host_was_allowed(server):
    before = len(server.requests)
    with pytest.raises(BlockedAddress, match="127.0.0.1"):
        fetch_page(server.url("/redirect-to-literal"))
    assert [path for path, _ in server.requests[before:]] == ["/redirect-to-literal"]


@pytest.mark.parametrize("path", ["/redirect-to-metadata", "/redirect-to-private"])
def test_redirect_to_a_private_address_is_refused(server, path):
    with pytest.raises(BlockedAddress):
        fetch_page(server.url(path))


def test_redirect_to_file_url_is_refused(server):
    with pytest.raises(UnsupportedScheme, match="only http and https"):
        fetch_page(server.url("/redirect-to-file"))


def test_addresses_with_credentials_are_never_fetched(server):
    before = len(server.requests)
    with pytest.raises(CredentialsInURL, match="holds a user name or password, which are never sent") as caught:
        fetch_page(server.url("/utf8", host="rina:s3cret@localhost"))
    assert caught.value.url == server.url("/utf8") and "s3cret" not in str(caught.value)
    assert len(server.requests) == before
    with pytest.raises(CredentialsInURL):
        fetch_page(server.url("/redirect-with-credentials"))
    assert [path for path, _ in server.requests[before:]] == ["/redirect-with-credentials"]


def test_redirect_loop_is_refused(server):
    with pytest.raises(TooManyRedirects, match="loop"):
        fetch_page(server.url("/loop-a"))


def test_redirect_chain_within_the_limit_is_followed(server):
    assert fetch_page(server.url("/chain/5")).final_url == server.url("/chain/0")


def test_too_many_redirects_are_refused(server):
    before = len(server.requests)
    with pytest.raises(TooManyRedirects, match="more than 5"):
        fetch_page(server.url("/chain/9"))
    assert len(server.requests) - before == 6


def test_redirect_without_location_is_an_error(server):
    with pytest.raises(HTTPStatusError, match="302"):
        fetch_page(server.url("/redirect-no-location"))


# --- content types ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/png", "/pdf", "/octet"])
def test_binary_content_types_are_refused(server, path):
    with pytest.raises(UnsupportedContent, match="not a web page"):
        fetch_page(server.url(path))


def test_binary_body_labelled_html_is_refused(server):
    with pytest.raises(UnsupportedContent, match="binary"):
        fetch_page(server.url("/png-as-html"))


def test_feed_content_type_is_accepted(server):
    fetched = fetch_page(server.url("/rss-empty"))
    assert fetched.content_type == "application/rss+xml"
    assert fetched.body.startswith(b"<?xml")


# --- timeouts and HTTP errors -----------------------------------------------------------


def test_slow_server_times_out_as_a_transient_error(server, settings):
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch_page(server.url("/slow"))
    assert time.monotonic() - started < 2.5
    assert caught.value.transient is True


def test_trickling_response_is_stopped_by_the_total_time_cap(server, settings):
    settings.FACTCHECK_FETCH_TIMEOUT_SECONDS = 1
    settings.FACTCHECK_FETCH_TOTAL_TIMEOUT_SECONDS = 1.5
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch_page(server.url("/drip"))
    assert time.monotonic() - started < 3
    assert caught.value.transient is True


def test_not_found_is_a_permanent_error_with_the_status(server):
    with pytest.raises(HTTPStatusError, match="404") as caught:
        fetch_page(server.url("/404"))
    assert caught.value.status == 404
    assert caught.value.transient is False


def test_service_unavailable_is_transient_with_retry_after(server):
    with pytest.raises(HTTPStatusError, match="503") as caught:
        fetch_page(server.url("/503"))
    assert caught.value.status == 503
    assert caught.value.transient is True
    assert caught.value.retry_after == 7


@pytest.mark.parametrize(("path", "transient"), [("/429", True), ("/500", False)])
def test_which_statuses_are_transient(server, path, transient):
    with pytest.raises(FetchError) as caught:
        fetch_page(server.url(path))
    assert caught.value.transient is transient


def test_connection_refused_is_transient(settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.1"]
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect") as caught:
        fetch_page(f"http://127.0.0.1:{port}/")
    assert caught.value.transient is True


# --- per-domain politeness --------------------------------------------------------------


def test_second_request_to_the_same_host_too_soon_raises_domain_busy(server, settings):
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 30
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost", "127.0.0.1"]
    fetch_page(server.url("/utf8"))
    before = len(server.requests)
    with pytest.raises(DomainBusy) as caught:
        fetch_page(server.url("/plain"))
    assert len(server.requests) == before
    assert caught.value.transient is True
    assert 0 < caught.value.retry_after <= 30
    fetch_page(server.url("/plain", host="127.0.0.1"))  # another host has its own turn


def test_redirects_within_one_host_do_not_wait_for_a_turn(server, settings):
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 30
    assert fetch_page(server.url("/chain/3")).final_url == server.url("/chain/0")


def test_domain_turn_frees_up_after_the_interval(settings):
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 1
    domain_turn("news.example")
    with pytest.raises(DomainBusy):
        domain_turn("NEWS.example")
    time.sleep(1.1)
    domain_turn("news.example")


def test_a_turn_due_soon_is_waited_for_not_refused(server, settings):
    settings.FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS = 1
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["localhost"]
    fetch_page(server.url("/utf8"))
    started = time.monotonic()
    assert fetch_page(server.url("/plain")).status == 200
    assert 0.05 < time.monotonic() - started < 3


def test_gate_is_pluggable(server):
    seen = []
    fetch_page(server.url("/utf8"), gate=seen.append)
    assert seen == ["localhost"]


# --- HTTPS: SNI and the certificate check use the name, the socket the vetted address ----


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for news.example and localhost, made with the openssl CLI."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=news.example",
         "-addext", "subjectAltName=DNS:news.example,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_server(certificate):
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def echo_host(handler):
        send(handler, 200, f"<p>host={handler.headers.get('Host')}</p>".encode())

    with serve({"/echo-host": echo_host}, tls=context) as srv:
        yield srv


def test_https_checks_the_certificate_against_the_name_while_connecting_to_the_vetted_ip(
    tls_server, certificate, settings, monkeypatch
):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.1/32"]
    settings.FACTCHECK_FETCH_CA_BUNDLE = str(certificate[0])
    real_getaddrinfo = socket.getaddrinfo

    def local_dns(host, port, *args, **kwargs):
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_dns)
    fetched = fetch_page(tls_server.url("/echo-host", host="news.example"))
    assert fetched.text == f"<p>host=news.example:{tls_server.port}</p>"


def test_https_certificate_for_another_name_is_refused(tls_server, certificate, settings):
    settings.FACTCHECK_FETCH_ALLOW_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_FETCH_CA_BUNDLE = str(certificate[0])
    with pytest.raises(ConnectionFailed, match="secure connection") as caught:
        fetch_page(tls_server.url("/echo-host", host="127.0.0.1"))  # the certificate does not name 127.0.0.1
    assert caught.value.transient is False


def test_https_untrusted_certificate_is_refused(tls_server):
    with pytest.raises(ConnectionFailed, match="secure connection"):
        fetch_page(tls_server.url("/echo-host"))  # default trust store: the self-signed cert is unknown
