"""Fetch an article page or a feed over HTTP(S), refusing what a newsroom tool must not load.

``fetch_page(url)`` returns a :class:`FetchedPage` or raises :class:`FetchError` (or one
of its subclasses) whose message is meant for the user. Guards:

* only ``http`` and ``https`` URLs, on the first request and after every redirect;
* the host is resolved once per hop and every address must be public (no loopback,
  private, link-local/metadata, CGNAT, multicast, reserved or unspecified address,
  including IPv4 addresses embedded in IPv6); the connection then goes to the address
  that was checked, with the real name in the ``Host`` header, SNI and certificate
  check, so a DNS answer cannot change between the check and the connection;
* redirects are followed here, at most ``FACTCHECK_FETCH_MAX_REDIRECTS`` hops, loops refused;
* connect/read timeouts and a cap on the whole fetch;
* a size cap: the body is streamed and reading stops as soon as the cap is passed;
* only textual content types (HTML, plain text, RSS/Atom/XML), and a sniff for binary bodies;
* one request per host per ``FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS``, shared through
  Django's cache; a busy host raises :class:`DomainBusy` (``transient``, ``retry_after``)
  instead of sleeping.

Errors worth retrying later carry ``transient = True`` (and ``retry_after`` when known).
"""

from __future__ import annotations

import codecs
import contextlib
import email.message
import email.utils
import hashlib
import ipaddress
import math
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

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

USER_AGENT = "factcheck/0.1 (+claim tracker)"
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.5"

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
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TRANSIENT_STATUSES = frozenset({408, 429, 502, 503, 504})
CHUNK_SIZE = 64 * 1024
SNIFF_BYTES = 1024

DEFAULT_TIMEOUT_SECONDS = 15
DEFAULT_TOTAL_TIMEOUT_SECONDS = 30
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_DOMAIN_INTERVAL_SECONDS = 1.0

# Refused on top of what ``ipaddress`` reports as non-global, so the rule does not
# depend on the Python version's tables.
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network", incl. the unspecified 0.0.0.0
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, incl. cloud metadata 169.254.169.254
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, incl. broadcast
        "::/128",
        "::1/128",
        "::ffff:0:0/96",  # IPv4-mapped: the embedded address is checked separately
        "64:ff9b:1::/48",
        "100::/64",
        "2001:db8::/32",
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # old site-local
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


# --- errors -----------------------------------------------------------------------------


