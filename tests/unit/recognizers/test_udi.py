"""GS1 UDI recognizer: (01) + GTIN-14 with a mod-10 check, production identifiers included
in the span. Values are invented, check digits computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import udi
from detectors.recognizers._checksums import gs1_valid

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "DEVICE"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return udi.build()


# GTIN-14 check digits computed: 00884455120939, 10612345000781, 00763000981129.
POSITIVES = [
    ("UDI (01)00884455120939 on the implant card", ["(01)00884455120939"]),
    (
        "pump UDI (01)10612345000781(17)281130(10)LOT88A(21)SN7741290.",
        ["(01)10612345000781(17)281130(10)LOT88A(21)SN7741290"],
    ),
    ("(01) 00763000981129 (21) 4410-ZX9", ["(01) 00763000981129 (21) 4410-ZX9"]),
    ("(01)00884455120939(11)250102(10)B-2207", ["(01)00884455120939(11)250102(10)B-2207"]),
]

NEGATIVES = [
    "(01)00884455120938",  # check digit fails
    "(01)0088445512093",  # 13 digits
    "00884455120939",  # no (01) application identifier
    "step (01) done, step (02) pending",
    "(01)10612345000782(21)SN7741290",
]

SCANNER_CASES = [
    (
        "Pacemaker UDI (01)10612345000781(17)281130(21)SN7741290 explanted today",
        "(01)10612345000781(17)281130(21)SN7741290",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_udi(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_udi(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_udi(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_udi(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("00884455120939", True),
        ("4006381333931", True),
        ("00884455120938", False),
        ("0088445512093x", False),
        ("7", False),
    ],
)
def test_gs1_checksum(digits: str, valid: bool) -> None:
    assert gs1_valid(digits) is valid
