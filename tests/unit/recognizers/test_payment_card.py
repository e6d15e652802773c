"""Payment-card recognizer: Luhn-valid numbers in an issuer's range and length, whole or
grouped. Numbers are invented, check digits computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import payment_card
from detectors.recognizers.payment_card import card_number_valid

Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "ACCOUNT"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return payment_card.build()


POSITIVES = [
    ("card on file 4864 5428 4103 6641, exp next year", ["4864 5428 4103 6641"]),
    ("Visa 4864-5428-4103-6641", ["4864-5428-4103-6641"]),
    ("paid with 5321753377274746 today", ["5321753377274746"]),
    ("amex 3786 454284 10365", ["3786 454284 10365"]),
    ("Discover: 6011241592066116.", ["6011241592066116"]),
    ("mastercard 2223 2415 9206 6119", ["2223 2415 9206 6119"]),
]

NEGATIVES = [
    "card on file 4864 5428 4103 6642",  # Luhn fails
    "5321753377274747",  # Luhn fails
    "9864 5428 4103 6640",  # passes Luhn, but no issuer starts with 9
    "48645428410366410",  # 17 digits: no Visa length
    "order 4864542841036641-2",  # part of a longer code
    "specimen 1234 5678 9012 3452",  # no issuer starts with 1
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_card_number(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_card(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_card(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4864542841036641", True),
        ("4864542841036642", False),  # one digit off: Luhn fails
        ("378645428410365", True),
        ("378645428410366", False),
        ("4198344417470", True),  # 13-digit Visa
        ("1234567890123452", False),  # passes Luhn, no issuer
    ],
)
def test_card_number_valid(digits: str, valid: bool) -> None:
    assert card_number_valid(digits) is valid


def test_scanner_reports_the_card_as_an_account_number(scanned: ScanFinder) -> None:
    text = "Pt paid copay with card 4864 5428 4103 6641 yesterday."
    start = text.index("4864")
    overlapping = {f for f in scanned(text) if f[0] < start + 19 and start < f[1]}
    assert overlapping == {(start, start + 19, TYPE)}
