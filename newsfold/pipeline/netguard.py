"""The SSRF guard: which URLs we read and which addresses we connect to.

Feed URLs come from users, OPML files and publishers' redirects, so any of them may aim at
the machine we run on, its neighbours or a cloud metadata service. The guard judges the
addresses a host name RESOLVES to, never the host text: glibc turns `2130706433`, `0x7f.1`
and `127.1` into 127.0.0.1, and public wildcard names (nip.io and friends) answer with any
address asked for. The fetcher then connects to exactly the address judged here, with no
second lookup, so a DNS answer that changes between check and connect (rebinding) gains
nothing.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from newsfold.pipeline.errors import BlockedAddress, ConnectFailed, InvalidURL
from newsfold.pipeline.types import FetchPolicy

__all__ = [
    "Resolver",
    "Target",
    "address_allowed",
    "is_public_address",
    "parse_target",
    "resolve_checked",
    "system_resolver",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

# Ranges refused outright. `ipaddress.is_global` covers most of them, but its table moves
# between Python releases and calls some of these global (192.0.0.192, 192.88.99.1,
# multicast, fec0::/10), so the list is spelled out.
_BLOCKED = tuple(
    ipaddress.ip_network(cidr)
    for cidr in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "10.0.0.0/8",
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",
        "169.254.0.0/16",  # link-local, cloud metadata
        "172.16.0.0/12",
        "192.0.0.0/24",  # IETF protocol assignments (Oracle metadata 192.0.0.192)
        "192.0.2.0/24",  # TEST-NET-1
        "192.88.99.0/24",  # deprecated 6to4 relay anycast
        "192.168.0.0/16",
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # TEST-NET-2
        "203.0.113.0/24",  # TEST-NET-3
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes the broadcast address
        "::/128",
        "::1/128",
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/32",  # Teredo: the client address inside is obfuscated, so refuse it all
        "2001:2::/48",  # benchmarking
        "2001:10::/28",  # ORCHID
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation (RFC 9637)
        "5f00::/16",  # SRv6 SIDs
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated, still routed by some stacks)
        "ff00::/8",  # multicast
    )
)
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Target:
    """A URL we are willing to fetch, with the parts the connection needs."""

    url: httpx.URL  # fragment dropped
    scheme: str
    host: str  # ASCII (IDNA) and lower case; IPv6 without brackets
    port: int

    @property
    def netloc(self) -> str:
        """The Host header: what the server expects, though we connect to an address."""
        return self.url.netloc.decode("ascii")


def parse_target(url: str) -> Target:
    """Accept only plain http(s) URLs whose host a resolver can be asked about honestly.

    Anything that parsers read differently (backslashes, control characters, user info
    before an `@`) is refused rather than interpreted: that gap is where SSRF bypasses live.
    """
    if not isinstance(url, str) or not url.strip():
        raise InvalidURL("The feed URL is empty.")
    text = url.strip()
    if _CONTROL.search(text):
        raise InvalidURL("The URL contains control characters (tab, newline, NUL...).")
    if "\\" in text:
        raise InvalidURL(
            "The URL contains a backslash, which browsers and servers read differently."
        )
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InvalidURL(f"Not a valid URL: {exc}") from None
    scheme = parsed.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidURL(f"Only http and https URLs can be fetched, not {scheme or 'this'}: URLs.")
    if parsed.userinfo:
        raise InvalidURL("URLs with a user name or password before the host are not fetched.")
    host = parsed.raw_host.decode("ascii", errors="replace").lower()
    if not host:
        raise InvalidURL("The URL has no host name.")
    if ":" in host:
        if not _is_ip_literal(host):
            raise InvalidURL(f"The URL's host {host!r} is not a valid IPv6 address.")
    elif _ends_in_number(host):
        # Browsers read such a host as IPv4 in any spelling (0x7f.1, 2130706433, 127.1.)
        # and refuse it if it is not one; so do we, rather than asking DNS about it.
        address = _whatwg_ipv4(host)
        if address is None:
            raise InvalidURL(f"The URL's host {host!r} is neither a name nor an IPv4 address.")
        host = str(address)
    elif not _is_host_name(host):
        raise InvalidURL(f"The URL's host {host!r} is not a valid host name.")
    port = parsed.port if parsed.port is not None else _DEFAULT_PORTS[scheme]
    if not 0 < port < 65536:
        raise InvalidURL(f"The URL's port {port} is not a usable port.")
    return Target(url=parsed.copy_with(fragment=None), scheme=scheme, host=host, port=port)


def system_resolver(host: str, port: int) -> list[str]:
    """Ask the operating system, as a connection would, and keep every address it gives."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def is_public_address(address: IPAddress) -> bool:
    """True for an address on the public internet, judged by the IPv4 inside if it has one.

    IPv4-mapped, -compatible and -translated IPv6, NAT64 and 6to4 addresses carry an IPv4
    address that the network may deliver to, so that IPv4 address is what is judged; this
    also keeps NAT64 (IPv6-only hosts) working for public sites.
    """
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return is_public_address(embedded)
    if any(address in network for network in _BLOCKED if network.version == address.version):
        return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def address_allowed(address: IPAddress, policy: FetchPolicy) -> bool:
    """Public addresses always; others only when the policy opens them explicitly."""
    if policy.allow_private:
        return True
    candidates = [address]
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        candidates.append(embedded)
    for network in _allowed_networks(policy.allowed_networks):
        if any(c.version == network.version and c in network for c in candidates):
            return True
    return is_public_address(address)


