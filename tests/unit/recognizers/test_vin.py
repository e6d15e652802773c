"""Vehicle identifiers: VINs with a mod-11 check digit (or a VIN label), licence plates
only after plate/tag context. Values are invented, check digits computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import vin
from detectors.recognizers._checksums import vin_valid

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "VEHICLE"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return vin.build()


# Check digit (9th character) computed: 5YJ3E1EA6KF317842, 1FTEW1EP4MKD59331, 2T1BURHE1JC048812.
POSITIVES = [
    ("VIN 5YJ3E1EA6KF317842 from the crash report", ["5YJ3E1EA6KF317842"]),
    ("car 1FTEW1EP4MKD59331 towed", ["1FTEW1EP4MKD59331"]),
    ("VIN: 2T1BURHE7JC048812", ["2T1BURHE7JC048812"]),  # bad check digit, but labelled
    ("license plate 7XKR482 seen in the ED lot", ["7XKR482"]),
    ("plate # ABC-1234.", ["ABC-1234"]),
    ("tag # KJ4 882", ["KJ4 882"]),
    ("Licence plate: 4GTR19", ["4GTR19"]),
]

NEGATIVES = [
    "5YJ3E1EA7KF317842",  # check digit fails, no VIN label
    "5YJ3E1EA6KF31784",  # 16 characters
    "5YJ3E1EA6KF317842X",  # 18 characters
    "5YJ3E1EA6KO317842",  # O is never used
    "12345678901234567",  # digits only: an account number
    "plate and screw fixation, 3.5 mm plate",
    "platelets 150, plate count 12",
    "tag along with the family",
    "name tag 12345",  # a tag is a plate only as "tag #"
    "license plate ABCDEF",  # no digit
]

SCANNER_CASES = [
    ("Patient was struck by vehicle VIN 5YJ3E1EA6KF317842 per police report", "5YJ3E1EA6KF317842"),
    ("Family car, license plate 7XKR482, is parked in the ED lot", "7XKR482"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_vehicle_id(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_vehicle_id(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_vehicle_id(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_vehicle_id(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    ("vin", "valid"),
    [
        ("5YJ3E1EA6KF317842", True),
        ("1FTEW1EP4MKD59331", True),
        ("1M8GDM9AXKP042788", True),
        ("5YJ3E1EA7KF317842", False),
        ("5YJ3E1EA6KF31784", False),
        ("5YJ3E1EA6KF31784I", False),
    ],
)
def test_vin_checksum(vin: str, valid: bool) -> None:
    assert vin_valid(vin) is valid