class FetchError(Exception):
    """The page could not be fetched; the message says why, for the user.

    ``transient`` is True when trying again later may work (then ``retry_after`` may
    say how many seconds to wait); ``status`` is the HTTP status when there was one.
    """

    transient: bool = False

    def __init__(
        self,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        transient: bool | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.url = url
        self.status = status
        if transient is not None:
            self.transient = transient
        self.retry_after = retry_after


class UnsupportedScheme(FetchError):
    """Not an http(s) URL (file:, ftp:, javascript:, data: ...)."""


class InvalidURL(FetchError):
    """The URL cannot be parsed or has no host."""


class BlockedAddress(FetchError):
    """The host is, or resolves to, an address the fetcher must not reach."""


class HostNotFound(FetchError):
    """The host name does not resolve (transient only if DNS itself failed)."""


class TooManyRedirects(FetchError):
    """Too many redirects, or a redirect loop."""


class FetchTimeout(FetchError):
    """Connecting, reading or the whole fetch took too long."""

    transient = True


class ConnectionFailed(FetchError):
    """The server could not be reached or dropped the connection."""

    transient = True


class TooLarge(FetchError):
    """The body is larger than FACTCHECK_FETCH_MAX_BYTES."""


class UnsupportedContent(FetchError):
    """The body is not text (an image, a PDF, a binary download ...)."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx/5xx) or an unusable 3xx."""


class DomainBusy(FetchError):
    """Another request to the same host was made too recently; retry after ``retry_after`` seconds."""

    transient = True


# --- result -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchedPage:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    body: bytes = field(repr=False)  # as received (after gzip/deflate decoding), at most the size cap
    content_type: str = ""  # media type only, lower case ("text/html"); "" if the server sent none
    charset: str | None = None  # as declared in the Content-Type header, if any
    encoding: str = "utf-8"  # the Python codec used to produce ``text``
    text: str = field(default="", repr=False)  # body decoded; undecodable bytes replaced


# --- settings ---------------------------------------------------------------------------


def _setting(name: str, default):
    value = getattr(settings, name, None)
    return default if value is None else value


# --- addresses --------------------------------------------------------------------------


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    found = []
    if ip.ipv4_mapped:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def is_public_address(ip: str | IPAddress) -> bool:
    """True if the address may be fetched from: globally routable unicast, nothing embedded that is not."""
    try:
        addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.scope_id:
            return False
        embedded = _embedded_ipv4(addr)
        if embedded:
            return all(is_public_address(v4) for v4 in embedded)
    if any(addr in net for net in _BLOCKED_NETWORKS if net.version == addr.version):
        return False
    return not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


def _allow_list() -> tuple[set[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
    names: set[str] = set()
    networks = []
    for entry in _setting("FACTCHECK_FETCH_ALLOW_HOSTS", ()):
        entry = str(entry).strip().lower()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            names.add(entry.rstrip("."))
    return names, networks


def check_address(ip: str | IPAddress, *, host: str = "") -> None:
    """Raise BlockedAddress unless the address is public or allowed by FACTCHECK_FETCH_ALLOW_HOSTS."""
    names, networks = _allow_list()
    if host and host.lower().rstrip(".") in names:
        return
    try:
        addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    except ValueError:
        raise BlockedAddress(f"{ip!r} is not an IP address") from None
    if any(addr.version == net.version and addr in net for net in networks):
        return
    if not is_public_address(addr):
        what = f"{host} resolves to" if host and host != str(addr) else "the address"
        raise BlockedAddress(f"{what} {addr}, a private or reserved address, which cannot be fetched")


def resolve_host(host: str, port: int, *, timeout: float | None = None) -> list[str]:
    """All addresses of the host (in resolver order, de-duplicated), each vetted by check_address."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        check_address(literal, host=host)
        return [str(literal)]

    infos = _getaddrinfo(host, port, timeout)
    addresses: list[str] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        address = sockaddr[0].split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise HostNotFound(f"the host {host} has no address")
    for address in addresses:  # every answer, not just the one we would connect to
        check_address(address, host=host)
    return addresses


def _getaddrinfo(host: str, port: int, timeout: float | None) -> list:
    """getaddrinfo with a deadline (the resolver call itself cannot be interrupted)."""
    outcome: dict = {}

    def run():
        try:
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except Exception as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise FetchTimeout(f"looking up {host} took too long")
    error = outcome.get("error")
    if isinstance(error, socket.gaierror):
        temporary = error.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", None))
        raise HostNotFound(f"the host {host} could not be found", transient=temporary) from None
    if error is not None:
        raise HostNotFound(f"the host {host} could not be looked up: {error}", transient=True) from None
    return outcome["infos"]


# --- per-domain politeness --------------------------------------------------------------


def domain_turn(host: str) -> None:
    """Take this host's turn, or raise DomainBusy if its last request was too recent.

    At most one request per FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS per host, across
    processes that share Django's cache (an atomic ``cache.add``). The cache expiry is
    whole seconds, so the interval is rounded up to a second. An interval of 0 disables it.
    """
    interval = float(_setting("FACTCHECK_FETCH_DOMAIN_INTERVAL_SECONDS", DEFAULT_DOMAIN_INTERVAL_SECONDS))
    if interval <= 0:
        return
    from django.core.cache import cache

    host = host.lower().rstrip(".")
    key = "factcheck:fetch-turn:" + hashlib.sha256(host.encode()).hexdigest()[:32]
    expiry = max(1, math.ceil(interval))
    now = time.time()
    if cache.add(key, now, timeout=expiry):
        return
    taken_at = cache.get(key)
    wait = (taken_at + expiry - now) if isinstance(taken_at, int | float) else interval
    wait = round(min(max(wait, 0.1), expiry), 3)
    raise DomainBusy(f"{host} was fetched less than {interval:g} s ago; try again in {wait:g} s", retry_after=wait)


def domain_turn_waiting(host: str, *, max_wait: float = 10.0) -> None:
    """Wait for the host's turn when it comes soon; raise DomainBusy when it would take longer.

    Waiting keeps a batch from one site flowing at the polite rate instead of bouncing
    every item back to the queue; a long wait goes back to the queue as a retry.
    """
    deadline = time.monotonic() + max_wait
    while True:
        try:
            return domain_turn(host)
        except DomainBusy as busy:
            if time.monotonic() + busy.retry_after > deadline:
                raise
            time.sleep(busy.retry_after)


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
    """The URL with an internationalised host name in its IDNA (xn--) form; credentials dropped."""
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


def fetch_page(url: str, *, accept: str = ACCEPT, gate: Callable[[str], None] | None = None) -> FetchedPage:
    """Fetch an http(s) page or feed safely; raise FetchError (with a user-facing message) otherwise.

    ``gate`` is called with each new host before it is contacted (default: :func:`domain_turn_waiting`).
    """
    gate = gate or domain_turn_waiting
    timeout = float(_setting("FACTCHECK_FETCH_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
    deadline = _Deadline(float(_setting("FACTCHECK_FETCH_TOTAL_TIMEOUT_SECONDS", DEFAULT_TOTAL_TIMEOUT_SECONDS)))
    max_redirects = int(_setting("FACTCHECK_FETCH_MAX_REDIRECTS", DEFAULT_MAX_REDIRECTS))
    limit = int(_setting("FACTCHECK_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES))

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
            return _read_page(url, target.url, status, response, limit=limit, deadline=deadline, timeout=timeout)
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
    ca_bundle = _setting("FACTCHECK_FETCH_CA_BUNDLE", None)
    if ca_bundle:
        tls["ca_certs"] = str(ca_bundle)
    else:
        try:
            import certifi

            tls["ca_certs"] = certifi.where()
        except ImportError:  # fall back to the system's trust store
            pass
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
    url: str, final_url: str, status: int, response, *, limit: int, deadline: _Deadline, timeout: float
) -> FetchedPage:
    media_type, charset = _parse_content_type(response.headers.get("Content-Type"))
    if media_type and media_type not in ALLOWED_CONTENT_TYPES:
        raise UnsupportedContent(f"the address serves {media_type}, not a web page or a feed", url=url)
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
    encoding = choose_encoding(body, charset)
    return FetchedPage(
        url=url,
        final_url=final_url,
        status=status,
        body=body,
        content_type=media_type,
        charset=charset,
        encoding=encoding,
        text=decode(body, encoding),
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


# --- content sniffing and decoding ------------------------------------------------------

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
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The WHATWG Encoding Standard decodes these as their Windows supersets (by Python codec name).
_CODEC_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
}
_ENCODING_ALIASES = {"x-user-defined": "cp1252"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _bom_encoding(body: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding
    return None


def _looks_binary(body: bytes, declared: str | None = None) -> bool:
    head = body[:SNIFF_BYTES]
    wide = _bom_encoding(head) in ("utf-16", "utf-32") or _codec(declared, wide_ok=True) in _WIDE
    if wide:
        return False  # NUL bytes are normal in UTF-16/32 text
    return b"\x00" in head or head.startswith(_BINARY_SIGNATURES)


_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")


def _codec(label: str | None, *, wide_ok: bool = False) -> str | None:
    """A Python codec name for an encoding label, or None if unknown.

    UTF-16/32 are only believed from the HTTP header (``wide_ok``); inside an
    ASCII-readable document such a declaration cannot be true (WHATWG reads it as UTF-8).
    """
    if not label:
        return None
    label = label.strip().lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _WIDE:
        return name if wide_ok else "utf-8"
    return _CODEC_ALIASES.get(name, name)


def choose_encoding(body: bytes, declared: str | None) -> str:
    """BOM, then the header's charset, then <meta>/XML declaration, then detection."""
    bom = _bom_encoding(body)
    if bom:
        return bom
    codec = _codec(declared, wide_ok=True)
    if codec:
        return "utf-8" if codec == "utf-8-sig" else codec
    for label in _declared_in_document(body[:4096]):
        codec = _codec(label)
        if codec:
            return "utf-8" if codec == "utf-8-sig" else codec
    return _detect(body)


def _declared_in_document(head: bytes) -> list[str]:
    labels = []
    xml = _XML_ENCODING.search(head)
    if xml:
        labels.append(xml.group(1).decode("ascii", "replace"))
    labels.extend(m.group(1).decode("ascii", "replace") for m in _META_CHARSET.finditer(head))
    return labels


def _detect(body: bytes) -> str:
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and _codec(best.encoding):
            return _codec(best.encoding)
    except Exception:  # detection is best effort; fall through to windows-1252
        pass
    return "cp1252"


def decode(body: bytes, encoding: str) -> str:
    """Decode, replacing invalid bytes; never raises."""
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")
