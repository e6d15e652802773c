"""ZIP recognizer: 5-digit and ZIP+4 codes after a state (prefix consistent with it) or a
zip/postal keyword, never bare 5-digit numbers. Addresses are invented."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import zip_code
from detectors.recognizers._us_states import zip_matches_state

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "ZIP"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return zip_code.build()


POSITIVES = [
    ("Lina Berg\n> 12 Fjordgate 4\n> Apt. 3\nTRONDHEIM NO 7010", ["7010"]),
    ("Ana Moreira\n  ul. Lipowa 12 Apt. 7\n  Wroclaw\n  53-118", ["53-118"]),
    ("2591 Main St Suite 317\n   Truro\n    NS\n    B2N 5E3", ["B2N 5E3"]),
    ("support Nordwind in Vallerotta 43026 in its mission", ["43026"]),
    ("support Nordwind in Kobenhavn K 1421 in its mission", ["1421"]),
    ("1412 Birch Hollow Ln, Boise, ID 83704 (patient)", ["83704"]),
    ("Baltimore MD 21230-1142.", ["21230-1142"]),
    ("MD 21230", ["21230"]),
    ("Columbus, Ohio 43215", ["43215"]),
    ("Trenton, New Jersey 08608", ["08608"]),
    ("zip code: 21230", ["21230"]),
    ("ZIP 60614-2201", ["60614-2201"]),
    ("postal code K1A 0B1", ["K1A 0B1"]),
    ("Austin, TX 78701 and Reno, NV 89501", ["78701", "89501"]),
    ("Boise, ID 12345", ["12345"]),  # mistyped ZIP in a clear address line
    ("Hauptgasse 12\nSuite 4\nBern\nSwitzerland 3011", ["3011"]),
    ("Kirkevej 7 Apt. 21\n  Odense\n  5230", ["5230"]),
]

NEGATIVES = [
    "seen in Room 1021 for follow-up",
    "billed in CPT 99213 and 99214",
    "opened in Boston 2024 and moved",
    "Potassium 4.1\nGlucose 1200\n",  # no address above
    "We toured Germany 2024 with the staff",  # a year after a country, not a postal code
    "Results:\n12345\n",  # a number alone on a line with no address above
    "CPT 90837",
    "CPT codes 90837 and 90834",
    "lives in 21230",  # bare 5-digit number
    "Patient ID 83704",  # "ID" here is not Idaho
    "Employee ID 83704",
    "ID 12345",
    "Boise ID 12345",  # Idaho ZIPs start 832-838
    "MS 20193 on the plate reader",
    "in 21230 cases",
    "$12,345",
    "90837",
]

SCANNER_CASES = [
    ("Home address: 2209 Linden Ridge Dr, Nampa, ID 83704 (patient)", "83704"),
    ("Mail to Baltimore, MD 21230-1142 please", "21230-1142"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_zip(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_zip(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_zip(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_zip(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    ("zip_code", "state", "matches"),
    [
        ("83704", "ID", True),
        ("21230", "Maryland", True),
        ("08608", "new  jersey", True),
        ("12345", "ID", False),
        ("21230", "ZZ", False),
        ("2", "MD", False),
    ],
)
def test_zip_prefix_belongs_to_state(zip_code: str, state: str, matches: bool) -> None:
    assert zip_matches_state(zip_code, state) is matches
