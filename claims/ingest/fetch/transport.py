"""Fetch an article page or a feed over HTTP(S) with every guard a newsroom tool needs.

* only ``http`` and ``https`` URLs without credentials, on the first request and after every redirect;
* each hop's host is resolved and vetted once (see `policy`); the connection then goes to the
  address that was checked, with the real name in the ``Host`` header, SNI and certificate
  check, so a DNS answer cannot change between the check and the connection;
* redirects are followed here, at most ``FACTCHECK_FETCH_MAX_REDIRECTS`` hops, loops refused;
* connect/read timeouts and a cap on the whole fetch;
* a size cap: the body is streamed and reading stops as soon as the cap is passed;
* only textual content types (HTML, plain text, RSS/Atom/XML), and a sniff for binary bodies;
* each new host waits for its turn (see `politeness`); a busy host raises ``DomainBusy``.

Errors worth retrying later carry ``transient = True`` (and ``retry_after`` when known).
"""

from __future__ import annotations

import codecs
import contextlib
import email.message
import email.utils
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import certifi
import urllib3
from django.conf import settings
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import parse_url

from claims.extraction.decoding import WIDE_CODECS, codec_for, decode_page

from ..urls import CREDENTIALS_REFUSED, url_has_credentials, url_without_credentials
from .errors import (
    ConnectionFailed,
    CredentialsInURL,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    TooManyRedirects,
    UnsupportedContent,
    UnsupportedScheme,
)
from .policy import resolve_host
from .politeness import domain_turn_waiting

USER_AGENT = "factcheck/0.1 (+claim tracker)"
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.5"
JSON_ACCEPT = "application/ld+json,application/json;q=0.9,text/plain;q=0.5"

