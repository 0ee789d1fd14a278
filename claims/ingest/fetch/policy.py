"""Which addresses may be fetched: public unicast only, every DNS answer checked.

A host is resolved once per hop and every address must be public (no loopback, private,
link-local/metadata, CGNAT, multicast, reserved or unspecified address, including IPv4
addresses embedded in IPv6). Hosts or networks in FACTCHECK_FETCH_ALLOW_HOSTS are exempt
(a local test server, never in production).
"""

from __future__ import annotations

import ipaddress
import socket
import threading

from django.conf import settings

from .errors import BlockedAddress, FetchTimeout, HostNotFound

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Refused on top of what ``ipaddress`` reports as non-global, so the rule does not
# depend on the Python version's tables.
BLOCKED_NETWORKS = tuple(
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
    if any(addr in net for net in BLOCKED_NETWORKS if net.version == addr.version):
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
    for entry in settings.FACTCHECK_FETCH_ALLOW_HOSTS or ():
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
