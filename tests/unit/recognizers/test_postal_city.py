"""The city of a US postal line ("<City>, <State> <ZIP>"), found by the line's shape.

Every value is invented; none is in a place list, so only the postal rule can find them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.places.postal import postal_city_rule
from detectors.recognizers.locations import build
from detectors.text.tokens import tokenize
from tests.unit.recognizers.rule_texts import candidate_texts

RECOGNIZERS = build()
# The conftest.py fixtures `find_spans` and `scanned`.
SpanFinder = Callable[[list[EntityRecognizer], str], list[str]]
ScanFinder = Callable[[str], set[tuple[int, int, str]]]


def _cities(text: str) -> list[str]:
    tokens = tokenize(text)
    return candidate_texts(text, tokens, postal_city_rule(tokens, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail to 12 Oxbel Road, Suite 4, Pellston Heights, MI 49769.", ["Pellston Heights"]),
        ("Address: 77 Quimby Ave Apt 3\nFenwick Falls, VT 05001", ["Fenwick Falls"]),
        ("Ship to 3302 Corvin Blvd\nHalberd City\nTexas 75001-2231", ["Halberd City"]),
        ("Her sister lives in Tarrowmere, New Jersey 08001 now", ["Tarrowmere"]),
        ("RETURN TO 4 ELSK ST, QUORNBY, OH 43210", ["QUORNBY"]),
        ("lives in Brellisford NC 27601 with her son", ["Brellisford"]),
    ],
)
def test_the_city_before_a_state_and_zip(text: str, expected: list[str]) -> None:
    assert _cities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "HEPARIN GTT IN 25000 UNITS PER HOUR",  # IN is a code, the number a dose
        "Heparin drip, IN 25000 units",
        "Kansas City, Missouri",  # no ZIP: left to the gazetteer
        "She moved from Vermont 05001",  # a state alone, no city before it
        "seen in clinic, MD 20814",  # a lower-case word is no city
        "Order 12345 shipped to New York 10001",  # a state's own name is no city
    ],
)
def test_no_city_without_the_postal_line_shape(text: str) -> None:
    assert _cities(text) == []


def test_the_recognizer_reports_the_city_as_a_location(find_spans: SpanFinder) -> None:
    text = "Send records to 9 Wren Ct, Ostlebury, WY 82001 by Friday."
    assert "Ostlebury" in find_spans(RECOGNIZERS, text)


def test_the_scanner_finds_street_city_and_zip_but_not_the_state(scanned: ScanFinder) -> None:
    text = "Address: 77 Quimby Ave Apt 3, Fenwick Falls, VT 05001"
    spans = {(text[start:end], kind) for start, end, kind in scanned(text)}
    assert ("Fenwick Falls", "LOCATION") in spans and ("05001", "ZIP") in spans
    assert not any(value == "VT" for value, _ in spans)
