"""IP address recognizer: IPv4 with octets 0-255 and IPv6 (full and compressed), never
version strings, dates or OIDs; internal addresses score below the threshold."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import ip_address

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "IP_ADDRESS"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return ip_address.build()


POSITIVES = [
    ("user id pjones (IP 93.27.184.61): refill denied", ["93.27.184.61"]),
    ("login from 203.0.113.45.", ["203.0.113.45"]),
    ("addr 8.8.4.4, 255.255.255.0", ["8.8.4.4", "255.255.255.0"]),
    ("IPv6 2001:db8:85a3::8a2e:370:7334 seen", ["2001:db8:85a3::8a2e:370:7334"]),
    ("from 2001:0db8:85a3:0000:0000:8a2e:0370:7334.", ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]),
    ("client 2a02:1205:501e::10 connected", ["2a02:1205:501e::10"]),
]

NEGATIVES = [
    "256.14.201.77",  # octet above 255
    "98.14.201",  # three parts
    "version 1.2.3",
    "v4.2.1.0",  # version string
    "firmware 10.4.2.1",
    "12.01.2026",  # dotted date
    "OID 2.16.840.1.113883.19",
    "93.27.184.61.5",
    "at 9:30, then 12:30:45",
    "::1",
    "ratio 1::2",
    "section 1.2.3.4 of the policy",
]

SCANNER_CASES = [
    (
        "Portal login by user id pjones2 from IP 93.27.184.61 failed twice",
        "93.27.184.61",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_ip_address(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_ip_address(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_ip_address(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_ip_address(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    "text", ["10.0.0.12", "192.168.1.20", "127.0.0.1", "fe80::1ff:fe23:4567:890a"]
)
def test_internal_addresses_are_below_threshold(
    recognizers: list[EntityRecognizer], text: str
) -> None:
    results = [r for rec in recognizers for r in rec.analyze(text, [TYPE])]
    assert [(r.start, r.end) for r in results] == [(0, len(text))]
    assert all(r.score < 0.5 for r in results)
