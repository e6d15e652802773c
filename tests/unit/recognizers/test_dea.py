"""DEA number recognizer: 2 letters + 7 digits with the DEA check digit. Numbers are
invented, check digits computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import dea
from detectors.recognizers._checksums import dea_valid

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "DEA"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return dea.build()


# (d1+d3+d5) + 2*(d2+d4+d6) ends in d7: BK4471203, FM9023184, AP5501273 pass.
POSITIVES = [
    ("DEA BK4471203 on the controlled-substance script", ["BK4471203"]),
    ("prescriber FM9023184", ["FM9023184"]),
    ("DEA#: AP5501273.", ["AP5501273"]),
]

NEGATIVES = [
    "DEA BK4471204",  # checksum fails
    "FM9023185",
    "bk4471203",  # DEA numbers are upper case
    "ZK4471203",  # Z is not a registrant type
    "XBK4471203",  # inside a longer code
    "BK44712031",
    "MRN BK4471203",  # labelled as another identifier
]

SCANNER_CASES = [
    ("Oxycodone 5 mg #20, prescriber DEA BK4471203, please verify", "BK4471203"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_dea(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_dea(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_dea(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_dea(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    ("dea", "valid"),
    [("BK4471203", True), ("AP5501273", True), ("BK4471204", False), ("BK447120", False)],
)
def test_dea_checksum(dea: str, valid: bool) -> None:
    assert dea_valid(dea) is valid
