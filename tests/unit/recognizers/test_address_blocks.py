"""Address-block recognizer: name-and-number street lines confirmed by a unit line or a
cue, streets with a unit inside prose, named streets, ships' mail. Addresses invented."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import address_blocks, street_address

Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]

TYPE = "ADDRESS"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return address_blocks.build()


POSITIVES = [
    ("Ana Vos\n\n4410 Kruuni 38\n Suite 512\n Tartu", ["4410 Kruuni 38", "Suite 512"]),
    ("> 812 rue du marais 17\n> apt. 44\n> Namur", ["812 rue du marais 17", "apt. 44"]),
    ("Billing address:\n  ul. Lipowa 12\n  Apt. 7\n", ["ul. Lipowa 12", "Apt. 7"]),
    ("please validate 5120 Brunnweg 9 Apt. 61 Zug", ["5120 Brunnweg 9 Apt. 61"]),
    ("the corner of Pihlaka 7 and Alder Flat? I am lost", ["Pihlaka 7 and Alder Flat"]),
    ("She lives at 38 avenue de Lorraine, Metz.", ["38 avenue de Lorraine"]),
    ("the early shows on Orchard Hill Street were loud", ["Orchard Hill Street"]),
    ("The address is USCGC Marlowe\nFPO AE 34012", ["USCGC Marlowe\nFPO AE 34012"]),
]

NEGATIVES = [
    "Repeat HCT 29 last eve. Received 1 unit PRBC over 5 hours",
    "BS 166 COVERED WITH SSI 2 UNITS",
    "Pt seen to address goals set at re-evaluation on 7/23",
    "Will address nutrition strategy 4/16 with the team",
    "Lasix 40\nSuite of labs drawn",  # a unit word, but no unit number
    "meet me at 5 pm in the lobby",
    "heparin 800 units/hr and coumadin 5",
    "Potassium 4.1\nGlucose 120",
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


def test_house_number_before_a_street_is_part_of_it(typed_spans: TypedFinder) -> None:
    text = "Debra Noll\n\n4812 2207 Hoek St\n Apt. 416"
    found = typed_spans(street_address.build(), text, TYPE)
    street_end = text.index("Hoek St") + len("Hoek St")
    assert any(start == text.index("4812") and end >= street_end for start, end, _ in found)
