"""Capital-led gates searched at their leads' places must answer as a full search does.

_capital_leads finds, once per chunk, where any gathered gate's leading word occurs and
tries each gate only there. The answer must be gate.search's own for every gate of our
rules that takes this path: leads at the text's start and end, inside longer words
("Streets", "OAK 12345" holds the state code "AK", "PLACE" holds "LA"), non-ASCII
letters around and inside them, and gates first searched after the places were made.
"""

from __future__ import annotations

import itertools
import re

import pytest

from detectors.recognizers import all_recognizers
from detectors.recognizers._capital_leads import (
    _search_for,
    capital_gate_found,
    capital_leads,
    lead_places,
)
from detectors.recognizers._gates import gate_search
from detectors.recognizers.base import RegexRecognizer


def _capital_gates() -> dict[str, re.Pattern[str]]:
    gates = {}
    for recognizer in all_recognizers():
        if isinstance(recognizer, RegexRecognizer):
            for rule, _, gate in recognizer._rules:
                if gate is not None and capital_leads(gate) is not None:
                    gates[rule.name] = gate
    return gates


_PIECES = [
    "12 Main Street",
    "Streets",
    "OAK 12345",
    "PLACE",
    "Ohio, OH 44101",
    "Canada 12",
    "Calle",
    "Callejón 5",
    "Prolongación",
    "Av. ",
    "İ",
    "é",
    " ",
    "\n",
    "St",
    "COPD",
    "Col.",
    "Via",
]


def test_the_street_state_and_country_gates_take_this_path() -> None:
    assert {"us_street", "named_street", "zip_after_state", "postal_after_country"} <= set(
        _capital_gates()
    )


@pytest.mark.parametrize("name", sorted(_capital_gates()))
def test_a_gate_is_found_exactly_where_a_full_search_finds_it(name: str) -> None:
    gate = _capital_gates()[name]
    answers = set()
    for parts in itertools.product(_PIECES, repeat=2):
        text = "".join(parts)
        expected = gate.search(text) is not None
        answers.add(expected)
        assert gate_search(gate, text) is expected, text
    assert answers == {True, False} or name == "colonia"


def test_a_gate_gathered_after_the_places_were_made_is_still_exact() -> None:
    text = "Seen at 4410 Avenida Cipreses, then moved to OAK 12345 and Canada 5"
    first = re.compile(r"(?:Avenida|Calle)\s+\w")
    later = re.compile(r"(?:AK|Canada),?\s+\d")
    for gate in (first, later):
        leads = capital_leads(gate)
        assert leads is not None
        assert capital_gate_found(gate, leads, text) is True
    assert capital_gate_found(later, ("AK", "Canada"), text.replace("Canada", "C")) is True


def test_places_are_every_start_of_a_lead_even_inside_another() -> None:
    search = _search_for(frozenset({"St", "Street", "LA", "PLACE", "Cove"}))
    text = "Street PLACE St LAB Cove"
    expected = [i for i in range(len(text)) if text.startswith(("St", "LA", "PLACE", "Cove"), i)]
    assert lead_places(text, search) == expected


def test_the_tree_search_finds_every_lead_as_the_plain_alternation_does() -> None:
    leads = frozenset({"A", "AK", "Alley", "Ave", "Av.", "Court", "CO", "COURT", "Cove", "Ct"})
    tree = _search_for(leads)
    plain = re.compile("|".join(map(re.escape, leads)))
    for parts in itertools.product(["A", "K", "v", ".", "C", "o", "u", "O", "e", " "], repeat=3):
        text = "".join(parts)
        assert (tree.search(text) is None) is (plain.search(text) is None), text
