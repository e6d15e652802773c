"""Street address recognizer: house number + name + suffix (+ unit), European styles, PO
and military boxes; the span is the street line. Addresses are invented."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import street_address

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "ADDRESS"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return street_address.build()


POSITIVES = [
    ("Home address: 2209 Linden Ridge Dr, Nampa, ID 83704", ["2209 Linden Ridge Dr"]),
    ("3184 Haapakatu 41 Apt. 507", ["3184 Haapakatu 41 Apt. 507"]),
    ("lives at 14 N Elm St Apt 4B, Springfield", ["14 N Elm St Apt 4B"]),
    ("1600 Pennsylvania Ave NW.", ["1600 Pennsylvania Ave NW"]),
    ("331 W 42nd St #12", ["331 W 42nd St #12"]),
    ("88 MAIN STREET SUITE 200", ["88 MAIN STREET SUITE 200"]),
    ("400 Harbor Blvd, Suite 210, Tampa", ["400 Harbor Blvd, Suite 210"]),
    ("12 Oak St.", ["12 Oak St"]),
    ("send to PO Box 4471", ["PO Box 4471"]),
    ("P.O. Box 12, Dover", ["P.O. Box 12"]),
    ("at 6138 Via Flavia 58", ["6138 Via Flavia 58"]),
    ("Brauchlstrasse 9", ["Brauchlstrasse 9"]),
    ("PSC 4417, Box 2290\nAPO AP 07815", ["PSC 4417, Box 2290\nAPO AP 07815"]),
    ("9 Old Mill Rd and 41 Quarry Lane", ["9 Old Mill Rd", "41 Quarry Lane"]),
]

NEGATIVES = [
    "walked 50 feet the whole way",
    "had 2 Head CT",
    "2 Renal CT",
    "Lasix 40 Mg Daily Dr Smith",
    "Thorne Whitlock VitaBP 220",
    "resident of Birchfield Terrace memory care",  # no house number
    "CHEST TUBE TO 20 CM SUCTION, 2 MEDIASTINAL CT",
    "1 ST DEGREE AV BLOCK",
    "12U REG INSULIN SQ GIVEN",
    "Room 12 Dr Jones",
    "Please review 3 Main Street-facing windows",
    "sent Via Email 2024",
]

SCANNER_CASES = [
    (
        "Address for the home-health visit: 2209 Linden Ridge Dr, Nampa (patient)",
        "2209 Linden Ridge Dr",
    ),
    ("Mail the statement to PO Box 4471, thanks", "PO Box 4471"),
]


POSITIVES += [
    ("Jon Berg\n> 12 Fjordgate 4\n> Suite 17\n> Bergen", ["12 Fjordgate 4", "Suite 17"]),
    ("she lives at 417 Kalliolinnantie 8, Helsinki", ["417 Kalliolinnantie 8"]),
    ("The clinic is on Nad Vltavou 1203", []),
    ("The bus station is on Nad Vltavou 1203", ["Nad Vltavou 1203"]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_address(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_address(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_address(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_address(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}
