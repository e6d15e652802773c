"""The month-word gate skips the month formats only where none of them can match."""

from __future__ import annotations

import random
import re

import pytest

from detectors.recognizers.dates import _MONTH_WORD, _ORDINAL_GATE, FORMATS, _month_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria decreased her dose; separate visit", False),  # month prefixes, not words
        ("seen March 3", True),
        ("back in Sept.", True),
        ("on 20thOct", True),  # an ordinal glued to the month
        ("MAY 2019", True),
        ("Marıa", True),  # a dotless i: the lower-cased text cannot be trusted
    ],
)
def test_month_word(text: str, expected: bool) -> None:
    assert _month_word(text, text.lower()) is expected


@pytest.mark.parametrize(
    "text",
    [
        "March 3, 1966",
        "3 March 1966",
        "20th Oct",
        "the 2nd of December",
        "Nov 2016",
        "in September",
    ],
)
def test_every_month_format_match_holds_a_month_word(text: str) -> None:
    month_formats = [f for f in FORMATS if f.name.startswith(("month", "day_month"))]
    matches = [m.group() for f in month_formats for m in f.pattern.finditer(text)]
    assert matches
    assert all(_month_word(match, match.lower()) for match in matches)


def test_month_word_answers_as_its_pattern_would() -> None:
    """The month-start search gives _MONTH_WORD's answer on any text (seeded fuzz)."""
    pieces = ["jan", "uary", "may", "mar", "ch", "st", "th", "nd", "sep", "t", "ember"]
    pieces += ["oct", "dec", "reased", "a", "1", " ", "-", ".", "\n", "é", "ju", "ly", "ne"]
    chooser = random.Random(7)
    for _ in range(20_000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 8)))
        assert _month_word(text, text) is (_MONTH_WORD.search(text) is not None), text


def test_the_ordinal_gate_opens_where_its_plain_form_matches() -> None:
    plain = re.compile(r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b")
    pieces = ["the", "the ", "othe ", "_the ", "é", " ", "\n", "2nd", "12th", "123rd", "st", "x"]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9)))
        assert (plain.search(text) is None) == (_ORDINAL_GATE.search(text) is None), text