def resolve_checked(
    target: Target, policy: FetchPolicy, resolver: Resolver | None = None
) -> list[str]:
    """Resolve once and refuse if ANY address is off limits; connect only to what is returned.

    Refusing on any bad address (not just skipping it) keeps a rebinding name that answers
    with both a public and a private address from being half trusted.
    """
    literal = _ip_or_none(target.host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            answers = (resolver or system_resolver)(target.host, target.port)
        except (OSError, UnicodeError) as exc:
            raise ConnectFailed(f"Could not resolve the host name {target.host}: {exc}") from None
        addresses = []
        for answer in answers:
            parsed = _ip_or_none(str(answer))
            if parsed is None:
                raise ConnectFailed(f"The resolver gave {answer!r} for {target.host}.")
            if parsed not in addresses:
                addresses.append(parsed)
        if not addresses:
            raise ConnectFailed(f"Could not resolve the host name {target.host}.")
    for address in addresses:
        if not address_allowed(address, policy):
            kind = f"{_kind(address)} address, not on the public internet"
            if literal is None:
                raise BlockedAddress(f"Refused: {target.host} resolves to {address}, {kind}.")
            raise BlockedAddress(f"Refused: {address} is {kind}.")
    return [str(address) for address in addresses]


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _IPV4_COMPATIBLE or address in _IPV4_TRANSLATED or address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _kind(address: IPAddress) -> str:
    checked = _embedded_ipv4(address) or address
    for name in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(checked, f"is_{name}"):
            name = name.replace("_", "-")
            return f"an {name}" if name[0] in "aeiou" else f"a {name}"
    return "a non-public"


@functools.lru_cache(maxsize=32)
def _allowed_networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as exc:
        raise ValueError(f"FetchPolicy.allowed_networks: {exc}") from None


def _ip_or_none(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_ip_literal(host: str) -> bool:
    # Zone ids ("fe80::1%eth0") name a local interface: never something a feed needs.
    return "%" not in host and _ip_or_none(host) is not None


def _ends_in_number(host: str) -> bool:
    """The WHATWG URL standard's test for a host that must be read as IPv4."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    return (last.isascii() and last.isdigit()) or _ipv4_number(last) is not None


def _whatwg_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """IPv4 in the spellings browsers and glibc accept: decimal, octal, hex, 1-4 parts."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    if len(labels) > 4:
        return None
    numbers = [_ipv4_number(label) for label in labels]
    if any(n is None for n in numbers):
        return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last + sum(n * 256 ** (3 - i) for i, n in enumerate(head))
    return ipaddress.IPv4Address(value)


def _ipv4_number(label: str) -> int | None:
    if not label or not label.isascii():
        return None
    digits, base = label, 10
    if label[:2] in ("0x", "0X"):
        digits, base = label[2:], 16
    elif len(label) > 1 and label[0] == "0":
        digits, base = label[1:], 8
    if not digits:
        return 0
    try:
        return int(digits, base) if digits.isalnum() else None
    except ValueError:
        return None


def _is_host_name(host: str) -> bool:
    name = host[:-1] if host.endswith(".") else host
    if not name or len(name) > 253:
        return False
    return all(_LABEL.match(label) for label in name.split("."))
