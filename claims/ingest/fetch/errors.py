"""Why a page could not be fetched, in words for the user; `transient` when trying later may work."""

from __future__ import annotations


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


class CredentialsInURL(InvalidURL):
    """The URL carries a user name or password, which are never sent or stored."""


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
