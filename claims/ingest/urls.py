"""Article addresses as stored: never with a user name or password in them."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

CREDENTIALS_REFUSED = (
    "the address holds a user name or password, which are never sent or stored; "
    "give the address without them, or the page's text or HTML instead"
)


def url_has_credentials(url: str) -> bool:
    """True if the address carries a user name or password (``https://user:secret@host/``)."""
    return "@" in urlsplit(url or "").netloc


def url_without_credentials(url: str) -> str:
    """The address with any ``user:password@`` removed; other addresses come back unchanged."""
    url = (url or "").strip()
    if not url_has_credentials(url):
        return url
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
