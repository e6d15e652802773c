"""The month-word gate skips the month formats only where none of them can match."""

from __future__ import annotations

import pytest

from detectors.recognizers.dates import FORMATS, _month_word


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
