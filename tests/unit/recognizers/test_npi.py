"""NPI recognizer: Luhn over 80840 + first nine digits; a phone-shaped number is an NPI
only with NPI context. Numbers are invented, check digits computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import npi
from detectors.recognizers._checksums import npi_valid

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "NPI"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return npi.build()


# Luhn over "80840" + first nine digits: 1526018159, 1908301660 and 2390996033 pass.
POSITIVES = [
    ("NPI 1526018159 for the referring provider", ["1526018159"]),
    ("npi# 1908301660", ["1908301660"]),
    ("NPI number 1908301660", ["1908301660"]),
    ("National Provider Identifier: 2390996033", ["2390996033"]),  # looks like a phone
    ("ordering provider 1526018159", ["1526018159"]),  # starts with 1: cannot be a phone
    ("NPIs 1526018159, 1908301660", ["1526018159", "1908301660"]),
]

NEGATIVES = [
    "NPI 1526018158",  # Luhn fails
    "NPI 2390996034",  # Luhn fails
    "2390996033",  # Luhn passes but starts with 2: a phone number without NPI context
    "call 2390996033 tomorrow",
    "MRN 1526018159",  # labelled as another identifier
    "Acct # 1908301660",
    "cell 1526018159",  # labelled as a phone
    "15260181591",  # 11 digits
    "1526018159.5",
    "NPI 152601815",  # 9 digits
]

SCANNER_CASES = [
    ("Referring NPI 2390996033, please fax the consult note", "2390996033"),
    ("Dr. Ruiz (NPI 1526018159) signed the order", "1526018159"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_npi(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_npi(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_npi(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_npi(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    ("npi", "valid"),
    [
        ("1526018159", True),
        ("2390996033", True),
        ("1526018158", False),
        ("152601815", False),
        ("152601815a", False),
    ],
)
def test_npi_checksum(npi: str, valid: bool) -> None:
    assert npi_valid(npi) is valid


def test_phone_shaped_npi_is_not_a_phone(scanned: ScanFinder) -> None:
    text = "NPI: 2390996033"
    assert scanned(text) == {(5, 15, "NPI")}