ALLOWED_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# What a JSON document (a schema.org DataFeed) may be served as.
JSON_CONTENT_TYPES = frozenset({"application/json", "application/ld+json", "text/json", "text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TRANSIENT_STATUSES = frozenset({408, 429, 502, 503, 504})
CHUNK_SIZE = 64 * 1024
SNIFF_BYTES = 1024


@dataclass(frozen=True)
class FetchedPage:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    body: bytes = field(repr=False)  # as received (after gzip/deflate decoding), at most the size cap
    content_type: str = ""  # media type only, lower case ("text/html"); "" if the server sent none
    charset: str | None = None  # as declared in the Content-Type header, if any
    encoding: str = "utf-8"  # the Python codec used to produce ``text``
    text: str = field(default="", repr=False)  # body decoded by decode_page; undecodable bytes replaced


# --- fetching ---------------------------------------------------------------------------


@dataclass
class _Target:
    url: str  # normalised, without fragment or credentials
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal without brackets
    port: int
    request_path: str
    host_header: str


def _target(url: str) -> _Target:
    raw = (url or "").strip()
    scheme = urlsplit(raw).scheme.lower() if ":" in raw else ""
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "a URL without http:// or https://"
        raise UnsupportedScheme(f"only http and https addresses can be fetched, not {shown}", url=url)
    if url_has_credentials(raw):
        raise CredentialsInURL(CREDENTIALS_REFUSED, url=url_without_credentials(raw))
    try:
        parsed = parse_url(_ascii_host(raw))
    except (LocationParseError, ValueError, UnicodeError):
        raise InvalidURL(f"{raw[:200]!r} is not a valid address", url=url) from None
    host = (parsed.host or "").strip("[]").rstrip(".")
    if not host:
        raise InvalidURL("the address has no host name", url=url)
    if ":" not in host:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise InvalidURL(f"{host!r} is not a valid host name", url=url) from None
    default_port = 443 if scheme == "https" else 80
    port = parsed.port or default_port
    path = parsed.path or "/"
    request_path = path + (f"?{parsed.query}" if parsed.query is not None else "")
    netloc_host = f"[{host}]" if ":" in host else host
    host_header = netloc_host if port == default_port else f"{netloc_host}:{port}"
    normalised = f"{scheme}://{host_header}{request_path}"
    return _Target(normalised, scheme, host, port, request_path, host_header)


def _ascii_host(url: str) -> str:
    """The URL with an internationalised host name in its IDNA (xn--) form."""
    parts = urlsplit(url)
    if parts.netloc.isascii():
        return url
    host = parts.hostname or ""
    port = parts.port  # ValueError if not a valid port
    netloc = host.encode("idna").decode("ascii") + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self, url: str) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise FetchTimeout(f"fetching {url} took longer than {self.seconds:g} s", url=url)
        return left


def fetch_page(
    url: str,
    *,
    accept: str = ACCEPT,
    gate: Callable[[str], None] | None = None,
    content_types: frozenset[str] = ALLOWED_CONTENT_TYPES,
) -> FetchedPage:
    """Fetch an http(s) page or feed safely; raise FetchError (with a user-facing message) otherwise.

    ``gate`` is called with each new host before it is contacted (default: :func:`domain_turn_waiting`);
    ``content_types`` are the media types accepted (pass JSON_CONTENT_TYPES for a JSON document).
    """
    gate = gate or domain_turn_waiting
    timeout = float(settings.FACTCHECK_FETCH_TIMEOUT_SECONDS)
    deadline = _Deadline(float(settings.FACTCHECK_FETCH_TOTAL_TIMEOUT_SECONDS))
    max_redirects = int(settings.FACTCHECK_FETCH_MAX_REDIRECTS)
    limit = int(settings.FACTCHECK_FETCH_MAX_BYTES)

    current = url
    seen: list[str] = []
    hosts_taken: set[str] = set()
    while True:
        target = _target(current)
        if target.url in seen:
            raise TooManyRedirects(f"the page redirects in a loop ({target.url})", url=url)
        seen.append(target.url)
        addresses = resolve_host(target.host, target.port, timeout=min(timeout, deadline.remaining(url)))
        if target.host not in hosts_taken:
            gate(target.host)
            hosts_taken.add(target.host)
        response, pool = _request(target, addresses, accept=accept, timeout=timeout, deadline=deadline)
        try:
            status = response.status
            if status in REDIRECT_STATUSES:
                location = response.headers.get("Location", "").strip()
                if not location:
                    raise HTTPStatusError(f"the server answered {status} without a Location", url=url, status=status)
                if len(seen) > max_redirects:
                    raise TooManyRedirects(f"the page redirected more than {max_redirects} times", url=url)
                current = urljoin(target.url, location)
                continue
            if status >= 300:
                raise _status_error(status, response, url)
            return _read_page(
                url,
                target.url,
                status,
                response,
                limit=limit,
                deadline=deadline,
                timeout=timeout,
                content_types=content_types,
            )
        finally:
            response.close()
            pool.close()


def _request(target: _Target, addresses: list[str], *, accept: str, timeout: float, deadline: _Deadline):
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": accept,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    last_error: Exception | None = None
    for address in addresses:  # connect to a vetted address, never to a fresh DNS answer
        left = deadline.remaining(target.url)
        pool = _pool(target, address, urllib3.Timeout(connect=min(timeout, left), read=min(timeout, left)))
        try:
            response = pool.urlopen(
                "GET",
                target.request_path,
                headers=headers,
                retries=False,
                redirect=False,
                assert_same_host=False,
                preload_content=False,
                decode_content=True,
            )
        except (NewConnectionError, ConnectTimeoutError) as exc:
            pool.close()
            last_error = exc
            continue
        except Exception as exc:
            pool.close()
            raise _network_error(exc, target.url) from None
        return response, pool
    raise _network_error(last_error, target.url) from None


def _pool(target: _Target, address: str, timeout: urllib3.Timeout):
    common = {"host": address, "port": target.port, "timeout": timeout, "maxsize": 1, "retries": False}
    if target.scheme == "http":
        return urllib3.HTTPConnectionPool(**common)
    # SNI and the certificate check use the name from the URL, the socket the vetted address.
    tls = {"cert_reqs": "CERT_REQUIRED", "server_hostname": target.host, "assert_hostname": target.host}
    ca_bundle = getattr(settings, "FACTCHECK_FETCH_CA_BUNDLE", None)
    tls["ca_certs"] = str(ca_bundle) if ca_bundle else certifi.where()
    return urllib3.HTTPSConnectionPool(**common, **tls)


def _network_error(exc: BaseException | None, url: str) -> FetchError:
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, NewConnectionError):  # a subclass of ConnectTimeoutError in urllib3 2.x
        return ConnectionFailed(f"could not connect to {url}", url=url)
    if isinstance(exc, ConnectTimeoutError | ReadTimeoutError | TimeoutError | socket.timeout):
        return FetchTimeout(f"{url} did not answer in time", url=url)
    if isinstance(exc, SSLError):
        return ConnectionFailed(f"could not make a secure connection to {url}: {exc}", url=url, transient=False)
    if isinstance(exc, ProtocolError | HTTPError | OSError):
        return ConnectionFailed(f"the connection to {url} failed: {exc}", url=url)
    return ConnectionFailed(f"could not connect to {url}", url=url)


