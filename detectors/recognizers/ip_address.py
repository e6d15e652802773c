"""IP addresses (Safe Harbor O): IPv4 and IPv6, e.g. from patient-portal access logs.

Candidates are validated with the standard library's `ipaddress`, so every IPv4 octet
is 0-255 and IPv6 compression is checked properly. Version strings ("v4.2.1.0",
"version 10.0.0.1"), section numbers and OID fragments are excluded. A patient's
address as seen by a portal is public; private, loopback and link-local addresses
are the clinic's own machines ("an internal server address beside no patient is not
PHI"), so they score 0.45, below the default threshold.
"""

from __future__ import annotations

import ipaddress

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule, has_context

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = (
    rf"(?<![\w.\-/])(?P<value>{_OCTET}(?:\.{_OCTET}){{3}})"
    r"(?![\w\-/]|\.\d)"
)
# Loose shape; ipaddress decides. At least two colons keeps times ("9:30") out.
_IPV6 = (
    r"(?<![\w:.])(?P<value>(?:[0-9a-f]{1,4}:|::?)(?:[0-9a-f]{0,4}:){1,7}"
    r"(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?)(?![\w:]|\.\d)"
)

_NOT_AN_ADDRESS = (
    "v",
    "ver",
    "version",
    "build",
    "release",
    "firmware",
    "fw",
    "update",
    "section",
    "sec",
    "step",
    "item",
    "oid",
    "icd",
)


# RFC 1918 and RFC 4193 ranges only: Python's is_private also covers the documentation
# ranges (192.0.2.0/24, 2001:db8::/32) that stand in for real public addresses.
_PRIVATE_V4 = tuple(
    ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)
_PRIVATE_V6 = ipaddress.IPv6Network("fc00::/7")


def _internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Private, loopback, link-local or unspecified: the clinic's own hosts."""
    if isinstance(address, ipaddress.IPv4Address):
        private = any(address in net for net in _PRIVATE_V4)
    else:
        private = address in _PRIVATE_V6
    return private or address.is_loopback or address.is_link_local or address.is_unspecified


def _score(text: str, match: regex.Match[str]) -> float | None:
    value = match.group("value")
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and len([g for g in value.split(":") if g]) < 3:
        return None  # "a::b" and "::1" are too short to tell from other notation
    if has_context(text, match.start("value"), _NOT_AN_ADDRESS, chars_before=12):
        return None
    return 0.45 if _internal(address) else 0.85


def build() -> list[EntityRecognizer]:
    rules = [Rule("ipv4", _IPV4, 0.85, flags=0), Rule("ipv6", _IPV6, 0.85)]
    return [RegexRecognizer("IP_ADDRESS", rules, name="IpAddressRecognizer", validator=_score)]
