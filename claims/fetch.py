"""Fetch an article page over HTTP(S), refusing what a newsroom tool must not load."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "factcheck/0.1 (+claim tracker)"


class FetchError(Exception):
    """The page could not be fetched; the message says why, for the user."""


def fetch_page(url: str) -> bytes:
    """Return the body of an http(s) page, at most FACTCHECK_FETCH_MAX_BYTES long."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses can be fetched, not {scheme or 'a bare path'!r}")
    limit = settings.FACTCHECK_FETCH_MAX_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=settings.FACTCHECK_FETCH_TIMEOUT_SECONDS) as response:
            final_scheme = urlsplit(response.geturl()).scheme.lower()
            if final_scheme not in ("http", "https"):
                raise FetchError(f"the page redirected to a {final_scheme!r} address")
            body = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"could not reach {url}: {reason}") from None
    if len(body) > limit:
        raise FetchError(f"the page is larger than {limit // (1024 * 1024)} MB")
    return body
