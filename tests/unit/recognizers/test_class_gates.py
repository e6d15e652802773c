"""Class-only gates found in the translated chunk must answer as re's own search does.

_class_gates turns a gate of character classes in fixed counts ("\\d{4}[ \\-]\\d{4}",
the VIN's seventeen letters and digits) into a substring test on the chunk's class
numbers. The answer must be gate.search's own: matches at the text's start and end,
runs one too short, separators other than the gate's, and re's own "\\s" (which holds
\\x1c-\\x1f); a text with a non-ASCII digit or letter is searched as before.
"""

from __future__ import annotations

import itertools
import re

import pytest

from detectors.recognizers._class_gates import class_gate, class_gate_found
from detectors.recognizers._gates import gate_search

_GATES = [r"\d{4}[ \-]\d{4}", r"[A-HJ-NPR-Z0-9]{17}", r"\d{13}", r"\d{2}\s\d"]
_PIECES = ["1234", "5678", "123", " ", "-", "\x1c", "\t", "ABCDEFGH", "IOQ", "x", "\n", "٣"]


@pytest.mark.parametrize("pattern", _GATES)
def test_a_class_gate_answers_as_a_full_search(pattern: str) -> None:
    gate = re.compile(pattern)
    assert class_gate(pattern) is not None
    answers = set()
    for parts in itertools.product(_PIECES, repeat=4):
        text = "".join(parts)
        expected = gate.search(text) is not None
        answers.add(expected)
        assert gate_search(gate, text) is expected, repr(text)
    assert answers == {True, False}


def test_a_non_ascii_text_is_left_to_the_search() -> None:
    table, needle = class_gate(r"\d{4}[ \-]\d{4}") or (b"", b"")
    assert class_gate_found(table, needle, "1234 567٣") is None
    assert gate_search(re.compile(r"\d{4}[ \-]\d{4}"), "1234 567٣") is True


@pytest.mark.parametrize(
    "pattern",
    [r"[A-Z][A-Z9]", r"\d+", r"(?i)[a-z]{3}", r"\b\d{4}", r"\d{4}(?=x)", r"(\d)\d"],
)
def test_other_gates_keep_their_search(pattern: str) -> None:
    """Overlapping classes, open repeats, inline flags, anchors, look-arounds, groups."""
    assert class_gate(pattern) is None
