"""Which outlet published an article: its address's host, the source it came with, or its dateline."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.utils.text import slugify

from claims.models import Outlet

# A wire-style dateline naming the outlet by its address, at the start of a line near the top:
# "TRIBUNNEWS.COM -", "KOMPAS.com -", "JAKARTA, KOMPAS.com -", "Liputan6.com, Jakarta -", "VIVA.co.id –".
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Za-z.' -]{1,40},[ \t]+)?"
    r"(?P<domain>[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z]{2,6}){1,2})"
    r"(?:,[ \t]*[A-Z][A-Za-z.' -]{1,40})?[ \t]+[-\u2013\u2014][ \t]",
    re.MULTILINE,
)
# Datelines come after the title and the lede, within the first few lines.
DATELINE_SEARCH_CHARS = 1500
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")


def outlet_find(*, url: str = "", name: str = "", text: str = "", source_url: str = "") -> Outlet | None:
    """The outlet of an article, created on first sight; None if nothing says which it is.

    The address's host decides when there is one. Otherwise the source given with the
    article: a domain such as ``tribunnews.com``; the address it was taken from
    (``source_url``); or an outlet's name, matched to the dateline's domain when they agree
    ("kompas" and ``JAKARTA, KOMPAS.com -``). Last, the dateline alone.
    """
    host = _host(url)
    if host:
        return _outlet(domain=host, name=name or host)
    name = name.strip()
    domain = _as_domain(name) if name else ""
    if domain:
        return _outlet(domain=domain, name=_name_for(domain))
    host = _host(source_url)
    if host:
        return _outlet(domain=host, name=_display_name(name, host))
    dateline = dateline_domain(text)
    if name:
        if dateline and _names_agree(name, dateline):
            return _outlet(domain=dateline, name=_display_name(name, dateline))
        known = Outlet.objects.filter(name__iexact=name).first()
        return known or _outlet(domain=slugify(name)[:253] or name.lower()[:253], name=name[:200])
    return _outlet(domain=dateline, name=_name_for(dateline)) if dateline else None


def outlet_key(*, name: str = "", text: str = "", source_url: str = "") -> tuple[str, str, str]:
    """What outlet_find decides by for an article without a URL: equal keys, equal outlets."""
    return (name.strip(), _host(source_url), dateline_domain(text))


def dateline_domain(text: str) -> str:
    """The outlet's domain named by a dateline near the top of the text ("KOMPAS.com -"), or ""."""
    found = _DATELINE.search(text[:DATELINE_SEARCH_CHARS])
    return _as_domain(found.group("domain")) if found else ""


def _outlet(*, domain: str, name: str) -> Outlet:
    outlet, _ = Outlet.objects.get_or_create(domain=domain, defaults={"name": name[:200]})
    return outlet


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    except ValueError:
        return ""


def _as_domain(value: str) -> str:
    domain = value.strip().lower().removeprefix("www.").rstrip(".")
    return domain if _DOMAIN.match(domain) else ""


def _names_agree(name: str, domain: str) -> bool:
    """Whether an outlet's name is its domain's ("Kompas", "kompas.com")."""
    return slugify(name).replace("-", "") == slugify(domain.split(".", 1)[0]).replace("-", "")


def _display_name(name: str, domain: str) -> str:
    """The name given, unless it is only a lower-case label ("kumparan"): then one from the domain."""
    return name[:200] if name and not name.islower() else _name_for(domain)


def _name_for(domain: str) -> str:
    """A display name from a domain: "tribunnews.com" -> "Tribunnews"."""
    first = domain.split(".", 1)[0]
    return first[:1].upper() + first[1:]
