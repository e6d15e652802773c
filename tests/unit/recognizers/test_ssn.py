"""SSN recognizer: dashed SSNs alone, spaced or bare ones only after "SSN"; SSA-invalid
areas, groups and serials are rejected. Numbers are invented."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import ssn
from detectors.recognizers.ssn import ssn_parts_valid

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "SSN"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return ssn.build()


POSITIVES = [
    ("SSN 219-48-7730 on the denied claim", ["219-48-7730"]),
    ("Social Security number: 412-09-3318.", ["412-09-3318"]),
    ("his number is 538-77-1042, please verify", ["538-77-1042"]),
    ("ssn: 219 48 7730", ["219 48 7730"]),
    ("Soc Sec 412093318", ["412093318"]),
    ("social security no. 538771042 on file", ["538771042"]),
    ("SSNs 219-48-7730 and 412-09-3318", ["219-48-7730", "412-09-3318"]),
    # A label makes an ITIN (9xx area) or an unissued area a person's number.
    ("ITIN 912-78-4410 for the uninsured patient", ["912-78-4410"]),
    ("SSN: 987-65-4320", ["987-65-4320"]),
    ("tin: 944 71 2209", ["944 71 2209"]),
    ("Taxpayer ID # 931551284.", ["931551284"]),
    ("ssn 666-31-2287 on the old chart", ["666-31-2287"]),
]

NEGATIVES = [
    "000-48-7730",  # area 000
    "666-48-7730",  # area 666
    "912-48-7730",  # area 9xx (ITINs)
    "219-00-7730",  # group 00
    "219-48-0000",  # serial 0000
    "219 48 7730 without a keyword",
    "account 412093318",  # nine bare digits, no SSN label
    "call 212-555-0148",  # phone shape
    "ZIP+4 21201-3318",
    "claim 219-48-7730-01",  # part of a longer code
    "SSN 000-48-7730",  # an all-zero part, even with the keyword
    "ITIN 912-00-7730",
    "TIN 912-48-0000",
    "ITIN 912-48-7730-01",  # part of a longer code
    "912-48-7730 on the intake form",  # a 9xx area needs a label
    "the itin office is at 912-48-7730 ext 4",  # the label is not the number's
    "12/08/2026 at 9:30",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_ssn(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_ssn(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_ssn(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("219487730", True),
        ("000487730", False),
        ("666487730", False),
        ("900487730", False),
        ("219007730", False),
        ("219480000", False),
        ("21948773", False),
        ("21948773x", False),
    ],
)
def test_ssn_parts_valid(digits: str, valid: bool) -> None:
    assert ssn_parts_valid(digits) is valid


def test_keyword_raises_score(recognizers: list[EntityRecognizer]) -> None:
    plain = [r.score for rec in recognizers for r in rec.analyze("219-48-7730", [TYPE])]
    labelled = [r.score for rec in recognizers for r in rec.analyze("SSN 219-48-7730", [TYPE])]
    assert plain == [pytest.approx(0.8)]
    assert labelled == [pytest.approx(1.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 219-48-7730 is on this patient's denied claim", "219-48-7730"),
        ("Pt: Ellis Varga, social security 412 09 3318, DOB on file", "412 09 3318"),
    ],
)
def test_scanner_reports_only_the_ssn(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}