def _status_error(status: int, response, url: str) -> HTTPStatusError:
    reason = response.reason or ""
    if 300 <= status < 400:
        return HTTPStatusError(f"the server answered {status} {reason}".strip(), url=url, status=status)
    return HTTPStatusError(
        f"the server answered {status} {reason}".strip(),
        url=url,
        status=status,
        transient=status in TRANSIENT_STATUSES,
        retry_after=_retry_after(response.headers.get("Retry-After")),
    )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when else None


def _parse_content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    message = email.message.Message()
    message["content-type"] = header
    media_type = message.get_content_type().lower()
    charset = message.get_param("charset")
    if isinstance(charset, tuple):  # RFC 2231 form
        charset = charset[2]
    charset = str(charset).strip().strip("'\"") if charset else None
    return media_type, charset or None


def _read_page(
    url: str,
    final_url: str,
    status: int,
    response,
    *,
    limit: int,
    deadline: _Deadline,
    timeout: float,
    content_types: frozenset[str] = ALLOWED_CONTENT_TYPES,
) -> FetchedPage:
    media_type, charset = _parse_content_type(response.headers.get("Content-Type"))
    if media_type and media_type not in content_types:
        what = "a JSON document" if content_types is JSON_CONTENT_TYPES else "a web page or a feed"
        raise UnsupportedContent(f"the address serves {media_type}, not {what}", url=url)
    declared_length = response.headers.get("Content-Length", "").strip()
    if declared_length.isdigit() and int(declared_length) > limit:
        raise TooLarge(_too_large(limit), url=url)

    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            _shrink_read_timeout(response, min(timeout, deadline.remaining(url)))
            chunk = response.read1(CHUNK_SIZE)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise TooLarge(_too_large(limit), url=url)
            chunks.append(chunk)
    except FetchError:
        raise
    except Exception as exc:
        raise _network_error(exc, url) from None
    body = b"".join(chunks)

    if _looks_binary(body, charset):
        raise UnsupportedContent("the address serves binary data, not a web page or a feed", url=url)
    decoded = decode_page(body, declared=charset)
    return FetchedPage(
        url=url,
        final_url=final_url,
        status=status,
        body=body,
        content_type=media_type,
        charset=charset,
        encoding=decoded.encoding,
        text=decoded.text,
    )


def _shrink_read_timeout(response, seconds: float) -> None:
    """Keep each socket read within what is left of the total time."""
    sock = getattr(getattr(response, "connection", None), "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.settimeout(max(seconds, 0.01))


def _too_large(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"the page is larger than {limit / (1024 * 1024):.3g} MB"
    if limit >= 1024:
        return f"the page is larger than {limit / 1024:.3g} KB"
    return f"the page is larger than {limit} bytes"


# --- binary bodies ----------------------------------------------------------------------

_BINARY_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, epub ...
    b"\x1f\x8b",  # gzip
    b"RIFF",  # webp, wav, avi
    b"\x00\x00\x01\x00",  # ico
    b"\x7fELF",
)
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _looks_binary(body: bytes, declared: str | None = None) -> bool:
    """True for an image, an archive or other binary data, whatever the server called it."""
    head = body[:SNIFF_BYTES]
    if head.startswith(_WIDE_BOMS) or codec_for(declared, wide_ok=True) in WIDE_CODECS:
        return False  # NUL bytes are normal in UTF-16/32 text
    return b"\x00" in head or head.startswith(_BINARY_SIGNATURES)
